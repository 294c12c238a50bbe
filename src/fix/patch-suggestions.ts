/**
 * Which rewrites turn a reported patch into code that does not leak? The assignment becomes the
 * scoped helper the message names (SUGGESTED_HELPERS, chosen like the remedy by `remedySourceFor`),
 * with the restore-all it still lacks in an `afterEach` of its block; a restore that runs only when
 * the test passes moves into `finally`. Where no helper fits (no mock library, a value, a new
 * key), the original is saved and put back (save-restore.ts). Computed only for reported findings.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { autoRestoresOf } from '../analysis/restore/auto-restore.js';
import { ANY_KEY, isFunctionValue, sameOrigin, unwrap, variableOf } from '../analysis/values/binding.js';
import { enclosingFunction } from '../analysis/values/file-index.js';
import {
  FRAMEWORKS,
  HELPER_FAMILIES,
  remedySourceFor,
  SCOPED_HELPERS,
  SUGGESTED_HELPERS,
  type FrameworkId,
  type GlobalTargetKind,
  type SuggestedHelper,
} from '../analysis/runner/frameworks.js';
import type { Patch } from '../analysis/patches/patch.js';
import type { Registration, TestStructure } from '../analysis/runner/test-structure.js';
import { afterEachWith, indentOf, restoreAllRunsAfterEach } from './after-each.js';
import { restoreInFinally } from './finally.js';
import { restoreAlsoAfterEach } from './late-restore.js';
import { keyPresence, type KeyPresence } from '../analysis/restore/key-presence.js';
import { returnedUndoSuggestions } from './returned-undo.js';
import { rootPairIntoDescribe } from './root-pair.js';
import { savedMemberSuggestions, saveRestoreSuggestions } from './save-restore.js';
import { stateUndoSuggestions } from './state-undo.js';
import { putBack, savedOriginalOf } from './saved-original.js';
import { restoreClause, type Suggestion } from './messages.js';
import { originalName } from './original-name.js';
import { reachExport, reachFixes } from './reach-export.js';
import { testContext } from './test-context.js';

export type RemedyKind = GlobalTargetKind | 'module';

export interface SuggestionScope {
  readonly structure: TestStructure;
  /** Every patch of the file: a getter spy needs a test that writes its member once. */
  readonly patches: readonly Patch[];
  readonly frameworks: ReadonlySet<FrameworkId>;
  readonly filename: string;
}

/** The suggestions for one reported patch, the remedy of `kind` having been named in its message. */
export function patchSuggestions(sourceCode: TSESLint.SourceCode, patch: Patch, scope: SuggestionScope, kind: RemedyKind | undefined): Suggestion[] {
  const verdict = patch.verdict;
  if (verdict.kind === 'skippedOnFailure') {
    const fix = restoreInFinally(sourceCode, patch.write.node, verdict.restore);
    return fix ? [{ messageId: 'suggestFinally', data: { line: String(verdict.restore.loc.start.line) }, fix }] : [];
  }
  if (verdict.kind === 'restoredTooLate') {
    // A root pair: both hooks moved into the file's describe, where that is unambiguous.
    if (verdict.aroundEveryFile) {
      const moved = rootPairIntoDescribe(sourceCode, scope.structure, patch.write.node, verdict.restore);
      return moved ? [moved] : [];
    }
    const plan = restoreAlsoAfterEach(sourceCode, scope.structure, verdict.restore);
    return plan ? [{ messageId: 'suggestRestoreAfterEach', data: { line: String(verdict.restore.loc.start.line) }, fix: (fixer) => plan.fix(fixer) }] : [];
  }
  if (verdict.kind !== 'unrestored') return [];
  const registration = verdict.registration;
  const beforeAll = registration && verdict.when === 'hook' && registration.role.kind === 'hook' && registration.role.hook === 'beforeAll';
  const runsPerTest = verdict.when === 'test' || (verdict.when === 'hook' && registration?.role.kind === 'hook' && registration.role.hook === 'beforeEach');
  if (!registration || !(beforeAll || runsPerTest)) return [];
  // `setTimeout = fake` names no object for a scoped helper to rewrite through: the binding itself is saved and put back.
  if (patch.write.bare) return saveRestoreSuggestions(sourceCode, scope.structure, patch, registration, scope.frameworks);
  // A call of the suite's helper whose returned value puts back what it changes: that value kept and run.
  if (patch.api?.returned) return returnedUndoSuggestions(sourceCode, scope.structure, patch, registration, scope.frameworks);
  // A call of the suite's helper that returns nothing: each member it changes saved and put back.
  if (patch.api?.putBack) return savedMemberSuggestions(sourceCode, scope.structure, patch.api.putBack, registration, beforeAll ? 'afterAll' : 'afterEach', scope.frameworks);
  // A change made through an API: the catalogue's undo, after each test or around the one test.
  if (patch.api) return stateUndoSuggestions(sourceCode, scope.structure, patch, registration, scope.frameworks);
  // A `beforeAll` of a block: put back after the block's last test, which no helper does.
  if (beforeAll) return saveRestoreSuggestions(sourceCode, scope.structure, patch, registration, scope.frameworks);
  const suggestions: Suggestion[] = [];
  // The file saved the original already: put it back after each test.
  const saved = savedOriginalOf(sourceCode, scope.structure, patch, registration);
  const putBackPlan = saved && afterEachWith(sourceCode, scope.structure, registration, putBack(saved.target, saved.saved, keyPresence(patch.target)));
  if (saved && putBackPlan) suggestions.push({ messageId: 'suggestRestoreSaved', data: { name: saved.target, saved: saved.saved }, fix: (fixer) => putBackPlan.fix(fixer) });
  if (kind !== undefined) suggestions.push(...helperSuggestions(sourceCode, patch, scope, kind, registration));
  // No helper of the file's libraries fits: save the original and put it back, which needs none.
  return suggestions.length > 0 ? suggestions : saveRestoreSuggestions(sourceCode, scope.structure, patch, registration, scope.frameworks);
}

