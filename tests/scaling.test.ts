/**
 * How the analysis scales with the size of a test file, without a clock: the number of (change,
 * restore) pairs the restore matching looks at (`restoreCandidatesExamined`, counted for this spec
 * only) must grow in proportion to the file. A scan of every restore of a module for each write of
 * it (what a 5 MB file of 14,000 describes stalled on) doubles it twice when the file doubles.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from 'eslint';
import plugin from '../src/index.js';
import { restoreCandidatesExamined } from '../src/analysis/restore/restore.js';

/** Describes that each stub a method in `beforeEach` (restored in `afterEach`), save and restore their own member in a `finally`, and leak one. */
function describes(count: number): string {
  const parts = ["const sinon = require('sinon');", "const api = require('../src/api');", "const config = require('../src/config');"];
  for (let i = 0; i < count; i++) {
    parts.push(`
describe('block ${i}', () => {
  let stub;
  beforeEach(() => { stub = sinon.stub(api, 'get${i}'); });
  afterEach(() => stub.restore());
  it('restores in finally', () => {
    const saved = api.transport${i};
    try { api.transport${i} = () => ${i}; run(); } finally { api.transport${i} = saved; }
  });
  it('leaks', () => { config.retries${i} = ${i}; });
});`);
  }
  return parts.join('\n');
}

/** The same in one describe: thousands of tests in one scope. */
function testsInOneDescribe(count: number): string {
  const parts = ["const sinon = require('sinon');", "const api = require('../src/api');", "const config = require('../src/config');", "describe('one scope', () => {"];
  for (let i = 0; i < count; i++) {
    parts.push(`
  it('restores in finally ${i}', () => {
    const stub = sinon.stub(api, 'get${i}');
    const saved = api.transport${i};
    try { api.transport${i} = () => ${i}; run(); } finally { api.transport${i} = saved; stub.restore(); }
  });
  it('leaks ${i}', () => { config.retries${i} = ${i}; });`);
  }
  parts.push('});');
  return parts.join('\n');
}

/** Lints the code with the recommended config: the findings, and the pairs the restore matching looked at. */
function work(code: string): { findings: number; pairs: number } {
  const linter = new Linter({ configType: 'flat' });
  restoreCandidatesExamined.count = 0;
  const messages = linter.verify(code, [{ languageOptions: { sourceType: 'commonjs' } }, plugin.configs.recommended as Linter.Config], 'test/big.test.js');
  assert.deepEqual(messages.filter((message) => message.fatal), []);
  return { findings: messages.length, pairs: restoreCandidatesExamined.count };
}

describe('work grows in proportion to the file', () => {
  for (const [label, make] of [
    ['many describes, each restoring its own member', describes],
    ['one describe of many tests', testsInOneDescribe],
  ] as const) {
    it(`${label}: twice the blocks, at most 2.2 times the restore pairs looked at`, () => {
      const small = work(make(100));
      const large = work(make(200));
      // Every leak but the last (no test runs after it) is reported: the file was analysed.
      assert.equal(small.findings, 99);
      assert.equal(large.findings, 199);
      assert.ok(small.pairs >= 100, `the counter counts (${small.pairs})`);
      assert.ok(large.pairs <= 2.2 * small.pairs, `${small.pairs} pairs for 100 blocks, ${large.pairs} for 200`);
    });
  }
});
