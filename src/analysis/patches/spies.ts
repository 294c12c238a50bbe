/**
 * Are a file's scoped helpers (`jest.spyOn`, `vi.stubGlobal`, `sinon.stub`...) undone before the
 * next test? Each helper call is a change and each restore call (its own handle's, or a restore-all
 * of its family or sandbox) a restore, judged by the same model as member writes (restore.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isPrefixOrigin, sameOrigin, unwrap } from '../values/binding.js';
import { memberRead, sameBlockMember } from '../visibility/block-shared.js';
import { sharedWritesOf, type Write } from '../writes/patch-write.js';
import { inAfterHook, placementOf } from '../runner/placement.js';
import { HELPER_FAMILIES } from '../runner/frameworks.js';
import { handlesOf, mayHold, type Handles, type Slot } from '../restore/handles.js';
import { originIndex } from '../values/origin-index.js';
import { restoreReach } from '../restore/restore-reach.js';
import { takeAwayRestores } from '../restore/take-away.js';
import { judgeWith, restoreCandidatesExamined, type Restore, type Verdict } from '../restore/restore.js';
import { replacedRead, type HelperCall, type RestoreCall, type RestoreReference } from '../writes/scoped-helpers.js';
import type { TestStructure } from '../runner/test-structure.js';
import { runsSeveralTests } from '../runner/test-order.js';

/**
 * The restore model's verdict, or `rewrapped`: made in a `beforeEach` and undone only after the
 * block, so the next test's `beforeEach` wraps the member again (Sinon throws "already wrapped").
 */
export type HelperVerdict = Verdict | { readonly kind: 'rewrapped'; readonly restore: TSESTree.Node };

/**
 * Helper calls as changes, and as their restores: restore calls, restore-alls passed to a hook by
 * reference that work unbound, and writes that put a saved original back over the replaced member
 * (`process.stderr.write = saved` undoes `jest.spyOn(process.stderr, 'write')`). Judged by the
 * shared restore model.
 */
export function judgeHelpers(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  helpers: readonly HelperCall[],
  restoreCalls: readonly RestoreCall[],
  references: readonly RestoreReference[] = [],
): (helper: HelperCall) => HelperVerdict {
  const handles = handlesOf(sourceCode, structure);
  const undoes = handleMatcher(sourceCode, structure, handles);
  const asChange = (node: TSESTree.Node): Write => ({
    node, form: 'assign', object: node, key: '', value: undefined, wholeObject: false, keyText: undefined, keyNode: undefined, target: undefined,
  });
  const changes = new Map(helpers.map((helper) => [helper, asChange(helper.call)]));
  const byChange = new Map([...changes].map(([helper, change]) => [change, helper]));
  const restores = restoreCalls.map((restore) => ({ restore, as: { write: asChange(restore.call), reach: 'exact' } satisfies Restore }));
  const byReference = references.filter((r) => r.works).map((reference) => ({ reference, as: { write: asChange(reference.node), reach: 'exact' } satisfies Restore }));
  const writes = helpers.some((helper) => helper.target) ? restoringWrites(sourceCode, structure) : [];
  const all = [...restores.map((r) => r.as), ...byReference.map((r) => r.as), ...writes];
  const candidates = candidateRestores(restoreCalls, handles);
  const writesByTarget = originIndex(writes, (restore) => restore.write.target);
  const restoringWritesOf = (helper: HelperCall): Restore[] => {
    const found = helper.target ? writesByTarget.prefixesOf(helper.target) : [];
    restoreCandidatesExamined.count += found.length;
    return found;
  };
  const restoreCallsOf = (helper: HelperCall): number[] => {
    const found = candidates(helper);
    restoreCandidatesExamined.count += found.length;
    return found;
  };
  const matchesOf = (helper: HelperCall): Restore[] => [
    ...restoreCallsOf(helper)
      .map((i) => restores[i] as (typeof restores)[number])
      .filter(({ restore }) => undoes(restore, helper))
      .map((r) => r.as),
    ...byReference.filter(({ reference }) => reference.group === helper.group).map((r) => r.as),
    ...restoringWritesOf(helper).filter((restore) => putsBack(restore, helper)),
  ];
  const afresh = (change: Write): boolean => {
    const helper = byChange.get(change);
    return helper !== undefined && HELPER_FAMILIES[helper.family].installsAfresh === true;
  };
  const verdictOf = judgeWith(
    sourceCode,
    structure,
    all,
    (change) => {
      const helper = byChange.get(change);
      return helper ? matchesOf(helper) : [];
    },
    afresh,
  );
  return (helper: HelperCall) => {
    const verdict = verdictOf(changes.get(helper) as Write);
    if (verdict.kind !== 'restored' || !HELPER_FAMILIES[helper.family].rewrapThrows) return verdict;
    const late = restoredOnlyAfterAll(sourceCode, structure, helper, matchesOf(helper));
    return late ? { kind: 'rewrapped', restore: late } : verdict;
  };
}

/**
 * A helper made in a `beforeEach` and undone only by an `afterAll` (`after`) hook, with more than
 * one test under it: the next test's `beforeEach` wraps the member again while the first fake is
 * still there. Returns that `afterAll` restore.
 */
function restoredOnlyAfterAll(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, matches: readonly Restore[]): TSESTree.Node | undefined {
  const placement = placementOf(structure, sourceCode, helper.call);
  if (placement.kind !== 'registration') return undefined;
  const hook = placement.registration;
  if (hook.role.kind !== 'hook' || hook.role.hook !== 'beforeEach' || matches.length === 0) return undefined;
  let late: TSESTree.Node | undefined;
  for (const restore of matches) {
    const place = placementOf(structure, sourceCode, restore.write.node);
    if (place.kind !== 'registration' || place.registration.role.kind !== 'hook' || place.registration.role.hook !== 'afterAll') return undefined;
    late ??= restore.write.node;
  }
  return runsSeveralTests(structure, hook.parent) ? late : undefined;
}

