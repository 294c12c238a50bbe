/**
 * Scoped helpers, run for real: in each fixture a first test fakes something and a later test
 * expects the real thing. The later test fails exactly where the fake was never undone, which is
 * exactly what no-unrestored-spy reports (tests/fixtures.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jest, jestExit, mocha, nodeTest, vitest } from './run-fixture.js';

describe('scoped helpers, per runner', { timeout: 120_000 }, () => {
  it('Jest: a spy nothing restores reaches the next test; restoreAllMocks in afterEach stops it', async () => {
    assert.deepEqual(await jest('spies-jest'), { passed: 3, failed: ['a spy nothing restores sees the real client'] });
  });

  it('Jest: a call-through spy left in place hands its recorded calls to a later test that reads them through jest.mocked(...).mock.calls; restored after each test, it does not', async () => {
    assert.deepEqual(await jest('spies-jest-call-through'), { passed: 7, failed: ['call-through spies (leaks) counts its own version calls'] });
  });

  it("Jest: mock-fs replaces the fs bindings the files of a worker share: left in place, the next file cannot load (Jest's own files are gone); mock.restore() in afterEach stops it", async () => {
    const leaked = await jestExit('spies-jest-mock-fs', ['test/a_leaves', 'test/b_observes']);
    assert.equal(leaked.code, 1);
    assert.match(leaked.stderr, /ENOENT, no such file or directory '[^']*node_modules/);
    assert.deepEqual(await jest('spies-jest-mock-fs', ['test/a_restores', 'test/b_observes']), { passed: 2, failed: [] });
  });

  it('Jest: fake timers turned on in a test stay for the later tests of the file, even with restoreMocks; useRealTimers in finally or afterEach (by reference too) stops them', async () => {
    const leaked = 'fake timers nothing turns off sees real timers';
    assert.deepEqual(await jest('spies-jest-fake-timers'), { passed: 5, failed: [leaked] });
    assert.deepEqual(await jest('spies-jest-fake-timers', ['--restoreMocks', '--resetMocks', 'test/leaks']), { passed: 1, failed: [leaked] });
  });

  it('Jest with restoreMocks: every spy is undone before each test, even one made while the file loads', async () => {
    assert.deepEqual(await jest('spies-jest-restore-mocks'), { passed: 3, failed: [] });
  });

  it('Vitest with unstubGlobals: stubbed globals are undone, stubbed environment variables are not', async () => {
    assert.deepEqual(await vitest('spies-vitest-unstub'), {
      passed: 3,
      failed: ['stubbed environment variables, not undone: unstubEnvs is not set sees no API URL'],
    });
  });

  it("Vitest with a setup file that spies console.warn before each test and restores that spy after it: the test's own spy of it is undone too", async () => {
    assert.deepEqual(await vitest('spies-vitest-setup-guard'), { passed: 3, failed: ["console.error, which nothing guards sees the real console.error"] });
  });

  it("Mocha with a root hook calling sinon.restore(): the default sandbox is restored, a sandbox of its own is not", async () => {
    assert.deepEqual(await mocha('spies-mocha-root-hooks'), { passed: 3, failed: ['b: sees the real client version'] });
  });

  it('restore-alls passed to afterEach by reference: Sinon, Jest and Vitest restore unbound, node:test throws', async () => {
    const fixture = 'restore-all-by-reference';
    assert.deepEqual(await mocha(fixture), { passed: 8, failed: [] });
    assert.deepEqual(await jest(fixture), { passed: 4, failed: [] });
    assert.deepEqual(await vitest(fixture), { passed: 8, failed: [] });
    // Each hook throws ("Cannot read private member #mocks ..."): the first test fails in its hook, the fake reaches the second.
    assert.deepEqual(await nodeTest(fixture, 'test/node-test/restore-all.test.js'), {
      passed: 2,
      failed: [
        'fakes get', 'sees the real get', 'node:test: afterEach(mock.restoreAll)',
        'fakes version', 'sees the real version', 'node:test: afterEach(mock.reset)',
        'fakes the timers', 'sees the real timers', 'node:test: afterEach(mock.timers.reset)',
      ],
    });
  });

  it('node:test: t.mock is reset after the test, the top-level mock is not', async () => {
    assert.deepEqual(await nodeTest('spies-node-test', 'test/mocks.test.js'), { passed: 3, failed: ['sees the real version'] });
  });
});
