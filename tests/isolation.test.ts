/**
 * The isolation model, run for real: the same five file-level patches (a module member, a global,
 * an environment variable, `Date.now`, a core-module member) in a first file, and a second file
 * that expects the real values. Which of the second file's tests fail is what each runner shares.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jest, mocha, vitest, webpackBundles } from './run-fixture.js';

const OBSERVER = 'b: sees the real values';
const ALL = ['module member', 'global', 'environment variable', 'Date.now', 'core module member'].map((name) => `${OBSERVER} ${name}`);
const OBSERVER_FILE = 'test/b_observes.test.js';

describe('isolation, per runner', { timeout: 120_000 }, () => {
  it('Jest isolates test files, but shares Node core modules within a worker', async () => {
    assert.deepEqual(await jest('isolation-jest'), { passed: 5, failed: [`${OBSERVER} core module member`] });
    assert.deepEqual(await jest('isolation-jest', [OBSERVER_FILE]), { passed: 5, failed: [] });
  });

  it("Jest copies process for each file, but its streams are the worker's: their members reach the next file", async () => {
    const observer = 'b: sees the real values';
    const streams = ['process.stdin.isTTY', 'process.stderr.columns'].map((name) => `${observer} ${name}`);
    assert.deepEqual(await jest('isolation-jest-streams', ['test/a_leaves', OBSERVER_FILE]), { passed: 3, failed: streams });
    assert.deepEqual(await jest('isolation-jest-streams', ['test/a_restores', OBSERVER_FILE]), { passed: 5, failed: [] });
  });

  it('Mocha shares one process: every file-level patch reaches the next file', async () => {
    assert.deepEqual(await mocha('isolation-mocha'), { passed: 1, failed: ALL });
    assert.deepEqual(await mocha('isolation-mocha', [OBSERVER_FILE]), { passed: 5, failed: [] });
  });

  it('Vitest with isolate: false shares everything; its default isolation shares nothing', async () => {
    assert.deepEqual(await vitest('isolation-vitest'), { passed: 1, failed: ALL });
    assert.deepEqual(await vitest('isolation-vitest', ['--isolate']), { passed: 6, failed: [] });
  });

  it('Jest loads the next file of a worker only after the after hooks of this one: a core-module patch put back in afterAll does not reach it', async () => {
    assert.deepEqual(await jest('isolation-jest-after-all'), { passed: 6, failed: [] });
  });

  it('Vitest with isolate: false loads the next file only after the after hooks of this one: file-level patches put back in afterAll do not reach it', async () => {
    assert.deepEqual(await vitest('isolation-vitest-after-all'), { passed: 6, failed: [] });
  });

  it('webpack bundles, one per test file, run by Mocha in one process: each file has its own project modules, the rest is shared', async () => {
    const bundles = await webpackBundles('isolation-webpack-bundles', 'webpack.test.cjs');
    assert.deepEqual(await mocha('isolation-webpack-bundles', bundles), { passed: 2, failed: ALL.filter((name) => name !== `${OBSERVER} module member`) });
    // One runtime for every entry: one module cache, so the project's module is shared again.
    const shared = await webpackBundles('isolation-webpack-bundles', 'webpack.test.cjs', { runtimeChunk: 'single' });
    assert.deepEqual(await mocha('isolation-webpack-bundles', shared), { passed: 1, failed: ALL });
  });
});
