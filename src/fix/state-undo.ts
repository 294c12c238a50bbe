/**
 * How is a state change made through an API (`process.chdir(dir)`, `process.on('exit', onExit)`,
 * `mongoose.set(key, value)`) undone by a rewrite? The catalogue's rewrite for the call
 * (state-apis.ts `rewrite`) is the data: what to save before the change, and the call that undoes
 * it. The undo goes after each test of the block (after the block, for a `beforeAll`), what it
 * needs saved in the block's body, as for a member's original (save-restore.ts); or, for one test,
 * into the test context's cleanup (node:test's `t.after`) or a `finally` around the rest of the test,
 * saved just before the change. The arguments the undo
 * repeats must name the same value there: literals, and names that are never assigned again (an
 * inline listener has no name to remove it by: no rewrite).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { staticKey } from '../analysis/values/binding.js';
import { SUGGESTED_HELPERS, type FrameworkId } from '../analysis/runner/frameworks.js';
import type { Patch } from '../analysis/patches/patch.js';
import type { StateUndoRewrite } from '../analysis/writes/state-apis.js';
import type { Registration, TestStructure } from '../analysis/runner/test-structure.js';
import { afterHookWith, indentOf } from './after-each.js';
import { restOfTestInFinally } from './finally.js';
import { originalName } from './original-name.js';
import type { Suggestion } from './messages.js';
import { reachExport, reachFixes, type ExportReach } from './reach-export.js';
import { isPlainReference, readableAt } from './save-restore.js';
import { visibleAt } from './saved-original.js';
import { testContext } from './test-context.js';

/** The rewrites that undo a change made by a test or a `beforeEach` (after each test, then around the one test), or by a `beforeAll` (after the block). */
export function stateUndoSuggestions(sourceCode: TSESLint.SourceCode, structure: TestStructure, patch: Patch, registration: Registration, frameworks: ReadonlySet<FrameworkId>): Suggestion[] {
  const rewrite = patch.api?.rewrite;
  const call = patch.write.node;
  if (!rewrite || call.type !== T.CallExpression) return [];
  const args = setterArguments(call, rewrite);
  const undo = reachExport(sourceCode, rewrite.undo.callee);
  const getter = rewrite.save && reachExport(sourceCode, rewrite.save.getter);
  if (!args || !undo || (rewrite.save && !getter)) return [];
  const reaches = getter ? [undo, getter] : [undo];
  const suggestions: Suggestion[] = [];
  const kind = registration.role.kind === 'hook' && registration.role.hook === 'beforeAll' ? 'afterAll' : 'afterEach';
  const block: TSESTree.Node = registration.parent?.callback ?? sourceCode.ast;
  const inHook = rewriteAt(sourceCode, rewrite, call, block, undo, getter);
  if (inHook && reaches.every((reach) => unshadowedAt(sourceCode, reach, block)) && args.every((arg) => visibleAt(sourceCode, arg, block))) {
    const plan = afterHookWith(sourceCode, structure, registration, kind, inHook.undo, reaches, inHook.declaration, frameworks);
    if (plan && args.every((arg) => readableAt(sourceCode, arg, plan.declaredAt))) suggestions.push(suggestion(inHook, plan.hook, (fixer) => plan.fix(fixer)));
  }
  const statement = call.parent;
  const callback = registration.callback;
  const inTest = callback && statement.type === T.ExpressionStatement && rewriteAt(sourceCode, rewrite, call, callback, undo, getter);
  if (!inTest || !reaches.every((reach) => unshadowedAt(sourceCode, reach, callback)) || !args.every((arg) => readableAt(sourceCode, arg, statement.range[0]))) return suggestions;
  const cleanup = inTestCleanup(sourceCode, registration, statement, inTest, frameworks);
  if (cleanup) suggestions.push(suggestion(inTest, cleanup.label, (fixer) => [...reachFixes(fixer, reaches), ...cleanup.fix(fixer)]));
  const fix = restOfTestInFinally(sourceCode, registration, statement, inTest.declaration, inTest.undo);
  if (fix) suggestions.push(suggestion(inTest, 'finally', (fixer) => [...reachFixes(fixer, reaches), ...fix(fixer)]));
  return suggestions;
}

/**
 * The undo registered with the test context's cleanup hook (node:test's `t.after`, the framework's
 * `cleanup` helper in SUGGESTED_HELPERS) just before the change, what it needs saved just before
 * that: when the change is a statement of the test's own body. The context parameter is added as `t`
 * where the test takes none.
 */
