/**
 * Is a finding a leak, or hygiene? Some replacements do stay in place but change nothing a later
 * test relies on: a spy that only watches calls (no fake behaviour), a global name or an
 * environment variable the test file adds for itself, a spy on a module the file auto-mocks (the
 * object is the file's own mock).
 * These are reported only with the rules' `strict` option.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import globals from 'globals';
import { ANY_KEY, isGlobal, isPrefixOrigin, matchesAny, originOf, sameOrigin, staticKey, unwrap, variableOf, writesOf, type SharedOrigin } from '../values/binding.js';
import { contains, indexOf, isFunction, type FunctionNode } from '../values/file-index.js';
import { namedByDependencies } from '../../project/names-in-dependencies.js';
import { namedElsewhere } from '../../project/names-in-sources.js';
import { isRelativeSpecifier, resolveRelativeModule } from '../../project/module-file.js';
import { installedPackageDirectory } from '../../project/package-file.js';
import { keyPlace } from '../restore/key-presence.js';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { wrappedInOtherTestFiles } from './wrapped-elsewhere.js';
import { AUTOMOCKERS, CALL_THROUGH_SPIES, CLOCK_GLOBALS, CONCURRENT_MODIFIERS, CONDITIONAL_MODIFIERS, GLOBAL_OBJECT_NAMES, HELPER_FAMILIES, TEMPORARY_FAKE_METHODS, UNREAD_BETWEEN_TESTS, CLEAR_ALL_CALLS, CLEAR_CALLS_METHODS, EXPECTED_THROWS, FAKE_BEHAVIOUR_METHODS, FAKE_BEHAVIOUR_WRAPPERS, frameworkOfModule, isProvidedEnvironmentVariable, MOCK_VIEWS, mockLibraryOfModule, NODE_ENVIRONMENT, ONCE_FAKE_METHODS, REWRAP_THROWS, SPIED_AS_IS, STANDARD_GLOBAL_ENVIRONMENTS, type OriginPattern } from '../runner/frameworks.js';
import { localCallsIn } from './per-test-input.js';
import { sharedWritesOf, type Write } from '../writes/patch-write.js';
import { replacedRead, scopedHelpersOf, type HelperCall } from '../writes/scoped-helpers.js';
import { sameBlockMember } from './block-shared.js';
import { hasRepeatingModifier, isRepeated, isWithin, modifiersOf, testsInRunOrderAfter } from '../runner/test-order.js';
import type { Registration, TestStructure } from '../runner/test-structure.js';

let standardGlobals: ReadonlySet<string> | undefined;

/** A name on the global object that no standard environment defines (`globalThis.clsx`). */
export function isTestOwnedGlobal(target: SharedOrigin): boolean {
  if (target.kind !== 'global' || target.path.length > 0) return false;
  standardGlobals ??= new Set(
    STANDARD_GLOBAL_ENVIRONMENTS.flatMap((name) => Object.keys((globals as Record<string, Record<string, unknown>>)[name] ?? {})),
  );
  return !standardGlobals.has(target.name);
}

/**
 * An environment variable the test makes up for itself (`process.env.FOO_BAR_BAZ`): a sentinel the
 * test names besides setting it (it hands the name to the code under test, `envOverride('FOO_BAR_BAZ')`,
 * or reads it back from a copy, `fake.PROP_NUMBER`), that no machine or tool provides, that no other
 * file of the project names (no code under test, other test, script or config reads it by name),
 * that neither Node nor an installed package the tests load reads, and that every other test of
 * the file naming it sets first. Only code that copies the whole
 * environment (a child process, `{ ...process.env }`) can still see it. A variable the test only
 * sets is configuration some code reads (a dependency's `FORCE_COLOR`), and stays a finding.
 */
export function isTestOwnedEnvironmentVariable(sourceCode: TSESLint.SourceCode, structure: TestStructure, write: Write, variable: string, filename: string): boolean {
  if (isProvidedEnvironmentVariable(variable) || NODE_ENVIRONMENT.has(variable)) return false;
  return isTestOwnedKey(sourceCode, structure, write, variable, filename);
}

/**
 * A key a test adds to a shared registry for itself (`mongoose.Schema.Types.Int8 = Int8`, a custom
 * type registered under its class's name): the same reasoning as for an environment variable. The
 * key was not there before the file ran: no file of the project (the code under test among them),
 * no installed package the test loads, names it, and for a Node.js built-in module the key is not
 * there in the linter's runtime either. Nothing after the test reads it: the test names it besides
 * adding it (it hands the class to the code under test), and every other test of the file naming
 * it adds it first. A module that cannot be looked at (a package not installed): not the test's own.
 */
export function isTestOwnedModuleKey(sourceCode: TSESLint.SourceCode, structure: TestStructure, write: Write, filename: string): boolean {
  const target = write.target;
  const key = target?.path.at(-1);
  if (target?.kind !== 'module' || key === undefined || key === ANY_KEY || write.wholeObject || (write.form !== 'assign' && write.form !== 'define')) return false;
  if (isBuiltin(target.source) ? keyPlace(target) !== 'absent' : !moduleReadable(target.source, filename)) return false;
  return isTestOwnedKey(sourceCode, structure, write, key, filename);
}

/** Can the text of a module that is no Node.js built-in be read: a file of the project, or an installed package? */
function moduleReadable(source: string, filename: string): boolean {
  if (isRelativeSpecifier(source)) return resolveRelativeModule(filename, source) !== undefined;
  const parts = source.split('/');
  return installedPackageDirectory(parts.slice(0, source.startsWith('@') ? 2 : 1).join('/'), path.dirname(filename)) !== undefined;
}

