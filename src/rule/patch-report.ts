/**
 * How a patch rule reports: the messages both patch rules share, the choice between them from the
 * restore verdict, and the runner's isolation, which decides whether a patch made while the file
 * loads (or in a root-level `before*` hook) reaches anything beyond its own file.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ANY_KEY, unwrap } from '../analysis/values/binding.js';
import { autoRestoresOf } from '../analysis/restore/auto-restore.js';
import { HELPER_FAMILIES, isFrameworkId, remedyWithFlagsSet, remedyWithoutRestoresInPlace, type FrameworkId } from '../analysis/runner/frameworks.js';
import { afterHooksRunBeforeLaterFiles, isolationOf, laterFilesReason, rootHooksRunForEveryFile, type Isolation } from '../analysis/runner/isolation.js';
import type { Patch } from '../analysis/patches/patch.js';
import { patchesOf, type FilePatches } from '../analysis/patches/patches.js';
import { leakingBlockWritesOf } from '../analysis/patches/block-writes.js';
import { describeTarget } from '../analysis/writes/patch-write.js';
import { restoredAfterEach } from '../analysis/restore/restored-after-each.js';
import type { RuleOptions } from './rule-options.js';
import { settingsOf, settingsProblemsToReport } from './settings.js';
import type { SuggestionMessageId } from '../fix/messages.js';
import { patchSuggestions, type RemedyKind } from '../fix/patch-suggestions.js';

export const PATCH_MESSAGES = {
  unrestoredPatch: '`{{name}}` is {{verb}} in {{where}}, never restored: {{reach}} see it. Fix: {{remedy}}.',
  collectionTimePatch: '`{{name}}` is {{verb}} {{where}}: {{reach}} see it. Fix: {{remedy}}.',
  restoreSkippedOnFailure: '`{{name}}` is restored on line {{line}} only if the test passes. Fix: use `finally`, or {{remedy}}.',
  restoredTooLate: '`{{name}}` is restored only in `afterAll` (line {{line}}): later tests of the block see it. Fix: {{remedy}}.',
  restoredAfterWholeRun: '`{{name}}` is put back only by the root `after` hook (line {{line}}), after every file ran: all files ({{runner}}) see it. Fix: {{remedy}}.',
  invalidSettings: 'Invalid patch-leak setting: {{problem}}.',
} as const;

export type PatchMessageId = keyof typeof PATCH_MESSAGES;
type Context = Readonly<TSESLint.RuleContext<PatchMessageId | SuggestionMessageId, [RuleOptions]>>;

/** What a patch rule knows about the file when it judges one of its patches. */
export interface PatchScope extends FilePatches {
  /** The frameworks the file uses, or else the runner the project declares: they pick the remedy. */
  readonly frameworks: ReadonlySet<FrameworkId>;
  /** The rule's `strict` option: report hygiene too. */
  readonly strict: boolean;
  /** Whether later test files share what this file leaves. */
  readonly isolation: Isolation;
}

/** What a rule decides about one patch: undefined to leave it alone, else the remedy to name (and its kind, for suggestions). */
export type PatchJudge = (patch: Patch, scope: PatchScope) => string | { readonly remedy: string; readonly kind: RemedyKind } | undefined;

