/**
 * How is a call of the suite's helper undone when the helper hands back what undoes it, and the
 * caller drops it (`freezeClock(5);` where `freezeClock` returns `() => { Date.now = original; }`)?
 * Only where the helper's summary proves the returned value puts back every member the helper
 * changes (helper-summaries.ts `returnedUndo`), the value is kept and run:
 *
 * - for a `beforeEach` (`beforeAll`), in a variable of the block and the block's `afterEach`
 *   (`afterAll`), in the file's hook dialect: `let restore;` … `restore = freezeClock(5);` …
 *   `afterEach(() => { restore(); })`;
 * - for one test, handed to the test context's cleanup (node:test's `t.after(restore)`), or run in a
 *   `finally` around the rest of the test.
 *
 * The call must be a statement of the hook's or test's own body (its value dropped). A TypeScript
 * file's variable is typed after the helper (`ReturnType<typeof freezeClock>`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { SUGGESTED_HELPERS, type FrameworkId } from '../analysis/runner/frameworks.js';
import type { Patch } from '../analysis/patches/patch.js';
import type { Registration, TestStructure } from '../analysis/runner/test-structure.js';
import { afterHookWith, indentOf } from './after-each.js';
import { restOfTestInFinally } from './finally.js';
import type { Suggestion } from './messages.js';
import { freshName } from './original-name.js';
import { testContext } from './test-context.js';

export function returnedUndoSuggestions(sourceCode: TSESLint.SourceCode, structure: TestStructure, patch: Patch, registration: Registration, frameworks: ReadonlySet<FrameworkId>): Suggestion[] {
  const returned = patch.api?.returned;
  const call = patch.write.node;
  const statement = call.parent;
  const callback = registration.callback;
  if (!returned || call.type !== T.CallExpression || statement?.type !== T.ExpressionStatement || !callback || statement.parent !== callback.body) return [];
  const base = returned.method ? 'handle' : 'restore';
  const run = (name: string): string => (returned.method ? `${name}.${returned.method}()` : `${name}()`);
  const data = (helper: string): Record<string, string> => ({
    returned: returned.method ? `\`.${returned.method}()\` of what \`${patch.name}\` returns` : `the function \`${patch.name}\` returns`,
    helper,
    members: returned.members,
  });
  const suggestions: Suggestion[] = [];
  if (registration.role.kind === 'hook') {
    const kind = registration.role.hook === 'beforeAll' ? 'afterAll' : registration.role.hook === 'beforeEach' ? 'afterEach' : undefined;
    const block: TSESTree.Node = registration.parent?.callback ?? sourceCode.ast;
    const name = kind && freshName(sourceCode, block, base);
    const typed = /\.[cm]?tsx?$/.test(structure.filename) ? `: ReturnType<typeof ${sourceCode.getText(call.callee)}>` : '';
    const plan = kind && name ? afterHookWith(sourceCode, structure, registration, kind, run(name), [], `let ${name}${typed};`, frameworks) : undefined;
    if (plan && name) suggestions.push({ messageId: 'suggestRunReturned', data: data(plan.hook), fix: (fixer) => [...plan.fix(fixer), fixer.insertTextBefore(call, `${name} = `)] });
    return suggestions;
  }
  if (registration.role.kind !== 'test') return [];
  const name = freshName(sourceCode, callback, base);
  if (!name) return [];
  const keep = `const ${name} = ${sourceCode.getText(call)};`;
  const indent = indentOf(sourceCode, statement);
  // The test context's cleanup (node:test `t.after`): the runner calls it when the test ends, passed or not.
  const cleanup = [...frameworks].flatMap((id) => Object.values(SUGGESTED_HELPERS[id] ?? {})).find((helper) => helper.context && helper.as === 'cleanup');
  const context = cleanup && testContext(sourceCode, registration, callback);
  if (cleanup && context) {
    const label = `${context.name}.${cleanup.label}`;
    // `t.after(fn)` calls fn with the context: a method is called on its object, not handed over.
    const handed = returned.method ? `() => ${run(name)}` : name;
    suggestions.push({
      messageId: 'suggestRunReturned',
      data: data(label),
      fix: (fixer) => [...(context.add ? [context.add(fixer)] : []), fixer.replaceText(statement, `${keep}\n${indent}${label}(${handed});`)],
    });
  }
  const around = restOfTestInFinally(sourceCode, registration, statement, undefined, run(name));
  if (around) suggestions.push({ messageId: 'suggestRunReturned', data: data('finally'), fix: (fixer) => [fixer.replaceText(statement, keep), ...around(fixer)] });
  return suggestions;
}
