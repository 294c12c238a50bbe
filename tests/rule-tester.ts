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

/** Checks every message it renders against the bound of tests/message-length.ts. */
class BoundedRuleTester extends RuleTester {
  override run<M extends string, O extends readonly unknown[]>(name: string, rule: TSESLint.RuleModule<M, O>, tests: Parameters<RuleTester['run']>[2]): void {
    super.run(name, withMessageBound(rule), tests as never);
  }
}

export const ruleTester = new BoundedRuleTester({
  defaultFilenames: { ts: NO_RUNNER_FILENAME, tsx: NO_RUNNER_FILENAME.replace(/\.ts$/, '.tsx') },
});
export { RuleTester };
export { projectWith } from './projects.js';
