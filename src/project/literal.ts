/**
 * What does a config file export, as far as it can be known without running it? Parses the file and
 * evaluates only literals: objects, arrays, strings, numbers, booleans, null, plain templates,
 * `const` names bound to literals in the same file, spreads of literals, and `defineConfig(...)`
 * from the runners' own packages. Plain top-level writes (`config.restoreMocks = true`,
 * `exports.require = [...]`) are applied in order; any other change to the value (a write inside a
 * condition or function, a method call on it, passing it to a function) makes what it touches
 * `UNKNOWN`, and only that. Nothing is executed.
 */
import { parseSource } from './parse.js';
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

/** The binding CommonJS exports through; `exports.x` writes land on it until it is reassigned. */
const MODULE_EXPORTS = 'module.exports';

/** A change to a binding's value after it is made: `config.test.isolate = false`. */
interface Write {
  readonly path: readonly string[];
  /** The value assigned, or undefined when the change cannot be known. */
  readonly value: TSESTree.Node | undefined;
}

/** The default export (`export default`, `module.exports =`, `exports.x =`) of a JavaScript or TypeScript file. */
export function exportedLiteral(code: string, filename: string): Literal {
  const program = parseSource(code, { ecmaVersion: 'latest', sourceType: 'module', jsx: false, filePath: filename, range: true, loc: false });
  const consts = new Map<string, TSESTree.Expression>();
  const wrappers = new Set<string>();
  let exported: TSESTree.Node | undefined;
  for (const statement of program.body) {
    if (statement.type === T.ImportDeclaration && CONFIG_MODULES.has(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === T.ImportSpecifier && specifier.imported.type === T.Identifier && CONFIG_WRAPPERS.has(specifier.imported.name)) {
          wrappers.add(specifier.local.name);
        }
      }
    }
    const declaration = statement.type === T.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === T.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === T.Identifier && declarator.init) consts.set(declarator.id.name, declarator.init);
        if (declarator.id.type === T.ObjectPattern && declarator.init && CONFIG_MODULES.has(requiredModule(declarator.init) ?? '')) {
          for (const property of declarator.id.properties) {
            const name = property.type === T.Property ? propertyKey(property) : undefined;
            if (property.type === T.Property && name && CONFIG_WRAPPERS.has(name) && property.value.type === T.Identifier) wrappers.add(property.value.name);
          }
        }
      }
    }
    if (statement.type === T.ExportDefaultDeclaration) exported = statement.declaration;
    if (statement.type === T.ExportNamedDeclaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        if (specifier.exported.type === T.Identifier && specifier.exported.name === 'default') exported = specifier.local;
      }
    }
  }
  const scope: Scope = { consts, wrappers, writes: writesIn(program, wrappers), seen: new Set() };
  if (exported) return evaluate(exported, scope);
  const cjs = scope.writes.get(MODULE_EXPORTS);
  return cjs ? withWrites({ kind: 'object', entries: new Map(), open: false }, cjs, scope) : UNKNOWN;
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
function writesIn(program: TSESTree.Program, wrappers: ReadonlySet<string>): ReadonlyMap<string, readonly Write[]> {
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
      // Whatever a call is handed, or is a method of, it may change; the config wrappers change nothing.
      if (!(node.callee.type === T.Identifier && wrappers.has(node.callee.name))) {
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
  readonly consts: ReadonlyMap<string, TSESTree.Expression>;
  readonly wrappers: ReadonlySet<string>;
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
      const init = scope.consts.get(node.name);
      if (!init || scope.seen.has(node.name)) return UNKNOWN;
      scope.seen.add(node.name);
      const value = withWrites(evaluate(init, scope), scope.writes.get(node.name) ?? [], scope);
      scope.seen.delete(node.name);
      return value;
    }
    case T.CallExpression: {
      const [argument] = node.arguments;
      const wrapped = node.callee.type === T.Identifier && scope.wrappers.has(node.callee.name);
      return wrapped && node.arguments.length === 1 && argument && argument.type !== T.SpreadElement ? evaluate(argument, scope) : UNKNOWN;
    }
    case T.ArrayExpression:
      return node.elements.some((element) => element === null || element.type === T.SpreadElement)
        ? UNKNOWN
        : node.elements.map((element) => evaluate(element as TSESTree.Expression, scope));
    case T.ObjectExpression:
      return evaluateObject(node, scope);
    default:
      return UNKNOWN;
  }
}

function evaluateObject(node: TSESTree.ObjectExpression, scope: Scope): LiteralObject {
  const entries = new Map<string, Literal>();
  let open = false;
  for (const property of node.properties) {
    if (property.type === T.SpreadElement) {
      const spread = evaluate(property.argument, scope);
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
    entries.set(key, property.kind === 'init' && !property.method ? evaluate(property.value, scope) : UNKNOWN);
  }
  return { kind: 'object', entries, open };
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