/** A key the test makes up, names besides writing it, and nothing else names (the two above). */
function isTestOwnedKey(sourceCode: TSESLint.SourceCode, structure: TestStructure, write: Write, key: string, filename: string): boolean {
  if (!ENV_NAME.test(key)) return false;
  const owner = owningTest(structure, write.node);
  if (!owner) return false;
  const sameKey = sharedWritesOf(sourceCode).filter((other) => other.target && write.target && sameOrigin(other.target, write.target));
  let namedByTest = false;
  for (const token of sourceCode.ast.tokens) {
    const within = (node: TSESTree.Node): boolean => node.range[0] <= token.range[0] && token.range[1] <= node.range[1];
    if (!tokenNames(token, key) || sameKey.some((other) => within(other.node))) continue;
    if (within(owner)) {
      namedByTest = true;
      continue;
    }
    // Named in another test: that test must set it before it names it.
    const test = owningTest(structure, sourceCode.getNodeByRangeIndex(token.range[0]) ?? sourceCode.ast);
    if (!test || !sameKey.some((other) => other.form !== 'delete' && contains(test, other.node) && other.node.range[1] <= token.range[0])) return false;
  }
  return namedByTest && !namedElsewhere(filename, key) && !namedByDependencies(filename, key, importedSpecifiers(sourceCode));
}

/** What the file imports or requires by a literal specifier (`import x from 'nock'`, `require('undici')`). */
function importedSpecifiers(sourceCode: TSESLint.SourceCode): string[] {
  const { imports, calls } = indexOf(sourceCode);
  const required = calls.flatMap((call) => {
    const [first] = call.arguments;
    const required = call.callee.type === T.Identifier && call.callee.name === 'require' && isGlobal(sourceCode, call.callee);
    return required && first?.type === T.Literal && typeof first.value === 'string' ? [first.value] : [];
  });
  return [...imports.filter((declaration) => declaration.importKind !== 'type').map((declaration) => declaration.source.value), ...required];
}

const ENV_NAME = /^[A-Za-z_][\w]*$/;

function tokenNames(token: TSESTree.Token, name: string): boolean {
  if (token.type === 'Identifier') return token.value === name;
  if (token.type === 'String') return token.value.slice(1, -1) === name;
  return token.type === 'Template' && new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(token.value);
}

/**
 * A spy with no fake behaviour: no implementation argument, no `mockImplementation`/`mockReturnValue`... on it.
 * A Sinon spy also must be the only fake of its member: another one, later in the file (or in a
 * hook) or in another test file that names the member, would throw "already wrapped".
 */
export function callsThrough(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, filename: string): boolean {
  const callee = unwrap(helper.call.callee);
  const method = callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier ? callee.property.name : undefined;
  const methods = CALL_THROUGH_SPIES[helper.family];
  if (!method || !methods || !Object.hasOwn(methods, method)) return false;
  const implementation = methods[method];
  if (implementation !== undefined && helper.call.arguments.length > implementation) return false;
  // Configured in the chain (`jest.spyOn(o, 'm').mockReturnValue(1)`) or later through the handle (`spy.mockImplementation(...)`),
  // unless every fake is a `...Once` its own test uses up: what stays is a call-through spy.
  const configured = configurationsOf(sourceCode, helper);
  if (configured.length > 0 && !onceFakesSpent(sourceCode, structure, helper, configured)) return false;
  // A spy whose calls are looked at outside the test that made it keeps them from earlier tests:
  // that is a leak (jest's pTimeout.test.ts asserts on a beforeEach spy in the next test).
  // A spy made in a test is looked at elsewhere outside that test; one made in `beforeEach`, outside
  // the first test of its block, which still sees a fresh spy (jest's timer example).
  const owner = owningTest(structure, helper.call) ?? firstTestOfEachHook(structure, helper.call);
  const elsewhere = (node: TSESTree.Node): boolean => !owner || !contains(owner, node);
  const handleUsed = (helper.handle?.references ?? []).some((reference) => !reference.init && elsewhere(reference.identifier));
  if (handleUsed || callsAsserted(sourceCode, helper.target, elsewhere)) return false;
  return !REWRAP_THROWS.has(helper.family) || !wrappedAgain(sourceCode, structure, helper, filename);
}

/**
 * Does a spy that a `beforeEach` makes again carry the calls of earlier tests into a later one?
 * Jest and Vitest hand back the same spy with its recorded calls, so a later test's
 * `expect(spy).toHaveBeenCalled()` can pass on an earlier test's calls (jest's pTimeout test). Not
 * where no code outside the hook reads its calls (through its handle or the member), nor where every
 * mock, or this spy through its handle (`spy.mockClear()`), is cleared before each test: in the same
 * hook (it runs before the test, wherever it stands there), or in an `afterEach` around it.
 */
export function callsCarriedOver(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall): boolean {
  const hook = registrationOf(structure, helper.call);
  const outside = (node: TSESTree.Node): boolean => !hook?.callback || !contains(hook.callback, node);
  const read = (helper.handle?.references ?? []).some((reference) => !reference.init && !reference.isWrite() && outside(reference.identifier)) || callsAsserted(sourceCode, helper.target, outside);
  if (!read || !hook) return read;
  const handleVariable = helper.handle;
  const clearsHandle = (call: TSESTree.CallExpression): boolean => {
    const callee = unwrap(call.callee);
    if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier || !CLEAR_CALLS_METHODS.has(callee.property.name)) return false;
    const object = unwrap(callee.object);
    return handleVariable !== undefined && object.type === T.Identifier && variableOf(sourceCode, object) === handleVariable;
  };
  const clears = indexOf(sourceCode).calls.filter((call) => clearsHandle(call) || matchesAny(originOf(sourceCode, call.callee), CLEAR_ALL_CALLS));
  return !clears.some((call) => {
    if (hook.callback && contains(hook.callback, call)) return true;
    const around = registrationOf(structure, call);
    return around !== undefined && around.role.kind === 'hook' && around.role.hook === 'afterEach' && (around.parent === undefined || isWithin(hook, around.parent));
  });
}

