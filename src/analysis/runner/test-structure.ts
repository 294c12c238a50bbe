/**
 * Is this call a test, a hook, a describe or a cleanup registration, and of which framework? Which
 * describe encloses it? Is the file a test file at all? Callees are resolved through scope, so
 * `import { it as check } from 'vitest'` is a test and a local `function it() {}` is not.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { originOf, resolveIdentifier, unwrap, variableOf, type Origin } from '../values/binding.js';
import path from 'node:path';
import { withoutTypeWrappers } from '../../project/syntax.js';
import { aliasRole, registrarRole, wrapperRole } from './imported-wrappers.js';
import { indexOf, isFunction, thisBinder, type FunctionNode } from '../values/file-index.js';
import { callSitesOf } from '../values/call-sites.js';
import { runByProject } from '../../project/project-of-file.js';
import {
  CONTEXT_CLEANUP_PROPERTIES,
  frameworkOfMarkerGlobal,
  frameworkOfModule,
  hasSharedThisContext,
  isHookInTestCleanup,
  mockLibraryOfModule,
  roleOfExport,
  roleOfExportMember,
  roleOfGlobal,
  STRUCTURE_MODIFIERS,
  SUITE_CONTEXT_HOOKS,
  TEST_CONTEXT_CLEANUPS,
  TEST_CONTEXT_SUBTESTS,
  TEST_EXTENDERS,
  type FrameworkId,
  type HookKind,
  type MockLibrarySpec,
  type StructureRole,
} from './frameworks.js';

export interface Registration {
  readonly call: TSESTree.CallExpression;
  readonly role: StructureRole;
  /** The function the framework calls; undefined when it is not written in this file. */
  readonly callback: FunctionNode | undefined;
  /** The describe (or test, for node:test subtests) whose callback contains this call; undefined at file level. */
  readonly parent: Registration | undefined;
}

export interface TestStructure {
  readonly registrations: readonly Registration[];
  /** Registrations by callback; one function can be passed to several hooks. */
  readonly byCallback: ReadonlyMap<FunctionNode, readonly Registration[]>;
  /** Frameworks the file imports or whose own globals it uses. */
  readonly frameworks: ReadonlySet<FrameworkId>;
  readonly mockLibraries: ReadonlySet<MockLibrarySpec['id']>;
  readonly isTestFile: boolean;
  /** The file's path, as linted. */
  readonly filename: string;
}

/**
 * Test files by name: `*.test.*`, `*.spec.*`, `*_test.*`, or anything under `__tests__/` (Jest's
 * convention) that the project's runner selects (a fixture module there is not run as a test).
 * Other files under `test/` count only when they call a test framework: helpers, setup files (a
 * deliberate per-run baseline) and type-check files live there too.
 */
const TEST_FILE_NAME = /[._-](?:test|spec)\.[cm]?[jt]sx?$/i;
const TESTS_DIR = /(?:^|[\\/])__tests__[\\/]/;

const cache = new WeakMap<TSESLint.SourceCode, TestStructure>();

/** How deep node:test subtests (`t.test` inside `t.test`) are followed. */
const MAX_SUBTEST_DEPTH = 8;

export function structureOf(sourceCode: TSESLint.SourceCode, filename: string): TestStructure {
  let structure = cache.get(sourceCode);
  if (!structure) {
    structure = build(sourceCode, filename);
    cache.set(sourceCode, structure);
  }
  return structure;
}

