/**
 * Shared state changed through APIs, run for real: in each fixture a first file changes the working
 * directory and adds a `process` listener, and a later test expects neither. The later test fails
 * exactly where the change was never undone, which is exactly what no-unrestored-global-patch
 * reports (tests/fixtures.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jest, mocha } from './run-fixture.js';

describe('state changed through APIs, per runner', { timeout: 120_000 }, () => {
  it('Mocha: a directory change and a listener left in place reach every later file', async () => {
    assert.deepEqual(await mocha('state-apis-mocha', ['test/a_leaks.test.js', 'test/c_probe.test.js']), {
      passed: 2,
      failed: ['c: a later file runs in the project directory', 'c: a later file has no warning listener left by another file'],
    });
  });

  it('Mocha: the saved directory put back and the same listener removed in afterEach leave nothing for later files', async () => {
    assert.deepEqual(await mocha('state-apis-mocha', ['test/b_restored.test.js', 'test/c_probe.test.js']), { passed: 4, failed: [] });
  });

  it("Jest: the directory is the worker's and reaches later files; a listener reaches only the later tests of its file", async () => {
    assert.deepEqual(await jest('state-apis-jest', ['a_leaks', 'c_probe']), {
      passed: 3,
      failed: ['a: changes shared state and leaves it has no warning listener left by an earlier test', 'c: a later file in the same worker runs in the project directory'],
    });
  });

  it('Jest: both undone in afterEach, nothing reaches the later test or file', async () => {
    assert.deepEqual(await jest('state-apis-jest', ['b_restored', 'c_probe']), { passed: 5, failed: [] });
  });
});