/** Is the member faked again after this helper: later in the file, in a hook, or by another test file (its own import, a stub of the whole object)? */
function wrappedAgain(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, filename: string): boolean {
  const target = helper.target;
  const key = target?.path.at(-1);
  // A member of a value the file makes once for a block: only this file can fake it again.
  const own = replacedRead(sourceCode, helper);
  if (!target && own) {
    return scopedHelpersOf(sourceCode).helpers.some((other) => {
      const faked = other !== helper && (other.call.range[0] > helper.call.range[0] || !owningTest(structure, other.call)) ? replacedRead(sourceCode, other) : undefined;
      return faked !== undefined && sameBlockMember(sourceCode, structure, own, faked);
    });
  }
  if (!target || key === undefined || key === ANY_KEY) return true;
  const objectOfTarget = { ...target, path: target.path.slice(0, -1) };
  const again = scopedHelpersOf(sourceCode).helpers.some((other) => {
    const wraps = (other.target !== undefined && sameOrigin(other.target, target)) || (other.wholeObject !== undefined && sameOrigin(other.wholeObject, objectOfTarget));
    return other !== helper && wraps && (other.call.range[0] > helper.call.range[0] || !owningTest(structure, other.call));
  });
  return again || wrappedInOtherTestFiles(filename, target);
}

/** The callback of the test a node runs in, if it is written inside one. */
function owningTest(structure: TestStructure, node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current) && structure.byCallback.get(current)?.some((r) => r.role.kind === 'test')) return current;
  }
  return undefined;
}

/** The callback of the first test a `beforeEach` around `node` runs before. */
function firstTestOfEachHook(structure: TestStructure, node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const hook = structure.byCallback.get(current)?.find((r) => r.role.kind === 'hook' && r.role.hook === 'beforeEach');
    if (!hook) return undefined;
    return structure.registrations.find((r) => r.role.kind === 'test' && isWithin(r, hook.parent))?.callback;
  }
  return undefined;
}

/**
 * Does the file look at the spy where `counts`: hand the spied member to `expect(...)`
 * (`expect(clearTimeout).toHaveBeenCalled()`), hand its recorded calls to any call
 * (`expect(jest.mocked(api.get).mock.calls)`, `assert.equal(api.get.mock.calls.length, 1)`), or take
 * a view of it (`jest.mocked(api.get)`, `vi.mocked(...)`: only a spy still in place has calls to read
 * or a fake to set)?
 */
function callsAsserted(sourceCode: TSESLint.SourceCode, target: SharedOrigin | undefined, counts: (node: TSESTree.Node) => boolean): boolean {
  if (!target) return false;
  const isTarget = (node: TSESTree.Node): boolean => sameOrigin(originOf(sourceCode, node), target);
  return indexOf(sourceCode).calls.some((call) => {
    const first = call.arguments[0];
    if (!first || first.type === T.SpreadElement || !counts(call)) return false;
    const callee = originOf(sourceCode, call.callee);
    if (matchesAny(callee, MOCK_VIEWS)) return isTarget(first);
    if (matchesAny(callee, EXPECTED_THROWS.expect) && isTarget(spiedMember(sourceCode, first))) return true;
    return call.arguments.some((argument) => argument.type !== T.SpreadElement && readsRecord(argument) && isTarget(spiedMember(sourceCode, argument)));
  });
}

/** Does the expression read a spy's `.mock` record (`api.get.mock.calls.length`)? */
function readsRecord(node: TSESTree.Node): boolean {
  for (let current = unwrap(node); current.type === T.MemberExpression; current = unwrap(current.object)) {
    if (!current.computed && current.property.type === T.Identifier && current.property.name === 'mock') return true;
  }
  return false;
}

