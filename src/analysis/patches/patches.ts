/**
 * The patches of a file: every write to a member of a module or a global that is not itself a
 * restore, with the verdict on whether it is undone in time. Computed once per file and shared
 * by the rules, which only filter and report.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { writeHasNoSharedEffect } from '../visibility/effect.js';
import { helperPatchesOf } from './helper-patches.js';
import { describeTarget, sharedWritesOf } from '../writes/patch-write.js';
import { judgeOf } from '../restore/restore.js';
import type { Patch } from './patch.js';
import { stateChangesOf } from './state-changes.js';
import { structureOf, type TestStructure } from '../runner/test-structure.js';

export interface FilePatches {
  readonly structure: TestStructure;
  readonly patches: readonly Patch[];
  /** Shared state changed through APIs (state-apis.ts), judged by the same restore model. */
  readonly stateChanges: readonly Patch[];
  /** Shared state left patched by calls of the suite's own helpers (helper-patches.ts), judged by the same restore model. */
  readonly helperCalls: readonly Patch[];
}

const cache = new WeakMap<TSESLint.SourceCode, FilePatches>();

export function patchesOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): FilePatches {
  const sourceCode = context.sourceCode;
  let found = cache.get(sourceCode);
  if (!found) {
    found = analyse(sourceCode, context.filename);
    cache.set(sourceCode, found);
  }
  return found;
}

function analyse(sourceCode: TSESLint.SourceCode, filename: string): FilePatches {
  const structure = structureOf(sourceCode, filename);
  if (!structure.isTestFile) return { structure, patches: [], stateChanges: [], helperCalls: [] };
  const writes = sharedWritesOf(sourceCode);
  const judge = judgeOf(sourceCode, structure, writes, filename);
  // A write that puts back a saved value is a restore, never a patch (a `delete` can be either).
  const restoring = new Set(judge.restores.filter((r) => r.write.form !== 'delete').map((r) => r.write));
  const patches: Patch[] = [];
  for (const write of writes) {
    if (!write.target || restoring.has(write) || writeHasNoSharedEffect(sourceCode, write, filename)) continue;
    const verdict = judge.verdictOf(write);
    patches.push({ write, target: write.target, name: describeTarget(sourceCode, write), verdict });
  }
  const stateChanges = stateChangesOf(sourceCode, structure).map((change): Patch => ({
    write: change.change,
    target: change.spec.reach,
    name: change.name,
    verdict: change.verdict,
    api: { rule: change.spec.rule, remedy: change.remedy, usedUp: change.usedUp, rewrite: change.spec.rewrite },
  }));
  return { structure, patches, stateChanges, helperCalls: helperPatchesOf(sourceCode, structure) };
}