function build(sourceCode: TSESLint.SourceCode, filename: string): TestStructure {
  const index = indexOf(sourceCode);
  const found: { call: TSESTree.CallExpression; role: StructureRole; callback: FunctionNode | undefined }[] = [];
  for (const call of index.calls) {
    const role = roleOfCall(sourceCode, call, filename);
    if (role) found.push({ call, role, callback: callbackOf(sourceCode, call) });
  }
  const byCallback = new Map<FunctionNode, Registration[]>();
  // Context cleanups (`t.after(fn)`, `onTestFinished` from the test context) and node:test subtests
  // (`t.test(name, fn)`) need the callbacks known; a subtest's callback has a context of its own.
  const known = new Set(found.map((entry) => entry.call));
  for (let round = 0, added = true; added && round < MAX_SUBTEST_DEPTH; round++) {
    added = false;
    rebuildByCallback(byCallback, found.map((entry) => ({ ...entry, parent: undefined })));
    for (const call of index.calls) {
      if (known.has(call)) continue;
      const role = contextRole(sourceCode, call, byCallback);
      if (!role) continue;
      found.push({ call, role, callback: callbackOf(sourceCode, call) });
      known.add(call);
      added = true;
    }
  }
  // Mocha's `this.afterEach(fn)` in a describe callback registers on that describe's suite.
  const { frameworks, mockLibraries } = librariesOf(sourceCode);
  const suiteOf = new Map<TSESTree.CallExpression, TSESTree.CallExpression>();
  if (hasSharedThisContext(frameworks)) {
    rebuildByCallback(byCallback, found.map((entry) => ({ ...entry, parent: undefined })));
    for (const call of index.calls) {
      const suite = known.has(call) ? undefined : suiteHookOf(call, byCallback);
      if (!suite) continue;
      found.push({ call, role: suite.role, callback: callbackOf(sourceCode, call) });
      suiteOf.set(call, suite.describe.call);
    }
  }
  const registrations: Registration[] = [];
  for (const entry of found.sort((a, b) => a.call.range[0] - b.call.range[0])) {
    registrations.push({ ...entry, parent: undefined });
  }
  // Parents are found through the callbacks, so link them once every registration exists.
  rebuildByCallback(byCallback, registrations);
  const byCall = new Map(registrations.map((registration) => [registration.call, registration]));
  for (const registration of registrations) {
    const suite = suiteOf.get(registration.call);
    (registration as { parent: Registration | undefined }).parent = suite ? byCall.get(suite) : enclosingRegistration(registration.call, byCallback);
  }
  // node:test's `after()` called inside a running test registers on that test, like `t.after`.
  // So does one called from a helper function (not a registration's callback): it registers on the
  // test that runs the helper (restore.ts follows the helper to the tests that call it).
  for (const registration of registrations) {
    const inTest = registration.parent?.role.kind === 'test' || inHelperOfTests(sourceCode, registration, byCallback);
    if (inTest && isHookInTest(sourceCode, registration)) {
      (registration as { role: StructureRole }).role = { kind: 'cleanup' };
    }
  }
  const hasStructure = registrations.some((r) => r.role.kind !== 'cleanup');
  return { registrations, byCallback, frameworks, mockLibraries, filename, isTestFile: hasStructure || TEST_FILE_NAME.test(filename) || (TESTS_DIR.test(filename) && runByProject(filename) !== false) };
}

const hookCache = new WeakMap<TestStructure, Map<Registration | undefined, Map<string, Registration[]>>>();

/** The hooks of `kind` registered directly in `block` (undefined: the top level), in file order, indexed once per file. */
export function hooksIn(structure: TestStructure, block: Registration | undefined, kind: HookKind): readonly Registration[] {
  let byBlock = hookCache.get(structure);
  if (!byBlock) {
    byBlock = new Map();
    for (const registration of structure.registrations) {
      if (registration.role.kind !== 'hook') continue;
      const byKind = byBlock.get(registration.parent) ?? new Map<string, Registration[]>();
      byBlock.set(registration.parent, byKind);
      const list = byKind.get(registration.role.hook) ?? [];
      byKind.set(registration.role.hook, list);
      list.push(registration);
    }
    hookCache.set(structure, byBlock);
  }
  return byBlock.get(block)?.get(kind) ?? [];
}

function rebuildByCallback(byCallback: Map<FunctionNode, Registration[]>, registrations: readonly Registration[]): void {
  byCallback.clear();
  for (const registration of registrations) {
    if (!registration.callback) continue;
    const list = byCallback.get(registration.callback) ?? [];
    byCallback.set(registration.callback, list);
    list.push(registration);
  }
}

/** The describe/test registration whose callback (directly or through inline functions) contains `node`. */
/**
 * Is the registration's call inside a helper function (no registration's callback) that only tests
 * call? Its calls are found through the helper's binding, one level: each must be a call made in a
 * test's own callback.
 */
