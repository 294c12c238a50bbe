/**
 * Does a function imported from the project's own helpers register a test or a describe for its
 * caller? Suites wrap their framework: `firebaseTest(name, fn)` from `../utils/test_hooks` calls
 * Mocha's `test(name, async () => { await fn() })`, and `firebaseSuite(name, fn)` calls
 * `suite(name, function () { ... fn() ... })`. The callback handed to such a wrapper runs as a test
 * (or as a describe body), so a write in it is a write in a test, not one at the file's top level.
 *
 * The helper module is read statically (parsed once per process, read again when it changes), its
 * names resolved through its own scope: a wrapper is an exported function whose body registers a
 * test or a describe with the framework's own `test`/`it`/`describe`/`suite` (a global or an
 * import from the framework's module) and passes it one of its parameters, directly or called
 * inside the registered function. Only relative imports are followed, one level deep.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import { cachedPerFile } from '../../project/freshness.js';
import { resolveRelativeModule } from '../../project/module-file.js';
import { parseWithScope } from '../../project/parse.js';
import { readOrUnknown } from '../../project/read-failures.js';
import { walk, withoutTypeWrappers } from '../../project/syntax.js';
import { FRAMEWORKS, frameworkOfModule, roleOfExport, roleOfGlobal, type StructureRole } from './frameworks.js';

type WrapperRole = Extract<StructureRole, { kind: 'test' | 'describe' | 'hook' }>;

interface HelperRoles {
  /** Exported functions that register a test, describe or hook around their callback. */
  readonly wrappers: ReadonlyMap<string, WrapperRole>;
  /** Exported functions that return the framework's test function, or one extended with fixtures (`return test.extend({...})`). */
  readonly registrars: ReadonlyMap<string, WrapperRole>;
  /**
   * Hook wrappers whose return value exposes what their callback returned: sequelize's
   * `beforeAll2(cb)` registers `before(async () => { Object.assign(out, await cb()) })` and returns `out`.
   */
  readonly exposingResult: ReadonlySet<string>;
  /**
   * Exports that are the framework's own test, describe or hook function: re-exported
   * (`export { test } from 'vitest'`) or extended with fixtures (`export const test = base.extend({...})`).
   */
  readonly aliases: ReadonlyMap<string, WrapperRole>;
  /** Framework modules re-exported whole (`export * from 'vitest'`): each of their exports is one of `aliases`. */
  readonly reexportedFrameworks: readonly string[];
}

const NO_ROLES: HelperRoles = { wrappers: new Map(), registrars: new Map(), exposingResult: new Set(), aliases: new Map(), reexportedFrameworks: [] };
/** Unknown (a helper module laid out as no one foresaw): it wraps nothing. */
const rolesByFile = cachedPerFile((file) => readOrUnknown('an imported helper module', file, () => rolesIn(file), NO_ROLES));

/**
 * A module that may register tests: it names a framework's module, calls a global name some
 * framework registers a test, describe or hook with (`test(`, `describe.each(`, `before(`), or
 * re-exports a relative module (`export * from '../support'`). A member of the same name is none
 * (`/x/.test(name)`, `t.context.port`, `this.setup(`): the roles come from global names and
 * framework imports only, and a module under test is full of such members (AVA's own modules
 * were all parsed for `.test(` and `.context.`, a quarter of a run).
 */
const REGISTRATION_NAMED = new RegExp(
  [
    String.raw`(?<![\w$.])(?:it|test|specify|describe|context|suite|before|after|beforeEach|afterEach|beforeAll|afterAll|setup|teardown|suiteSetup|suiteTeardown)\s*[.(]`,
    String.raw`\bexport\s*(?:\*|\{[^}]*\})\s*from\s*['"]\.`,
    ...FRAMEWORKS.flatMap((framework) => framework.modules).map((module) => `['"]${module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}['"]`),
  ].join('|'),
);


/** The role of `exportName` of the module `source` imported by `fromFile`, when it wraps a test or a describe. */
export function wrapperRole(fromFile: string, source: string, exportName: string): WrapperRole | undefined {
  return rolesOf(fromFile, source)?.wrappers.get(exportName);
}

/**
 * The role of what `exportName` of the module `source` returns, when it is the framework's test
 * function: vite's `const it = await createModuleRunnerTester()` returns `test` with fixtures.
 */
