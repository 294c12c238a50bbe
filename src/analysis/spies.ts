/**
 * Are a file's scoped helpers (`jest.spyOn`, `vi.stubGlobal`, `sinon.stub`...) undone before the
 * next test? Each helper call is a change and each restore call (its own handle's, or a restore-all
 * of its family or sandbox) a restore, judged by the same model as member writes (restore.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { Write } from './patch-write.js';
import { placementOf } from './placement.js';
import { judgeWith, type Restore, type Verdict } from './restore.js';
import type { HelperCall, RestoreCall } from './scoped-helpers.js';
import type { TestStructure } from './test-structure.js';

/** Helper calls as changes, restore calls as their restores, judged by the shared restore model. */
export function judgeHelpers(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  helpers: readonly HelperCall[],
  restoreCalls: readonly RestoreCall[],
): (helper: HelperCall) => Verdict {
  const asChange = (call: TSESTree.CallExpression): Write => ({
    node: call, form: 'assign', object: call, key: '', value: undefined, wholeObject: false, keyText: undefined, target: undefined,
  });
  const changes = new Map(helpers.map((helper) => [helper, asChange(helper.call)]));
  const byChange = new Map([...changes].map(([helper, change]) => [change, helper]));
  const restores = restoreCalls.map((restore) => ({ restore, as: { write: asChange(restore.call), reach: 'exact' } satisfies Restore }));
  const verdictOf = judgeWith(sourceCode, structure, restores.map((r) => r.as), (change) => {
    const helper = byChange.get(change);
    if (!helper) return [];
    return restores
      .filter(({ restore }) => restore.group === helper.group || (restore.handle !== undefined && restore.handle === helper.handle))
      .map((r) => r.as);
  });
  return (helper: HelperCall) => verdictOf(changes.get(helper) as Write);
}

/** Where a call runs before the first test (file level, a describe body, a `beforeAll`), in words; '' otherwise. */
export function runsBeforeFirstTest(sourceCode: TSESLint.SourceCode, structure: TestStructure, call: TSESTree.Node): string {
  const placement = placementOf(structure, sourceCode, call);
  if (placement.kind === 'file') return 'at the top level of the file';
  if (placement.kind !== 'registration') return '';
  const role = placement.registration.role;
  if (role.kind === 'describe') return 'in a describe body';
  return role.kind === 'hook' && role.hook === 'beforeAll' ? 'in a `beforeAll` hook' : '';
}