function inHelperOfTests(sourceCode: TSESLint.SourceCode, registration: Registration, byCallback: ReadonlyMap<FunctionNode, readonly Registration[]>): boolean {
  let helper: FunctionNode | undefined;
  for (let current: TSESTree.Node | undefined = registration.call.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    helper = current;
    break;
  }
  if (!helper || byCallback.has(helper)) return false;
  const declared = helper.type === T.FunctionDeclaration ? helper : helper.parent?.type === T.VariableDeclarator ? helper.parent : undefined;
  const variable = declared ? sourceCode.scopeManager?.getDeclaredVariables(declared)[0] : undefined;
  const calls = variable?.references.filter((reference) => reference.identifier !== declared?.id) ?? [];
  return (
    calls.length > 0 &&
    calls.every((reference) => {
      const call = reference.identifier.parent;
      return call?.type === T.CallExpression && call.callee === reference.identifier && enclosingRegistration(call, byCallback)?.role.kind === 'test';
    })
  );
}

function enclosingRegistration(
  node: TSESTree.Node,
  byCallback: ReadonlyMap<FunctionNode, readonly Registration[]>,
): Registration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const owner = byCallback.get(current)?.find((o) => o.role.kind === 'describe' || o.role.kind === 'test');
    if (owner) return owner;
  }
  return undefined;
}

/**
 * The role of a call, looking through modifiers: `it.only(...)`, `describe.each(t)(...)`,
 * `test.skipIf(c)(...)`; with the file's name, also a call of a project helper that wraps a test
 * or a describe (imported-wrappers.ts).
 */
export function roleOfCall(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, filename?: string): StructureRole | undefined {
  // Only a call handed a function can be a wrapper's: `firebaseTest('name', async () => {...})`.
  const wrapperFile = filename !== undefined && call.arguments.some((argument) => isFunction(unwrap(argument))) ? filename : undefined;
  return roleOfCallee(sourceCode, call.callee, new Set(), wrapperFile);
}

function roleOfCallee(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, seen: Set<TSESTree.Node>, filename?: string): StructureRole | undefined {
  let callee = unwrap(node);
  for (;;) {
    if (callee.type === T.CallExpression) callee = unwrap(callee.callee);
    else if (callee.type === T.TaggedTemplateExpression) callee = unwrap(callee.tag);
    else if (
      callee.type === T.MemberExpression &&
      !callee.computed &&
      callee.property.type === T.Identifier &&
      STRUCTURE_MODIFIERS.has(callee.property.name)
    ) {
      callee = unwrap(callee.object);
    } else break;
  }
  const origin = originOf(sourceCode, callee);
  const role = roleOfOrigin(origin) ?? (filename === undefined ? undefined : roleOfWrapperCall(origin, filename));
  if (role || callee.type !== T.Identifier || seen.has(callee)) return role;
  // `const test = base.extend({ ... })`: a Vitest test function with fixtures.
  seen.add(callee);
  const variable = variableOf(sourceCode, callee);
  const def = variable?.defs[0];
  if (variable?.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const') return undefined;
  const init = def.node.init && unwrap(def.node.init);
  if (
    init?.type === T.CallExpression &&
    init.callee.type === T.MemberExpression &&
    !init.callee.computed &&
    init.callee.property.type === T.Identifier &&
    TEST_EXTENDERS.has(init.callee.property.name)
  ) {
    const base = roleOfCallee(sourceCode, init.callee.object, seen, filename);
    return base?.kind === 'test' ? base : undefined;
  }
  // `const it = await createTester()`: a helper imported by relative path that returns the framework's test function.
  const made = init && withoutTypeWrappers(init, { await: true });
  if (made?.type === T.CallExpression && filename !== undefined && path.isAbsolute(filename)) {
    const helper = originOf(sourceCode, made.callee);
    if (helper.kind === 'module' && helper.path.length === 1) return registrarRole(filename, helper.source, helper.path[0] ?? 'default');
  }
  return undefined;
}

function roleOfOrigin(origin: Origin): StructureRole | undefined {
  if (origin.kind === 'global' && origin.path.length === 0) return roleOfGlobal(origin.name);
  if (origin.kind === 'module' && origin.path.length <= 1) {
    return roleOfExport(origin.source, origin.path[0] ?? 'default');
  }
  // A member a package wrapping the framework adds to its test function: `it.effect(name, fn)`.
  const [exported, member] = origin.kind === 'module' ? origin.path : [];
  if (origin.kind === 'module' && origin.path.length === 2 && exported !== undefined && member !== undefined) return roleOfExportMember(origin.source, exported, member);
  return undefined;
}

/** A helper imported by relative path that registers a test or a describe around its callback. */
function roleOfWrapperCall(origin: Origin, filename: string): StructureRole | undefined {
  if (origin.kind !== 'module' || origin.path.length !== 1 || !path.isAbsolute(filename)) return undefined;
  const name = origin.path[0] ?? 'default';
  // `import { test } from './fixtures'`, where the module re-exports the framework's test or extends it.
  return wrapperRole(filename, origin.source, name) ?? aliasRole(filename, origin.source, name);
}

/** The function a structure call registers: an inline function, or a local function passed by name. */
export function callbackOf(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): FunctionNode | undefined {
  for (const argument of call.arguments) {
    const fn = localFunction(sourceCode, argument);
    if (fn) return fn;
  }
  return undefined;
}

/** A function written in this file that `node` evaluates to. */
export function localFunction(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): FunctionNode | undefined {
  const expr = unwrap(node);
  if (isFunction(expr)) return expr;
  if (expr.type !== T.Identifier) return undefined;
  const variable = variableOf(sourceCode, expr);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || !def) return undefined;
  if (def.type === 'FunctionName' && def.node.type === T.FunctionDeclaration) return def.node;
  if (def.type === 'Variable' && def.parent.kind === 'const' && def.node.init) {
    const init = unwrap(def.node.init);
    return isFunction(init) ? init : undefined;
  }
  return undefined;
}