export function registrarRole(fromFile: string, source: string, exportName: string): WrapperRole | undefined {
  return rolesOf(fromFile, source)?.registrars.get(exportName);
}

/**
 * The role of `exportName` of the module `source` when it is the framework's own test, describe or
 * hook function under another module's name: `import { test } from './fixtures'` where
 * `fixtures.ts` re-exports Vitest's `test` or exports `test.extend({...})`.
 */
export function aliasRole(fromFile: string, source: string, exportName: string): WrapperRole | undefined {
  const roles = rolesOf(fromFile, source);
  if (!roles) return undefined;
  const own = roles.aliases.get(exportName);
  if (own) return own;
  for (const framework of roles.reexportedFrameworks) {
    const role = roleOfExport(framework, exportName);
    if (role?.kind === 'test' || role?.kind === 'describe' || role?.kind === 'hook') return role;
  }
  return undefined;
}

/**
 * Does `exportName` of the module `source` register a hook around its callback and return an
 * object that gets the members of what the callback returned (`const vars = beforeAll2(() => ({ stub }))`)?
 */
export function exposesHookResult(fromFile: string, source: string, exportName: string): boolean {
  return rolesOf(fromFile, source)?.exposingResult.has(exportName) ?? false;
}

/** Is `text` worth parsing for wrappers: does it name a registration (REGISTRATION_NAMED)? */
export function mayRegisterTests(text: string): boolean {
  return REGISTRATION_NAMED.test(text);
}

function rolesOf(fromFile: string, source: string): HelperRoles | undefined {
  const file = resolveRelativeModule(fromFile, source);
  if (!file || file.endsWith('.json')) return undefined;
  return rolesByFile.get(file);
}

function rolesIn(file: string): HelperRoles {
  let parsed: ReturnType<typeof parseWithScope>;
  try {
    const text = readFileSync(file, 'utf8');
    // Most imported modules are the code under test: only one that names a registration is parsed.
    if (!mayRegisterTests(text)) return NO_ROLES;
    const jsx = /\.[jt]sx$/.test(file);
    parsed = parseWithScope(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: false, jsx });
  } catch {
    return NO_ROLES;
  }
  const { ast, scopeManager } = parsed;
  if (!scopeManager) return NO_ROLES;
  const roles = structureCallees(scopeManager);
  const wrappers = new Map<string, WrapperRole>();
  const registrars = new Map<string, WrapperRole>();
  const exposingResult = new Set<string>();
  for (const [name, fn] of exportedFunctions(ast)) {
    const role = roleOfWrapper(fn, scopeManager, roles);
    if (role) wrappers.set(name, role);
    if (role?.kind === 'hook' && returnsCallbackResult(fn, scopeManager)) exposingResult.add(name);
    const returned = roleOfReturned(fn, roles);
    if (returned) registrars.set(name, returned);
  }
  const own = { wrappers, registrars, exposingResult, ...frameworkAliases(ast, scopeManager, roles) };
  return reexporting.has(file) ? own : withReexports(file, ast, own);
}

/** What the module exports that is the framework's test, describe or hook itself (HelperRoles `aliases`), and the framework modules it re-exports whole. */
function frameworkAliases(program: TSESTree.Program, scopeManager: TSESLint.Scope.ScopeManager, roles: ReadonlyMap<TSESTree.Identifier, WrapperRole>): Pick<HelperRoles, 'aliases' | 'reexportedFrameworks'> {
  const aliases = new Map<string, WrapperRole>();
  const reexportedFrameworks: string[] = [];
  const set = (name: string, role: StructureRole | undefined): void => {
    if (role?.kind === 'test' || role?.kind === 'describe' || role?.kind === 'hook') aliases.set(name, role);
  };
  for (const statement of program.body) {
    if (statement.type === T.ExportAllDeclaration && !statement.exported && frameworkOfModule(statement.source.value)) reexportedFrameworks.push(statement.source.value);
    if (statement.type !== T.ExportNamedDeclaration) continue;
    const declaration = statement.declaration;
    if (declaration?.type === T.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === T.Identifier && declarator.init) set(declarator.id.name, roleOfValue(declarator.init, scopeManager, roles, new Set()));
      }
    }
    for (const specifier of statement.specifiers) {
      const exported = nameOf(specifier.exported);
      if (statement.source) set(exported, roleOfExport(statement.source.value, nameOf(specifier.local)));
      else if (specifier.local.type === T.Identifier) set(exported, roleOfValue(specifier.local, scopeManager, roles, new Set()));
    }
  }
  return { aliases, reexportedFrameworks };
}

