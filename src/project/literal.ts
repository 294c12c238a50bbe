/**
 * What does a config file export, as far as it can be known without running it? Parses the file and
 * evaluates only literals: objects, arrays, strings, numbers, booleans, null, plain templates,
 * `const` names bound to literals in the same file, spreads of literals, `defineConfig(...)` and
 * `mergeConfig(...)` from the runners' own packages, the default or named export of a file imported
 * or required by relative path (a shared base config), parsed the same way, members of what is read
 * (`base.test`), conditionals where both branches agree, and calls of functions declared at the top
 * level that only declare consts and return (parameters bound to the arguments). Plain top-level writes (`config.restoreMocks = true`,
 * `exports.require = [...]`) are applied in order; any other change to the value (a write inside a
 * condition or function, a method call on it, passing it to a function) makes what it touches
 * `UNKNOWN`, and only that. Nothing is executed.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { isRelativeSpecifier, resolveRelativeModule } from './module-file.js';
import { parseSource } from './parse.js';
import { VITEST_DEFAULT_EXCLUDE, VITEST_DEFAULT_INCLUDE } from './runner-defaults.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';

export const UNKNOWN = Symbol('unknown');

/** An object literal; `open` when a spread of unknown keys may have set keys not listed. */
export interface LiteralObject {
  readonly kind: 'object';
  readonly entries: ReadonlyMap<string, Literal>;
  readonly open: boolean;
}

export type Literal = string | number | boolean | null | readonly Literal[] | LiteralObject | typeof UNKNOWN;

/** Calls that only type their argument: `defineConfig({...})`. */
const CONFIG_WRAPPERS: ReadonlySet<string> = new Set(['defineConfig', 'defineProject', 'defineWorkspace']);

/** The packages whose wrappers return their argument unchanged; a local `defineConfig` may do anything. */
const CONFIG_MODULES: ReadonlySet<string> = new Set(['vitest/config', 'vite', 'jest', 'jest-config']);

/** Vite's `mergeConfig`, re-exported by vitest/config. */
const MERGERS: ReadonlySet<string> = new Set(['mergeConfig']);
const MERGER_MODULES: ReadonlySet<string> = new Set(['vitest/config', 'vite']);

/**
 * Constants the runners' config packages export, as their source defines them (Vitest 4,
 * `packages/vitest/src/defaults.ts`): `exclude: [...defaultExclude, 'e2e/**']`,
 * `[...configDefaults.exclude]`. `configDefaults` holds more keys, left unknown.
 */
const PACKAGE_CONSTANTS: Readonly<Record<string, Readonly<Record<string, Literal>>>> = (() => {
  const defaultInclude = [...VITEST_DEFAULT_INCLUDE];
  const defaultExclude = [...VITEST_DEFAULT_EXCLUDE];
  const configDefaults: LiteralObject = { kind: 'object', entries: new Map<string, Literal>([['include', defaultInclude], ['exclude', defaultExclude]]), open: true };
  return { 'vitest/config': { defaultInclude, defaultExclude, configDefaults } };
})();

/** How many files one config may reach through relative imports, itself included. */
const MAX_FILES = 4;

/** An import by relative path: `import base from './base'` (`name` 'default') or `import { shared } from './base'`. */
interface Import {
  readonly source: string;
  readonly name: string;
}

/** The binding CommonJS exports through; `exports.x` writes land on it until it is reassigned. */
const MODULE_EXPORTS = 'module.exports';

/** A change to a binding's value after it is made: `config.test.isolate = false`. */
interface Write {
  readonly path: readonly string[];
  /** The value assigned, or undefined when the change cannot be known. */
  readonly value: TSESTree.Node | undefined;
}

/**
 * The default export (`export default`, `module.exports =`, `exports.x =`) of a JavaScript or
 * TypeScript file, or the export called `name`. A function exported as the config (or passed to
 * `defineConfig`), sync or async, is read as the value it returns. `visiting`: the files on the
 * chain of imports that led here, this one included.
 */
