/**
 * Is a restore later in the test skipped only when the code under test throws? A restore outside
 * `finally` is skipped when something before it throws. Where it follows the change in the same
 * block, as a statement of its own, with nothing between that leaves the block early and no
 * assertion between, only an unexpected throw of the code under test skips it: the test fails for
 * a reason of its own, not because an assertion found a wrong result.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isFunctionValue, matchesAny, originOf, unwrap, variableOf } from '../values/binding.js';
import { indexOf, isFunction } from '../values/file-index.js';
import { ASSERTIONS, frameworkOfModule, type FrameworkSpec } from '../runner/frameworks.js';
import type { Registration, TestStructure } from '../runner/test-structure.js';

export function skippedOnlyByAThrow(sourceCode: TSESLint.SourceCode, structure: TestStructure, site: TSESTree.Node, restore: TSESTree.Node): boolean {
  const from = statementOf(site);
  const to = statementOf(restore);
  const block = from?.parent;
  if (!from || !to || from === to || !block || block !== to.parent || (block.type !== T.BlockStatement && block.type !== T.Program)) return false;
  // The restore is the statement itself (`api.load = saved`, `await restore()`), not a callback handed to a call.
  if (to.type !== T.ExpressionStatement || withoutAwait(to.expression) !== restore) return false;
  // A callback handed to a call (`promise.then(restore)`) runs when that call decides, not here.
  if (restore.type === T.CallExpression && restore.arguments.some((argument) => isFunctionValue(sourceCode, argument))) return false;
  const body: readonly TSESTree.Node[] = block.body;
  const between = body.slice(body.indexOf(from) + 1, body.indexOf(to));
  if (between.some(leavesEarly)) return false;
  return !assertsBetween(sourceCode, structure, site.range[1], restore.range[0]);
}

/** The statement of a block (or the program) that holds the node. */
function statementOf(node: TSESTree.Node): TSESTree.Node | undefined {
  let current: TSESTree.Node | undefined = node;
  while (current?.parent && current.parent.type !== T.BlockStatement && current.parent.type !== T.Program) {
    if (isFunction(current)) return undefined;
    current = current.parent;
  }
  return current?.parent ? current : undefined;
}

function withoutAwait(node: TSESTree.Node): TSESTree.Node {
  return node.type === T.AwaitExpression ? node.argument : node;
}

/** Does the statement hold a `return`, `throw`, `break` or `continue` of its own (not one of a nested function)? */
function leavesEarly(node: TSESTree.Node): boolean {
  if (node.type === T.ReturnStatement || node.type === T.ThrowStatement || node.type === T.BreakStatement || node.type === T.ContinueStatement) return true;
  if (isFunction(node)) return false;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string' && leavesEarly(child as TSESTree.Node)) return true;
    }
  }
  return false;
}

/** Is there an assertion (frameworks.ts `ASSERTIONS`) that starts between `from` and `to`, in any function? */
function assertsBetween(sourceCode: TSESLint.SourceCode, structure: TestStructure, from: number, to: number): boolean {
  return indexOf(sourceCode).calls.some((call) => call.range[0] >= from && call.range[0] < to && isAssertion(sourceCode, structure, call));
}

function isAssertion(sourceCode: TSESLint.SourceCode, structure: TestStructure, call: TSESTree.CallExpression): boolean {
  // Walk the chain down to its root: `expect(x).not.toBe(1)` → `expect`, `t.assert.ok(v)` → `t`.
  let node: TSESTree.Node = unwrap(call.callee);
  for (;;) {
    if (matchesAny(originOf(sourceCode, node), ASSERTIONS.roots)) return true;
    if (node.type === T.MemberExpression) {
      if (!node.computed && node.property.type === T.Identifier && ASSERTIONS.chainMembers.has(node.property.name)) return true;
      node = unwrap(node.object);
    } else if (node.type === T.CallExpression) {
      node = unwrap(node.callee);
    } else break;
  }
  return node !== unwrap(call.callee) && node.type === T.Identifier && isTestContext(sourceCode, structure, node);
}

/**
 * A parameter of a registered test or hook callback (`test('x', (t) => ...)`): the runner's context
 * for that test, whose methods fail the test by throwing, unless the framework that registered the
 * outermost test (a `t.test` subtest belongs to its parent's) records failures instead (tape).
 */
function isTestContext(sourceCode: TSESLint.SourceCode, structure: TestStructure, id: TSESTree.Identifier): boolean {
  const def = variableOf(sourceCode, id)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return false;
  const registrations = (structure.byCallback.get(def.node) ?? []).filter((registration) => registration.role.kind === 'test' || registration.role.kind === 'hook');
  return registrations.some((registration) => !frameworkOf(sourceCode, registration)?.contextAssertionsRecord);
}

/** The framework whose function registered the outermost test or describe above `registration`, when it resolves to a framework's module. */
function frameworkOf(sourceCode: TSESLint.SourceCode, registration: Registration): FrameworkSpec | undefined {
  let outermost = registration;
  while (outermost.parent) outermost = outermost.parent;
  let callee: TSESTree.Node = unwrap(outermost.call.callee);
  // `test.only(...)`, `test.skip(...)`: the framework's function is the object of the modifier.
  while (callee.type === T.MemberExpression) callee = unwrap(callee.object);
  const origin = originOf(sourceCode, callee);
  return origin.kind === 'module' ? frameworkOfModule(origin.source) : undefined;
}