/** The framework's test, describe or hook that an expression is: the function itself (through a `const`), or a test extended with fixtures. */
function roleOfValue(node: TSESTree.Node, scopeManager: TSESLint.Scope.ScopeManager, roles: ReadonlyMap<TSESTree.Identifier, WrapperRole>, seen: Set<TSESTree.Node>): WrapperRole | undefined {
  const value = unwrapped(node);
  if (seen.has(value)) return undefined;
  seen.add(value);
  if (value.type === T.Identifier) {
    const role = roles.get(value);
    if (role) return role;
    const variable = variableIn(scopeManager, value);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    return def?.type === 'Variable' && def.parent.kind === 'const' && def.node.init ? roleOfValue(def.node.init, scopeManager, roles, seen) : undefined;
  }
  if (value.type === T.CallExpression && value.callee.type === T.MemberExpression && !value.callee.computed && value.callee.property.type === T.Identifier && EXTENDERS.has(value.callee.property.name)) {
    const base = roleOfValue(value.callee.object, scopeManager, roles, seen);
    return base?.kind === 'test' ? base : undefined;
  }
  return undefined;
}

/** Modules whose re-exports are being read: a cycle of `export *` stops there. */
const reexporting = new Set<string>();

/** Adds what the module re-exports from relative modules (`export * from '../support'`, `export { beforeAll2 } from './hooks'`), one level at a time. */
function withReexports(file: string, program: TSESTree.Program, own: HelperRoles): HelperRoles {
  const wrappers = new Map(own.wrappers);
  const registrars = new Map(own.registrars);
  const exposingResult = new Set(own.exposingResult);
  const aliases = new Map(own.aliases);
  const reexportedFrameworks = [...own.reexportedFrameworks];
  reexporting.add(file);
  try {
    for (const statement of program.body) {
      const names: [string, string][] | 'all' | undefined =
        statement.type === T.ExportAllDeclaration && !statement.exported
          ? 'all'
          : statement.type === T.ExportNamedDeclaration && statement.source
            ? statement.specifiers.map((specifier) => [nameOf(specifier.local), nameOf(specifier.exported)])
            : undefined;
      const source = statement.type === T.ExportAllDeclaration || statement.type === T.ExportNamedDeclaration ? statement.source?.value : undefined;
      if (!names || source === undefined) continue;
      const from = rolesOf(file, source);
      if (!from) continue;
      if (names === 'all') reexportedFrameworks.push(...from.reexportedFrameworks);
      const pairs = names === 'all' ? [...new Set([...from.wrappers.keys(), ...from.registrars.keys(), ...from.aliases.keys()])].filter((name) => name !== 'default').map((name) => [name, name] as const) : names;
      for (const [inner, outer] of pairs) {
        const alias = from.aliases.get(inner) ?? (names === 'all' ? undefined : from.reexportedFrameworks.map((framework) => roleOfExport(framework, inner)).find((role) => role?.kind === 'test' || role?.kind === 'describe' || role?.kind === 'hook'));
        if (alias && !aliases.has(outer)) aliases.set(outer, alias as WrapperRole);
        const wrapper = from.wrappers.get(inner);
        if (wrapper && !wrappers.has(outer)) wrappers.set(outer, wrapper);
        const registrar = from.registrars.get(inner);
        if (registrar && !registrars.has(outer)) registrars.set(outer, registrar);
        if (from.exposingResult.has(inner) && !own.wrappers.has(outer)) exposingResult.add(outer);
      }
    }
  } finally {
    reexporting.delete(file);
  }
  return { wrappers, registrars, exposingResult, aliases, reexportedFrameworks };
}

function nameOf(node: TSESTree.Identifier | TSESTree.StringLiteral): string {
  return node.type === T.Identifier ? node.name : node.value;
}

/** Extending a test function with fixtures gives a test function: `test.extend({...})`. */
const EXTENDERS: ReadonlySet<string> = new Set(['extend']);