/** Reports every patch of the file that `judge` claims and that leaks, with the matching message. */
export function reportPatches(context: Context, judge: PatchJudge): void {
  const settings = settingsOf(context);
  for (const problem of settingsProblemsToReport(context)) {
    context.report({ loc: { line: 1, column: 0 }, messageId: 'invalidSettings', data: { problem } });
  }
  const file = patchesOf(context);
  const leaking = [...file.patches, ...file.stateChanges, ...file.helperCalls].filter((patch) => patch.verdict.kind !== 'restored' && patch.verdict.kind !== 'teardown');
  if (leaking.length === 0) return;
  const isolation = isolationOf(settings.isolation, file.structure.frameworks, context.filename);
  const runner = isolation.runner;
  const frameworks = file.structure.frameworks.size > 0 || !runner || !isFrameworkId(runner) ? file.structure.frameworks : new Set([runner]);
  const strict = context.options[0]?.strict ?? false;
  let setFlags: ReadonlySet<string> | undefined;
  const claimed: { readonly patch: Patch; readonly remedy: string; readonly kind: RemedyKind | undefined }[] = [];
  for (const patch of leaking) {
    const judged = judge(patch, { ...file, frameworks, strict, isolation });
    if (judged === undefined) continue;
    claimed.push(typeof judged === 'string' ? { patch, remedy: judged, kind: undefined } : { patch, ...judged });
  }
  // One statement that writes several members (`Object.assign(mod, { a, b })`) is one finding.
  const byStatement = new Map<TSESTree.Node, Map<string, Patch[]>>();
  for (const { patch } of claimed) {
    const byKind = byStatement.get(patch.write.node) ?? new Map<string, Patch[]>();
    byStatement.set(patch.write.node, byKind);
    const list = byKind.get(patch.verdict.kind) ?? [];
    byKind.set(patch.verdict.kind, list);
    list.push(patch);
  }
  const reported = new Set<string>();
  for (const { patch, remedy, kind } of claimed) {
    const statement = `${patch.write.node.range.join(':')}:${patch.verdict.kind}`;
    if (reported.has(statement)) continue;
    reported.add(statement);
    const together = byStatement.get(patch.write.node)?.get(patch.verdict.kind) ?? [];
    setFlags ??= configFlagsSet(context.filename);
    const restored = restoredAfterEach(context.sourceCode, file.structure, context.filename, patch.write.node);
    const remedyText = remedyWithoutRestoresInPlace(remedyWithFlagsSet(remedy, setFlags), restored);
    const named = together.length > 1 ? { ...patch, name: namesOfOneStatement(context, together) } : patch;
    const reporting = suggesting(context, () => patchSuggestions(context.sourceCode, patch, { ...file, frameworks, filename: context.filename }, kind));
    report(reporting, named, remedyText, isolation, strict);
  }
}

/**
 * Reports writes to members of objects the tests of a block share (block-writes.ts): only the
 * block's later tests can see them, never another file. A function written in place of a member
 * is reported; other values (data, recording fakes), with `strict`. `remedy` names the fix for the object and key.
 */
export function reportBlockWrites(context: Context, remedy: (object: string, key: string, fake: boolean) => string): void {
  const structure = patchesOf(context).structure;
  if (!structure.isTestFile) return;
  const strict = context.options[0]?.strict ?? false;
  for (const { write, verdict, inDescribe, fake } of leakingBlockWritesOf(context.sourceCode, structure)) {
    if (!fake && !strict) continue;
    const name = describeTarget(context.sourceCode, write);
    const fix = remedy(context.sourceCode.getText(unwrap(write.object)), `'${write.key}'`, fake);
    if (verdict.kind === 'skippedOnFailure') context.report({ node: write.node, messageId: 'restoreSkippedOnFailure', data: { name, line: verdict.restore.loc.start.line, remedy: fix } });
    else if (verdict.kind === 'restoredTooLate') context.report({ node: write.node, messageId: 'restoredTooLate', data: { name, line: verdict.restore.loc.start.line, remedy: fix } });
    else if (verdict.kind === 'unrestored') {
      const reach = inDescribe ? 'later tests of its describe block' : 'later tests of the file';
      context.report({ node: write.node, messageId: 'unrestoredPatch', data: { name, verb: VERBS[write.form], where: WHERE[verdict.when], reach, remedy: fix } });
    }
  }
}

/** `matcherUtils.{iterableEquality, subsetEquality}`: the members one statement writes. */
function namesOfOneStatement(context: Context, patches: readonly Patch[]): string {
  const first = patches[0];
  if (!first) return '';
  const keys = patches.map((p) => p.write.key);
  if (!keys.every((key) => /^[A-Za-z_$][\w$]*$/.test(key))) return patches.map((p) => p.name).join(', ');
  return `${context.sourceCode.getText(unwrap(first.write.object))}.{${keys.join(', ')}}`;
}