function inTestCleanup(
  sourceCode: TSESLint.SourceCode,
  registration: Registration,
  statement: TSESTree.ExpressionStatement,
  text: UndoText,
  frameworks: ReadonlySet<FrameworkId>,
): { label: string; fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] } | undefined {
  const callback = registration.callback;
  const helper = [...frameworks].flatMap((id) => Object.values(SUGGESTED_HELPERS[id] ?? {})).find((h) => h.context && h.as === 'cleanup');
  if (!helper || !callback || statement.parent !== callback.body) return undefined;
  const context = testContext(sourceCode, registration, callback);
  if (!context) return undefined;
  const label = `${context.name}.${helper.label}`;
  const indent = indentOf(sourceCode, statement);
  const save = text.declaration ? `${text.declaration}\n${indent}` : '';
  const inserted = `${save}${label}(() => {\n${indent}  ${text.undo};\n${indent}});\n${indent}`;
  return { label, fix: (fixer) => [...(context.add ? [context.add(fixer)] : []), fixer.insertTextBefore(statement, inserted)] };
}

interface UndoText {
  /** `const originalCwd = process.cwd();`, when the rewrite saves a value first. */
  readonly declaration: string | undefined;
  /** The getter call the declaration makes, for the suggestion's description. */
  readonly getter: string | undefined;
  /** `process.chdir(originalCwd)` */
  readonly undo: string;
}

/** The setter's arguments the rewrite repeats, each a literal or a plain name; undefined when one is missing or written otherwise (an inline listener). */
function setterArguments(call: TSESTree.CallExpression, rewrite: StateUndoRewrite): TSESTree.Expression[] | undefined {
  const indices = [...(rewrite.save?.args ?? []), ...rewrite.undo.args.filter((arg): arg is number => arg !== 'saved')];
  const found: TSESTree.Expression[] = [];
  for (const index of indices) {
    const arg = call.arguments[index];
    if (!arg || arg.type === T.SpreadElement || !isPlainReference(arg)) return undefined;
    found.push(arg);
  }
  return found;
}

/** The save and the undo as written at `block`, the saved value named after what it holds (`originalCwd`, `originalStrictQuery`). */
function rewriteAt(
  sourceCode: TSESLint.SourceCode,
  rewrite: StateUndoRewrite,
  call: TSESTree.CallExpression,
  block: TSESTree.Node,
  undo: ExportReach,
  getter: ExportReach | undefined,
): UndoText | undefined {
  const text = (index: number): string => sourceCode.getText(call.arguments[index]);
  let saved: string | undefined;
  let getterCall: string | undefined;
  if (rewrite.save && getter) {
    const keyArg = rewrite.save.args[0];
    const name = rewrite.save.name ?? (keyArg === undefined ? undefined : staticKey(sourceCode, call.arguments[keyArg] as TSESTree.Node));
    saved = originalName(sourceCode, block, name ?? '');
    if (!saved) return undefined;
    getterCall = `${getter.text}(${rewrite.save.args.map(text).join(', ')})`;
  }
  const undoArgs = rewrite.undo.args.map((arg) => (arg === 'saved' ? saved : text(arg)));
  if (undoArgs.some((arg) => arg === undefined)) return undefined;
  return { declaration: saved && getterCall ? `const ${saved} = ${getterCall};` : undefined, getter: getterCall, undo: `${undo.text}(${undoArgs.join(', ')})` };
}

/** Does the name a reach starts with (a top-level binding, an import about to be added, a global) mean the same at `block`: declared by no function or block around it? */
function unshadowedAt(sourceCode: TSESLint.SourceCode, reach: ExportReach, block: TSESTree.Node): boolean {
  const root = reach.text.split('.')[0] ?? '';
  for (let scope: TSESLint.Scope.Scope | null = sourceCode.scopeManager?.acquire(block) ?? null; scope; scope = scope.upper) {
    if (scope.type === 'module' || scope.type === 'global') return true;
    if (scope.set.has(root)) return false;
  }
  return false;
}

const MAX_CALL = 60;

function suggestion(text: UndoText, helper: string, fix: Suggestion['fix']): Suggestion {
  const short = (call: string): string => (call.length > MAX_CALL ? `${call.slice(0, call.indexOf('('))}(…)` : call);
  if (text.getter) return { messageId: 'suggestSaveAndUndo', data: { getter: short(text.getter), helper }, fix };
  return { messageId: 'suggestUndoCall', data: { call: short(text.undo), helper }, fix };
}