/** The role of what every `return` of `fn` (not of functions inside it) returns, when each is the framework's `test`, or it extended. */
function roleOfReturned(fn: FunctionNode, roles: ReadonlyMap<TSESTree.Identifier, WrapperRole>): WrapperRole | undefined {
  const returned: TSESTree.Node[] = [];
  if (fn.body.type !== T.BlockStatement) returned.push(fn.body);
  else walkOwn(fn.body, (node) => {
    if (node.type === T.ReturnStatement && node.argument) returned.push(node.argument);
  });
  const found = returned.map((value) => {
    let expression = withoutTypeWrappers(value, { await: true });
    if (expression.type === T.CallExpression && expression.callee.type === T.MemberExpression && !expression.callee.computed && expression.callee.property.type === T.Identifier && EXTENDERS.has(expression.callee.property.name)) {
      expression = withoutTypeWrappers(expression.callee.object);
    }
    const role = expression.type === T.Identifier ? roles.get(expression) : undefined;
    return role?.kind === 'test' ? role : undefined;
  });
  const [first] = found;
  return first && found.every((role) => role !== undefined) ? first : undefined;
}

/** Walks a function body without entering the functions declared inside it. */
function walkOwn(node: TSESTree.Node, visit: (node: TSESTree.Node) => void): void {
  walk(node, visit, 0, (inner) => inner !== node && isFunctionNode(inner));
}

type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

/** Functions the module exports by name: `export function f`, `export const f = () => ...`, `export { f }`, `exports.f = f`. */
export function exportedFunctions(program: TSESTree.Program): Map<string, FunctionNode> {
  const local = new Map<string, FunctionNode>();
  const exported = new Map<string, FunctionNode>();
  const declare = (statement: TSESTree.Node, isExported: boolean): void => {
    if (statement.type === T.FunctionDeclaration && statement.id) {
      local.set(statement.id.name, statement);
      if (isExported) exported.set(statement.id.name, statement);
    }
    if (statement.type === T.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const init = declarator.init && unwrapped(declarator.init);
        if (declarator.id.type !== T.Identifier || !init || !isFunctionNode(init)) continue;
        local.set(declarator.id.name, init);
        if (isExported) exported.set(declarator.id.name, init);
      }
    }
  };
  for (const statement of program.body) {
    if (statement.type === T.ExportNamedDeclaration && statement.declaration) declare(statement.declaration, true);
    else declare(statement, false);
  }
  for (const statement of program.body) {
    if (statement.type === T.ExportNamedDeclaration && !statement.declaration && !statement.source) {
      for (const specifier of statement.specifiers) {
        const localName = specifier.local.type === T.Identifier ? specifier.local.name : undefined;
        const exportedName = specifier.exported.type === T.Identifier ? specifier.exported.name : specifier.exported.value;
        const fn = localName === undefined ? undefined : local.get(localName);
        if (fn) exported.set(exportedName, fn);
      }
    }
    // CommonJS: `exports.f = f`, `module.exports.f = function () {}`.
    if (statement.type !== T.ExpressionStatement || statement.expression.type !== T.AssignmentExpression) continue;
    const { left, right } = statement.expression;
    // `module.exports = { freezeClock, logCall: wrap }`: each property naming a function of the module.
    const whole = unwrapped(right);
    if (isModuleExports(left) && whole.type === T.ObjectExpression) {
      for (const property of whole.properties) {
        if (property.type !== T.Property || property.computed || property.key.type !== T.Identifier) continue;
        const value = unwrapped(property.value);
        const fn = isFunctionNode(value) ? value : value.type === T.Identifier ? local.get(value.name) : undefined;
        if (fn) exported.set(property.key.name, fn);
      }
      continue;
    }
    const name = commonJsExportName(left);
    const value = unwrapped(right);
    const fn = isFunctionNode(value) ? value : value.type === T.Identifier ? local.get(value.name) : undefined;
    if (name && fn) exported.set(name, fn);
  }
  return exported;
}

function commonJsExportName(node: TSESTree.Node): string | undefined {
  if (node.type !== T.MemberExpression || node.computed || node.property.type !== T.Identifier) return undefined;
  const object = node.object;
  const isExports = (object.type === T.Identifier && object.name === 'exports') || isModuleExports(object);
  return isExports ? node.property.name : undefined;
}

