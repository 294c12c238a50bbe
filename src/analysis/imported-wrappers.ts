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
import { cachedPerFile } from '../project/freshness.js';
import { resolveRelativeModule } from '../project/module-file.js';
import { parseWithScope } from '../project/parse.js';
import { readOrUnknown } from '../project/read-failures.js';
import { walk, withoutTypeWrappers } from '../project/syntax.js';
import { FRAMEWORKS, roleOfExport, roleOfGlobal, type StructureRole } from './frameworks.js';

type WrapperRole = Extract<StructureRole, { kind: 'test' | 'describe' }>;

interface HelperRoles {
  /** Exported functions that register a test or describe around their callback. */
  readonly wrappers: ReadonlyMap<string, WrapperRole>;
  /** Exported functions that return the framework's test function, or one extended with fixtures (`return test.extend({...})`). */
  readonly registrars: ReadonlyMap<string, WrapperRole>;
}

const NO_ROLES: HelperRoles = { wrappers: new Map(), registrars: new Map() };
/** Unknown (a helper module laid out as no one foresaw): it wraps nothing. */
const rolesByFile = cachedPerFile((file) => readOrUnknown('an imported helper module', file, () => rolesIn(file), NO_ROLES));

/**
 * A module that may register tests: it names a framework's module, or calls a global name some
 * framework registers a test or describe with (`test(`, `describe.each(`).
 */
const REGISTRATION_NAMED = new RegExp(
  [
    String.raw`\b(?:it|test|specify|describe|context|suite)\s*[.(]`,
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
    if (!REGISTRATION_NAMED.test(text)) return NO_ROLES;
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
  for (const [name, fn] of exportedFunctions(ast)) {
    const role = roleOfWrapper(fn, scopeManager, roles);
    if (role) wrappers.set(name, role);
    const returned = roleOfReturned(fn, roles);
    if (returned) registrars.set(name, returned);
  }
  return { wrappers, registrars };
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
function exportedFunctions(program: TSESTree.Program): Map<string, FunctionNode> {
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
  const isExports =
    (object.type === T.Identifier && object.name === 'exports') ||
    (object.type === T.MemberExpression && !object.computed && object.object.type === T.Identifier && object.object.name === 'module' && object.property.type === T.Identifier && object.property.name === 'exports');
  return isExports ? node.property.name : undefined;
}

/** Every identifier of the module that names a framework's test or describe function, resolved through scope. */
function structureCallees(scopeManager: TSESLint.Scope.ScopeManager): ReadonlyMap<TSESTree.Identifier, WrapperRole> {
  const roles = new Map<TSESTree.Identifier, WrapperRole>();
  for (const scope of scopeManager.scopes) {
    for (const reference of scope.references) {
      const role = roleOfReference(reference);
      if (role?.kind === 'test' || role?.kind === 'describe') roles.set(reference.identifier as TSESTree.Identifier, role);
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
    // The first argument is the name; the function comes after it.
    if (node.arguments.slice(1).some((argument) => passesParameter(argument, parameterUses))) found = role;
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

function isFunctionNode(node: TSESTree.Node): node is FunctionNode {
  return node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression;
}

function unwrapped(node: TSESTree.Node): TSESTree.Node {
  return withoutTypeWrappers(node, { await: true });
}
