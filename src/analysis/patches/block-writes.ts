/**
 * Which writes change a member of an object the tests of a block share (block-shared.ts), and are
 * they undone in time? `knex.client.config.wrapIdentifier = fn` on the describe's `knex` stays for
 * the block's later tests unless the file puts the member back where it always runs: the saved
 * original (`const original = knex.client.config.x` ... `knex.client.config.x = original`, or one
 * kept in an object: `saved.x = knex.client.config.x`), or any value written to it by an after hook
 * or cleanup. Judged by the restore model as changes with their own restores (restore.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { ANY_KEY, unwrap, variableOf } from '../values/binding.js';
import { blockValueOf, laterTestUses, memberRead, sameBlockMember } from '../visibility/block-shared.js';
import { isAfterHook } from '../runner/frameworks.js';
import { handlesOf } from '../restore/handles.js';
import { memberWritesOf, type Write } from '../writes/patch-write.js';
import { placementOf } from '../runner/placement.js';
import { judgeWith, type Restore, type Verdict } from '../restore/restore.js';
import type { TestStructure } from '../runner/test-structure.js';

export interface BlockWrite {
  readonly write: Write;
  readonly verdict: Verdict;
  /** The value belongs to a describe (true) or to the whole file (false). */
  readonly inDescribe: boolean;
  /**
   * The write puts a behaviour of its own in place of the member: a function written there
   * (`config.wrapIdentifier = (id) => ...`, `= () => { throw ... }`). A recording fake from a mock
   * library (`hexo.log.error = spy()`), a handler named elsewhere, or data the file sets on its own
   * object (`client.isMariaDB = true`, a capturing logger) is judged with `strict` only: on the
   * corpus those were mostly debatable (a later test that sets the member again, or only loses logs).
   */
  readonly fake: boolean;
}

const cache = new WeakMap<TSESLint.SourceCode, readonly BlockWrite[]>();

/** The writes to members of block-shared objects that are not undone in time and that a later test of the block can see. */
export function leakingBlockWritesOf(sourceCode: TSESLint.SourceCode, structure: TestStructure): readonly BlockWrite[] {
  let found = cache.get(sourceCode);
  if (!found) {
    found = judge(sourceCode, structure);
    cache.set(sourceCode, found);
  }
  return found;
}

function judge(sourceCode: TSESLint.SourceCode, structure: TestStructure): BlockWrite[] {
  const writes = memberWritesOf(sourceCode).filter((write) => !write.target && !write.wholeObject && write.key !== ANY_KEY && blockValueOf(sourceCode, structure, write.object));
  if (writes.length === 0) return [];
  const restores = writes.filter((write) => putsBack(sourceCode, structure, write));
  const asRestores = restores.map((write): Restore => ({ write, reach: 'exact' }));
  const matcher = (change: Write): Restore[] => asRestores.filter((restore) => sameBlockMember(sourceCode, structure, change, restore.write));
  // Writing a member again replaces the value: a `beforeEach` write is each test's own, not one carried over.
  const verdictOf = judgeWith(sourceCode, structure, asRestores, matcher, () => true);
  const leaking: BlockWrite[] = [];
  for (const write of writes) {
    if (restores.includes(write)) continue;
    const verdict = verdictOf(write);
    if (verdict.kind === 'restored' || verdict.kind === 'teardown') continue;
    const value = blockValueOf(sourceCode, structure, write.object);
    if (!value || !laterTestUses(sourceCode, structure, value, write.node, false)) continue;
    const written = write.form === 'assign' && write.value ? unwrap(write.value) : undefined;
    const fake = written?.type === T.ArrowFunctionExpression || written?.type === T.FunctionExpression;
    leaking.push({ write, verdict, inDescribe: value.block !== undefined, fake });
  }
  return leaking;
}

/** Does the write put the member back: its saved original, or anything an after hook or cleanup writes? */
function putsBack(sourceCode: TSESLint.SourceCode, structure: TestStructure, write: Write): boolean {
  const placement = placementOf(structure, sourceCode, write.node);
  if (placement.kind === 'registration' && (placement.registration.role.kind === 'cleanup' || isAfterHook(placement.registration.role))) return true;
  if (write.form !== 'assign' || !write.value) return false;
  const saved = savedValues(sourceCode, structure, write.value);
  return saved !== undefined && saved.length > 0 && saved.every((value) => {
    const read = memberRead(sourceCode, value);
    return read !== undefined && sameBlockMember(sourceCode, structure, write, read);
  });
}

/** What a value read from a variable or a kept slot (`original`, `origHooks.x`, `this.saved`) was set from. */
function savedValues(sourceCode: TSESLint.SourceCode, structure: TestStructure, value: TSESTree.Node): readonly TSESTree.Node[] | undefined {
  const expr = unwrap(value);
  if (expr.type === T.Identifier) {
    const variable = variableOf(sourceCode, expr);
    const writes = variable?.references.filter((reference) => reference.isWrite());
    return writes?.every((reference) => reference.writeExpr) ? writes.map((reference) => reference.writeExpr as TSESTree.Node) : undefined;
  }
  return handlesOf(sourceCode, structure).valuesKeptIn(expr);
}