/** The member whose spy an expression reads: `api.get` in `jest.mocked(api.get).mock.calls[0]`, `api.get.mock.calls`. */
function spiedMember(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESTree.Node {
  let expr = unwrap(node);
  // Down to the `.mock` record (`.mock.calls[0]`, `.mock.results`, `.mock.lastCall`).
  for (let current = expr; current.type === T.MemberExpression; current = unwrap(current.object)) {
    if (!current.computed && current.property.type === T.Identifier && current.property.name === 'mock') {
      expr = unwrap(current.object);
      break;
    }
  }
  // `jest.mocked(x)` and `vi.mocked(x)` hand back `x`.
  const argument = expr.type === T.CallExpression ? expr.arguments[0] : undefined;
  if (expr.type === T.CallExpression && argument && argument.type !== T.SpreadElement && matchesAny(originOf(sourceCode, expr.callee), MOCK_VIEWS)) return argument;
  return expr;
}

/** A fake-behaviour call on a spy: the method and the call. */
interface Configuration {
  readonly method: string;
  readonly call: TSESTree.Node;
}

/** The fake-behaviour calls on a spy: in its chain (`jest.spyOn(o, 'm').mockReturnValue(1)`) and through its handle. */
function configurationsOf(sourceCode: TSESLint.SourceCode, helper: HelperCall): Configuration[] {
  return [helper.call, ...(helper.handle?.references ?? []).map((reference) => reference.identifier)].flatMap((node) => configurationsFrom(sourceCode, node));
}

/**
 * The fake-behaviour methods called on `node`, directly, along a chain, or through `.mock`
 * (node:test), and a wrapper it is handed to that fakes it (`when(spy).calledWith(1).thenReturn(2)`).
 */
function configurationsFrom(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Configuration[] {
  const found: Configuration[] = [];
  let current: TSESTree.Node = node;
  while (current.parent && (current.parent.type === T.TSAsExpression || current.parent.type === T.TSNonNullExpression)) current = current.parent;
  const wrapper = current.parent;
  if (wrapper?.type === T.CallExpression && wrapper.arguments[0] === current && matchesAny(originOf(sourceCode, wrapper.callee), FAKE_BEHAVIOUR_WRAPPERS)) {
    found.push({ method: sourceCode.getText(wrapper.callee), call: wrapper });
  }
  for (let depth = 0; depth < 8; depth++) {
    const member = current.parent;
    if (member?.type !== T.MemberExpression || member.object !== current || member.computed || member.property.type !== T.Identifier) break;
    const call = member.parent?.type === T.CallExpression && member.parent.callee === member ? member.parent : undefined;
    if (FAKE_BEHAVIOUR_METHODS.has(member.property.name)) found.push({ method: member.property.name, call: call ?? member });
    current = call ?? member;
  }
  return found;
}

/**
 * Are all of a spy's fakes `...Once` fakes (`mockReturnValueOnce`) its own test uses up? Each is set
 * where the test always runs it, and after the last one the test always makes at least as many
 * calls of the file's own code (the code under test takes one fake per call). What stays is a spy
 * that calls through. A Once the test may not reach, or more of them than calls after, stays a fake.
 */
function onceFakesSpent(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, configured: readonly Configuration[]): boolean {
  const owner = owningTest(structure, helper.call);
  if (!owner || !configured.every((c) => ONCE_FAKE_METHODS.has(c.method) && contains(owner, c.call) && runsUnconditionally(c.call, owner))) return false;
  const last = Math.max(...configured.map((c) => c.call.range[1]));
  const isFramework = frameworkCall(sourceCode);
  const callsAfter = localCallsIn(sourceCode, owner).filter((c) => c.node.range[0] > last && !isFramework(c.node) && runsUnconditionally(c.node, owner));
  return callsAfter.length >= configured.length;
}

/**
 * Does the code at `node` run every time `fn` runs (no branch, loop, `catch` or nested function
 * between them)? A throw on the way is the test failing, which ends it either way.
 */
function runsUnconditionally(node: TSESTree.Node, fn: FunctionNode): boolean {
  for (let child: TSESTree.Node = node, current = node.parent; current && current !== fn; child = current, current = current.parent) {
    switch (current.type) {
      case T.IfStatement:
      case T.ConditionalExpression:
        if (current.test !== child) return false;
        break;
      case T.LogicalExpression:
        if (current.right === child) return false;
        break;
      case T.ChainExpression:
        return false;
      case T.SwitchCase:
      case T.CatchClause:
      case T.ForStatement:
      case T.ForInStatement:
      case T.ForOfStatement:
      case T.WhileStatement:
      case T.DoWhileStatement:
        return false;
      default:
        if (isFunction(current)) return false;
    }
  }
  return true;
}

/** Calls of the test framework or a mock library imported by the file (`vi.spyOn`, `sinon.stub`): not code under test. */
function frameworkCall(sourceCode: TSESLint.SourceCode): (call: TSESTree.CallExpression) => boolean {
  return (call) => {
    const origin = originOf(sourceCode, call.callee);
    return origin.kind === 'module' && (frameworkOfModule(origin.source) !== undefined || mockLibraryOfModule(origin.source) !== undefined);
  };
}

/**
 * Is a fake put in again before anything can use it? The test makes a lasting fake
 * (`vi.spyOn(debug, 'warn').mockImplementation(...)`, fake timers); the later tests, in the order
 * the runner runs them (skipped ones left out), run none of the file's code (imports, locals), and
 * read nothing that may reach the member, until one puts the same kind of fake in again where it
 * always runs, with behaviour of its own, before its first such use. Jest and Vitest hand back the
 * same spy and put the new fake on it; a second `useFakeTimers()` takes the last clock away. No
 * hook that runs between the two (an `afterEach` of this test, a `beforeEach` of a later one, an
 * `afterAll`/`beforeAll` of a block left or entered) runs code of the file. The fake this test
 * leaves is then never used: hygiene. Not hygiene: a later test that runs code first (whatever it
 * calls: any code may read the member), or fakes it again only in a branch, with a `...Once` or a
 * temporary fake, or with no behaviour of its own (it would inherit the leftover); a member the
 * runner reads between tests (a global other than UNREAD_BETWEEN_TESTS); a Sinon fake (wrapping
 * again throws); a Vitest clock whose time the test set (the next install keeps it).
 */
export function refakedBeforeLaterUse(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, helpers: readonly HelperCall[]): boolean {
  if (REWRAP_THROWS.has(helper.family)) return false;
  const target = helper.target;
  const family = HELPER_FAMILIES[helper.family];
  let sameMember: (other: HelperCall) => boolean;
  let reads: (node: TSESTree.Identifier) => boolean = () => false;
  if (family.installsAfresh) {
    if (family.keepsSetTime && setsClockTime(sourceCode, structure, helper, family.keepsSetTime)) return false;
    sameMember = (other) => other.family === helper.family;
    // Code of the test itself that reads the clock: `new Date()`, `setTimeout(...)`, the global object.
    reads = (id) => CLOCK_GLOBALS.has(id.name) || GLOBAL_OBJECT_NAMES.has(id.name);
  } else if (target) {
    // A module's member, or a global the runner does not read between tests: a global such as `Array.isArray` or
    // `Object.keys` is read by the runner between tests, before the next test can fake it again.
    if (target.kind !== 'module' && !(target.kind === 'global' && matchesAny(target, UNREAD_BETWEEN_TESTS))) return false;
    sameMember = (other) => other.target !== undefined && sameOrigin(other.target, target);
    if (target.kind === 'global') reads = (id) => id.name === target.name || GLOBAL_OBJECT_NAMES.has(id.name);
  } else {
    // A member of an object the file makes once for a block.
    const member = replacedRead(sourceCode, helper);
    if (!member) return false;
    sameMember = (other) => {
      const faked = replacedRead(sourceCode, other);
      return faked !== undefined && sameBlockMember(sourceCode, structure, member, faked);
    };
  }
  const fakingCalls = helpers.map((h) => h.call);
  const faking = (id: TSESTree.Node): boolean => fakingCalls.some((call) => call.arguments.some((argument) => contains(argument, id)));
  // The file's own bindings used so that code runs (a call, `new Client()`, a function handed to `expect(fn).toThrow()`),
  // other than the framework's and the objects handed to a fake; and any mention of a global that reaches the member.
  const uses = (of: Registration): TSESTree.Node[] => {
    const callback = of.callback;
    if (!callback) return [];
    return outerReferencesIn(sourceCode, callback)
      .filter(({ id, variable }) => !faking(id) && (variable ? runsCode(sourceCode, id) && !frameworkBinding(sourceCode, id) : reads(id)))
      .map(({ id }) => id);
  };
  return laterTestsFakeFirst(sourceCode, structure, helper, helpers, sameMember, uses, false);
}

/** Does the test that installs a clock set its time (`vi.useFakeTimers({ now })`, `vi.setSystemTime(x)`)? The next install keeps that time. */
function setsClockTime(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, setters: readonly OriginPattern[]): boolean {
  if (helper.call.arguments.length > 0) return true;
  const owner = registrationOf(structure, helper.call)?.callback;
  return !owner || indexOf(sourceCode).calls.some((call) => contains(owner, call) && matchesAny(originOf(sourceCode, call.callee), setters));
}

/**
 * The identifiers in a function that name something from outside it, in source order, with the
 * variable of the file they name (none: a global).
 */
function outerReferencesIn(sourceCode: TSESLint.SourceCode, fn: FunctionNode): readonly OuterReference[] {
  const known = outerReferencesCache.get(fn);
  if (known) return known;
  const scope = sourceCode.scopeManager?.acquire(fn);
  const found: OuterReference[] = [];
  for (const reference of scope?.through ?? []) {
    if (reference.identifier.type !== T.Identifier) continue;
    const variable = reference.resolved ?? undefined;
    found.push({ id: reference.identifier, variable: variable && variable.defs.length > 0 ? variable : undefined });
  }
  found.sort((a, b) => a.id.range[0] - b.id.range[0]);
  outerReferencesCache.set(fn, found);
  return found;
}

interface OuterReference {
  readonly id: TSESTree.Identifier;
  readonly variable: TSESLint.Scope.Variable | undefined;
}

const outerReferencesCache = new WeakMap<FunctionNode, readonly OuterReference[]>();

/**
 * Does this use of a name run code: it is called (`f()`, `client.send()`), constructed, used as a
 * tag or a JSX element, handed to a call (`expect(fn).toThrow()` calls it), awaited or iterated?
 * A plain read or write of a variable or of its members runs none (getters are not followed).
 */
function runsCode(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  let current: TSESTree.Node = id;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (parent.type === T.MemberExpression && parent.object === current) continue;
    if (parent.type === T.ChainExpression || parent.type === T.TSNonNullExpression || parent.type === T.TSAsExpression || parent.type === T.TSSatisfiesExpression) continue;
    break;
  }
  const parent = current.parent;
  switch (parent?.type) {
    case T.CallExpression:
      return parent.callee === current || !storesOnly(sourceCode, parent);
    case T.NewExpression:
      return true;
    case T.SpreadElement:
      return parent.parent?.type === T.NewExpression || (parent.parent?.type === T.CallExpression && !storesOnly(sourceCode, parent.parent));
    case T.TaggedTemplateExpression:
      return parent.tag === current;
    case T.AwaitExpression:
    case T.YieldExpression:
    case T.JSXOpeningElement:
    case T.JSXMemberExpression:
      return true;
    case T.ForOfStatement:
      return parent.right === current;
    default:
      return false;
  }
}

/**
 * A call that only takes its arguments in, running none of them: a mock view (`vi.mocked(fn)` hands
 * `fn` back) or a mock's own configuration (`.mockReturnValue(value)`, `.mockImplementation(fn)`,
 * which keeps `fn` for later calls of the mock).
 */
function storesOnly(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (matchesAny(originOf(sourceCode, callee), MOCK_VIEWS)) return true;
  return callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && (FAKE_BEHAVIOUR_METHODS.has(callee.property.name) || CLEAR_CALLS_METHODS.has(callee.property.name)) && !TEMPORARY_FAKE_METHODS.has(callee.property.name);
}

/** A name bound to what the file imports (or requires) from the test framework or a mock library (`vi`, `expect`, `sinon`): using it runs none of the file's code. */
function frameworkBinding(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  const origin = originOf(sourceCode, id);
  return origin.kind === 'module' && (frameworkOfModule(origin.source) !== undefined || mockLibraryOfModule(origin.source) !== undefined);
}

/**
 * Do the later tests of the file, in the order the runner runs them, each use nothing that can
 * read the member, or fake it again (`sameMember`) before they do? `uses` lists, in source order,
 * what in a test or hook can read it. With `unseenAtEnd`, no later test that uses it at all is an
 * answer too (yes): the fake reaches no other file. A hook that runs between this test and the one
 * that fakes it again and uses it would read the leftover fake: no. A test that runs again
 * (`it.each`) is its own next test.
 */
function laterTestsFakeFirst(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  helper: HelperCall,
  helpers: readonly HelperCall[],
  sameMember: (other: HelperCall) => boolean,
  uses: (of: Registration) => TSESTree.Node[],
  unseenAtEnd: boolean,
): boolean {
  const registration = registrationOf(structure, helper.call);
  if (registration?.role.kind !== 'test') return false;
  const afresh = HELPER_FAMILIES[helper.family].installsAfresh === true;
  // The fake that stays: the install itself for a clock, else the last fake behaviour that is neither a `...Once` nor temporary.
  const lasting = (of: HelperCall): TSESTree.Node | undefined =>
    afresh ? of.call : configurationsOf(sourceCode, of).filter((c) => !ONCE_FAKE_METHODS.has(c.method) && !TEMPORARY_FAKE_METHODS.has(c.method)).at(-1)?.call;
  if (!lasting(helper)) return false;
  const repeated = isRepeated(structure, registration);
  // Run again by a loop or a repeated describe: other tests may run between two runs; not followed.
  if (repeated && (!hasRepeatingModifier(registration.call.callee) || (registration.parent && isRepeated(structure, registration.parent)))) return false;
  const writers = new Map<Registration, TSESTree.Node[]>();
  for (const other of helpers) {
    if (other.family !== helper.family || !sameMember(other)) continue;
    const place = registrationOf(structure, other.call);
    const fake = lasting(other);
    if (place?.role.kind !== 'test' || !place.callback || !fake || !runsUnconditionally(fake, place.callback)) continue;
    if (place === registration && !repeated) continue;
    const list = writers.get(place) ?? [];
    writers.set(place, list);
    list.push(fake);
  }
  // Does a test put the fake in again before its first use (yes), use it first (no), or neither (undefined)?
  const verdict = (test: Registration): boolean | undefined => {
    const again = writers.get(test) ?? [];
    // What the new fake's own implementation calls runs only when the fake is called, after it is in place.
    const first = uses(test).find((use) => !again.some((fake) => contains(fake, use)));
    if (again.length > 0 && (!first || again.some((fake) => fake.range[1] <= first.range[0]))) return true;
    return first ? false : undefined;
  };
  // The next run of an `it.each` test sees what its last run left, unless each run fakes it again first.
  if (repeated && verdict(registration) !== true) return false;
  // Tests that run at the same time as others may read the fake while it is in place.
  const modifiers = (test: Registration): Set<string> => modifiersOf(test);
  const concurrent = (test: Registration): boolean => [...modifiers(test)].some((m) => CONCURRENT_MODIFIERS.has(m));
  // A test a condition may skip (`test.skipIf(c)`) cannot be relied on to fake it again.
  const conditional = (test: Registration): boolean => [...modifiers(test)].some((m) => CONDITIONAL_MODIFIERS.has(m));
  if (concurrent(registration)) return false;
  const later = testsInRunOrderAfter(structure, registration);
  let refaker: Registration | undefined;
  const between: Registration[] = [];
  for (const test of later) {
    if (concurrent(test)) return false;
    const answer = verdict(test);
    if (answer === true && conditional(test)) {
      between.push(test);
      continue;
    }
    if (answer === false) return false;
    if (answer === true) {
      refaker = test;
      break;
    }
    between.push(test);
  }
  if (!refaker && !unseenAtEnd) return false;
  // The hooks that run while the leftover is in place: an `afterEach` around this test or one before the refaker,
  // a `beforeEach` around a test after it up to the refaker, an `afterAll` of a block this test leaves, a `beforeAll`
  // of a block a later test enters (without a refaker: every one of them, up to the end of the file).
  const window = [registration, ...between, ...(refaker ? [refaker] : [])];
  const holds = (block: Registration | undefined, test: Registration): boolean => isWithin(test, block);
  const inWindow = (hook: Registration): boolean => {
    if (hook.role.kind !== 'hook') return false;
    const block = hook.parent;
    switch (hook.role.hook) {
      case 'afterEach':
        return window.some((test) => test !== refaker && holds(block, test));
      case 'beforeEach':
        return window.some((test) => test !== registration && holds(block, test));
      default:
        // A `beforeAll`/`afterAll` of the whole file runs before the first or after the last test.
        return block !== undefined && window.some((test) => holds(block, test)) && !window.every((test) => holds(block, test));
    }
  };
  return !structure.registrations.some((hook) => inWindow(hook) && uses(hook).length > 0);
}

/** The registration (test, hook) whose callback a node is written in, nearest first. */
function registrationOf(structure: TestStructure, node: TSESTree.Node): Registration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) {
      const registration = structure.byCallback.get(current)?.[0];
      if (registration) return registration;
    }
  }
  return undefined;
}

