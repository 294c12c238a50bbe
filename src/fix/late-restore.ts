/**
 * Can a restore that runs only in `afterAll` also run after each test? When it is a statement of
 * the `afterAll` callback itself and reads nothing declared inside that callback, the same
 * statement goes into an `afterEach` of the `afterAll`'s block (created or extended). The
 * `afterAll` keeps it: it may also undo what a `beforeAll` set for the whole block.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { TestStructure } from '../analysis/runner/test-structure.js';
import { afterEachWith, type AfterEachPlan } from './after-each.js';
import { visibleAt } from './saved-original.js';

/** The plan that copies `restore` (a write inside an `afterAll`) into an `afterEach` of the same block. */
export function restoreAlsoAfterEach(sourceCode: TSESLint.SourceCode, structure: TestStructure, restore: TSESTree.Node): AfterEachPlan | undefined {
  const statement = restore.parent;
  if (statement?.type !== T.ExpressionStatement || statement.expression !== restore) return undefined;
  const hook = structure.registrations.find(
    (r) => r.role.kind === 'hook' && r.role.hook === 'afterAll' && r.callback?.body.type === T.BlockStatement && r.callback.body === statement.parent,
  );
  if (!hook) return undefined;
  const block: TSESTree.Node = hook.parent?.callback ?? sourceCode.ast;
  if (!visibleAt(sourceCode, restore, block)) return undefined;
  return afterEachWith(sourceCode, structure, hook, sourceCode.getText(restore));
}
