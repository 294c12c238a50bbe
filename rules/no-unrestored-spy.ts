import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { autoRestoresOf, setupRestoresSpyOf } from '../src/analysis/restore/auto-restore.js';
import { blockValueOf, laterTestUses } from '../src/analysis/visibility/block-shared.js';
import { callHasNoSharedEffect } from '../src/analysis/visibility/effect.js';
import { callsCarriedOver, callsThrough, onAutomockedModule, onFactoryMock, refakedBeforeLaterUse } from '../src/analysis/visibility/hygiene.js';
import { HELPER_FAMILIES } from '../src/analysis/runner/frameworks.js';
import { isolationOf, laterFilesReason, rootHooksRunForEveryFile, type Isolation } from '../src/analysis/runner/isolation.js';
import { restoreReferencesOf, scopedHelpersOf, type HelperCall } from '../src/analysis/writes/scoped-helpers.js';
import { judgeHelpers, runsBeforeFirstTest } from '../src/analysis/patches/spies.js';
import { structureOf } from '../src/analysis/runner/test-structure.js';
import { createRule } from '../src/rule/create-rule.js';
import { DEFAULT_RULE_OPTIONS, RULE_OPTIONS_SCHEMA, type RuleOptions } from '../src/rule/rule-options.js';
import { settingsOf, settingsProblemsToReport } from '../src/rule/settings.js';
import { SUGGESTION_MESSAGES, type SuggestionMessageId } from '../src/fix/messages.js';
import { spySuggestions } from '../src/fix/spy-suggestions.js';
import type { Suggestion } from '../src/fix/messages.js';

