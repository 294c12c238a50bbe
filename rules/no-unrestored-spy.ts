import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { autoRestoresOf } from '../src/analysis/auto-restore.js';
import { callHasNoSharedEffect } from '../src/analysis/effect.js';
import { callsThrough, onAutomockedModule } from '../src/analysis/hygiene.js';
import { HELPER_FAMILIES } from '../src/analysis/frameworks.js';
import { isolationOf, rootHooksRunForEveryFile, type Isolation } from '../src/analysis/isolation.js';
import { restoreReferencesOf, scopedHelpersOf, type HelperCall } from '../src/analysis/scoped-helpers.js';
import { judgeHelpers, runsBeforeFirstTest } from '../src/analysis/spies.js';
import { structureOf } from '../src/analysis/test-structure.js';
import { createRule } from '../src/create-rule.js';
import { DEFAULT_RULE_OPTIONS, RULE_OPTIONS_SCHEMA, type RuleOptions } from '../src/rule-options.js';
import { settingsOf, settingsProblemsToReport } from '../src/settings.js';

type MessageId = 'unrestoredSpy' | 'restoreSkippedOnFailure' | 'restoredTooLate' | 'rewrappedBeforeEach' | 'ineffectiveMock' | 'unboundRestoreAll' | 'invalidSettings';

