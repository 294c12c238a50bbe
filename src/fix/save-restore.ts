/**
 * How does a plain assignment get undone when no mock library or framework helper does it? The
 * original is saved where it is still the original and put back after the test:
 *
 * - in the `afterEach` of the block that holds the test (extended, or added in the file's dialect:
 *   `teardown` under Mocha's TDD interface, imported from `node:test` or `vitest` where the tests
 *   are), the original saved in the block's body. A describe body runs while the file loads, before
 *   any test of the file, so it sees the member as the module or the runtime made it;
 * - or, for one test, in a `finally` around the rest of that test, the original saved just before
 *   the write.
 *
 * A key that was not there is deleted again; where that cannot be known statically (an environment
 * variable) the put-back handles both (RUNTIME-FACTS 38).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { writesOf } from '../analysis/values/binding.js';
import { contains } from '../analysis/values/file-index.js';
import type { FrameworkId } from '../analysis/runner/frameworks.js';
import type { Patch, PutBackMember } from '../analysis/patches/patch.js';
import type { Registration, TestStructure } from '../analysis/runner/test-structure.js';
import { afterHookWith } from './after-each.js';
import { restOfTestInFinally } from './finally.js';
import { keyPresence } from '../analysis/restore/key-presence.js';
import { originalName } from './original-name.js';
import type { Suggestion } from './messages.js';
import { putBack, shadowedAt, visibleAt } from './saved-original.js';

/**
 * The save-and-restore rewrites of a plain assignment made by a test or a `beforeEach` (after each
 * test of its block, then around the one test), or by a `beforeAll` (after all tests of its block).
 */
export function saveRestoreSuggestions(sourceCode: TSESLint.SourceCode, structure: TestStructure, patch: Patch, registration: Registration, frameworks: ReadonlySet<FrameworkId>): Suggestion[] {
  const { write } = patch;
  const node = write.node;
  if (write.form !== 'assign' || write.wholeObject || node.type !== T.AssignmentExpression || node.operator !== '=' || !isPlainReference(node.left)) return [];
  const suggestions: Suggestion[] = [];
  const kind = registration.role.kind === 'hook' && registration.role.hook === 'beforeAll' ? 'afterAll' : 'afterEach';
  const afterHook = inAfterHook(sourceCode, structure, patch, node.left, registration, kind, frameworks);
  if (afterHook) suggestions.push(afterHook);
  const around = inFinally(sourceCode, patch, node, registration);
  if (around) suggestions.push(around);
  return suggestions;
}

/** The original saved in the block's body, put back (or a new key deleted) in the block's `afterEach` (`afterAll` for a `beforeAll`). */
function inAfterHook(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  patch: Patch,
  target: TSESTree.Expression,
  registration: Registration,
  kind: 'afterEach' | 'afterAll',
  frameworks: ReadonlySet<FrameworkId>,
): Suggestion | undefined {
  const block: TSESTree.Node = registration.parent?.callback ?? sourceCode.ast;
  if (!visibleAt(sourceCode, target, block)) return undefined;
  const name = sourceCode.getText(target);
  const presence = keyPresence(patch.target);
  if (presence === 'absent') {
    const plan = afterHookWith(sourceCode, structure, registration, kind, `delete ${name}`, [], undefined, frameworks);
    return plan && { messageId: 'suggestDeleteNewKey', data: { name, helper: plan.hook }, fix: (fixer) => plan.fix(fixer) };
  }
  const saved = originalName(sourceCode, block, patch.write.key);
  if (!saved) return undefined;
  const plan = afterHookWith(sourceCode, structure, registration, kind, putBack(name, saved, presence), [], `const ${saved} = ${name};`, frameworks);
  if (!plan || !readableAt(sourceCode, target, plan.declaredAt)) return undefined;
  return { messageId: 'suggestSaveRestore', data: { helper: plan.hook }, fix: (fixer) => plan.fix(fixer) };
}

