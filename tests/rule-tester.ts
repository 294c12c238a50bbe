/** RuleTester wired to node:test, so rule tests run under the same runner as everything else. */
import { RuleTester } from '@typescript-eslint/rule-tester';
import { after, describe, it } from 'node:test';

RuleTester.afterAll = after;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

export const ruleTester = new RuleTester();
export { RuleTester };
