import type { TSESLint } from '@typescript-eslint/utils';
import { ANY_KEY, unwrap } from '../src/analysis/binding.js';
import { remedyFor } from '../src/analysis/frameworks.js';
import { patchesOf, type Patch } from '../src/analysis/patches.js';
import { createRule } from '../src/create-rule.js';

export type MessageId = 'unrestoredPatch' | 'collectionTimePatch' | 'restoreSkippedOnFailure' | 'restoredTooLate';

export default createRule<[], MessageId>({
  name: 'no-unrestored-module-patch',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow replacing members of imported modules in tests without a guaranteed restore',
      recommended: true,
    },
    schema: [],
    messages: {
      unrestoredPatch:
        '`{{name}}` is replaced in {{where}} and never restored, so every later test in the same process sees the replacement. Instead, {{remedy}}.',
      collectionTimePatch:
        '`{{name}}` is replaced while the file is loaded ({{where}}), before any test runs, and stays replaced for every test after it. Instead, {{remedy}}.',
      restoreSkippedOnFailure:
        '`{{name}}` is restored on line {{line}} only if everything before it succeeds: a failing assertion skips the restore and later tests inherit the replacement. Restore it in a `finally` block or an `afterEach` hook, or {{remedy}}.',
      restoredTooLate:
        '`{{name}}` is replaced in a test but restored only by the `afterAll` hook on line {{line}}, so the later tests of the same block still see the replacement. Restore it in `afterEach`, or {{remedy}}.',
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      'Program:exit'() {
        const { structure, patches } = patchesOf(context);
        for (const patch of patches) {
          if (patch.target.kind !== 'module') continue;
          // `delete mod.x` with no restore anywhere is nearly always cleanup of a member that the
          // test or the code under test added; it is judged only when the file also restores it.
          if (patch.write.form === 'delete' && patch.verdict.kind === 'unrestored') continue;
          const remedy = remedyFor(structure.frameworks, structure.mockLibraries, objectText(context, patch), keyText(patch));
          report(context, patch, remedy);
        }
      },
    };
  },
});

export function report(context: Readonly<TSESLint.RuleContext<MessageId, []>>, patch: Patch, remedy: string): void {
  const { verdict, name } = patch;
  const node = patch.write.node;
  switch (verdict.kind) {
    case 'restored':
    case 'teardown':
      return;
    case 'unrestored':
      if (verdict.when === 'file' || verdict.when === 'describe') {
        const where = verdict.when === 'file' ? 'at the top level of the file' : 'in a describe body';
        context.report({ node, messageId: 'collectionTimePatch', data: { name, where, remedy } });
      } else {
        context.report({ node, messageId: 'unrestoredPatch', data: { name, where: WHERE[verdict.when], remedy } });
      }
      return;
    case 'skippedOnFailure':
      context.report({ node, messageId: 'restoreSkippedOnFailure', data: { name, line: verdict.restore.loc.start.line, remedy } });
      return;
    case 'restoredTooLate':
      context.report({ node, messageId: 'restoredTooLate', data: { name, line: verdict.restore.loc.start.line, remedy } });
  }
}

const WHERE = { test: 'a test', hook: 'a hook', helper: 'a helper function' } as const;

function objectText(context: Readonly<TSESLint.RuleContext<MessageId, []>>, patch: Patch): string {
  return context.sourceCode.getText(unwrap(patch.write.object));
}

function keyText(patch: Patch): string {
  return patch.write.key === ANY_KEY ? (patch.write.keyText ?? 'key') : `'${patch.write.key}'`;
}
