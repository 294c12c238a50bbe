/**
 * The boundaries of the quiet rules, run for real: each fixture holds the safe case a rule stays
 * quiet on next to its leaking near-miss, and a later test fails exactly where the near-miss leaks.
 * The rules report exactly the near-misses (tests/fixtures.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jest, mocha, nodeTest, tape, vitest } from './run-fixture.js';

describe('quiet rules and their leaking near-misses, per runner', { timeout: 120_000 }, () => {
  it('environment variables: the ones Node and an installed package read reach the next file, the made-up one changes nothing', async () => {
    const fixture = 'environment-read-by-node';
    assert.deepEqual(await mocha(fixture), {
      passed: 3,
      failed: ['b: runs with the environment it started with rejects a self-signed certificate', 'b: runs with the environment it started with greets plainly'],
    });
    assert.deepEqual(await mocha(fixture, ['test/b_observes.test.js']), { passed: 2, failed: [] });
  });

  it('Sinon call-through spies: the one another file stubs again (the whole object) breaks that file, the one it only calls does not', async () => {
    const fixture = 'spies-sinon-wrapped-again';
    assert.deepEqual(await mocha(fixture), { passed: 3, failed: ['b: fakes the whole client stubs every method'] });
    assert.deepEqual(await mocha(fixture, ['test/b_stubs.test.js']), { passed: 2, failed: [] });
  });

  it("objects a describe's tests share: a stub or a replaced method on one made once for the block reaches its next test; one made before each test, or restored, does not", async () => {
    assert.deepEqual(await mocha('spies-sinon-block-shared'), {
      passed: 9,
      failed: [
        'leaks: a client made once for the block sends for real',
        'leaks: a model handed back by a before hook wrapper finds nothing',
        'leaks: a method replaced on a client made once for the block sends for real',
      ],
    });
  });

  it('Vitest 4 ignores poolOptions.threads.singleThread: a global stub left by one file does not reach the next; one worker without isolation does', async () => {
    const fixture = 'single-thread-vitest';
    assert.deepEqual(await vitest(fixture), { passed: 2, failed: [] });
    assert.deepEqual(await vitest(fixture, ['--no-isolate', '--maxWorkers=1']), { passed: 1, failed: ['b: sees the real fetch'] });
  });

  it('a fresh environment object before each test: the writes of a test go into its own object; one object for the block, or the same saved object each time, keeps them for the next test', async () => {
    assert.deepEqual(await vitest('per-test-env-vitest'), {
      passed: 4,
      failed: ['leaks: one object for the block starts without a token', 'leaks: the same saved object before each test starts without a token'],
    });
  });

  it("beforeEach resets: only a test that runs after the write, in Mocha's order, is protected; a skipped one is not", async () => {
    // Retries (followed only by a skipped test) and the mode (set in a nested describe, which runs last) reach b; the level does not.
    assert.deepEqual(await mocha('reset-order-mocha'), { passed: 8, failed: ['b: sees the default settings retries', 'b: sees the default settings mode'] });
  });

  it('a before/after pair at the top level of a spec file wraps the whole run: files before and after it see the fake; the pair in a describe wraps its block', async () => {
    assert.deepEqual(await mocha('root-hooks-mocha'), { passed: 3, failed: ['0: runs first get', 'b: sees the real client get'] });
  });

  it('helpers in other files (Mocha): the ones that hand back no restore leave the clock and Math.max for later tests and files; the returned restore run in afterEach, and a helper registering its own afterEach, leave nothing', async () => {
    const fixture = 'helpers-mocha';
    assert.deepEqual(await mocha(fixture, ['test/a_leaks.test.js', 'test/c_probe.test.js']), {
      passed: 2,
      failed: ['a: calls helpers that patch and leave it reads the real clock', 'c: a later file reads the real clock', 'c: a later file calls the real Math.max'],
    });
    assert.deepEqual(await mocha(fixture, ['test/b_restored.test.js', 'test/c_probe.test.js']), { passed: 6, failed: [] });
  });

  it('helpers in other files (Jest): the ones that hand back no restore leave the clock and Math.max for the later tests of the file; the handle restored in afterEach leaves nothing', async () => {
    assert.deepEqual(await jest('helpers-jest'), {
      passed: 4,
      failed: ['a: calls helpers that patch and leave it reads the real clock', 'a: calls helpers that patch and leave it calls the real Math.max'],
    });
  });

  it('globals: a name nothing else reads, a hook on a prototype and a deleted made-up variable change nothing for the next file; a name the code reads, the hook on the constructor and a deleted PATH do', async () => {
    assert.deepEqual(await mocha('quiet-globals-mocha'), {
      passed: 7,
      failed: ['b: runs with the globals it started with greets in English', 'b: runs with the globals it started with tells a plain object from a URL', 'b: runs with the globals it started with finds programs on the PATH'],
    });
    assert.deepEqual(await mocha('quiet-globals-mocha', ['test/b_observes.test.js']), { passed: 4, failed: [] });
  });

  it('Jest: a write expected to throw fails and a fake on the automock no later test reads stays unseen; the write expected not to throw and the fake the next test reads reach it', async () => {
    const outcome = await jest('quiet-writes-jest');
    assert.equal(outcome.passed, 6);
    assert.deepEqual([...outcome.failed].sort(), ['spies on the automocked client sees the automock return nothing', 'writes inside a function expected to throw sees the default mode']);
  });

  it('module writes: an emptied list the module starts empty, a teardown reset to its own value and per-test inputs reach nothing; defaults emptied, a reset to another value and a check after the steps do', async () => {
    assert.deepEqual(await mocha('quiet-module-writes-mocha'), {
      passed: 8,
      failed: [
        'a: steps, then a check that runs the command line as it was loaded shows the help',
        'b: runs with the module as it was loaded uses the default settings',
        'b: runs with the module as it was loaded loads the default plugins',
      ],
    });
    assert.deepEqual(await mocha('quiet-module-writes-mocha', ['test/b_observes.test.js']), { passed: 4, failed: [] });
  });

  it("Vitest: a helper's [Symbol.dispose]() puts the original back when the block that declares it with `using` exits, even after a failed assertion; kept with `const`, the fake reaches the next test", async () => {
    assert.deepEqual(await vitest('restore-dispose-vitest'), {
      passed: 2,
      failed: ['disposed with using stubs fetch and fails', 'kept with const: never disposed sees the real fetch'],
    });
  });

  it('Vitest: a fake a failing test leaves is never seen when the next test fakes it again before it runs any code; it is seen when that test calls the code first, or when the clock it installs again keeps the time the first test set', async () => {
    assert.deepEqual(await vitest('refake-vitest'), {
      passed: 2,
      failed: [
        'a fresh clock installed again first fakes the timers and fails before it puts the real ones back',
        'a clock whose time the test set, installed again sets the fake clock to the epoch and fails before it puts the real timers back',
        'a clock whose time the test set, installed again installs fake timers again and stamps the present',
        'faked again first silences console.error and fails before its restore',
        'code runs before the fake is put in again silences console.error and fails before its restore',
        'code runs before the fake is put in again reports to the real console.error, then silences it',
      ],
    });
  });

  it('a bare assignment to a global binding writes the global object: left in place it reaches a later file, put back after each test it does not', async () => {
    const fixture = 'bare-global-mocha';
    assert.deepEqual(await mocha(fixture, ['test/a_leaks.test.js', 'test/c_probe.test.js']), { passed: 1, failed: ['c: a later file clones with the real structuredClone'] });
    assert.deepEqual(await mocha(fixture, ['test/b_restored.test.js', 'test/c_probe.test.js']), { passed: 2, failed: [] });
  });

  it('tests made by test.extend in a local fixtures module are tests: a write left in place reaches the later test, one put back by the same module\'s afterEach does not', async () => {
    assert.deepEqual(await vitest('local-test-module-vitest'), { passed: 3, failed: ['a write left in place sees the real client'] });
  });

  it('a finally around describe() runs while the file loads, before the hook inside writes: the fake reaches the next file; a finally inside the test does not', async () => {
    assert.deepEqual(await mocha('finally-around-describe-mocha'), { passed: 3, failed: ['b: sees the real client get'] });
  });

  it("a root hook plugin's before/after pair fakes for every run and every file alike (quiet); a spec file's top-level pair only for runs that load that file", async () => {
    const fixture = 'root-hook-plugin-mocha';
    assert.deepEqual(await mocha(fixture), { passed: 2, failed: ['b: observes version is the real one'] });
    // Alone, b still sees the plugin's fake get, and the real version.
    assert.deepEqual(await mocha(fixture, ['test/b_observes.test.js']), { passed: 2, failed: [] });
  });

  it('a restore right after the code under test runs even when the assertion after it fails; one after the failing assertion is skipped and the fake reaches the next file', async () => {
    assert.deepEqual(await mocha('restore-before-assertion-mocha'), {
      passed: 1,
      failed: [
        'a: restores before the assertion reads a frozen clock, then fails its assertion',
        'b: restores after the assertion reads a frozen clock, then fails its assertion',
        'c: a later file draws real random numbers',
      ],
    });
  });

  it("stubs restored by a callback handed their array are put back for the next file; handed another array, the stub reaches it", async () => {
    assert.deepEqual(await mocha('restore-through-callback-mocha'), { passed: 5, failed: ['c: a later file calls the real Math.min'] });
  });

  it('restores from nested functions: t.after registered by a helper handed the test context, a finally in a function called on the spot, an environment copy taken before each test, leave nothing; a floating async finally and a copy taken once leave the variable for the next test', async () => {
    assert.deepEqual(await nodeTest('nested-restores-node-test', 'test/nested.test.js'), {
      passed: 11,
      failed: ['sees the environment it started with', 'sees no FIXTURE_THIRD', 'an environment copy taken once'],
    });
  });

  it("Vitest: a helper's returned stop() called in finally removes its listener even after a failed assertion; called after the assertion, the listener reaches the next test", async () => {
    assert.deepEqual(await vitest('restore-method-vitest'), {
      passed: 1,
      failed: ['stopped in finally tracks warnings and fails', 'stopped after the assertion watches warnings and fails', 'stopped after the assertion has no listener left'],
    });
  });
});

// tape's own command, in a describe of its own: the runs above already use most of their shared time budget on a loaded machine.
describe('tape: assertions that record a failure', { timeout: 60_000 }, () => {
  it("tape's failing t.equal, t.same and t.ok record and return, so the restore after each runs; a throwing node:assert in an async tape test skips it, and tape's command hands the fake to the next file", async () => {
    const fixture = 'tape-assertions-record';
    assert.deepEqual(await tape(fixture, ['test/*.test.js']), {
      passed: 3,
      failed: ['a: fails its t.equal on purpose', 'a: fails its t.same on purpose', 'a: fails its t.ok on purpose', 'AssertionError [ERR_ASSERTION]: 0 == 1', 'c: real Math.min'],
    });
    // One process per file (node, borp, node --test): the probe alone sees no leftover.
    assert.deepEqual(await tape(fixture, ['test/c_probe.test.js']), { passed: 4, failed: [] });
  });
});