/**
 * A spy on a member of a module that the file auto-mocks (`jest.mock('./m')` with no factory),
 * whose fake no later test of the file sees. The module object is the file's own mock: no other
 * file sees the fake, but the later tests of the file do (Jest hands back the same mock function
 * and keeps its fake: `fixtures/quiet-writes-jest`). Its other members are inert mock functions,
 * so a later test sees the fake only when it reads the member (or a parent of it, other than to
 * fake another member), or calls code of the file that is not the automock, before it fakes the
 * member again. A spy made outside a test (a hook, the file's top level) is the block's setup.
 */
export function onAutomockedModule(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, helpers: readonly HelperCall[]): boolean {
  const target = helper.target;
  const automocked = automockedModules(sourceCode);
  if (target?.kind !== 'module' || !automocked.has(target.source)) return false;
  if (registrationOf(structure, helper.call)?.role.kind !== 'test') return true;
  const isFramework = frameworkCall(sourceCode);
  const handles = new Set(helpers.flatMap((h) => (h.handle ? [h.handle] : [])));
  // Calls that run no code of the file: the framework, a mock's own API through a spy's handle (`spy.mockClear()`),
  // another member of the automock, or a method of an instance of an automocked class other than the faked one.
  const inert = (call: TSESTree.CallExpression): boolean => {
    if (isFramework(call)) return true;
    const callee = unwrap(call.callee);
    const object = callee.type === T.MemberExpression ? unwrap(callee.object) : undefined;
    const holder = object?.type === T.Identifier ? variableOf(sourceCode, object) : undefined;
    if (holder && handles.has(holder)) return true;
    const instance = callee.type === T.MemberExpression && holder ? instanceMethodOf(sourceCode, holder, callee) : undefined;
    if (instance) {
      // A method of the same name may be the faked one, inherited (an automocked subclass keeps its parent's prototype
      // chain), unless the test faked the instance's own member before the call.
      const shadowed = helpers.some((h) => h.target && sameOrigin(h.target, instance) && h.call.range[1] <= call.range[0] && !!enclosingTest(h.call) && enclosingTest(h.call) === enclosingTest(call));
      return automocked.has(instance.source) && (instance.path.at(-1) !== target.path.at(-1) || shadowed);
    }
    const origin = originOf(sourceCode, call.callee);
    return origin.kind === 'module' && automocked.has(origin.source) && !isPrefixOrigin(target, origin) && !isPrefixOrigin(origin, target);
  };
  const enclosingTest = (node: TSESTree.Node): Registration | undefined => registrationOf(structure, node);
  const reads = readsOfModule(sourceCode, target, helpers);
  const uses = (of: Registration): TSESTree.Node[] => {
    const callback = of.callback;
    if (!callback) return [];
    const calls = localCallsIn(sourceCode, callback).filter((c) => !inert(c.node)).map((c) => c.node);
    return [...calls, ...reads.filter((read) => contains(callback, read))].sort((a, b) => a.range[0] - b.range[0]);
  };
  const sameMember = (other: HelperCall): boolean => other.target !== undefined && sameOrigin(other.target, target);
  return laterTestsFakeFirst(sourceCode, structure, helper, helpers, sameMember, uses, true);
}