/** `module.exports`. */
function isModuleExports(node: TSESTree.Node): boolean {
  return node.type === T.MemberExpression && !node.computed && node.object.type === T.Identifier && node.object.name === 'module' && node.property.type === T.Identifier && node.property.name === 'exports';
}

/** Every identifier of the module that names a framework's test or describe function, resolved through scope. */
function structureCallees(scopeManager: TSESLint.Scope.ScopeManager): ReadonlyMap<TSESTree.Identifier, WrapperRole> {
  const roles = new Map<TSESTree.Identifier, WrapperRole>();
  for (const scope of scopeManager.scopes) {
    for (const reference of scope.references) {
      const role = roleOfReference(reference);
      if (role?.kind === 'test' || role?.kind === 'describe' || role?.kind === 'hook') roles.set(reference.identifier as TSESTree.Identifier, role);
    }
  }
  return roles;
}

function roleOfReference(reference: TSESLint.Scope.Reference): StructureRole | undefined {
  const identifier = reference.identifier;
  if (identifier.type !== T.Identifier) return undefined;
  const variable = reference.resolved;
  if (!variable || variable.defs.length === 0) return roleOfGlobal(identifier.name);
  const def = variable.defs[0];
  if (variable.defs.length === 1 && def?.type === 'Variable') return roleOfRequired(def.name, def.node);
  if (variable.defs.length !== 1 || def?.type !== 'ImportBinding') return undefined;
  const declaration = def.parent;
  if (declaration?.type !== T.ImportDeclaration) return undefined;
  const specifier = def.node;
  if (specifier.type === T.ImportSpecifier) {
    const imported = specifier.imported.type === T.Identifier ? specifier.imported.name : specifier.imported.value;
    return roleOfExport(declaration.source.value, imported);
  }
  return specifier.type === T.ImportDefaultSpecifier ? roleOfExport(declaration.source.value, 'default') : undefined;
}

/** `const { it } = require('mocha')` or `const { it: check } = require('mocha')`. */
function roleOfRequired(name: TSESTree.Node, declarator: TSESTree.Node): StructureRole | undefined {
  if (declarator.type !== T.VariableDeclarator || declarator.id.type !== T.ObjectPattern) return undefined;
  const init = declarator.init;
  const source = init?.type === T.CallExpression && init.callee.type === T.Identifier && init.callee.name === 'require' ? init.arguments[0] : undefined;
  if (source?.type !== T.Literal || typeof source.value !== 'string') return undefined;
  const property = declarator.id.properties.find((p): p is TSESTree.Property => p.type === T.Property && !p.computed && p.value === name);
  const key = property?.key.type === T.Identifier ? property.key.name : undefined;
  return key === undefined ? undefined : roleOfExport(source.value, key);
}

/**
 * The role of `fn` when its body registers a test or describe with one of its parameters as the
 * registered function, or calls a parameter inside the function it registers.
 */
function roleOfWrapper(fn: FunctionNode, scopeManager: TSESLint.Scope.ScopeManager, roles: ReadonlyMap<TSESTree.Identifier, WrapperRole>): WrapperRole | undefined {
  const parameterUses = new Set<TSESTree.Node>();
  for (const variable of scopeManager.getDeclaredVariables(fn)) {
    if (!variable.defs.some((def) => def.type === 'Parameter')) continue;
    for (const reference of variable.references) parameterUses.add(reference.identifier);
  }
  if (parameterUses.size === 0) return undefined;
  let found: WrapperRole | undefined;
  walk(fn.body, (node) => {
    if (found || node.type !== T.CallExpression) return;
    const callee = registeredCallee(node.callee);
    const role = callee && roles.get(callee);
    if (!role) return;
    // A test's or describe's first argument is the name, the function comes after it; a hook may take the function first.
    const functions = role.kind === 'hook' ? node.arguments : node.arguments.slice(1);
    if (functions.some((argument) => passesParameter(argument, parameterUses))) found = role;
  });
  return found;
}