/** The assignment rewritten with the scoped helper of the framework or library that gives one for `kind`. */
function helperSuggestions(sourceCode: TSESLint.SourceCode, patch: Patch, scope: SuggestionScope, kind: RemedyKind, registration: Registration): Suggestion[] {
  const source = remedySourceFor(scope.frameworks, scope.structure.mockLibraries, kind);
  // The message may name a save-and-restore (no helper of its source); a framework of the file may still have one.
  const id = source && SUGGESTED_HELPERS[source.id]?.[kind] ? source.id : FRAMEWORKS.find((f) => scope.frameworks.has(f.id) && SUGGESTED_HELPERS[f.id]?.[kind])?.id;
  const helper = id && forKey(SUGGESTED_HELPERS[id]?.[kind], keyPresence(patch.target));
  const rewrite = helper && rewriteOf(sourceCode, patch, registration, helper, scope);
  if (!helper || !rewrite) return [];
  if (helper.context) {
    const messageId = helper.as === 'cleanup' ? 'suggestSaveRestore' : 'suggestScopedHelper';
    return [{ messageId, data: { helper: rewrite.label, restore: '' }, fix: (fixer) => rewrite.fix(fixer, '') }];
  }
  const spec = SCOPED_HELPERS.find((s) => s.label === helper.label);
  const call = spec && reachExport(sourceCode, spec.callee);
  if (!spec || !call) return [];
  const family = spec.family;
  if (autoRestoresOf(scope.filename).has(family) || restoreAllRunsAfterEach(sourceCode, scope.structure, registration, family)) {
    return [{ messageId: 'suggestScopedHelper', data: { helper: helper.label, restore: '' }, fix: (fixer) => [...reachFixes(fixer, [call]), ...rewrite.fix(fixer, call.text)] }];
  }
  const restoreAll = reachExport(sourceCode, HELPER_FAMILIES[family].restoreAll);
  const restoreCall = restoreAll && `${restoreAll.text}()`;
  const plan = restoreAll && restoreCall ? afterEachWith(sourceCode, scope.structure, registration, restoreCall, [call, restoreAll]) : undefined;
  if (!plan || !restoreCall) return [];
  return [
    {
      messageId: 'suggestScopedHelper',
      data: { helper: helper.label, restore: restoreClause(restoreCall) },
      // The plan adds every import name the two edits need, once.
      fix: (fixer) => [...rewrite.fix(fixer, call.text), ...plan.fix(fixer)],
    },
  ];
}

/** The helper, or its library's one for a new key, when it works on a key that is there or not (undefined: none does). */
function forKey(helper: SuggestedHelper | undefined, presence: KeyPresence): SuggestedHelper | undefined {
  if (!helper || presence === 'present' || helper.newKey) return helper;
  return presence === 'absent' ? helper.whenNew : undefined;
}

interface Rewrite {
  /** How the suggestion names the helper (`t.mock.method` for the test's context). */
  readonly label: string;
  /** Replaces the assignment with the helper call, named `callee` (unused for the test context). */
  fix(fixer: TSESLint.RuleFixer, callee: string): TSESLint.RuleFix[];
}

