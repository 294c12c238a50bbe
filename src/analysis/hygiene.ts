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
import { ANY_KEY, isGlobal, matchesAny, originOf, sameOrigin, staticKey, unwrap, type SharedOrigin } from './binding.js';
import { contains, indexOf, isFunction, type FunctionNode } from './file-index.js';
import { namedByDependencies } from '../project/names-in-dependencies.js';
import { namedElsewhere } from '../project/names-in-sources.js';
import { wrappedInOtherTestFiles } from './wrapped-elsewhere.js';
import { AUTOMOCKERS, CALL_THROUGH_SPIES, EXPECTED_THROWS, FAKE_BEHAVIOUR_METHODS, isProvidedEnvironmentVariable, NODE_ENVIRONMENT, REWRAP_THROWS, STANDARD_GLOBAL_ENVIRONMENTS } from './frameworks.js';
import { sharedWritesOf, type Write } from './patch-write.js';
import { scopedHelpersOf, type HelperCall } from './scoped-helpers.js';
import { isWithin } from './test-order.js';
import type { TestStructure } from './test-structure.js';

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
  if (!ENV_NAME.test(variable) || isProvidedEnvironmentVariable(variable) || NODE_ENVIRONMENT.has(variable)) return false;
  const owner = owningTest(structure, write.node);
  if (!owner) return false;
  const sameVariable = sharedWritesOf(sourceCode).filter((other) => other.target && write.target && sameOrigin(other.target, write.target));
  let namedByTest = false;
  for (const token of sourceCode.ast.tokens) {
    const within = (node: TSESTree.Node): boolean => node.range[0] <= token.range[0] && token.range[1] <= node.range[1];
    if (!tokenNames(token, variable) || sameVariable.some((other) => within(other.node))) continue;
    if (within(owner)) {
      namedByTest = true;
      continue;
    }
    // Named in another test: that test must set it before it names it.
    const test = owningTest(structure, sourceCode.getNodeByRangeIndex(token.range[0]) ?? sourceCode.ast);
    if (!test || !sameVariable.some((other) => other.form !== 'delete' && contains(test, other.node) && other.node.range[1] <= token.range[0])) return false;
  }
  return namedByTest && !namedElsewhere(filename, variable) && !namedByDependencies(filename, variable, importedSpecifiers(sourceCode));
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
  // Configured in the chain (`jest.spyOn(o, 'm').mockReturnValue(1)`) or later through the handle (`spy.mockImplementation(...)`).
  if (configuredFrom(helper.call)) return false;
  if ((helper.handle?.references ?? []).some((reference) => configuredFrom(reference.identifier))) return false;
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

/** Is the member faked again after this helper: later in the file, in a hook, or by another test file (its own import, a stub of the whole object)? */
function wrappedAgain(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, filename: string): boolean {
  const target = helper.target;
  const key = target?.path.at(-1);
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

/** Does the file hand the spied member to `expect(...)` (`expect(clearTimeout).toHaveBeenCalled()`) where `counts`? */
function callsAsserted(sourceCode: TSESLint.SourceCode, target: SharedOrigin | undefined, counts: (node: TSESTree.Node) => boolean): boolean {
  if (!target) return false;
  return indexOf(sourceCode).calls.some((call) => {
    const first = call.arguments[0];
    if (!first || first.type === T.SpreadElement || !counts(call) || !matchesAny(originOf(sourceCode, call.callee), EXPECTED_THROWS.expect)) return false;
    return sameOrigin(originOf(sourceCode, first), target);
  });
}

/** Is a fake-behaviour method called on `node`, directly or through `.mock` (node:test)? */
function configuredFrom(node: TSESTree.Node): boolean {
  let current: TSESTree.Node = node;
  while (current.parent && (current.parent.type === T.TSAsExpression || current.parent.type === T.TSNonNullExpression)) current = current.parent;
  for (let depth = 0; depth < 4; depth++) {
    const member = current.parent;
    if (member?.type !== T.MemberExpression || member.object !== current || member.computed || member.property.type !== T.Identifier) return false;
    if (FAKE_BEHAVIOUR_METHODS.has(member.property.name)) return true;
    current = member.parent?.type === T.CallExpression && member.parent.callee === member ? member.parent : member;
  }
  return false;
}

/** A spy on a member of a module that the file auto-mocks (`jest.mock('./m')` with no factory). */
export function onAutomockedModule(sourceCode: TSESLint.SourceCode, helper: HelperCall): boolean {
  const target = helper.target;
  return target?.kind === 'module' && automockedModules(sourceCode).has(target.source);
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