/** The original saved just before the write, the rest of the test in `try` and the put-back (or the delete of a new key) in `finally`. */
function inFinally(sourceCode: TSESLint.SourceCode, patch: Patch, node: TSESTree.AssignmentExpression, registration: Registration): Suggestion | undefined {
  const name = sourceCode.getText(node.left);
  const presence = keyPresence(patch.target);
  const callback = registration.callback;
  const saved = presence === 'absent' || !callback ? undefined : originalName(sourceCode, callback, patch.write.key);
  if (presence !== 'absent' && !saved) return undefined;
  const restore = saved ? putBack(name, saved, presence) : `delete ${name}`;
  const fix = restOfTestInFinally(sourceCode, registration, node.parent, saved ? `const ${saved} = ${name};` : undefined, restore);
  if (!fix) return undefined;
  return { messageId: saved ? 'suggestSaveRestore' : 'suggestDeleteNewKey', data: saved ? { helper: 'finally' } : { name, helper: 'finally' }, fix };
}

/** A member chain of names and literal keys (`mod.x`, `process.env['X']`, `(api as any).load`): reading it twice reads the same thing. */
export function isPlainReference(node: TSESTree.Node): boolean {
  switch (node.type) {
    case T.Identifier:
    case T.Literal:
      return true;
    case T.MemberExpression:
      return !node.optional && isPlainReference(node.object) && (!node.computed || isPlainReference(node.property));
    case T.TSAsExpression:
    case T.TSNonNullExpression:
    case T.TSTypeAssertion:
    case T.TSSatisfiesExpression:
      return isPlainReference(node.expression);
    default:
      return false;
  }
}

/**
 * Does every variable `target` reads hold its final value at `at`, where the original is saved?
 * Imports, function declarations and parameters do; a variable must be declared before `at` and never
 * assigned again (a module loaded in a `before` hook into a `let` is not there yet when the file loads).
 */
export function readableAt(sourceCode: TSESLint.SourceCode, target: TSESTree.Node, at: number): boolean {
  const references = sourceCode.getScope(target).references.filter((reference) => contains(target, reference.identifier));
  return references.every((reference) => {
    const variable = reference.resolved;
    if (!variable) return true;
    const def = variable.defs[0];
    if (!def) return false;
    if (def.type === 'ImportBinding' || def.type === 'FunctionName' || def.type === 'Parameter') return true;
    if (def.type !== 'Variable' && def.type !== 'ClassName') return false;
    const writes = writesOf(variable);
    return def.node.range[1] <= at && writes.every((other) => other.init === true);
  });
}

/**
 * A call of the suite's helper that changes members and returns nothing (`freezeClock()` writing
 * `Date.now`): each member saved in the block's body and put back in its `afterEach` (`afterAll` for
 * a `beforeAll`), where the name the caller reads it through means the same in the block (no name of
 * the block hides the global; the file's own binding of the module, not a local of the same name).
 */
export function savedMemberSuggestions(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  members: readonly PutBackMember[],
  registration: Registration,
  kind: 'afterEach' | 'afterAll',
  frameworks: ReadonlySet<FrameworkId>,
): Suggestion[] {
  const block: TSESTree.Node = registration.parent?.callback ?? sourceCode.ast;
  const saves: string[] = [];
  const putBacks: string[] = [];
  const taken = new Set<string>();
  for (const member of members) {
    const parts = member.text.split('.');
    const root = parts[0] ?? member.text;
    if (member.through === 'global' ? shadowedAt(sourceCode, root, block) : !topLevelAt(sourceCode, root, block)) return [];
    // Two members of the same key (`Date.now`, `performance.now`) are saved under names of their whole path.
    let saved = originalName(sourceCode, block, parts.at(-1) ?? member.text);
    if (saved && taken.has(saved)) saved = originalName(sourceCode, block, parts.join('_'));
    if (!saved || taken.has(saved)) return [];
    taken.add(saved);
    saves.push(`const ${saved} = ${member.text};`);
    putBacks.push(`${member.text} = ${saved}`);
  }
  if (saves.length === 0) return [];
  const plan = afterHookWith(sourceCode, structure, registration, kind, putBacks, [], saves, frameworks);
  return plan ? [{ messageId: 'suggestSaveRestore', data: { helper: plan.hook }, fix: (fixer) => plan.fix(fixer) }] : [];
}

/** Does `name` at `block` mean the file's top-level binding: declared by no function or block between? */
function topLevelAt(sourceCode: TSESLint.SourceCode, name: string, block: TSESTree.Node): boolean {
  // The innermost scope of the block: the module's own for the program.
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.scopeManager?.acquire(block, true) ?? null; scope; scope = scope.upper) {
    if (scope.set.get(name)?.defs.length) return scope.type === 'module' || scope.type === 'global';
  }
  return false;
}