export function exportedLiteral(code: string, filename: string, visiting: ReadonlySet<string> = new Set([filename]), name = 'default'): Literal {
  const program = parseSource(code, { ecmaVersion: 'latest', sourceType: 'module', jsx: false, filePath: filename, range: true, loc: false });
  const consts = new Map<string, TSESTree.Node>();
  const wrappers = new Set<string>();
  const mergers = new Set<string>();
  const imports = new Map<string, Import>();
  const constants = new Map<string, Literal>();
  const named = new Map<string, TSESTree.Node>();
  let exported: TSESTree.Node | undefined;
  for (const statement of program.body) {
    if (statement.type === T.ImportDeclaration) {
      const source = statement.source.value;
      for (const specifier of statement.specifiers) {
        const imported = specifier.type === T.ImportSpecifier && specifier.imported.type === T.Identifier ? specifier.imported.name : undefined;
        if (imported && CONFIG_MODULES.has(source) && CONFIG_WRAPPERS.has(imported)) wrappers.add(specifier.local.name);
        if (imported && MERGER_MODULES.has(source) && MERGERS.has(imported)) mergers.add(specifier.local.name);
        const constant = imported ? PACKAGE_CONSTANTS[source]?.[imported] : undefined;
        if (constant !== undefined) constants.set(specifier.local.name, constant);
        if (specifier.type === T.ImportDefaultSpecifier && isRelativeSpecifier(source)) imports.set(specifier.local.name, { source, name: 'default' });
        if (imported && isRelativeSpecifier(source)) imports.set(specifier.local.name, { source, name: imported });
      }
    }
    const declaration = statement.type === T.ExportNamedDeclaration ? statement.declaration : statement;
    // A function declared at the top level, called where the config is built: `project('threads')`.
    if (declaration?.type === T.FunctionDeclaration && declaration.id) consts.set(declaration.id.name, declaration);
    if (declaration?.type === T.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === T.Identifier && declarator.init) consts.set(declarator.id.name, declarator.init);
        const required = declarator.init ? requiredModule(declarator.init) : undefined;
        if (declarator.id.type === T.ObjectPattern && required !== undefined) {
          for (const property of declarator.id.properties) {
            const key = property.type === T.Property ? propertyKey(property) : undefined;
            if (property.type !== T.Property || !key || property.value.type !== T.Identifier) continue;
            if (CONFIG_MODULES.has(required) && CONFIG_WRAPPERS.has(key)) wrappers.add(property.value.name);
            if (MERGER_MODULES.has(required) && MERGERS.has(key)) mergers.add(property.value.name);
            if (isRelativeSpecifier(required)) imports.set(property.value.name, { source: required, name: key });
          }
        }
        if (statement.type === T.ExportNamedDeclaration && declarator.id.type === T.Identifier) named.set(declarator.id.name, declarator.id);
      }
    }
    if (statement.type === T.ExportDefaultDeclaration) exported = statement.declaration;
    if (statement.type === T.ExportNamedDeclaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.exported.type === T.Identifier) named.set(specifier.exported.name, specifier.local);
      }
    }
  }
  if (name !== 'default') exported = named.get(name);
  else exported ??= named.get('default');
  // The config wrappers and mergeConfig change none of their arguments.
  const pure = new Set([...wrappers, ...mergers]);
  const scope: Scope = { file: filename, visiting, consts, values: new Map(), wrappers, mergers, imports, writes: writesIn(program, pure), seen: new Set(), topConsts: consts, topImports: imports, constants };
  if (exported) return evaluateConfig(exported, scope);
  const cjs = scope.writes.get(MODULE_EXPORTS);
  if (!cjs) return UNKNOWN;
  const exports = withWrites({ kind: 'object', entries: new Map(), open: false }, cjs, scope);
  return name === 'default' ? evaluateConfig(exports, scope) : valueAt(exports, [name]) ?? UNKNOWN;
}

/**
 * A config, or a function (sync or async) returning one: the value it returns, when the body only
 * declares consts and returns. `args`: the values a call passes (a local `project('threads')`);
 * a parameter bound to one holds it, and any other parameter is unknown.
 */