/**
 * The member a method call on an instance of a module's class reads: `instance.get()` with `const
 * instance = new Client()` reads `Client.prototype.get` (or a parent class's, inherited).
 */
function instanceMethodOf(sourceCode: TSESLint.SourceCode, holder: TSESLint.Scope.Variable, callee: TSESTree.MemberExpression): (SharedOrigin & { kind: 'module' }) | undefined {
  const def = holder.defs[0];
  const init = holder.defs.length === 1 && def?.node.type === T.VariableDeclarator && def.node.id.type === T.Identifier ? def.node.init : undefined;
  const made = init ? unwrap(init) : undefined;
  if (made?.type !== T.NewExpression || callee.computed || callee.property.type !== T.Identifier || writesOf(holder).length > 1) return undefined;
  const constructor = originOf(sourceCode, made.callee);
  return constructor.kind === 'module' ? { ...constructor, path: [...constructor.path, 'prototype', callee.property.name] } : undefined;
}

/**
 * Where the file reads the member, or a parent of it, through its bindings of the module: the
 * outermost member chain at each reference (`client.get`, `SuperTestClass` in `new SuperTestClass()`),
 * leaving out the objects handed to a scoped helper (`jest.spyOn(client, 'post')` fakes, it does not read).
 */
function readsOfModule(sourceCode: TSESLint.SourceCode, target: SharedOrigin & { kind: 'module' }, helpers: readonly HelperCall[]): TSESTree.Node[] {
  const reads: TSESTree.Node[] = [];
  const faking = helpers.map((h) => h.call);
  for (const scope of sourceCode.scopeManager?.scopes ?? []) {
    for (const variable of scope.variables) {
      const name = variable.defs[0]?.name;
      const origin = name && originOf(sourceCode, name);
      if (origin?.kind !== 'module' || origin.source !== target.source) continue;
      for (const reference of variable.references) {
        if (reference.init || faking.some((call) => call.arguments.some((argument) => contains(argument, reference.identifier)))) continue;
        let chain: TSESTree.Node = reference.identifier;
        while (chain.parent?.type === T.MemberExpression && chain.parent.object === chain) chain = chain.parent;
        const read = originOf(sourceCode, chain);
        if (read.kind === 'module' && (isPrefixOrigin(read, target) || isPrefixOrigin(target, read))) reads.push(chain);
      }
    }
  }
  return reads;
}