type MessageId = 'unrestoredSpy' | 'restoreSkippedOnFailure' | 'restoredTooLate' | 'rewrappedBeforeEach' | 'ineffectiveMock' | 'unboundRestoreAll' | 'invalidSettings' | SuggestionMessageId;

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
    hasSuggestions: true,
    messages: {
      ...SUGGESTION_MESSAGES,
      unrestoredSpy: '`{{label}}` on `{{name}}` in {{where}} is never restored: {{reach}} see it. Fix: {{fix}}.',
      restoreSkippedOnFailure: '`{{label}}` on `{{name}}` is restored on line {{line}} only if the test passes. Fix: {{fix}}.',
      restoredTooLate: '`{{label}}` on `{{name}}` is restored only in `afterAll` (line {{line}}): later tests of the block see it. Fix: {{fix}}.',
      rewrappedBeforeEach: '`{{label}}` on `{{name}}` in `beforeEach` is restored only in `afterAll` (line {{line}}): the next `beforeEach` rewraps it. Fix: {{fix}}.',
      ineffectiveMock: '`{{label}}` on `{{name}}` {{where}} is undone by {{source}} before any test. Create it in `beforeEach`.',
      unboundRestoreAll: '`{{hook}}({{name}})` calls `{{name}}` unbound: it throws and restores nothing. Use `{{hook}}(() => {{name}}())`.',
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
          const auto = autoRestores.get(helper.family) ?? setupRestoresSpyOf(context.filename, helper.family, helper.target);
          const loadTime = runsBeforeFirstTest(context.sourceCode, structure, helper.call);
          if (auto) {
            if (auto.by === 'config' && loadTime) report(context, helper, 'ineffectiveMock', { where: loadTime, source: auto.source });
            continue;
          }
          // A fake on an object made in the test (or reached through a parameter) dies with that object;
          // one on an object made once for a block reaches the block's later tests (block-shared.ts).
          const object = helper.onLocalObject ? helper.call.arguments[0] : undefined;
          const blockValue = object && blockValueOf(context.sourceCode, structure, object);
          if ((helper.onLocalObject && !blockValue) || callHasNoSharedEffect(context.sourceCode, helper.call)) continue;
          // A spy that only watches calls, or one on a module the file mocks itself (an automock no later test reads the fake of, or a factory's mock function): hygiene, unless strict.
          if (!strict && (callsThrough(context.sourceCode, structure, helper, context.filename) || onAutomockedModule(context.sourceCode, structure, helper, helpers) || onFactoryMock(context.sourceCode, helper))) continue;
          const verdict = judge(helper);
          const data = { fix: fixFor(helper) };
          if (blockValue) {
            // Only the block's later tests that use the object can see the fake: never another file.
            if (verdict.kind === 'restored' || verdict.kind === 'teardown' || !laterTestUses(context.sourceCode, structure, blockValue, helper.call)) continue;
            if (!strict && refakedBeforeLaterUse(context.sourceCode, structure, helper, helpers)) continue;
            const suggest = () => spySuggestions(context.sourceCode, structure, helper, verdict);
            if (verdict.kind === 'unrestored') report(context, helper, 'unrestoredSpy', { ...data, where: WHERE[verdict.when], reach: blockValue.block ? 'later tests of its describe block' : 'later tests of the file' }, suggest);
            else report(context, helper, MESSAGE_OF[verdict.kind], { ...data, line: String(verdict.restore.loc.start.line) }, suggest);
            continue;
          }
          isolation ??= isolationOf(settings.isolation, structure.frameworks, context.filename);
          // A fake the runner does not undo when the file ends reaches later files where they share what it replaced (Jest: core modules).
          const outlives = HELPER_FAMILIES[helper.family].outlivesFile;
          const laterFiles = (outlives && (helper.target ? laterFilesReason(isolation, helper.target) : isolation.scope === 'process' ? isolation.reason : undefined)) || '';
          // Every later test that uses what this test called fakes the member again first: its fake is never used (hygiene).
          if (!strict && !laterFiles && refakedBeforeLaterUse(context.sourceCode, structure, helper, helpers)) continue;
          if (verdict.kind === 'skippedOnFailure' || verdict.kind === 'restoredTooLate' || verdict.kind === 'rewrapped') {
            if (verdict.kind === 'skippedOnFailure' && !verdict.laterTests && !laterFiles) continue;
            // Restored right after the code under test, before any assertion: skipped only if that code throws (hygiene, unless strict).
            if (verdict.kind === 'skippedOnFailure' && verdict.onlyIfCodeThrows && !strict) continue;
            const messageId = MESSAGE_OF[verdict.kind];
            report(context, helper, messageId, { ...data, line: String(verdict.restore.loc.start.line) }, () => spySuggestions(context.sourceCode, structure, helper, verdict));
            continue;
          }
          if (verdict.kind !== 'unrestored') continue;
          // Made again by a `beforeEach` before every test of the block that runs last: each test starts with the same fake (hygiene).
          // (Not when it carries the calls of earlier tests into a later test that asserts on them.)
          if (!strict && !laterFiles && verdict.sameFakeEachTest && !HELPER_FAMILIES[helper.family].rewrapThrows && !callsCarriedOver(context.sourceCode, structure, helper)) continue;
          // Made while the file loads (top level, a describe body, a before hook of the file's scope): every test of the file sees it.
          const fileLevel = verdict.fileLevel || verdict.when === 'describe';
          // Jest and Vitest undo spies when a file ends: a spy made while the file loads is that file's baseline.
          if (fileLevel && !laterFiles) continue;
          const later = laterFiles ? ` and files (${laterFiles})` : '';
          let reach = fileLevel ? `all tests${later}` : `later tests${later}`;
          if (!fileLevel && !verdict.laterTests) {
            // No later test of this file sees it: only later files can, unless a root hook resets it for them too.
            if (!laterFiles || (verdict.resetByRootHook && rootHooksRunForEveryFile(isolation))) continue;
            reach = `later files (${laterFiles})`;
          }
          report(context, helper, 'unrestoredSpy', { ...data, where: WHERE[verdict.when], reach }, () => spySuggestions(context.sourceCode, structure, helper, verdict));
        }
      },
    };
  },
});

const MESSAGE_OF = { skippedOnFailure: 'restoreSkippedOnFailure', restoredTooLate: 'restoredTooLate', rewrapped: 'rewrappedBeforeEach' } as const;

const WHERE = { test: 'a test', hook: 'a hook', helper: 'a helper function', file: 'top-level code', describe: 'a describe body' } as const;

function report(context: Readonly<TSESLint.RuleContext<MessageId, [RuleOptions]>>, helper: HelperCall, messageId: MessageId, data: Record<string, string>, suggest?: () => Suggestion[]): void {
  context.report({ node: helper.call, messageId, data: { label: helper.label, name: helper.name, ...data }, ...(suggest ? { suggest: suggest() } : {}) });
}

function fixFor(helper: HelperCall): string {
  const handle = helper.handle?.name;
  return HELPER_FAMILIES[helper.family].fix
    .replace(/\[\[(.*?)\]\]/g, (_, part: string) => (handle ? part : ''))
    .replaceAll('{{handle}}', handle ?? '')
    .replaceAll('{{sandbox}}', helper.sandbox ?? 'sandbox');
}