function evaluateConfig(node: TSESTree.Node | Literal, scope: Scope, args?: readonly (Literal | undefined)[]): Literal {
  if (!isNode(node)) return node;
  const fn = unwrap(node);
  if (fn.type !== T.ArrowFunctionExpression && fn.type !== T.FunctionExpression && fn.type !== T.FunctionDeclaration) return evaluate(node, scope);
  const consts = new Map(scope.consts);
  const imports = new Map(scope.imports);
  const values = new Map(scope.values);
  // A parameter hides a top-level name; what it holds is the argument passed, else unknown.
  for (const [index, param] of fn.params.entries()) {
    for (const bound of boundNames(param)) {
      consts.delete(bound);
      imports.delete(bound);
      values.set(bound, UNKNOWN);
    }
    if (!args) continue;
    // A missing argument is undefined, or the parameter's default when it has one.
    const passed = index < args.length ? args[index] : undefined;
    if (param.type === T.Identifier) values.set(param.name, passed);
    else if (param.type === T.AssignmentPattern && param.left.type === T.Identifier) values.set(param.left.name, passed === undefined ? evaluate(param.right, { ...scope, consts, imports, values }) : passed);
  }
  let returned: TSESTree.Node | undefined | null;
  if (fn.body.type !== T.BlockStatement) {
    returned = fn.body;
  } else {
    for (const [index, statement] of fn.body.body.entries()) {
      if (statement.type === T.ReturnStatement && index === fn.body.body.length - 1) returned = statement.argument;
      else if (statement.type === T.VariableDeclaration && statement.kind === 'const') {
        for (const declarator of statement.declarations) {
          for (const bound of boundNames(declarator.id)) {
            imports.delete(bound);
            values.delete(bound);
            if (declarator.id.type === T.Identifier && declarator.init) consts.set(bound, declarator.init);
            else consts.delete(bound);
          }
        }
      } else return UNKNOWN;
    }
  }
  return returned ? evaluate(returned, { ...scope, consts, imports, values }) : UNKNOWN;
}

/** The names a parameter or declaration pattern binds. */
function boundNames(node: TSESTree.Node): string[] {
  switch (node.type) {
    case T.Identifier:
      return [node.name];
    case T.AssignmentPattern:
      return boundNames(node.left);
    case T.RestElement:
      return boundNames(node.argument);
    case T.ArrayPattern:
      return node.elements.flatMap((element) => (element ? boundNames(element) : []));
    case T.ObjectPattern:
      return node.properties.flatMap((property) => boundNames(property.type === T.Property ? property.value : property));
    case T.TSParameterProperty:
      return boundNames(node.parameter);
    default:
      return [];
  }
}


/**
 * The default export of a file imported by relative path, parsed like the config itself: a shared
 * base (`import base from './vite.config'`, `require('../../jest.base')`). Unknown past `MAX_FILES`
 * files, on a cycle, or when the file cannot be found or parsed.
 */
function importedLiteral({ source, name }: Import, scope: Scope): Literal {
  const file = resolveRelativeModule(scope.file, source);
  if (!file || scope.visiting.has(file) || scope.visiting.size >= MAX_FILES) return UNKNOWN;
  try {
    const text = readFileSync(file, 'utf8');
    if (file.endsWith('.json')) {
      const json = fromJson(JSON.parse(text));
      return name === 'default' ? json : (valueAt(json, [name]) ?? UNKNOWN);
    }
    return exportedLiteral(text, file, new Set([...scope.visiting, file]), name);
  } catch {
    return UNKNOWN;
  }
}

/** `'vitest/config'` for `require('vitest/config')`. */
function requiredModule(node: TSESTree.Expression): string | undefined {
  return node.type === T.CallExpression &&
    node.callee.type === T.Identifier &&
    node.callee.name === 'require' &&
    node.arguments[0]?.type === T.Literal &&
    typeof node.arguments[0].value === 'string'
    ? node.arguments[0].value
    : undefined;
}

/**
 * Every change the file makes to a binding's value, by binding name, in source order. Only a plain
 * `=` statement at the top level has a value; a write nested anywhere else may or may not run.
 * Bindings are matched by name, so a write to a shadowing parameter counts too: that only ever
 * makes a value unknown.
 */