/** `test`, `test.only`, `suite.skip`: the identifier a registration is made through. */
function registeredCallee(node: TSESTree.Node): TSESTree.Identifier | undefined {
  const callee = unwrapped(node);
  if (callee.type === T.Identifier) return callee;
  if (callee.type === T.MemberExpression && !callee.computed) return registeredCallee(callee.object);
  return undefined;
}

/** The argument is a parameter, or a function that calls one (`async () => { await cb() }`, `cb.call(this)`). */
function passesParameter(argument: TSESTree.Node, parameterUses: ReadonlySet<TSESTree.Node>): boolean {
  const value = unwrapped(argument);
  if (parameterUses.has(value)) return true;
  if (!isFunctionNode(value)) return false;
  let calls = false;
  walk(value.body, (node) => {
    if (calls || node.type !== T.CallExpression) return;
    let callee = unwrapped(node.callee);
    if (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && ['call', 'apply'].includes(callee.property.name)) {
      callee = unwrapped(callee.object);
    }
    if (parameterUses.has(callee)) calls = true;
  });
  return calls;
}

/**
 * Does every `return` of `fn` hand back a variable that is given the members of a parameter's
 * result (`Object.assign(out, await cb())`, or through a `const` holding that result)?
 */
function returnsCallbackResult(fn: FunctionNode, scopeManager: TSESLint.Scope.ScopeManager): boolean {
  const parameterUses = new Set<TSESTree.Node>();
  for (const variable of scopeManager.getDeclaredVariables(fn)) {
    if (variable.defs.some((def) => def.type === 'Parameter')) for (const reference of variable.references) parameterUses.add(reference.identifier);
  }
  const returned: TSESTree.Node[] = [];
  if (fn.body.type !== T.BlockStatement) returned.push(fn.body);
  else walkOwn(fn.body, (node) => {
    if (node.type === T.ReturnStatement && node.argument) returned.push(node.argument);
  });
  const names = returned.map((value) => unwrapped(value));
  if (names.length === 0 || !names.every((n): n is TSESTree.Identifier => n.type === T.Identifier)) return false;
  const isResultOfParameter = (node: TSESTree.Node): boolean => {
    const value = unwrapped(node);
    if (value.type === T.CallExpression) return parameterUses.has(unwrapped(value.callee));
    if (value.type !== T.Identifier) return false;
    const variable = variableIn(scopeManager, value);
    const def = variable?.defs[0];
    return variable?.defs.length === 1 && def?.type === 'Variable' && !!def.node.init && isResultOfParameter(def.node.init);
  };
  const targets = new Set(names.map((n) => variableIn(scopeManager, n)));
  let assigned = false;
  walk(fn.body, (node) => {
    if (assigned || node.type !== T.CallExpression || node.arguments.length < 2) return;
    const callee = unwrapped(node.callee);
    const [target, ...sources] = node.arguments;
    if (callee.type !== T.MemberExpression || callee.computed || callee.object.type !== T.Identifier || callee.object.name !== 'Object') return;
    if (callee.property.type !== T.Identifier || callee.property.name !== 'assign' || !target || target.type !== T.Identifier) return;
    // The global `Object`, not a local of that name.
    if (variableIn(scopeManager, callee.object)) return;
    if (targets.has(variableIn(scopeManager, target)) && sources.some((source) => source.type !== T.SpreadElement && isResultOfParameter(source))) assigned = true;
  });
  return assigned && targets.size === 1 && !targets.has(undefined);
}

/** The variable an identifier of the helper module resolves to (undefined for a global), through its references. */
function variableIn(scopeManager: TSESLint.Scope.ScopeManager, id: TSESTree.Identifier): TSESLint.Scope.Variable | undefined {
  let resolved = resolvedByModule.get(scopeManager);
  if (!resolved) {
    resolved = new Map();
    for (const scope of scopeManager.scopes) {
      for (const reference of scope.references) {
        const variable = reference.resolved;
        if (variable && variable.defs.length > 0) resolved.set(reference.identifier, variable);
      }
    }
    resolvedByModule.set(scopeManager, resolved);
  }
  return resolved.get(id);
}

const resolvedByModule = new WeakMap<TSESLint.Scope.ScopeManager, Map<TSESTree.Node, TSESLint.Scope.Variable>>();

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression;
}

function unwrapped(node: TSESTree.Node): TSESTree.Node {
  return withoutTypeWrappers(node, { await: true });
}
