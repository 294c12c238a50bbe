/**
 * Does anything between two points of a test check a result? A restore later in the test, outside
 * `finally`, is skipped when something before it throws. Where only the code under test runs in
 * between (no assertion), it is skipped only if that code throws unexpectedly: a test that fails
 * for a reason of its own, not because an assertion found a wrong result.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { matchesAny, originOf, unwrap, variableOf } from './binding.js';
import { indexOf, isFunction } from './file-index.js';
import { ASSERTIONS } from './frameworks.js';
import type { TestStructure } from './test-structure.js';

/** Is there an assertion (frameworks.ts `ASSERTIONS`) that starts between `from` and `to`, in any function? */
export function assertsBetween(sourceCode: TSESLint.SourceCode, structure: TestStructure, from: number, to: number): boolean {
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

/** A parameter of a registered test or hook callback (`test('x', (t) => ...)`): the runner's context for that test. */
function isTestContext(sourceCode: TSESLint.SourceCode, structure: TestStructure, id: TSESTree.Identifier): boolean {
  const def = variableOf(sourceCode, id)?.defs[0];
  if (def?.type !== 'Parameter' || !isFunction(def.node)) return false;
  return (structure.byCallback.get(def.node) ?? []).some((registration) => registration.role.kind === 'test' || registration.role.kind === 'hook');
}