/** A hook registration whose callee is an export that registers on the running test (node:test `after`). */
function isHookInTest(sourceCode: TSESLint.SourceCode, registration: Registration): boolean {
  if (registration.role.kind !== 'hook') return false;
  let callee = unwrap(registration.call.callee);
  if (callee.type === T.CallExpression) return false;
  while (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && STRUCTURE_MODIFIERS.has(callee.property.name)) {
    callee = unwrap(callee.object);
  }
  const origin = originOf(sourceCode, callee);
  if (origin.kind !== 'module') return false;
  const name = origin.path.at(-1) ?? 'default';
  const owner = origin.path.slice(0, -1);
  // `after`, `test.after` or `nodeTest.default.after`: an export, possibly read through the default export or `test`.
  return owner.every((key) => key === 'default' || key === 'test') && isHookInTestCleanup(origin.source, name);
}

/** `this.afterEach(fn)` where `this` is a describe callback's (through arrow functions): a hook of that describe. */
function suiteHookOf(
  call: TSESTree.CallExpression,
  byCallback: ReadonlyMap<FunctionNode, readonly Registration[]>,
): { role: StructureRole; describe: Registration } | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== T.MemberExpression || callee.computed || callee.object.type !== T.ThisExpression || callee.property.type !== T.Identifier) return undefined;
  if (!Object.hasOwn(SUITE_CONTEXT_HOOKS, callee.property.name)) return undefined;
  const binder = thisBinder(callee.object);
  const describe = binder && byCallback.get(binder)?.find((registration) => registration.role.kind === 'describe');
  const hook = SUITE_CONTEXT_HOOKS[callee.property.name];
  return describe && hook ? { role: { kind: 'hook', hook }, describe } : undefined;
}

/** The role of a call made on a test context: a cleanup (`t.after(fn)`) or a node:test subtest (`t.test(name, fn)`). */
function contextRole(
  sourceCode: TSESLint.SourceCode,
  call: TSESTree.CallExpression,
  byCallback: ReadonlyMap<FunctionNode, unknown>,
): StructureRole | undefined {
  if (isContextCleanup(sourceCode, call, byCallback)) return { kind: 'cleanup' };
  const callee = unwrap(call.callee);
  if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier) return undefined;
  const object = unwrap(callee.object);
  if (!TEST_CONTEXT_SUBTESTS.has(callee.property.name) || object.type !== T.Identifier) return undefined;
  return isContextParameter(sourceCode, object, byCallback) ? { kind: 'test' } : undefined;
}

/**
 * A cleanup registered on the test context: node:test `t.after(fn)`, Vitest
 * `ctx.onTestFinished(fn)` or `({ onTestFinished }) => onTestFinished(fn)`.
 */
