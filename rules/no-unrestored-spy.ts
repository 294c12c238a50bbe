import type { TSESLint } from '@typescript-eslint/utils';
import { autoRestoresOf } from '../src/analysis/auto-restore.js';
import { HELPER_FAMILIES } from '../src/analysis/frameworks.js';
import { isolationOf } from '../src/analysis/isolation.js';
import { scopedHelpersOf, type HelperCall } from '../src/analysis/scoped-helpers.js';
import { isBefore, judgeHelpers, runsBeforeFirstTest } from '../src/analysis/spies.js';
import { structureOf, type TestStructure } from '../src/analysis/test-structure.js';
import { createRule } from '../src/create-rule.js';
import { settingsOf, settingsProblemsToReport } from '../src/settings.js';

type MessageId = 'unrestoredSpy' | 'restoreSkippedOnFailure' | 'restoredTooLate' | 'ineffectiveMock' | 'invalidSettings';

export default createRule<[], MessageId>({
  name: 'no-unrestored-spy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow spies, stubs, fakes and stubbed globals in tests that are never restored',
      recommended: true,
    },
    schema: [],
    messages: {
      unrestoredSpy: '`{{label}}` replaces `{{name}}` in {{where}} and nothing restores it, so {{reach}}. Instead, {{fix}}.',
      restoreSkippedOnFailure:
        '`{{label}}` replaces `{{name}}`, restored on line {{line}} only if everything before it succeeds: a failing assertion skips the restore and later tests inherit the fake. Restore it in `afterEach` or a `finally` block, or {{fix}}.',
      restoredTooLate:
        '`{{label}}` replaces `{{name}}` in a test but is restored only by the `afterAll` hook on line {{line}}, so the later tests of the same block still see the fake. Restore it in `afterEach`, or {{fix}}.',
      ineffectiveMock:
        '`{{label}}` replaces `{{name}}` {{where}}, but {{source}} restores it before each test, so no test sees it. Create it in `beforeEach` or in the test.',
      invalidSettings: 'Invalid patch-leak setting: {{problem}}.',
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      'Program:exit'() {
        const settings = settingsOf(context);
        for (const problem of settingsProblemsToReport(context)) context.report({ loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { problem } });
        const structure = structureOf(context.sourceCode, context.filename);
        const { helpers, restores } = scopedHelpersOf(context.sourceCode);
        if (!structure.isTestFile || helpers.length === 0) return;
        const autoRestores = autoRestoresOf(context.filename);
        const judge = judgeHelpers(context.sourceCode, structure, helpers, restores);
        let laterFiles: string | undefined;
        for (const helper of helpers) {
          if (helper.disposed) continue;
          const auto = autoRestores.get(helper.family);
          const loadTime = runsBeforeFirstTest(context.sourceCode, structure, helper.call);
          if (auto) {
            if (auto.by === 'config' && loadTime) report(context, helper, 'ineffectiveMock', { where: loadTime, source: auto.source });
            continue;
          }
          // A fake on an object made in the test (or reached through a parameter) dies with that object.
          if (helper.onLocalObject) continue;
          const verdict = judge(helper);
          const data = { fix: fixFor(helper) };
          if (verdict.kind === 'skippedOnFailure' || verdict.kind === 'restoredTooLate') {
            const messageId = verdict.kind === 'skippedOnFailure' ? 'restoreSkippedOnFailure' : 'restoredTooLate';
            report(context, helper, messageId, { ...data, line: String(verdict.restore.loc.start.line) });
            continue;
          }
          if (verdict.kind !== 'unrestored') continue;
          laterFiles ??= laterFilesReason(context, settings.isolation, structure);
          const outlives = HELPER_FAMILIES[helper.family].outlivesFile && laterFiles !== '';
          // Made while the file loads (top level, a describe body, a root before hook): every test of the file sees it.
          const fileLevel =
            verdict.when === 'file' ||
            verdict.when === 'describe' ||
            (verdict.when === 'hook' && verdict.registration !== undefined && verdict.registration.parent === undefined && isBefore(verdict.registration.role));
          // Jest and Vitest undo spies when a file ends: a spy made while the file loads is that file's baseline.
          if (fileLevel && !outlives) continue;
          const later = outlives ? `, and so does every test file run after it (${laterFiles})` : '';
          const reach = fileLevel ? `every test of this file sees it${later}` : `every later test in this file sees it${later}`;
          report(context, helper, 'unrestoredSpy', { ...data, where: WHERE[verdict.when], reach });
        }
      },
    };
  },
});

const WHERE = { test: 'a test', hook: 'a hook', helper: 'a helper function', file: 'at the top level of the file', describe: 'a describe body' } as const;

function report(context: Readonly<TSESLint.RuleContext<MessageId, []>>, helper: HelperCall, messageId: MessageId, data: Record<string, string>): void {
  context.report({ node: helper.call, messageId, data: { label: helper.label, name: helper.name, ...data } });
}

function fixFor(helper: HelperCall): string {
  const handle = helper.handle?.name;
  return HELPER_FAMILIES[helper.family].fix
    .replace(/\[\[(.*?)\]\]/g, (_, part: string) => (handle ? part : ''))
    .replaceAll('{{handle}}', handle ?? '')
    .replaceAll('{{sandbox}}', helper.sandbox ?? 'sandbox');
}

/** Why later test files see what this file leaves, or '' when each file is isolated. */
function laterFilesReason(context: Readonly<TSESLint.RuleContext<MessageId, []>>, setting: ReturnType<typeof settingsOf>['isolation'], structure: TestStructure): string {
  const isolation = isolationOf(setting, structure.frameworks, context.filename);
  return isolation.scope === 'process' ? isolation.reason : '';
}
