/**
 * The project model reads each runner's configuration as the runner does (issue 11): each fixture
 * is run with its real runner, and the later test fails exactly where the configuration leaves a
 * fake in place, which is exactly what the rules report (tests/fixtures.test.ts).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, ROOT } from './paths.js';
import { jest, mocha, vitest } from './run-fixture.js';

/** The `patch-leak` command's JSON report, run in a fixture. */
function patchLeak(fixture: string, ...args: string[]): { summary: { files: number }; findings: { file: string; line: number; ruleId: string }[] } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.NODE_TEST_CONTEXT;
  const bin = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
  const result = spawnSync(process.execPath, [bin, '--format', 'json', ...args], { cwd: path.join(FIXTURES, fixture), env, encoding: 'utf8' });
  return JSON.parse(result.stdout) as ReturnType<typeof patchLeak>;
}

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

  it("Jest testPathIgnorePatterns: a leaking file under test/fixtures/ is not run, and the command's default file set leaves it out", async () => {
    const fixture = 'selection-jest-ignored-fixtures';
    assert.deepEqual(await jest(fixture), { passed: 1, failed: [] });
    // Run anyway (the ignore pattern overridden), its spy reaches its next test: it would be a finding.
    assert.deepEqual(await jest(fixture, ['--testPathIgnorePatterns', '/node_modules/']), { passed: 2, failed: ['sees the real client'] });
    const report = patchLeak(fixture);
    assert.deepEqual({ files: report.summary.files, findings: report.findings }, { files: 1, findings: [] });
    const named = patchLeak(fixture, 'test/fixtures/broken.test.js');
    assert.deepEqual(named.findings.map((f) => [f.file, f.line, f.ruleId]), [['test/fixtures/broken.test.js', 8, 'patch-leak/no-unrestored-spy']]);
  });
});
