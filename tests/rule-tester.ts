/**
 * RuleTester wired to node:test, so rule tests run under the same runner as everything else. Code
 * is linted as `example.test.ts` in a temporary project of its own (a bare package.json declaring
 * no runner), so the repository's own devDependencies never decide a case's isolation.
 */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { after, describe, it } from 'node:test';
import type { TSESLint } from '@typescript-eslint/utils';
import { withMessageBound } from './message-length.js';
import { NO_RUNNER_FILENAME } from './projects.js';

RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/**
 * Checks every message it renders against the bound of tests/message-length.ts. `ruleTester` pins
 * findings and messages and leaves suggestions out; `suggestionTester` runs the rules as shipped and
 * pins each suggestion's output (the `suggestions` blocks at the end of each rule test file).
 */
class BoundedRuleTester extends RuleTester {
  constructor(private readonly withSuggestions: boolean) {
    super({ defaultFilenames: { ts: NO_RUNNER_FILENAME, tsx: NO_RUNNER_FILENAME.replace(/\.ts$/, '.tsx') } });
  }

  override run<M extends string, O extends readonly unknown[]>(name: string, rule: TSESLint.RuleModule<M, O>, tests: Parameters<RuleTester['run']>[2]): void {
    const bounded = withMessageBound(rule);
    // `ruleTester` reports without suggestions: a case that pins some would fail with RuleTester's
    // "Error should have suggestions", which reads as if the rule offered none.
    if (!this.withSuggestions) for (const test of tests.invalid) if (test.errors.some(pinsSuggestions)) throw new Error(`${name}: a case pins suggestions; run it with suggestionTester, which keeps them`);
    super.run(name, this.withSuggestions ? bounded : withoutSuggestions(bounded), tests as never);
  }
}

/** Does an expected error pin suggestions (`suggestions: []` pins none, which stripping keeps true)? */
function pinsSuggestions(error: object): boolean {
  const suggestions: unknown = 'suggestions' in error ? error.suggestions : undefined;
  return Array.isArray(suggestions) ? suggestions.length > 0 : Boolean(suggestions);
}

/** The rule, reporting its findings without their suggestions. */
function withoutSuggestions<M extends string, O extends readonly unknown[]>(rule: TSESLint.RuleModule<M, O>): TSESLint.RuleModule<M, O> {
  return {
    ...rule,
    create(context) {
      const report = (descriptor: TSESLint.ReportDescriptor<M>): void => context.report({ ...descriptor, suggest: null });
      return rule.create(Object.create(context, { report: { value: report } }) as typeof context);
    },
  };
}

export const ruleTester = new BoundedRuleTester(false);
export const suggestionTester = new BoundedRuleTester(true);
export { RuleTester };
export { projectWith } from './projects.js';