function writesIn(program: TSESTree.Program, pure: ReadonlySet<string>): ReadonlyMap<string, readonly Write[]> {
  const topLevel = new Set<TSESTree.Node>(program.body.flatMap((statement) => (statement.type === T.ExpressionStatement ? [statement.expression] : [])));
  const found: { readonly root: string; readonly write: Write }[] = [];
  let moduleExportsReassigned = false;
  const add = (target: Target | undefined, value: TSESTree.Node | undefined) => {
    if (target) found.push({ root: target.root, write: { path: target.path, value: target.exact ? value : undefined } });
  };
  visit(program, (node) => {
    if (node.type === T.AssignmentExpression && node.left.type === T.MemberExpression) {
      const target = targetOf(node.left);
      if (target?.root === MODULE_EXPORTS && target.path.length === 0) moduleExportsReassigned = true;
      add(target, node.operator === '=' && topLevel.has(node) ? node.right : undefined);
    } else if (node.type === T.UpdateExpression || (node.type === T.UnaryExpression && node.operator === 'delete')) {
      if (node.argument.type === T.MemberExpression) add(targetOf(node.argument), undefined);
    } else if (node.type === T.CallExpression) {
      // Whatever a call is handed, or is a method of, it may change.
      if (!(node.callee.type === T.Identifier && (pure.has(node.callee.name) || node.callee.name === 'require'))) {
        for (const argument of node.arguments) add(targetOf(argument.type === T.SpreadElement ? argument.argument : argument), undefined);
      }
      if (node.callee.type === T.MemberExpression) add(targetOf(node.callee.object), undefined);
    }
  });
  const writes = new Map<string, Write[]>();
  for (const { root, write } of found) {
    // `exports` is the first module.exports object: once that is replaced, writes to it reach nothing.
    if (root === 'exports' && moduleExportsReassigned) continue;
    const key = root === 'exports' ? MODULE_EXPORTS : root;
    writes.set(key, [...(writes.get(key) ?? []), write]);
  }
  return writes;
}

function visit(node: TSESTree.Node, enter: (node: TSESTree.Node) => void): void {
  enter(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visit(child, enter);
    } else if (isNode(value)) {
      visit(value, enter);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** What a member chain designates: `config.test.isolate` is `config` at `['test', 'isolate']`. */
interface Target {
  readonly root: string;
  readonly path: readonly string[];
  /** False when a computed key cut the path short: the write lands somewhere under `path`. */
  readonly exact: boolean;
}

function targetOf(node: TSESTree.Node): Target | undefined {
  const path: string[] = [];
  let exact = true;
  let current = unwrap(node);
  while (current.type === T.MemberExpression) {
    const key = memberKey(current);
    if (key === undefined) {
      path.length = 0;
      exact = false;
    } else {
      path.unshift(key);
    }
    current = unwrap(current.object);
  }
  if (current.type !== T.Identifier) return undefined;
  if (current.name === 'module' && path[0] === 'exports') return { root: MODULE_EXPORTS, path: path.slice(1), exact };
  return { root: current.name, path, exact };
}

function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === T.TSAsExpression ||
    current.type === T.TSSatisfiesExpression ||
    current.type === T.TSNonNullExpression ||
    current.type === T.TSTypeAssertion ||
    current.type === T.ChainExpression
  ) {
    current = current.expression;
  }
  return current;
}

