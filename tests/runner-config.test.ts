/**
 * The project model reads each runner's configuration as the runner does (issue 11): each fixture
 * is run with its real runner, and the later test fails exactly where the configuration leaves a
 * fake in place, which is exactly what the rules report (tests/fixtures.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jest, mocha, vitest } from './run-fixture.js';

describe('runner configuration, as each runner reads it', { timeout: 120_000 }, () => {
  it("Jest root projects: an entry's own restoreMocks applies, the root's does not reach the other entry", async () => {
    assert.deepEqual(await jest('projects-jest-restore-mocks'), { passed: 3, failed: ['package b sees the real client'] });
  });

  it('Vitest inline test.projects: the entry with extends: true inherits the root restoreMocks, the other does not', async () => {
    assert.deepEqual(await vitest('projects-vitest-extends'), { passed: 3, failed: ['project own sees the real client'] });
  });

  it('Vitest function-form config: the restoreMocks it returns applies', async () => {
    assert.deepEqual(await vitest('config-vitest-function'), { passed: 2, failed: [] });
  });

  it('Mocha .mocharc.yml: the root hook plugin listed through a YAML alias loads, and its sinon.restore() undoes the stub', async () => {
    const fixture = 'config-mocharc-yaml-anchor';
    assert.deepEqual(await mocha(fixture), { passed: 2, failed: [] });
    // Without the config (so without the root hook) the stub reaches the next file: the hook is what restores it.
    assert.deepEqual(await mocha(fixture, ['--no-config', 'test/a_stubs.test.js', 'test/b_observes.test.js']), { passed: 1, failed: ['b: sees the real client get'] });
  });

  it("Mocha test script with a quoted |: one run, and its -r root hook plugin restores the stub", async () => {
    const fixture = 'script-mocha-quoted-pipe';
    // The arguments the shell passes for the script `mocha --grep 'a|b' -r ./test/hooks.js --sort`.
    assert.deepEqual(await mocha(fixture, ['--grep', 'a|b', '-r', './test/hooks.js', '--sort']), { passed: 2, failed: [] });
    assert.deepEqual(await mocha(fixture, ['--grep', 'a|b', '--sort']), { passed: 1, failed: ['b: sees the real client get'] });
  });
});
