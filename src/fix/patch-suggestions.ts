/**
 * Which rewrites turn a reported patch into code that does not leak? The assignment becomes the
 * scoped helper the message names (SUGGESTED_HELPERS, chosen like the remedy by `remedySourceFor`),
 * with the restore-all it still lacks in an `afterEach` of its block; a restore that runs only when
 * the test passes moves into `finally`. Computed only for reported findings.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { autoRestoresOf } from '../analysis/auto-restore.js';
import { ANY_KEY, isFunctionValue, unwrap, variableOf } from '../analysis/binding.js';
import { enclosingFunction } from '../analysis/file-index.js';
import {
  HELPER_FAMILIES,
  remedySourceFor,
  SCOPED_HELPERS,
  SUGGESTED_HELPERS,
  type FrameworkId,
  type GlobalTargetKind,
  type SuggestedHelper,
} from '../analysis/frameworks.js';
import type { Patch } from '../analysis/patches.js';
import type { Registration, TestStructure } from '../analysis/test-structure.js';
import { afterEachWith, restoreAllRunsAfterEach } from './after-each.js';
import { restoreInFinally } from './finally.js';
import { restoreClause, type SuggestionMessageId } from './messages.js';
import { reachExport, reachFixes } from './reach-export.js';

export type RemedyKind = GlobalTargetKind | 'module';

export interface Suggestion {
  readonly messageId: SuggestionMessageId;
  readonly data: Record<string, string>;
  fix(fixer: TSESLint.RuleFixer): TSESLint.RuleFix | TSESLint.RuleFix[] | null;
}

export interface SuggestionScope {
  readonly structure: TestStructure;
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
  if (verdict.kind !== 'unrestored' || kind === undefined) return [];
  const registration = verdict.registration;
  const runsPerTest = verdict.when === 'test' || (verdict.when === 'hook' && registration?.role.kind === 'hook' && registration.role.hook === 'beforeEach');
  if (!registration || !runsPerTest) return [];
  const source = remedySourceFor(scope.frameworks, scope.structure.mockLibraries, kind);
  const helper = source && SUGGESTED_HELPERS[source.id]?.[kind];
  const rewrite = helper && rewriteOf(sourceCode, patch, registration, helper);
  if (!helper || !rewrite) return [];
  if (helper.context) {
    return [{ messageId: 'suggestScopedHelper', data: { helper: rewrite.label, restore: '' }, fix: (fixer) => rewrite.fix(fixer, '') }];
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

interface Rewrite {
  /** How the suggestion names the helper (`t.mock.method` for the test's context). */
  readonly label: string;
  /** Replaces the assignment with the helper call, named `callee` (unused for the test context). */
  fix(fixer: TSESLint.RuleFixer, callee: string): TSESLint.RuleFix[];
}

/** The helper call that replaces the assignment, when the assignment is a statement of the test or hook itself. */
function rewriteOf(sourceCode: TSESLint.SourceCode, patch: Patch, registration: Registration, helper: SuggestedHelper): Rewrite | undefined {
  const { write } = patch;
  const node = write.node;
  if (write.form !== 'assign' || write.wholeObject || !write.value || node.type !== T.AssignmentExpression || node.parent.type !== T.ExpressionStatement) return undefined;
  const callback = registration.callback;
  if (!callback || enclosingFunction(node) !== callback) return undefined;
  const key = keyArgument(write.key, write.keyText);
  if (key === undefined) return undefined;
  const value = write.value;
  let implementation = sourceCode.getText(value);
  if (helper.impl) {
    const constructed = constructorText(sourceCode, value);
    if (constructed) implementation = `function (...args) { return new ${constructed}(...args); }`;
    else if (!isFunctionValue(sourceCode, value)) return undefined;
  }
  const parts = { object: sourceCode.getText(write.object), key, value: sourceCode.getText(value) };
  const args = helper.args.map((arg) => parts[arg]).join(', ');
  const then = helper.impl ? `.mockImplementation(${implementation})` : '';
  if (helper.context) {
    const context = testContext(sourceCode, registration, callback);
    if (!context) return undefined;
    const label = `${context.name}.${helper.label}`;
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
function constructorText(sourceCode: TSESLint.SourceCode, value: TSESTree.Node): string | undefined {
  const expr = unwrap(value);
  if (expr.type === T.ClassExpression) return `(${sourceCode.getText(expr)})`;
  if (expr.type !== T.Identifier) return undefined;
  const def = variableOf(sourceCode, expr)?.defs[0];
  if (def?.type === 'ClassName') return expr.name;
  if (def?.type === 'FunctionName') return undefined;
  return /^[A-Z]/.test(expr.name) ? expr.name : undefined;
}

/** The test's context parameter (node:test `t`), or `t` added where the test takes none and no `t` is in scope. */
function testContext(sourceCode: TSESLint.SourceCode, registration: Registration, callback: NonNullable<Registration['callback']>): { name: string; add?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix } | undefined {
  if (registration.role.kind !== 'test') return undefined;
  const first = callback.params[0];
  if (first) return first.type === T.Identifier ? { name: first.name } : undefined;
  const name = 't';
  let scope: TSESLint.Scope.Scope | null = sourceCode.scopeManager?.acquire(callback) ?? null;
  if (!scope) return undefined;
  if (scope.through.some((reference) => reference.identifier.name === name)) return undefined;
  for (; scope; scope = scope.upper) if (scope.set.has(name)) return undefined;
  const tokens = sourceCode.getTokens(callback);
  const open = tokens.find((token) => token.value === '(');
  const close = open && tokens[tokens.indexOf(open) + 1];
  if (close?.value === ')') {
    return { name, add: (fixer) => fixer.insertTextAfter(open as TSESTree.Token, name) };
  }
  return undefined;
}