/** The helper call that replaces the assignment, when the assignment is a statement of the test or hook itself. */
function rewriteOf(sourceCode: TSESLint.SourceCode, patch: Patch, registration: Registration, helper: SuggestedHelper, { patches, filename }: SuggestionScope): Rewrite | undefined {
  const { write } = patch;
  const node = write.node;
  if (write.form !== 'assign' || write.wholeObject || !write.value || node.type !== T.AssignmentExpression || node.operator !== '=' || node.parent.type !== T.ExpressionStatement) return undefined;
  const callback = registration.callback;
  if (!callback || enclosingFunction(node) !== callback) return undefined;
  const key = keyArgument(write.key, write.keyText);
  if (key === undefined) return undefined;
  const value = write.value;
  let implementation = sourceCode.getText(value);
  if (helper.impl) {
    const constructed = constructorText(sourceCode, value);
    // TypeScript: `...args` typed after the fake's own constructor type-checks even when the target is cast to `any`.
    const params = constructed?.typeable && isTypeScript(filename) ? `...args: ConstructorParameters<typeof ${constructed.text}>` : '...args';
    if (constructed) implementation = `function (${params}) { return new ${constructed.text}(...args); }`;
    else if (!isFunctionValue(sourceCode, value)) return undefined;
  }
  const parts = { object: sourceCode.getText(write.object), key, value: sourceCode.getText(value) };
  let args = helper.args.map((arg) => parts[arg]).join(', ');
  let then = helper.impl ? `.mockImplementation(${implementation})` : '';
  if (helper.as === 'getter') {
    // A getter spy has no setter: a second write of the member in the test would throw.
    if (patches.some((other) => other !== patch && sameOrigin(other.target, patch.target) && enclosingFunction(other.write.node) === callback)) return undefined;
    args = `${parts.object}, ${key}, 'get'`;
    then = `.mockReturnValue(${parts.value})`;
  } else if (helper.as === 'envObject') {
    const env = unwrap(write.object);
    if (env.type !== T.MemberExpression || env.computed || env.property.type !== T.Identifier || env.property.name !== 'env') return undefined;
    const property = write.key === ANY_KEY ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(write.key) ? write.key : key;
    // process.env holds strings: an assignment converts, a replaced object does not.
    const text = isStringValue(value) ? parts.value : `String(${parts.value})`;
    args = `${sourceCode.getText(env.object)}, 'env', { ...${sourceCode.getText(env)}, ${property}: ${text} }`;
  }
  if (helper.context) {
    const context = testContext(sourceCode, registration, callback);
    if (!context) return undefined;
    const label = `${context.name}.${helper.label}`;
    if (helper.as === 'cleanup') {
      const saved = originalName(sourceCode, callback, write.key);
      if (!saved) return undefined;
      const indent = indentOf(sourceCode, node.parent);
      const target = sourceCode.getText(node.left);
      const text = `const ${saved} = ${target};\n${indent}${label}(() => {\n${indent}  ${putBack(target, saved, keyPresence(patch.target))};\n${indent}});\n${indent}`;
      return { label, fix: (fixer) => [...(context.add ? [context.add(fixer)] : []), fixer.insertTextBefore(node.parent, text)] };
    }
    return {
      label,
      fix: (fixer) => [...(context.add ? [context.add(fixer)] : []), fixer.replaceText(node, `${label}(${args})${then}`)],
    };
  }
  return {
    label: helper.label,
    fix: (fixer, callee) => [fixer.replaceText(node, `${callee}(${args})${then}`)],
  };
}

function isStringValue(value: TSESTree.Node): boolean {
  const expr = unwrap(value);
  return (expr.type === T.Literal && typeof expr.value === 'string') || expr.type === T.TemplateLiteral;
}

/** The key as an argument: a quoted name, or the expression that computes it. */
function keyArgument(key: string, keyText: string | undefined): string | undefined {
  if (key === ANY_KEY) return keyText;
  return /^[^'\\\n\r\u2028\u2029]*$/.test(key) ? `'${key}'` : undefined;
}

/**
 * The class a value constructs, as `new` needs it written: a class expression, a local class, or a
 * capitalised name (a constructor by convention). A spy's implementation must then be a `function`
 * that returns `new Fake(...args)` (RUNTIME-FACTS 7 and 13).
 */
function constructorText(sourceCode: TSESLint.SourceCode, value: TSESTree.Node): { text: string; typeable: boolean } | undefined {
  const expr = unwrap(value);
  if (expr.type === T.ClassExpression) return { text: `(${sourceCode.getText(expr)})`, typeable: false };
  if (expr.type !== T.Identifier) return undefined;
  const def = variableOf(sourceCode, expr)?.defs[0];
  // `typeof Name` names a constructor type for a class of this file or an import (a class, by convention).
  if (def?.type === 'ClassName') return { text: expr.name, typeable: true };
  if (def?.type === 'FunctionName') return undefined;
  return /^[A-Z]/.test(expr.name) ? { text: expr.name, typeable: def?.type === 'ImportBinding' } : undefined;
}

function isTypeScript(filename: string): boolean {
  return /\.[cm]?tsx?$/.test(filename);
}