const automockedCache = new WeakMap<TSESLint.SourceCode, ReadonlySet<string>>();

/** The modules the file auto-mocks, found once per file (a file with thousands of spies asks for every one). */
function automockedModules(sourceCode: TSESLint.SourceCode): ReadonlySet<string> {
  let found = automockedCache.get(sourceCode);
  if (found) return found;
  const sources = new Set<string>();
  for (const call of indexOf(sourceCode).calls) {
    const [specifier, factory] = call.arguments;
    if (!specifier || factory || specifier.type === T.SpreadElement) continue;
    const source = staticKey(sourceCode, specifier);
    if (source !== undefined && matchesAny(originOf(sourceCode, call.callee), AUTOMOCKERS)) sources.add(source);
  }
  found = sources;
  automockedCache.set(sourceCode, found);
  return found;
}

/**
 * A `jest.spyOn` / `vi.spyOn` on a member that the file's own mock factory makes a mock function
 * (`vi.mock('./m', () => ({ get: vi.fn() }))`, also nested, `{ debug: { warn: vi.fn() } }`): the
 * spy is that mock function, and its fake stays on the file's own mock object, which no other file
 * sees. A member the factory does not make a mock function (a spread of the real module, a plain
 * function) is a real patch of it and stays a finding.
 */
export function onFactoryMock(sourceCode: TSESLint.SourceCode, helper: HelperCall): boolean {
  const target = helper.target;
  if (target?.kind !== 'module' || target.path.length === 0 || (helper.family !== 'jest-mock' && helper.family !== 'vitest-mock')) return false;
  return factoryMocks(sourceCode).some((mock) => mock.source === target.source && mock.returned.every((object) => mockFunctionAt(sourceCode, object, target.path)));
}

