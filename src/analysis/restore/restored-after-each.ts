/**
 * Which restore-all does the code around a write already run after every test? An `afterEach`
 * that calls `sinon.restore()` (or `jest.restoreAllMocks()`, or hands `sinon.restore` to the hook)
 * in the write's own describe block or one around it, or a setup file / root hook plugin the
 * project runs around every test. A fix then names only the scoped helper: the restore is there.
 */
import { AST_NODE_TYPES as T, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from '../values/binding.js';
import { autoRestoresOf } from './auto-restore.js';
import { isFunction } from '../values/file-index.js';
import { HELPER_FAMILIES, type HelperFamily } from '../runner/frameworks.js';
import { placementOf } from '../runner/placement.js';
import { restoreReferencesOf, scopedHelpersOf } from '../writes/scoped-helpers.js';
import type { Registration, TestStructure } from '../runner/test-structure.js';

const FAMILIES: ReadonlySet<string> = new Set(Object.keys(HELPER_FAMILIES));

export interface RestoredAfterEach {
  /** Helper families whose restore-all runs after every test that the write can reach. */
  readonly families: ReadonlySet<HelperFamily>;
  /** Sinon sandboxes restored so (`sandbox.restore()` in `afterEach`), by the variable that holds them. */
  readonly sandboxes: readonly string[];
}

/** What is restored after every test that `node` can reach. */
export function restoredAfterEach(sourceCode: TSESLint.SourceCode, structure: TestStructure, filename: string, node: TSESTree.Node): RestoredAfterEach {
  const families = new Set<HelperFamily>();
  const sandboxes: string[] = [];
  const add = (group: string, restore: TSESTree.Node): void => {
    if (FAMILIES.has(group)) families.add(group as HelperFamily);
    else if (restore.type === T.MemberExpression && restore.object.type === T.Identifier && !sandboxes.includes(restore.object.name)) sandboxes.push(restore.object.name);
  };
  for (const [family, auto] of autoRestoresOf(filename)) if (auto.by === 'setup') families.add(family);
  const byBlock = afterEachRestoresOf(sourceCode, structure);
  const found: AfterEachRestore[] = [...(byBlock.get(undefined) ?? [])];
  for (const describe of describesAround(structure, node)) found.push(...(byBlock.get(describe) ?? []));
  for (const { group, restore } of found.sort((a, b) => a.order - b.order)) add(group, restore);
  return { families, sandboxes };
}

/** A restore-all run by an `afterEach` hook: its group, its callee (or the reference handed to the hook), its rank in the file's lists. */
interface AfterEachRestore {
  readonly order: number;
  readonly group: string;
  readonly restore: TSESTree.Node;
}

const cache = new WeakMap<TestStructure, ReadonlyMap<Registration | undefined, readonly AfterEachRestore[]>>();

/**
 * The restore-alls that `afterEach` hooks run, by the block the hook is registered in: restore
 * calls in the hooks (in file order), then restore-alls handed to them. Listed once per file, so a
 * question about one write looks only at the blocks around it.
 */
function afterEachRestoresOf(sourceCode: TSESLint.SourceCode, structure: TestStructure): ReadonlyMap<Registration | undefined, readonly AfterEachRestore[]> {
  const known = cache.get(structure);
  if (known) return known;
  const byBlock = new Map<Registration | undefined, AfterEachRestore[]>();
  let order = 0;
  const add = (registration: Registration, group: string, restore: TSESTree.Node): void => {
    order += 1;
    if (registration.role.kind !== 'hook' || registration.role.hook !== 'afterEach') return;
    const list = byBlock.get(registration.parent) ?? [];
    byBlock.set(registration.parent, list);
    list.push({ order, group, restore });
  };
  for (const restore of scopedHelpersOf(sourceCode).restores) {
    if (restore.handle || restore.group === undefined) continue;
    const placement = placementOf(structure, sourceCode, restore.call);
    if (placement.kind === 'registration') add(placement.registration, restore.group, unwrap(restore.call.callee));
  }
  for (const reference of restoreReferencesOf(sourceCode, structure)) {
    if (reference.works) add(reference.registration, reference.group, unwrap(reference.node));
  }
  cache.set(structure, byBlock);
  return byBlock;
}

/** The describe blocks whose callbacks contain `node`. */
function describesAround(structure: TestStructure, node: TSESTree.Node): ReadonlySet<Registration> {
  const found = new Set<Registration>();
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    for (const registration of structure.byCallback.get(current) ?? []) if (registration.role.kind === 'describe') found.add(registration);
  }
  return found;
}