function memberKey(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) return node.property.type === T.Identifier ? node.property.name : undefined;
  const key = node.property;
  if (key.type === T.Literal && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === T.TemplateLiteral && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** The value after the writes, in order. */
function withWrites(value: Literal, writes: readonly Write[], scope: Scope): Literal {
  return writes.reduce((current, write) => withWrite(current, write.path, write.value ? evaluate(write.value, scope) : UNKNOWN), value);
}

function withWrite(value: Literal | undefined, path: readonly string[], written: Literal): Literal {
  const [key, ...rest] = path;
  if (key === undefined) return written;
  // Through an array, a primitive or an unknown value, the write is not followed.
  if (!isObject(value)) return UNKNOWN;
  const entries = new Map(value.entries);
  const current = entries.has(key) ? entries.get(key) : value.open ? UNKNOWN : undefined;
  entries.set(key, rest.length === 0 ? written : withWrite(current, rest, written));
  return { kind: 'object', entries, open: value.open };
}

interface Scope {
  readonly file: string;
  readonly visiting: ReadonlySet<string>;
  /** Names bound to an expression (or a function declaration) in scope. */
  readonly consts: ReadonlyMap<string, TSESTree.Node>;
  /** Names bound to a value already known: a function's parameters, bound to the arguments of the call. */
  readonly values: ReadonlyMap<string, Literal | undefined>;
  /** The file's top-level names: where a called function's body finds the names it uses. */
  readonly topConsts: ReadonlyMap<string, TSESTree.Node>;
  readonly topImports: ReadonlyMap<string, Import>;
  /** Names imported from a runner's config package that are known constants (`defaultExclude`). */
  readonly constants: ReadonlyMap<string, Literal>;
  readonly wrappers: ReadonlySet<string>;
  readonly mergers: ReadonlySet<string>;
  /** Imports by relative path: local name → source and exported name. */
  readonly imports: ReadonlyMap<string, Import>;
  readonly writes: ReadonlyMap<string, readonly Write[]>;
  readonly seen: Set<string>;
}

function evaluate(node: TSESTree.Node, scope: Scope): Literal {
  switch (node.type) {
    case T.Literal:
      return typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean' || node.value === null
        ? node.value
        : UNKNOWN;
    case T.TemplateLiteral:
      return node.expressions.length === 0 ? (node.quasis[0]?.value.cooked ?? UNKNOWN) : UNKNOWN;
    case T.TSAsExpression:
    case T.TSSatisfiesExpression:
    case T.TSNonNullExpression:
    case T.TSTypeAssertion:
      return evaluate(node.expression, scope);
    case T.UnaryExpression:
      if (node.operator === '!' && node.argument.type === T.Literal && typeof node.argument.value === 'number') return !node.argument.value;
      if (node.operator === '-' && node.argument.type === T.Literal && typeof node.argument.value === 'number') return -node.argument.value;
      return UNKNOWN;
    case T.Identifier: {
      if (scope.values.has(node.name)) return withWrites(scope.values.get(node.name) ?? UNKNOWN, scope.writes.get(node.name) ?? [], scope);
      const init = scope.consts.get(node.name);
      const source = scope.imports.get(node.name);
      const constant = scope.constants.get(node.name);
      if (!init && source === undefined && constant !== undefined) return withWrites(constant, scope.writes.get(node.name) ?? [], scope);
      if ((!init && source === undefined) || scope.seen.has(node.name)) return UNKNOWN;
      scope.seen.add(node.name);
      const initial = source === undefined ? evaluate(init as TSESTree.Node, scope) : importedLiteral(source, scope);
      const value = withWrites(initial, scope.writes.get(node.name) ?? [], scope);
      scope.seen.delete(node.name);
      return value;
    }
    case T.CallExpression:
      return evaluateCall(node, scope);
    case T.MemberExpression:
    case T.ChainExpression:
      return evaluateOptional(node, scope) ?? UNKNOWN;
    case T.ConditionalExpression:
      // The condition is not evaluated: what both branches agree on is known.
      return joined(evaluate(node.consequent, scope), evaluate(node.alternate, scope));
    case T.ArrayExpression: {
      const items: Literal[] = [];
      for (const element of node.elements) {
        if (element === null) return UNKNOWN;
        if (element.type !== T.SpreadElement) {
          items.push(evaluate(element, scope));
          continue;
        }
        // A spread of a list read (`[...base.test.setupFiles, './setup.ts']`) adds its items.
        const spread = evaluate(element.argument, scope);
        if (!Array.isArray(spread)) return UNKNOWN;
        items.push(...(spread as readonly Literal[]));
      }
      return items;
    }
    case T.ObjectExpression:
      return evaluateObject(node, scope);
    default:
      return UNKNOWN;
  }
}

/**
 * A value that may be certainly absent (undefined): a member of a value read (`base.test`,
 * `base.test?.setupFiles`). Anything else is `evaluate`'s.
 */
function evaluateOptional(node: TSESTree.Node, scope: Scope): Literal | undefined {
  if (node.type === T.ChainExpression) return evaluateOptional(node.expression, scope);
  // A parameter the call passed nothing for.
  if (node.type === T.Identifier && scope.values.has(node.name) && scope.values.get(node.name) === undefined && !scope.writes.has(node.name)) return undefined;
  if (node.type !== T.MemberExpression) return evaluate(node, scope);
  const key = memberKey(node);
  const object = evaluateOptional(node.object, scope);
  if (key === undefined || object === UNKNOWN) return UNKNOWN;
  // `undefined.x` throws unless the chain is optional; either way nothing is read.
  if (object === undefined || object === null) return node.optional ? undefined : UNKNOWN;
  // A member of a list, string or number (`list.length`, `list[0]`) is not followed.
  return isObject(object) ? valueAt(object, [key]) : UNKNOWN;
}

function evaluateCall(node: TSESTree.CallExpression, scope: Scope): Literal {
  if (node.callee.type !== T.Identifier || node.arguments.some((argument) => argument.type === T.SpreadElement)) return UNKNOWN;
  const args = node.arguments as TSESTree.Expression[];
  const [first, second] = args;
  const name = node.callee.name;
  if (scope.wrappers.has(name) && args.length === 1 && first) return evaluateConfig(first, scope);
  if (scope.mergers.has(name) && args.length === 2 && first && second) return mergedConfig(evaluate(first, scope), evaluate(second, scope)) ?? UNKNOWN;
  const source = requiredModule(node);
  if (name === 'require') return source !== undefined && isRelativeSpecifier(source) ? importedLiteral({ source, name: 'default' }, scope) : UNKNOWN;
  return localCall(name, args, scope);
}

/**
 * A call of a function the file declares at the top level (`function project(name) { return {...} }`
 * or `const project = (name) => ({...})`): the value it returns, with its parameters bound to the
 * arguments passed. Unknown for a name a parameter or local const hides, an async function or a
 * generator (their value is no config), and a function that calls itself.
 */
function localCall(name: string, args: readonly TSESTree.Expression[], scope: Scope): Literal {
  const declared = scope.topConsts.get(name);
  if (!declared || scope.values.has(name) || scope.consts.get(name) !== declared || scope.imports.has(name)) return UNKNOWN;
  const fn = unwrap(declared);
  if (fn.type !== T.ArrowFunctionExpression && fn.type !== T.FunctionExpression && fn.type !== T.FunctionDeclaration) return UNKNOWN;
  if (fn.async || fn.generator || scope.writes.has(name)) return UNKNOWN;
  const key = `call:${name}`;
  if (scope.seen.has(key)) return UNKNOWN;
  const values = args.map((argument) => evaluateOptional(argument, scope));
  scope.seen.add(key);
  // The body sees the file's top-level names, not those of the caller.
  const value = evaluateConfig(fn, { ...scope, consts: scope.topConsts, values: new Map(), imports: scope.topImports }, values);
  scope.seen.delete(key);
  return value;
}

/**
 * Vite's `mergeConfig(defaults, overrides)` for the plain keys a test config has: a null or absent
 * override keeps the default, lists concatenate, objects merge key by key, and anything else is
 * replaced. Over an unknown default, a boolean or number override is known (a key holding one is
 * no list), while a list or string might have been added to one.
 */
function mergedConfig(defaults: Literal | undefined, overrides: Literal | undefined): Literal | undefined {
  if (overrides === undefined || overrides === null) return defaults;
  if (overrides === UNKNOWN) return UNKNOWN;
  if (defaults === undefined || defaults === null) return overrides;
  if (Array.isArray(defaults) || Array.isArray(overrides)) {
    return defaults === UNKNOWN ? UNKNOWN : [...(Array.isArray(defaults) ? defaults : [defaults]), ...(Array.isArray(overrides) ? overrides : [overrides])];
  }
  if (isObject(overrides) && (isObject(defaults) || defaults === UNKNOWN)) {
    const base: LiteralObject = isObject(defaults) ? defaults : { kind: 'object', entries: new Map(), open: true };
    const entries = new Map(base.entries);
    for (const [key, value] of overrides.entries) {
      const merged = mergedConfig(base.entries.has(key) ? base.entries.get(key) : base.open ? UNKNOWN : undefined, value);
      if (merged !== undefined) entries.set(key, merged);
    }
    // An override with unknown keys may replace any default.
    if (overrides.open) for (const key of base.entries.keys()) if (!overrides.entries.has(key)) entries.set(key, UNKNOWN);
    return { kind: 'object', entries, open: base.open || overrides.open };
  }
  return defaults === UNKNOWN && typeof overrides === 'string' ? UNKNOWN : overrides;
}

function evaluateObject(node: TSESTree.ObjectExpression, scope: Scope): LiteralObject {
  const entries = new Map<string, Literal>();
  let open = false;
  for (const property of node.properties) {
    if (property.type === T.SpreadElement) {
      const argument = unwrap(property.argument);
      // `...(cond && { a: 1 })` spreads either nothing or the object.
      const spread =
        argument.type === T.LogicalExpression && argument.operator === '&&'
          ? joined(emptyObject(), evaluate(argument.right, scope))
          : evaluateOptional(property.argument, scope);
      // Spreading an absent member adds nothing.
      if (spread === undefined || spread === null) continue;
      if (isObject(spread)) {
        for (const [key, value] of spread.entries) entries.set(key, value);
        open ||= spread.open;
      } else {
        // Keys written before an unknown spread may be overridden by it.
        for (const key of entries.keys()) entries.set(key, UNKNOWN);
        open = true;
      }
      continue;
    }
    const key = propertyKey(property);
    if (key === undefined) {
      open = true;
      continue;
    }
    const value = property.kind === 'init' && !property.method ? evaluateOptional(property.value, scope) : UNKNOWN;
    // A key set to a member that is certainly absent holds undefined, which a runner reads as not set.
    if (value === undefined) entries.delete(key);
    else entries.set(key, value);
  }
  return { kind: 'object', entries, open };
}

function emptyObject(): LiteralObject {
  return { kind: 'object', entries: new Map(), open: false };
}

/**
 * A value that is either `a` or `b`: itself when they are equal; for two objects, each key either
 * holds (unknown where they differ, or where only one sets it); anything else is unknown. A
 * branch that spreads nothing (null) is an object with no keys.
 */
function joined(a: Literal, b: Literal): Literal {
  if (isDeepStrictEqual(a, b)) return a;
  const left = a === null ? emptyObject() : a;
  const right = b === null ? emptyObject() : b;
  if (!isObject(left) || !isObject(right)) return UNKNOWN;
  const entries = new Map<string, Literal>();
  for (const key of new Set([...left.entries.keys(), ...right.entries.keys()])) {
    const inLeft = left.entries.get(key);
    const inRight = right.entries.get(key);
    entries.set(key, inLeft !== undefined && inRight !== undefined ? joined(inLeft, inRight) : UNKNOWN);
  }
  return { kind: 'object', entries, open: left.open || right.open };
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === T.Identifier) return property.key.name;
  if (property.key.type === T.Literal && (typeof property.key.value === 'string' || typeof property.key.value === 'number')) {
    return String(property.key.value);
  }
  return undefined;
}

export function isObject(value: Literal | undefined): value is LiteralObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as LiteralObject).kind === 'object';
}

/** A JSON value (package.json, .mocharc.json) as a literal. */
export function fromJson(value: unknown): Literal {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object') {
    return { kind: 'object', entries: new Map(Object.entries(value).map(([k, v]) => [k, fromJson(v)])), open: false };
  }
  return UNKNOWN;
}

/**
 * The value at `path`: undefined when it is certainly absent, `UNKNOWN` when it cannot be known
 * (a computed value on the way, or an object that may hold unlisted keys).
 */
export function valueAt(value: Literal | undefined, path: readonly string[]): Literal | undefined {
  let current = value;
  for (const key of path) {
    if (current === undefined) return undefined;
    if (current === UNKNOWN) return UNKNOWN;
    if (!isObject(current)) return undefined;
    current = current.entries.has(key) ? current.entries.get(key) : current.open ? UNKNOWN : undefined;
  }
  return current;
}