/**
 * The restore calls that may undo a helper, by index in file order: a superset of what
 * `handleMatcher` accepts (same group, same handle, any restore through a target, and restores
 * reading a slot rooted where the helper stores its fake, or in a Mocha context), found through
 * maps instead of a scan of every restore for every helper, which grew with the square of a file.
 */
function candidateRestores(restoreCalls: readonly RestoreCall[], handles: Handles): (helper: HelperCall) => number[] {
  const byGroup = new Map<string, number[]>();
  const byHandle = new Map<unknown, number[]>();
  const byRoot = new Map<unknown, number[]>();
  const always: number[] = [];
  const inContexts: number[] = [];
  // `knex.client.acquireConnection.restore()`: a restore through a member of an object the file makes (block-shared.ts).
  const onMembers: number[] = [];
  const add = (map: Map<unknown, number[]>, key: unknown, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  restoreCalls.forEach((restore, i) => {
    if (restore.group !== undefined) add(byGroup as Map<unknown, number[]>, restore.group, i);
    if (restore.handle !== undefined) add(byHandle, restore.handle, i);
    if (restore.throughTarget) always.push(i);
    if (!restore.receiver) return;
    if (unwrap(restore.receiver).type === T.MemberExpression) onMembers.push(i);
    const reads = handles.readFrom(restore.receiver);
    for (const read of reads) add(byRoot, read.root, i);
    if (reads.some((read) => 'describe' in read.root)) inContexts.push(i);
  });
  return (helper) => {
    const found = new Set<number>([...(byGroup.get(helper.group) ?? []), ...always]);
    if (helper.handle !== undefined) for (const i of byHandle.get(helper.handle) ?? []) found.add(i);
    if (helper.onLocalObject) for (const i of onMembers) found.add(i);
    for (const slot of handles.storedIn(helper.call)) {
      for (const i of byRoot.get(slot.root) ?? []) found.add(i);
      if ('describe' in slot.root) for (const i of inContexts) found.add(i);
    }
    return [...found].sort((a, b) => a - b);
  };
}

/**
 * Does a restore call undo this helper: a restore-all of its group, the restore of an expression
 * that may hold its handle (handles.ts), or the restore of its member (of a shared module or global,
 * or of a value the file makes once for a block)?
 */
function handleMatcher(sourceCode: TSESLint.SourceCode, structure: TestStructure, handles: Handles): (restore: RestoreCall, helper: HelperCall) => boolean {
  const stored = new Map<HelperCall, readonly Slot[]>();
  const read = new Map<RestoreCall, readonly Slot[]>();
  return (restore, helper) => {
    if (restore.group === helper.group) return true;
    if (restore.handle !== undefined && restore.handle === helper.handle) return true;
    const through = restore.throughTarget;
    if (through && helper.target && helper.targetRestores.includes(through.path) && sameOrigin(through.target, helper.target)) return true;
    if (!restore.receiver) return false;
    if (helper.onLocalObject && throughBlockMember(sourceCode, structure, restore.receiver, helper)) return true;
    let slots = stored.get(helper);
    if (!slots) {
      slots = handles.storedIn(helper.call);
      stored.set(helper, slots);
    }
    if (slots.length === 0) return false;
    let reads = read.get(restore);
    if (!reads) {
      reads = handles.readFrom(restore.receiver);
      read.set(restore, reads);
    }
    return reads.some((r) => (slots as readonly Slot[]).some((s) => mayHold(r, s)));
  };
}

/**
 * Writes that put a saved original back (`obj.m = savedM`, a saved descriptor, a fresh copy of the
 * parent), and writes in an after hook that take the member away (`obj.m = void 0`, `delete
 * obj.m`) where that puts back what it was before the file ran (not after faking an own member of
 * a built-in, whose original goes too): the fake goes with it (eslint's `RuleTester.it.only = () => {}; sinon.spy(RuleTester.it,
 * 'only')`, undone by `after(() => { RuleTester.it.only = void 0 })`).
 */
function restoringWrites(sourceCode: TSESLint.SourceCode, structure: TestStructure): Restore[] {
  return sharedWritesOf(sourceCode).flatMap((write): Restore[] => {
    if (removesInAfterHook(sourceCode, structure, write)) return [{ write, reach: 'exact' }];
    const reach = write.form === 'delete' ? undefined : restoreReach(sourceCode, write, structure);
    return reach ? [{ write, reach }] : [];
  });
}

/** A take-away in an after hook that puts the member back as it was before the file ran (take-away.ts). */
function removesInAfterHook(sourceCode: TSESLint.SourceCode, structure: TestStructure, write: Write): boolean {
  return takeAwayRestores(sourceCode, write) && inAfterHook(structure, sourceCode, write.node);
}

/** Does a restoring write put back the member the helper replaced (or a copy of an object holding it)? */
function putsBack(restore: Restore, helper: HelperCall): boolean {
  const restored = restore.write.target;
  if (!restored || !helper.target) return false;
  return sameOrigin(restored, helper.target) || (restore.reach === 'subtree' && isPrefixOrigin(restored, helper.target));
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

/** `sinon.stub(knex.client, 'acquire')` undone by `knex.client.acquire.restore()`: the same member of the same value the file made. */
function throughBlockMember(sourceCode: TSESLint.SourceCode, structure: TestStructure, receiver: TSESTree.Expression, helper: HelperCall): boolean {
  const faked = replacedRead(sourceCode, helper);
  const restored = memberRead(sourceCode, receiver);
  return faked !== undefined && restored !== undefined && sameBlockMember(sourceCode, structure, faked, restored);
}
