/**
 * The fixture projects, linted as a user would (ESLint with each fixture's own eslint.config):
 * the incident is flagged at exactly the replacing line, every fixed variant is clean.
 */
import { ESLint } from 'eslint';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES } from './paths.js';

interface Finding {
  readonly file: string;
  readonly line: number;
  readonly ruleId: string | null;
}

/** Exactly what each fixture must report; a fixture missing here must report nothing. */
const EXPECTED: Readonly<Record<string, readonly Finding[]>> = {
  'fake-invoker': [
    { file: '<root>/test/agent_proxy_headers_and_errors.test.js', line: 20, ruleId: 'patch-leak/no-unrestored-module-patch' },
  ],
  // Jest isolates files: of five file-level patches, only the core module's reaches later files.
  'isolation-jest': [{ file: '<root>/test/a_patches.test.js', line: 13, ruleId: 'patch-leak/no-unrestored-module-patch' }],
  // Jest's per-file `process` still holds the worker's streams: their members reach later files, `process.title` does not.
  'isolation-jest-streams': globalPatches('a_leaves.test.js', 7, 11),
  'isolation-mocha': fileLevelPatches(9),
  'isolation-vitest': fileLevelPatches(7),
  // A fresh environment object before each test keeps the first block's writes in their test; one object for the block, or one saved object installed each time, does not.
  'per-test-env-vitest': modulePatches('env.test.js', 42, 57),
  // Bundled one per test file: the project module's patch stays in its file; the other four reach b.
  'isolation-webpack-bundles': fileLevelPatches(9).filter((finding) => finding.line !== 9),
  // Scoped helpers: exactly the ones whose fake a later test saw when run (tests/spies.test.ts).
  'spies-jest': [spy('leaks.test.js', 7)],
  'spies-jest-restore-mocks': [spy('ineffective.test.js', 6)],
  // A call-through spy whose calls a later test reads (jest.mocked(...).mock.calls); the one later tests only call is hygiene.
  'spies-jest-call-through': [spy('leaks.test.js', 12)],
  'spies-jest-fake-timers': [spy('leaks.test.js', 6)],
  // mock-fs patches the fs bindings, shared by the files of a Jest worker: the unrestored one reaches b.
  'spies-jest-mock-fs': [spy('a_leaves.test.js', 9)],
  'spies-mocha-root-hooks': [spy('a_stubs.test.js', 15)],
  'spies-node-test': [spy('mocks.test.js', 13)],
  'spies-vitest-unstub': [spy('stubs.test.js', 16)],
  // The helper's write, for the caller that keeps its disposable with `const` (tests/boundaries.test.ts).
  'restore-dispose-vitest': globalPatches('dispose.test.ts', 7),
  // Leftover fakes: only the two whose next test saw them when run (tests/boundaries.test.ts); the ones faked again first are hygiene.
  'refake-vitest': [spy('clock.test.js', 20), spy('console.test.js', 24)],
  // Take-aways: exactly the three whose original a later file missed when run (tests/runtime.test.ts).
  'take-away-mocha': [
    ...modulePatches('a_takes_away.test.js', 7),
    spy('a_takes_away.test.js', 12),
    ...globalPatches('a_takes_away.test.js', 18),
  ],
  // State changed through APIs: exactly the calls whose change a later test saw when run (tests/state-apis.test.ts).
  'state-apis-mocha': [...globalPatches('a_leaks.test.js', 8, 12), ...globalPatches('a2_leaks_in_tests.test.js', 8, 14)],
  'state-apis-jest': globalPatches('a_leaks.test.js', 8, 12),
  // Helpers in other files that patch and hand back no restore: exactly the two calls whose patch a later test saw (tests/boundaries.test.ts).
  'helpers-mocha': globalPatches('a_leaks.test.js', 7, 12),
  'helper-handles-mocha': globalPatches('a_leaks.test.js', 7, 14),
  'helpers-jest': globalPatches('a_leaks.test.js', 6, 11),
  // The setup file's own console.warn spy, restored after each test, undoes the test's spy of it; console.error stays.
  'spies-vitest-setup-guard': [spy('console.test.js', 19)],
  // Restore-alls passed by reference: only node:test's throw when called unbound (tests/spies.test.ts):
  // the three hooks, and the two fakes they leave.
  'restore-all-by-reference': [8, 11, 21, 24, 35, 38].map((line) => spy('node-test/restore-all.test.js', line)),
  // Quiet rules' boundaries: exactly the near-misses a later test saw when run (tests/boundaries.test.ts).
  // Variables Node and an installed package read are reported; the name nothing else reads is not.
  'environment-read-by-node': globalPatches('a_sets.test.js', 16, 22),
  // A call-through spy whose member another file stubs (the whole object, through its own import) is reported; the one only called elsewhere is not.
  'spies-sinon-wrapped-again': [spy('a_watches.test.js', 11)],
  // Stubs and a replaced method on objects the tests of a describe share: the three whose describe's next test failed when run; not the ones made per test or restored.
  'spies-sinon-block-shared': [spy('shared.test.js', 15), spy('shared.test.js', 44), ...modulePatches('shared.test.js', 80)],
  // Resets in beforeEach: the writes only a skipped test, or nothing in Mocha's order, follows in their block.
  'reset-order-mocha': modulePatches('a_resets.test.js', 20, 31),
  // A before/after pair at the top level of a spec file wraps the whole run; the pair inside a describe does not.
  'root-hooks-mocha': modulePatches('a_fakes.test.js', 10),
  // A made-up global name, Symbol.hasInstance on a prototype and a deleted made-up variable stay quiet; their near-misses
  // (a name the code under test reads, the hook on the constructor, a deleted PATH) are reported.
  'quiet-globals-mocha': globalPatches('a_leaves.test.js', 10, 19, 29),
  // A write expected to throw and a spy on the file's automock that no later test reads stay quiet; the write expected
  // not to throw, and the automock's fake the next test reads, are reported.
  'quiet-writes-jest': [spy('automock.test.js', 14), ...modulePatches('expected-throws.test.js', 14)],
  // An emptied list the module starts empty, a teardown reset to the module's own value and per-test inputs stay quiet;
  // a list with defaults emptied, a teardown reset to another value and a check after the steps that sets nothing are reported.
  'quiet-module-writes-mocha': modulePatches('a_writes.test.js', 21, 26, 55),
  // A finally around describe() restores nothing its hooks write; a finally inside the test does.
  'finally-around-describe-mocha': modulePatches('a_fakes.test.js', 12),
  // Tests made by a local fixtures module (test.extend, re-exported hooks) are tests.
  'local-test-module-vitest': modulePatches('leaks.test.js', 6),
  // A bare assignment to a global binding, left in place; the one put back after each test is not reported.
  'bare-global-mocha': globalPatches('a_leaks.test.js', 7),
  // A restore after the failing assertion is reported; one right after the code under test, before the assertion, is not.
  'restore-before-assertion-mocha': globalPatches('b_after_assertion.test.js', 7),
  // tape's t.equal records a failure and returns: the restores after it are quiet; one after a throwing node:assert is reported.
  'tape-assertions-record': globalPatches('b_throws.test.js', 7),
  // Stubs restored by a callback handed their array (each(stubs, fn)) are quiet; handed another array, reported.
  'restore-through-callback-mocha': [spy('b_leaks.test.js', 9)],
  // Restores from nested functions: exactly the two near-misses whose write a later test saw when run (tests/boundaries.test.ts).
  'nested-restores-node-test': globalPatches('nested.test.js', 41, 132),
  // A returned object's stop() called after the failing assertion, not in finally (tests/boundaries.test.ts).
  'restore-method-vitest': globalPatches('track.test.js', 15),
  // A root hook plugin's pair is the run's baseline, the same for every file; a spec file's top-level pair is not.
  'root-hook-plugin-mocha': modulePatches('a_pair.test.js', 10),
  // Runner configuration read as the runner reads it: exactly the spy a later test saw (tests/runner-config.test.ts).
  'projects-jest-restore-mocks': [{ file: '<root>/packages/b/test/spy.test.js', line: 7, ruleId: 'patch-leak/no-unrestored-spy' }],
  'projects-vitest-extends': [{ file: '<root>/packages/own/test/spy.test.js', line: 6, ruleId: 'patch-leak/no-unrestored-spy' }],
  // ESLint lints what the fixture's eslint.config selects, a file Jest leaves out too; the command does not (tests/runner-config.test.ts).
  'selection-jest-ignored-fixtures': [{ file: '<root>/test/fixtures/broken.test.js', line: 8, ruleId: 'patch-leak/no-unrestored-spy' }],
  // Leaks that make a later test fail, each with a suggestion that fixes it (tests/suggestions.test.ts).
  'suggestions-jest': [
    ...globalPatches('env.test.js', 9, 21, 33, 34),
    ...globalPatches('globals.test.js', 4, 5, 6),
    ...modulePatches('patches.test.js', 13, 18, 35, 48),
    ...globalPatches('plain.test.js', 5, 6),
    ...globalPatches('saved.test.js', 9, 10),
    ...modulePatches('saved.test.js', 22, 34, 53),
    spy('spies.test.js', 6),
    spy('spies.test.js', 17),
    // Line 14 writes `typed.Client` again on line 23: the later write is the finding.
    ...modulePatches('typed.test.ts', 15, 16, 23),
  ],
  'suggestions-vitest': [
    ...globalPatches('globals.test.js', 10, 11, 12, 13),
    ...modulePatches('globals.test.js', 28),
    ...modulePatches('patches.test.js', 13, 14),
    ...globalPatches('patches.test.js', 20, 21),
    ...modulePatches('plain.test.js', 9, 10),
    ...globalPatches('plain.test.js', 11),
    ...[7, 18, 19, 31].map((line) => spy('spies.test.js', line)),
    ...modulePatches('typed.test.ts', 13, 14, 15),
  ],
  'suggestions-sinon': [
    ...globalPatches('globals.test.js', 11, 12, 13, 14),
    ...modulePatches('globals.test.js', 29),
    spy('globals.test.js', 41),
    ...globalPatches('new-keys.test.js', 8, 9),
    ...modulePatches('patches.test.js', 14, 15, 16),
    spy('patches.test.js', 23),
    spy('sandbox.test.js', 10),
    spy('testdouble.test.js', 8),
    spy('testdouble.test.js', 9),
  ],
  'suggestions-jasmine': [
    { file: '<root>/spec/values.spec.js', line: 11, ruleId: 'patch-leak/no-unrestored-module-patch' },
    { file: '<root>/spec/values.spec.js', line: 12, ruleId: 'patch-leak/no-unrestored-global-patch' },
    { file: '<root>/spec/values.spec.js', line: 13, ruleId: 'patch-leak/no-unrestored-global-patch' },
  ],
  'suggestions-mocha-tdd': modulePatches('values.test.js', 8, 22, 27, 34),
  'suggestions-node-test': [
    ...globalPatches('globals.test.js', 11, 12, 13, 14),
    ...modulePatches('globals.test.js', 29),
    spy('globals.test.js', 41),
    ...modulePatches('patches.test.js', 8, 14),
    spy('patches.test.js', 21),
    ...modulePatches('plain.test.js', 9),
    ...globalPatches('state.test.js', 12, 16),
    ...modulePatches('values.test.js', 8),
    ...globalPatches('values.test.js', 9),
  ],
};

