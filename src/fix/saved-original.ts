/**
 * Which variable already holds the original a patch replaced, and how is it put back? A variable
 * of the block (or of a describe or file around it) that is only ever given the target's own value,
 * at load time or in a `before`/`beforeEach` hook, before any test writes it: assigning it back in
 * an `afterEach` of the test's block undoes the patch. A key that may not have been there (an
 * environment variable that was not set) is deleted rather than set to `undefined` (for
 * `process.env`, the string `"undefined"`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { originOf, sameOrigin, unwrap, writesOf } from '../analysis/values/binding.js';
import { contains, isFunction } from '../analysis/values/file-index.js';
import type { Patch } from '../analysis/patches/patch.js';
import type { Registration, TestStructure } from '../analysis/runner/test-structure.js';
import type { KeyPresence } from '../analysis/restore/key-presence.js';

/**
 * The statement (without its `;`) that puts `saved` back into `target`, the text of the written
 * member: an assignment where the key was there before, else one that deletes the key when the
 * saved value is `undefined` (an unset environment variable, a global of the test's own).
 */
export function putBack(target: string, saved: string, presence: KeyPresence): string {
  return presence === 'present' ? `${target} = ${saved}` : `if (${saved} === undefined) delete ${target}; else ${target} = ${saved}`;
}

/**
 * The variable that holds the original of `patch` and can be read in an `afterEach` of the block of
 * `registration`, with the text that names the target there. Undefined when there is none, or when
 * the target's name would not resolve the same way at the block.
 */
export function savedOriginalOf(sourceCode: TSESLint.SourceCode, structure: TestStructure, patch: Patch, registration: Registration): { saved: string; target: string } | undefined {
  const node = patch.write.node;
  if (patch.write.form !== 'assign' || node.type !== T.AssignmentExpression || node.operator !== '=') return undefined;
  const block: TSESTree.Node = registration.parent?.callback ?? sourceCode.ast;
  const manager = sourceCode.scopeManager;
  if (!manager) return undefined;
  // Every name the target is written through must be visible at the block (and mean the same there).
  if (!visibleAt(sourceCode, node.left, block)) return undefined;
  for (let scope: TSESLint.Scope.Scope | null = manager.acquire(block, true); scope; scope = scope.upper) {
    for (const variable of scope.variables) {
      if (holdsOriginal(sourceCode, structure, variable, patch)) return { saved: variable.name, target: sourceCode.getText(node.left) };
    }
  }
  return undefined;
}

/** Given the target's own value, and only that, before any test runs (at load time or in a `before*` hook)? */
function holdsOriginal(sourceCode: TSESLint.SourceCode, structure: TestStructure, variable: TSESLint.Scope.Variable, patch: Patch): boolean {
  const def = variable.defs[0];
  if (!def || def.type !== 'Variable' || def.node.id.type !== T.Identifier) return false;
  const writes = writesOf(variable);
  if (writes.length === 0) return false;
  return writes.every((reference) => {
    const value = reference.writeExpr;
    if (!value || !sameOrigin(originOf(sourceCode, unwrap(value)), patch.target)) return false;
    // The save runs at load time, or in a `before`/`beforeEach` hook: never inside a test.
    const owner = enclosingRegistration(structure, reference.identifier);
    return !owner || owner.role.kind === 'describe' || (owner.role.kind === 'hook' && (owner.role.hook === 'beforeAll' || owner.role.hook === 'beforeEach'));
  });
}

/** The registration whose callback most closely encloses `node`. */
function enclosingRegistration(structure: TestStructure, node: TSESTree.Node): Registration | undefined {
  for (let current = node.parent; current; current = current.parent) {
    const registrations = isFunction(current) ? structure.byCallback.get(current) : undefined;
    if (registrations?.[0]) return registrations[0];
  }
  return undefined;
}

/** Does every name `node` reads resolve, at `block`, to what it resolves to where `node` is? */
export function visibleAt(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, block: TSESTree.Node): boolean {
  if (!sourceCode.scopeManager) return false;
  for (const scope of scopesWithin(sourceCode.getScope(node), node)) {
    for (const reference of scope.references) {
      if (!contains(node, reference.identifier)) continue;
      const variable = reference.resolved;
      // A global stays one unless the block declares the name (checked by the caller's block scopes below).
      if (!variable) {
        if (shadowedAt(sourceCode, reference.identifier.name, block)) return false;
        continue;
      }
      const declared = variable.scope.block;
      if (!(declared === block || contains(declared, block) || variable.scope.type === 'global' || variable.scope.type === 'module')) return false;
    }
  }
  return true;
}

/** `scope` and the scopes below it whose block lies inside `node` (a function written in the target). */
function scopesWithin(scope: TSESLint.Scope.Scope, node: TSESTree.Node): TSESLint.Scope.Scope[] {
  const found = [scope];
  for (let i = 0; i < found.length; i++) {
    for (const child of found[i]?.childScopes ?? []) if (contains(node, child.block)) found.push(child);
  }
  return found;
}

export function shadowedAt(sourceCode: TSESLint.SourceCode, name: string, block: TSESTree.Node): boolean {
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.scopeManager?.acquire(block) ?? null; scope; scope = scope.upper) {
    if (scope.set.get(name)?.defs.length) return true;
  }
  return false;
}