function report(context: Context, patch: Patch, remedy: string, isolation: Isolation, strict: boolean): void {
  const { verdict, name } = patch;
  const node = patch.write.node;
  const verb = patch.api ? 'called' : VERBS[patch.write.form];
  // A write made while the file loads that an after hook puts back is gone before the next file loads, where files load one by one.
  const restoredForLaterFiles = verdict.kind === 'unrestored' && verdict.restoredByAfterHook === true && afterHooksRunBeforeLaterFiles(isolation);
  const why = restoredForLaterFiles ? undefined : laterFilesReason(isolation, patch.target);
  const laterFiles = why ? ` and files (${why})` : '';
  switch (verdict.kind) {
    case 'unrestored': {
      if (verdict.fileLevel || verdict.when === 'describe') {
        // Each file gets fresh modules and globals: a file-level patch is that file's own baseline.
        // A describe body runs while the file loads too, before every test of the file: the same for
        // every order of the tests, so where files are isolated it is hygiene, reported with `strict`.
        if (!why && (verdict.fileLevel || !strict)) return;
        const reach = `all tests${laterFiles}`;
        const data = { name, verb, where: WHERE[verdict.when], reach, remedy };
        context.report({ node, messageId: verdict.when === 'hook' ? 'unrestoredPatch' : 'collectionTimePatch', data });
        return;
      }
      // A per-test input (every later user sets it first): no later test of the file uses this value (hygiene,
      // reported with `strict`); where files share a process, the original is still never put back.
      if (!verdict.laterTests || (verdict.perTestInput && !strict)) {
        // No later test of this file sees it: only later files can, unless a root hook resets it for them too.
        if (!why || (verdict.resetByRootHook && rootHooksRunForEveryFile(isolation))) return;
        const reach = `later files (${why})`;
        context.report({ node, messageId: 'unrestoredPatch', data: { name, verb, where: WHERE[verdict.when], reach, remedy } });
        return;
      }
      const reach = `later tests${laterFiles}`;
      context.report({ node, messageId: 'unrestoredPatch', data: { name, verb, where: WHERE[verdict.when], reach, remedy } });
      return;
    }
    case 'skippedOnFailure':
      if (!verdict.laterTests && !why) return;
      // Put back right after the code under test, before any assertion: skipped only if that code throws (hygiene, unless strict).
      if (verdict.onlyIfCodeThrows && !strict) return;
      context.report({ node, messageId: 'restoreSkippedOnFailure', data: { name, line: verdict.restore.loc.start.line, remedy } });
      return;
    case 'restoredTooLate':
      if (verdict.aroundEveryFile) {
        // A top-level before/after pair: around the file only where top-level hooks are not root hooks.
        if (!rootHooksRunForEveryFile(isolation) || !why) return;
        context.report({ node, messageId: 'restoredAfterWholeRun', data: { name, line: verdict.restore.loc.start.line, runner: why, remedy: ROOT_PAIR_REMEDY } });
        return;
      }
      // The block's afterAll puts it back before any later file runs: only the block's later tests could see it, and they set it first.
      if (verdict.perTestInput && !strict) return;
      context.report({ node, messageId: 'restoredTooLate', data: { name, line: verdict.restore.loc.start.line, remedy } });
      return;
    default:
      return;
  }
}

/** The context, with `suggest` computed only when a finding is reported. */
function suggesting(context: Context, suggest: () => ReturnType<typeof patchSuggestions>): Context {
  const report = (descriptor: Parameters<Context['report']>[0]): void => context.report({ ...descriptor, suggest: suggest() });
  return Object.create(context, { report: { value: report } }) as Context;
}

/** A root pair wraps the whole run; inside a describe it wraps that block's tests only. */
const ROOT_PAIR_REMEDY = 'move both hooks into a `describe`';

const VERBS = { assign: 'replaced', define: 'replaced', modify: 'changed', delete: 'deleted' } as const;

const WHERE = {
  test: 'a test',
  hook: 'a hook',
  helper: 'a helper function',
  file: 'at top level',
  describe: 'in a describe body',
} as const;

/** The written object as the user wrote it (`agentProxy`, `process.env`), for remedies. */
export function objectText(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>, patch: Patch): string {
  // `setTimeout = fake` writes a member of the global object.
  if (patch.write.bare) return 'globalThis';
  return context.sourceCode.getText(unwrap(patch.write.object) as TSESTree.Node);
}

/** The written key as a string literal (`'HttpToolsInvoker'`), or its expression when computed. */
export function keyText(patch: Patch): string {
  return patch.write.key === ANY_KEY ? (patch.write.keyText ?? 'key') : `'${patch.write.key}'`;
}

/** The runner config flags the project sets (`restoreMocks`, `unstubGlobals`, `unstubEnvs`), read statically. */
function configFlagsSet(filename: string): ReadonlySet<string> {
  const flags = new Set<string>();
  for (const [family, auto] of autoRestoresOf(filename)) {
    const key = HELPER_FAMILIES[family].config?.key;
    if (auto.by === 'config' && key) flags.add(key);
  }
  return flags;
}
