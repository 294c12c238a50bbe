/**
 * Which rewrites undo a reported spy, stub or fake? Its family's restore-all (or its sandbox's
 * `restore()`) in an `afterEach` of the block that makes it; a restore that runs only when the test
 * passes moves into `finally`. Computed only for reported findings.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { variableOf } from '../analysis/values/binding.js';
import { contains } from '../analysis/values/file-index.js';
import { HELPER_FAMILIES } from '../analysis/runner/frameworks.js';
import type { HelperCall } from '../analysis/writes/scoped-helpers.js';
import type { HelperVerdict } from '../analysis/patches/spies.js';
import type { TestStructure } from '../analysis/runner/test-structure.js';
import { afterEachWith } from './after-each.js';
import { restoreInFinally } from './finally.js';
import { reachExport } from './reach-export.js';
import type { Suggestion } from './messages.js';

export function spySuggestions(sourceCode: TSESLint.SourceCode, structure: TestStructure, helper: HelperCall, verdict: HelperVerdict): Suggestion[] {
  if (verdict.kind === 'skippedOnFailure') {
    const fix = restoreInFinally(sourceCode, helper.call, verdict.restore);
    return fix ? [{ messageId: 'suggestFinally', data: { line: String(verdict.restore.loc.start.line) }, fix }] : [];
  }
  if (verdict.kind !== 'unrestored') return [];
  const registration = verdict.registration;
  const runsPerTest = verdict.when === 'test' || (verdict.when === 'hook' && registration?.role.kind === 'hook' && registration.role.hook === 'beforeEach');
  if (!registration || !runsPerTest) return [];
  let call: string | undefined;
  let reach;
  if (helper.family === 'sinon-sandbox') {
    // The sandbox must be reachable from the block's `afterEach`: made outside the test or hook.
    const sandbox = helper.sandbox;
    const id = helper.call.callee.type === T.MemberExpression ? helper.call.callee.object : undefined;
    const variable = id?.type === T.Identifier ? variableOf(sourceCode, id) : undefined;
    const where = registration.parent?.callback ?? sourceCode.ast;
    if (!sandbox || !variable || !(variable.scope.block === where || contains(variable.scope.block, where))) return [];
    call = `${sandbox}.restore()`;
  } else {
    reach = reachExport(sourceCode, HELPER_FAMILIES[helper.family].restoreAll);
    if (!reach) return [];
    call = `${reach.text}()`;
  }
  const plan = afterEachWith(sourceCode, structure, registration, call, reach ? [reach] : []);
  if (!plan) return [];
  return [{ messageId: 'suggestRestoreAll', data: { call }, fix: (fixer) => plan.fix(fixer) }];
}