interface FactoryMock {
  readonly source: string;
  /** Every object the factory may return (one per `return`). */
  readonly returned: readonly TSESTree.ObjectExpression[];
}

const factoryCache = new WeakMap<TSESLint.SourceCode, readonly FactoryMock[]>();

/** The file's mock factories whose every `return` gives an object literal, by module specifier; found once per file. */
function factoryMocks(sourceCode: TSESLint.SourceCode): readonly FactoryMock[] {
  let found = factoryCache.get(sourceCode);
  if (found) return found;
  const list: FactoryMock[] = [];
  for (const call of indexOf(sourceCode).calls) {
    const [specifier, factory] = call.arguments;
    if (!specifier || !factory || specifier.type === T.SpreadElement || !isFunction(factory)) continue;
    const source = staticKey(sourceCode, specifier);
    const returned = returnedObjects(sourceCode, factory);
    if (source !== undefined && returned.length > 0 && matchesAny(originOf(sourceCode, call.callee), AUTOMOCKERS)) list.push({ source, returned });
  }
  found = list;
  factoryCache.set(sourceCode, found);
  return found;
}

/**
 * The object literals a factory returns: its expression body, or the argument of each `return` of
 * its own body (not of a nested function), after any statements (`const actual = await
 * vi.importActual('path'); return { ...actual, resolve: vi.fn() }`). A returned variable counts
 * when it is a `const` made from an object literal. Any other return (a call, a variable written
 * again, none at all): nothing is known, no objects.
 */
function returnedObjects(sourceCode: TSESLint.SourceCode, factory: FunctionNode): TSESTree.ObjectExpression[] {
  const body = factory.body;
  const asObject = (node: TSESTree.Node | null | undefined): TSESTree.ObjectExpression | undefined => {
    const value = node ? unwrap(node) : undefined;
    if (value?.type === T.ObjectExpression) return value;
    if (value?.type !== T.Identifier) return undefined;
    const variable = variableOf(sourceCode, value);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    const declared = def?.node.type === T.VariableDeclarator && def.node.id.type === T.Identifier && def.parent?.type === T.VariableDeclaration && def.parent.kind === 'const' ? def.node.init : undefined;
    const init = declared ? unwrap(declared) : undefined;
    return init?.type === T.ObjectExpression ? init : undefined;
  };
  if (body.type !== T.BlockStatement) {
    const object = asObject(body);
    return object ? [object] : [];
  }
  const returns: TSESTree.ReturnStatement[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === T.ReturnStatement) returns.push(node);
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as TSESTree.Node).type === 'string' && !isFunction(child as TSESTree.Node)) visit(child as TSESTree.Node);
      }
    }
  };
  visit(body);
  const objects = returns.map((statement) => asObject(statement.argument));
  return returns.length > 0 && objects.every((object) => object !== undefined) ? (objects as TSESTree.ObjectExpression[]) : [];
}

/** Is the value at `path` in the literal (the last own property of that name) a call that makes a Jest or Vitest mock function? */
function mockFunctionAt(sourceCode: TSESLint.SourceCode, object: TSESTree.ObjectExpression, path: readonly string[]): boolean {
  const [key, ...rest] = path;
  if (key === undefined || key === ANY_KEY) return false;
  // A later spread may bring the real member back over the mock (`{ get: vi.fn(), ...actual }`).
  let value: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type === T.SpreadElement) value = undefined;
    else if (!property.computed && propertyName(property.key) === key) value = property.value;
  }
  if (!value) return false;
  if (rest.length > 0) return value.type === T.ObjectExpression && mockFunctionAt(sourceCode, value, rest);
  // `vi.fn()`, or one given a fake in the same chain (`vi.fn().mockImplementation(...)`): each of those methods hands back the mock itself.
  let made: TSESTree.Node = unwrap(value);
  while (made.type === T.CallExpression) {
    const callee = unwrap(made.callee);
    if (matchesAny(originOf(sourceCode, callee), SPIED_AS_IS)) return true;
    if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier || !FAKE_BEHAVIOUR_METHODS.has(callee.property.name) || TEMPORARY_FAKE_METHODS.has(callee.property.name)) return false;
    made = unwrap(callee.object);
  }
  return false;
}

function propertyName(key: TSESTree.Node): string | undefined {
  if (key.type === T.Identifier) return key.name;
  return key.type === T.Literal && typeof key.value === 'string' ? key.value : undefined;
}