function isContextCleanup(
  sourceCode: TSESLint.SourceCode,
  call: TSESTree.CallExpression,
  byCallback: ReadonlyMap<FunctionNode, unknown>,
): boolean {
  const callee = unwrap(call.callee);
  if (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier) {
    const name = callee.property.name;
    const object = unwrap(callee.object);
    if (!TEST_CONTEXT_CLEANUPS.has(name) && !CONTEXT_CLEANUP_PROPERTIES.has(name)) return false;
    return object.type === T.Identifier && isContextParameter(sourceCode, object, byCallback);
  }
  if (callee.type === T.Identifier) {
    const def = variableOf(sourceCode, callee)?.defs[0];
    if (def?.type !== 'Parameter') return false;
    // `({ onTestFinished }) => ...` or `({ onTestFinished: done }) => ...`: a property of the destructured context.
    let property: TSESTree.Node | undefined = def.name.parent;
    if (property?.type === T.AssignmentPattern) property = property.parent;
    return (
      property?.type === T.Property &&
      !property.computed &&
      property.key.type === T.Identifier &&
      CONTEXT_CLEANUP_PROPERTIES.has(property.key.name) &&
      property.parent.type === T.ObjectPattern &&
      isFirstParameterOfCallback(property.parent, byCallback)
    );
  }
  return false;
}

/**
 * Is `id` a test's context: the first parameter of a test callback, or a parameter of a local helper
 * that every caller hands such a context (`async function tmpDir(t) { t.after(...) }` called as
 * `tmpDir(t)` from tests)? A helper that escapes (exported, stored, passed on) has callers we cannot see.
 */
function isContextParameter(
  sourceCode: TSESLint.SourceCode,
  id: TSESTree.Identifier,
  byCallback: ReadonlyMap<FunctionNode, unknown>,
  depth = 0,
): boolean {
  const def = variableOf(sourceCode, id)?.defs[0];
  if (def?.type !== 'Parameter') return false;
  if (isFirstParameterOfCallback(def.name, byCallback)) return true;
  const fn = def.name.parent;
  if (depth >= MAX_CONTEXT_HELPER_DEPTH || !fn || !isFunction(fn) || byCallback.has(fn)) return false;
  const position = fn.params.indexOf(def.name as TSESTree.Parameter);
  const calls = position < 0 ? undefined : callSitesOf(sourceCode, fn);
  return (
    calls !== undefined &&
    calls.length > 0 &&
    calls.every((call) => {
      const argument = call.arguments[position];
      // Only the call that runs it: a helper handed on as a callback gets arguments we cannot see.
      if (call.callee.type !== T.Identifier || argument?.type !== T.Identifier) return false;
      const declared = variableOf(sourceCode, call.callee)?.defs[0]?.node;
      if (declared !== fn && declared !== fn.parent) return false;
      return isContextParameter(sourceCode, argument, byCallback, depth + 1);
    })
  );
}

/** How many helpers deep a test context is followed as a parameter. */
const MAX_CONTEXT_HELPER_DEPTH = 4;

function isFirstParameterOfCallback(param: TSESTree.Node, byCallback: ReadonlyMap<FunctionNode, unknown>): boolean {
  const fn = param.parent;
  return !!fn && isFunction(fn) && fn.params[0] === param && byCallback.has(fn);
}

/** Frameworks and mock libraries the file imports, requires, or uses through their own globals. */
function librariesOf(sourceCode: TSESLint.SourceCode): Pick<TestStructure, 'frameworks' | 'mockLibraries'> {
  const frameworks = new Set<FrameworkId>();
  const mockLibraries = new Set<MockLibrarySpec['id']>();
  const note = (specifier: string): void => {
    const framework = frameworkOfModule(specifier);
    if (framework) frameworks.add(framework.id);
    const library = mockLibraryOfModule(specifier);
    if (library) mockLibraries.add(library.id);
  };
  const index = indexOf(sourceCode);
  for (const declaration of index.imports) note(declaration.source.value);
  for (const call of index.calls) {
    // Only a call with a module name first can load one (`require('sinon')`).
    const first = call.arguments[0];
    if (first?.type !== T.Literal || typeof first.value !== 'string' || call.arguments.length !== 1) continue;
    const origin = originOf(sourceCode, call);
    if (origin.kind === 'module' && origin.path.length === 0) note(origin.source);
  }
  const globalScope = sourceCode.scopeManager?.globalScope;
  const globalReferences = [
    ...(globalScope?.through ?? []),
    ...(globalScope?.variables.filter((v) => v.defs.length === 0).flatMap((v) => v.references) ?? []),
  ];
  for (const reference of globalReferences) {
    const id = reference.identifier;
    if (id.type !== T.Identifier || resolveIdentifier(sourceCode, id)?.kind !== 'global') continue;
    const framework = frameworkOfMarkerGlobal(id.name);
    if (framework) frameworks.add(framework.id);
  }
  return { frameworks, mockLibraries };
}
