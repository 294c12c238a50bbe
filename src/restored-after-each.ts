/**
 * Which restore-all does the code around a write already run after every test? An `afterEach`
 * that calls `sinon.restore()` (or `jest.restoreAllMocks()`, or hands `sinon.restore` to the hook)
 * in the write's own describe block or one around it, or a setup file / root hook plugin the
 * project runs around every test. A fix then names only the scoped helper: the restore is there.
 */
import { AST_NODE_TYPES as T, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { unwrap } from './analysis/binding.js';
import { autoRestoresOf } from './analysis/auto-restore.js';
import { isFunction } from './analysis/file-index.js';
import { HELPER_FAMILIES, type HelperFamily } from './analysis/frameworks.js';
import { placementOf } from './analysis/placement.js';
import { restoreReferencesOf, scopedHelpersOf } from './analysis/scoped-helpers.js';
import type { Registration, TestStructure } from './analysis/test-structure.js';

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
  const around = describesAround(structure, node);
  const covers = (registration: Registration): boolean =>
    registration.role.kind === 'hook' && registration.role.hook === 'afterEach' && (registration.parent === undefined || around.has(registration.parent));
  for (const restore of scopedHelpersOf(sourceCode).restores) {
    if (restore.handle || restore.group === undefined) continue;
    const placement = placementOf(structure, sourceCode, restore.call);
    if (placement.kind === 'registration' && covers(placement.registration)) add(restore.group, unwrap(restore.call.callee));
  }
  for (const reference of restoreReferencesOf(sourceCode, structure)) {
    if (reference.works && covers(reference.registration)) add(reference.group, unwrap(reference.node));
  }
  return { families, sandboxes };
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