function modulePatches(file: string, ...lines: number[]): Finding[] {
  return lines.map((line) => ({ file: `<root>/test/${file}`, line, ruleId: 'patch-leak/no-unrestored-module-patch' }));
}

function globalPatches(file: string, ...lines: number[]): Finding[] {
  return lines.map((line) => ({ file: `<root>/test/${file}`, line, ruleId: 'patch-leak/no-unrestored-global-patch' }));
}

function spy(file: string, line: number): Finding {
  return { file: `<root>/test/${file}`, line, ruleId: 'patch-leak/no-unrestored-spy' };
}

/** The five file-level patches of the isolation fixtures, from `first` on: module, global, env, Date.now, core module. */
function fileLevelPatches(first: number): Finding[] {
  const rules = ['module', 'global', 'global', 'global', 'module'];
  return rules.map((rule, i) => ({ file: '<root>/test/a_patches.test.js', line: first + i, ruleId: `patch-leak/no-unrestored-${rule}-patch` }));
}

const CONFIG_NAMES = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs'];

async function lint(dir: string): Promise<Finding[]> {
  const configName = CONFIG_NAMES.find((name) => existsSync(path.join(dir, name)));
  assert.ok(configName, `${dir} has no eslint.config`);
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: path.join(dir, configName) });
  const results = await eslint.lintFiles(['.']);
  return results
    .flatMap((result) =>
      result.messages.map((m) => ({ file: `<root>/${path.relative(dir, result.filePath).split(path.sep).join('/')}`, line: m.line, ruleId: m.ruleId })),
    )
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('fixtures, linted with their own eslint.config', () => {
  it('include the incident and at least four fixed variants', () => {
    assert.ok(fixtures.includes('fake-invoker'));
    assert.ok(fixtures.filter((name) => name.startsWith('fake-invoker-fixed-')).length >= 4);
  });
  for (const name of fixtures) {
    const expected = EXPECTED[name] ?? [];
    it(`${name} reports ${expected.length === 0 ? 'nothing' : expected.map((f) => `${f.file}:${f.line}`).join(', ')}`, async () => {
      assert.deepEqual(await lint(path.join(FIXTURES, name)), expected);
    });
  }
});