export default createRule<[RuleOptions], MessageId>({
  name: 'no-unrestored-spy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow spies, stubs, fakes and stubbed globals in tests that are never restored',
      recommended: true,
    },
    schema: RULE_OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_RULE_OPTIONS,
    messages: {
      unrestoredSpy: '`{{label}}` replaces `{{name}}` in {{where}} and nothing restores it, so {{reach}}. Instead, {{fix}}.',
      restoreSkippedOnFailure:
        '`{{label}}` replaces `{{name}}`, restored on line {{line}} only if everything before it succeeds: a failing assertion skips the restore and later tests inherit the fake. Restore it in `afterEach` or a `finally` block, or {{fix}}.',
      restoredTooLate:
        '`{{label}}` replaces `{{name}}` in a test but is restored only by the `afterAll` hook on line {{line}}, so the later tests of the same block still see the fake. Restore it in `afterEach`, or {{fix}}.',
      rewrappedBeforeEach:
        '`{{label}}` replaces `{{name}}` in a `beforeEach` hook but is restored only by the `afterAll` hook on line {{line}}, so the next test\'s `beforeEach` wraps it again while the fake is still there (Sinon throws "already wrapped"). Instead, {{fix}}.',
      ineffectiveMock:
        '`{{label}}` replaces `{{name}}` {{where}}, but {{source}} restores it before each test, so no test sees it. Create it in `beforeEach` or in the test.',
      unboundRestoreAll:
        '`{{name}}` is passed to `{{hook}}` without its object: it is called unbound, throws, and restores nothing, so the fakes it should undo stay for later tests. Call it in a function: `{{hook}}(() => {{name}}())`.',
      invalidSettings: 'Invalid patch-leak setting: {{problem}}.',
    },
  },
  defaultOptions: DEFAULT_RULE_OPTIONS,
  create(context, [{ strict = false }]) {
    return {
      'Program:exit'() {
        const settings = settingsOf(context);
        for (const problem of settingsProblemsToReport(context)) context.report({ loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { problem } });
        const structure = structureOf(context.sourceCode, context.filename);
        const { helpers, restores } = scopedHelpersOf(context.sourceCode);
        if (!structure.isTestFile) return;
        const references = restoreReferencesOf(context.sourceCode, structure);
        const reported = new Set<TSESTree.Node>();
        for (const reference of references) {
          // `mock.reset` undoes two families: one finding.
          if (reference.works || reported.has(reference.node)) continue;
          reported.add(reference.node);
          const hook = context.sourceCode.getText(reference.registration.call.callee);
          context.report({ node: reference.node, messageId: 'unboundRestoreAll', data: { name: context.sourceCode.getText(reference.node), hook } });
        }
        if (helpers.length === 0) return;
        const autoRestores = autoRestoresOf(context.filename);
        const judge = judgeHelpers(context.sourceCode, structure, helpers, restores, references);
        let isolation: Isolation | undefined;
        for (const helper of helpers) {
          if (helper.disposed) continue;
          const auto = autoRestores.get(helper.family);
          const loadTime = runsBeforeFirstTest(context.sourceCode, structure, helper.call);
          if (auto) {
            if (auto.by === 'config' && loadTime) report(context, helper, 'ineffectiveMock', { where: loadTime, source: auto.source });
            continue;
          }
          // A fake on an object made in the test (or reached through a parameter) dies with that object.
          if (helper.onLocalObject || callHasNoSharedEffect(context.sourceCode, helper.call)) continue;
          // A spy that only watches calls, or one on a module the file auto-mocks: hygiene, unless strict.
          if (!strict && (callsThrough(context.sourceCode, structure, helper) || onAutomockedModule(context.sourceCode, helper))) continue;
          const verdict = judge(helper);
          const data = { fix: fixFor(helper) };
          isolation ??= isolationOf(settings.isolation, structure.frameworks, context.filename);
          const laterFiles = HELPER_FAMILIES[helper.family].outlivesFile && isolation.scope === 'process' ? isolation.reason : '';
          if (verdict.kind === 'skippedOnFailure' || verdict.kind === 'restoredTooLate' || verdict.kind === 'rewrapped') {
            if (verdict.kind === 'skippedOnFailure' && !verdict.laterTests && !laterFiles) continue;
            const messageId = MESSAGE_OF[verdict.kind];
            report(context, helper, messageId, { ...data, line: String(verdict.restore.loc.start.line) });
            continue;
          }
          if (verdict.kind !== 'unrestored') continue;
          // Made while the file loads (top level, a describe body, a before hook of the file's scope): every test of the file sees it.
          const fileLevel = verdict.fileLevel || verdict.when === 'describe';
          // Jest and Vitest undo spies when a file ends: a spy made while the file loads is that file's baseline.
          if (fileLevel && !laterFiles) continue;
          const later = laterFiles ? `, and so does every test file run after it (${laterFiles})` : '';
          let reach = fileLevel ? `every test of this file sees it${later}` : `every later test in this file sees it${later}`;
          if (!fileLevel && !verdict.laterTests) {
            // No later test of this file sees it: only later files can, unless a root hook resets it for them too.
            if (!laterFiles || (verdict.resetByRootHook && rootHooksRunForEveryFile(isolation))) continue;
            reach = `every test file run after it sees it (${laterFiles})`;
          }
          report(context, helper, 'unrestoredSpy', { ...data, where: WHERE[verdict.when], reach });
        }
      },
    };
  },
});

const MESSAGE_OF = { skippedOnFailure: 'restoreSkippedOnFailure', restoredTooLate: 'restoredTooLate', rewrapped: 'rewrappedBeforeEach' } as const;

const WHERE = { test: 'a test', hook: 'a hook', helper: 'a helper function', file: 'at the top level of the file', describe: 'a describe body' } as const;

function report(context: Readonly<TSESLint.RuleContext<MessageId, [RuleOptions]>>, helper: HelperCall, messageId: MessageId, data: Record<string, string>): void {
  context.report({ node: helper.call, messageId, data: { label: helper.label, name: helper.name, ...data } });
}

function fixFor(helper: HelperCall): string {
  const handle = helper.handle?.name;
  return HELPER_FAMILIES[helper.family].fix
    .replace(/\[\[(.*?)\]\]/g, (_, part: string) => (handle ? part : ''))
    .replaceAll('{{handle}}', handle ?? '')
    .replaceAll('{{sandbox}}', helper.sandbox ?? 'sandbox');
}
