/**
 * Suggestions that are known to remove the leak. Each fixture's leaking later test fails under its
 * real runner; the rules' suggestions are applied one at a time (as a user picks them in the
 * editor) to a copy of the fixture until none is left; the rules then report nothing on the fixed
 * files, and the real runner passes every later test. A finding takes its first suggestion, or the
 * one its line names in a comment (`// suggestion 2`: the second choice), so that every choice the
 * rules offer is run at least once.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import plugin from '../src/index.js';
import { FIXTURES, ROOT } from './paths.js';
import { jasmine, jest, mocha, nodeTest, vitest, type Outcome } from './run-fixture.js';

const config: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } },
  plugin.configs.recommended as Linter.Config,
];

function findings(dir: string, file: string, code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: dir });
  return linter.verify(code, config, path.join(dir, file)).filter((m) => m.ruleId?.startsWith('patch-leak/') || m.fatal);
}

/** The suggestion a finding's line asks for (`// suggestion N`, counted from 1), else the first. */
function chosen(code: string, finding: Linter.LintMessage): Linter.LintSuggestion {
  const suggestions = finding.suggestions ?? [];
  const asked = /\/\/ suggestion (\d+)\b/.exec(code.split('\n')[finding.line - 1] ?? '')?.[1];
  const index = asked === undefined ? 0 : Number(asked) - 1;
  const suggestion = suggestions[index];
  // A fixture that asks for a choice the rules no longer offer must say so, not pass with another one.
  if (!suggestion) throw new Error(`line ${finding.line}: no suggestion ${index + 1} (${suggestions.length} offered) for ${finding.message}`);
  return suggestion;
}

/** A copy of the fixture (with the repository's node_modules), its files fixed by picking the chosen suggestion of a finding until none is left. */
function fixedCopy(fixture: string, files: readonly string[]): { dir: string; applied: string[]; left: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `patch-leak-${fixture}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const applied: string[] = [];
  const left: string[] = [];
  for (const file of files) {
    let code = readFileSync(path.join(dir, file), 'utf8');
    for (let round = 0; round < 40; round++) {
      const finding = findings(dir, file, code).find((m) => m.suggestions?.length);
      if (!finding) break;
      const suggestion = chosen(code, finding);
      applied.push(`${file}: ${suggestion.desc}`);
      code = code.slice(0, suggestion.fix.range[0]) + suggestion.fix.text + code.slice(suggestion.fix.range[1]);
    }
    writeFileSync(path.join(dir, file), code);
    left.push(...findings(dir, file, code).map((m) => `${file}:${m.line} ${m.message}`));
  }
  return { dir, applied, left };
}

interface Case {
  readonly fixture: string;
  /** What the case proves, when a fixture has more than one. */
  readonly title?: string;
  readonly files: readonly string[];
  readonly run: (dir: string) => Promise<Outcome>;
  readonly leaking: Outcome;
  readonly applied: readonly string[];
  readonly fixed: Outcome;
  /** The fixed copy type-checks (its tsconfig.json, `tsc --noEmit`). */
  readonly typecheck?: true;
}

const CASES: readonly Case[] = [
  {
    fixture: 'suggestions-jest',
    files: ['test/patches.test.js', 'test/saved.test.js', 'test/spies.test.js', 'test/env.test.js', 'test/globals.test.js', 'test/typed.test.ts'],
    typecheck: true,
    run: (dir) => jest(dir, ['test/(patches|saved|spies|env|globals|typed)\\.test']),
    leaking: {
      passed: 14,
      failed: [
        'a number and a computed name sees them unset',
        'a restore in afterAll sees the original mode',
        'a saved environment variable sees it unset',
        'a saved environment variable, replaced instead sees it unset',
        'a saved original sees the original',
        'a saved original, replaced instead sees the original',
        'a spy restored on the happy path fails before it restores',
        'a spy restored on the happy path sees the original',
        'an environment variable and a global function sees them unset',
        'globals sees the originals',
        'patches a restore on the happy path fails before it restores',
        'patches a restore on the happy path sees the original mode',
        'patches a value, next to an afterEach of its own sees the original value',
        'patches function and class members sees the originals',
        'spies sees the original',
        'typed sees every original',
      ],
    },
    applied: [
      'test/patches.test.js: Replace with `jest.spyOn`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/patches.test.js: Replace with `jest.spyOn`.',
      'test/patches.test.js: Replace with `jest.replaceProperty`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/patches.test.js: Move the restore on line 55 into `finally`.',
      'test/saved.test.js: Replace with `jest.replaceProperty`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/saved.test.js: Replace with `jest.spyOn`.',
      'test/saved.test.js: Put `target.greet` back from `originalGreet` in `afterEach`.',
      'test/saved.test.js: Replace with `jest.spyOn`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/saved.test.js: Run the restore on line 61 in `afterEach` too.',
      'test/spies.test.js: Call `jest.restoreAllMocks()` in `afterEach`.',
      'test/spies.test.js: Move the restore on line 23 into `finally`.',
      'test/env.test.js: Put `process.env.API_URL` back from `originalApiUrl` in `afterEach`.',
      'test/env.test.js: Replace with `jest.replaceProperty`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/env.test.js: Replace with `jest.replaceProperty`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/env.test.js: Replace with `jest.replaceProperty`.',
      'test/globals.test.js: Replace with `jest.replaceProperty`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/globals.test.js: Replace with `jest.spyOn`.',
      'test/globals.test.js: Replace with `jest.replaceProperty`.',
      'test/typed.test.ts: Replace with `jest.spyOn`, and `jest.restoreAllMocks()` in `afterEach`.',
      'test/typed.test.ts: Replace with `jest.replaceProperty`.',
      'test/typed.test.ts: Replace with `jest.spyOn`.',
      'test/typed.test.ts: Replace with `jest.spyOn`.',
    ],
    // The tests that fail on purpose still fail; the ones after them no longer do.
    fixed: { passed: 28, failed: ['a spy restored on the happy path fails before it restores', 'patches a restore on the happy path fails before it restores'] },
  },
  {
    fixture: 'suggestions-vitest',
    files: ['test/patches.test.js', 'test/spies.test.js', 'test/typed.test.ts', 'test/globals.test.js'],
    typecheck: true,
    run: (dir) => vitest(dir, ['test/patches.test.js', 'test/spies.test.js', 'test/typed.test.ts', 'test/globals.test.js']),
    leaking: {
      passed: 8,
      failed: [
        'a saved original, replaced instead sees the original',
        'fake timers sees the real clock',
        'globals sees the originals',
        'patches sees every original',
        'spies sees the original',
        'stubs sees the originals',
        'typed sees every original',
      ],
    },
    applied: [
      'test/patches.test.js: Replace with `vi.spyOn`, and `vi.restoreAllMocks()` in `afterEach`.',
      'test/patches.test.js: Replace with `vi.spyOn`.',
      'test/patches.test.js: Replace with `vi.stubGlobal`, and `vi.unstubAllGlobals()` in `afterEach`.',
      'test/patches.test.js: Replace with `vi.stubEnv`, and `vi.unstubAllEnvs()` in `afterEach`.',
      'test/spies.test.js: Call `vi.restoreAllMocks()` in `afterEach`.',
      'test/spies.test.js: Call `vi.unstubAllGlobals()` in `afterEach`.',
      'test/spies.test.js: Call `vi.unstubAllEnvs()` in `afterEach`.',
      'test/spies.test.js: Call `vi.useRealTimers()` in `afterEach`.',
      'test/typed.test.ts: Replace with `vi.spyOn`, and `vi.restoreAllMocks()` in `afterEach`.',
      'test/typed.test.ts: Replace with `vi.spyOn`.',
      'test/typed.test.ts: Replace with `vi.spyOn`.',
      'test/globals.test.js: Replace with `vi.stubGlobal`, and `vi.unstubAllGlobals()` in `afterEach`.',
      'test/globals.test.js: Replace with `vi.spyOn`, and `vi.restoreAllMocks()` in `afterEach`.',
      'test/globals.test.js: Replace with `vi.spyOn`.',
      'test/globals.test.js: Replace with `vi.stubEnv`, and `vi.unstubAllEnvs()` in `afterEach`.',
      'test/globals.test.js: Replace with `vi.spyOn`, and `vi.restoreAllMocks()` in `afterEach`.',
    ],
    fixed: { passed: 15, failed: [] },
  },
  {
    fixture: 'suggestions-sinon',
    files: ['test/patches.test.js', 'test/sandbox.test.js', 'test/globals.test.js', 'test/testdouble.test.js'],
    run: (dir) => mocha(dir, ['test/patches.test.js', 'test/sandbox.test.js', 'test/globals.test.js', 'test/testdouble.test.js']),
    leaking: {
      passed: 7,
      failed: [
        'a sandbox sees the original',
        'a saved original, replaced instead sees the original',
        'a stub sees the original',
        'globals sees the originals',
        'patches sees every original',
        'testdouble sees the original',
      ],
    },
    applied: [
      'test/patches.test.js: Replace with `sinon.replace`, and `sinon.restore()` in `afterEach`.',
      'test/patches.test.js: Replace with `sinon.replace`.',
      'test/patches.test.js: Replace with `sinon.replace`.',
      'test/sandbox.test.js: Call `sandbox.restore()` in `afterEach`.',
      'test/globals.test.js: Replace with `sinon.replace`, and `sinon.restore()` in `afterEach`.',
      'test/globals.test.js: Replace with `sinon.replace`.',
      'test/globals.test.js: Replace with `sinon.replace`.',
      'test/globals.test.js: Replace with `sinon.replace`.',
      'test/globals.test.js: Replace with `sinon.replace`, and `sinon.restore()` in `afterEach`.',
      'test/globals.test.js: Call `sinon.restore()` in `afterEach`.',
      'test/testdouble.test.js: Call `td.reset()` in `afterEach`.',
    ],
    fixed: { passed: 13, failed: [] },
  },
  {
    fixture: 'suggestions-node-test',
    files: ['test/patches.test.js'],
    run: (dir) => nodeTest(dir, 'test/patches.test.js'),
    leaking: { passed: 3, failed: ['sees every original', 'patches'] },
    applied: [
      'test/patches.test.js: Replace with `t.mock.method`.',
      'test/patches.test.js: Replace with `context.mock.method`.',
      'test/patches.test.js: Call `mock.restoreAll()` in `afterEach`.',
    ],
    fixed: { passed: 4, failed: [] },
  },
  {
    fixture: 'suggestions-node-test',
    title: 'values',
    files: ['test/values.test.js'],
    run: (dir) => nodeTest(dir, 'test/values.test.js'),
    leaking: { passed: 1, failed: ['sees the originals'] },
    applied: ['test/values.test.js: Save the original and put it back in `t.after`.', 'test/values.test.js: Save the original and put it back in `t.after`.'],
    fixed: { passed: 2, failed: [] },
  },
  {
    fixture: 'suggestions-node-test',
    title: 'globals',
    files: ['test/globals.test.js'],
    run: (dir) => nodeTest(dir, 'test/globals.test.js'),
    // node:test names a failed suite and its failed test.
    leaking: { passed: 3, failed: ['a saved original, replaced instead', 'fake timers', 'globals', 'sees the original', 'sees the originals', 'sees the real clock'] },
    applied: [
      'test/globals.test.js: Replace with `t.mock.method`.',
      'test/globals.test.js: Save the original and put it back in `t.after`.',
      'test/globals.test.js: Replace with `t.mock.method`.',
      'test/globals.test.js: Save the original and put it back in `t.after`.',
      'test/globals.test.js: Replace with `t.mock.method`.',
      'test/globals.test.js: Call `mock.timers.reset()` in `afterEach`.',
    ],
    fixed: { passed: 6, failed: [] },
  },
  // No mock library and no helper that fits: the original saved and put back (or a new key deleted again).
  {
    fixture: 'fake-invoker',
    title: 'the incident',
    files: ['test/agent_proxy_headers_and_errors.test.js'],
    run: (dir) => mocha(dir),
    leaking: { passed: 2, failed: ['agent proxy: header precedence contract merges environment and request headers, the request winning'] },
    applied: ['test/agent_proxy_headers_and_errors.test.js: Save the original and put it back in `afterEach`.'],
    fixed: { passed: 3, failed: [] },
  },
  {
    fixture: 'suggestions-node-test',
    title: 'state changed through process',
    files: ['test/state.test.js'],
    run: (dir) => nodeTest(dir, 'test/state.test.js'),
    leaking: { passed: 2, failed: ['runs in the project directory, with no listener left'] },
    applied: ['test/state.test.js: Save `process.cwd()` and put it back in `t.after`.', "test/state.test.js: Call `process.off('warning', onWarning)` in `t.after`."],
    fixed: { passed: 3, failed: [] },
  },
  {
    fixture: 'suggestions-mocha-tdd',
    files: ['test/values.test.js'],
    run: (dir) => mocha(dir),
    leaking: { passed: 4, failed: ['later sees the originals'] },
    applied: [
      'test/values.test.js: Save the original and put it back in `teardown`.',
      'test/values.test.js: Save the original and put it back in `teardown`.',
      'test/values.test.js: Save the original and put it back in `finally`.',
      'test/values.test.js: Save the original and put it back in `suiteTeardown`.',
    ],
    fixed: { passed: 5, failed: [] },
  },
  {
    fixture: 'suggestions-jest',
    title: 'new keys',
    files: ['test/plain.test.js'],
    run: (dir) => jest(dir, ['test/plain\\.test']),
    leaking: { passed: 1, failed: ['new keys sees none'] },
    applied: ['test/plain.test.js: Delete the new key `String.type` in `afterEach`.', 'test/plain.test.js: Delete the new key `Math.tau` in `finally`.'],
    fixed: { passed: 2, failed: [] },
  },
  {
    fixture: 'suggestions-vitest',
    title: 'no helper fits',
    files: ['test/plain.test.js'],
    run: (dir) => vitest(dir, ['test/plain.test.js']),
    leaking: { passed: 1, failed: ['plain sees the originals'] },
    applied: ['test/plain.test.js: Save the original and put it back in `afterEach`.', 'test/plain.test.js: Delete the new key `Date.fake` in `afterEach`.'],
    fixed: { passed: 2, failed: [] },
  },
  {
    fixture: 'suggestions-node-test',
    title: 'a hook',
    files: ['test/plain.test.js'],
    run: (dir) => nodeTest(dir, 'test/plain.test.js'),
    leaking: { passed: 1, failed: ['sees the original'] },
    applied: ['test/plain.test.js: Save the original and put it back in `afterEach`.'],
    fixed: { passed: 2, failed: [] },
  },
  {
    fixture: 'suggestions-sinon',
    title: 'new keys',
    files: ['test/new-keys.test.js'],
    run: (dir) => mocha(dir, ['test/new-keys.test.js']),
    leaking: { passed: 1, failed: ['new keys sees neither'] },
    applied: ['test/new-keys.test.js: Replace with `sinon.define`, and `sinon.restore()` in `afterEach`.', 'test/new-keys.test.js: Save the original and put it back in `afterEach`.'],
    fixed: { passed: 2, failed: [] },
  },
  {
    fixture: 'suggestions-jasmine',
    files: ['spec/values.spec.js'],
    run: (dir) => jasmine(dir),
    leaking: { passed: 1, failed: ['values sees the originals'] },
    applied: [
      'spec/values.spec.js: Save the original and put it back in `afterEach`.',
      'spec/values.spec.js: Save the original and put it back in `afterEach`.',
      'spec/values.spec.js: Delete the new key `String.type` in `afterEach`.',
    ],
    fixed: { passed: 2, failed: [] },
  },
  // State changed through APIs: the catalogue's undo after each test of the block, or in `finally` around the rest of the test.
  {
    fixture: 'state-apis-mocha',
    files: ['test/a_leaks.test.js', 'test/a2_leaks_in_tests.test.js'],
    run: (dir) => mocha(dir, ['test/a_leaks.test.js', 'test/a2_leaks_in_tests.test.js', 'test/c_probe.test.js']),
    leaking: { passed: 4, failed: ['c: a later file runs in the project directory', 'c: a later file has no warning listener left by another file'] },
    applied: [
      'test/a_leaks.test.js: Save `process.cwd()` and put it back in `afterEach`.',
      "test/a_leaks.test.js: Call `process.off('warning', onWarning)` in `afterEach`.",
      'test/a2_leaks_in_tests.test.js: Save `process.cwd()` and put it back in `finally`.',
      "test/a2_leaks_in_tests.test.js: Call `process.off('warning', onWarning)` in `finally`.",
    ],
    fixed: { passed: 6, failed: [] },
  },
  {
    fixture: 'state-apis-jest',
    files: ['test/a_leaks.test.js'],
    run: (dir) => jest(dir, ['a_leaks', 'c_probe']),
    leaking: {
      passed: 3,
      failed: ['a: changes shared state and leaves it has no warning listener left by an earlier test', 'c: a later file in the same worker runs in the project directory'],
    },
    applied: ['test/a_leaks.test.js: Save `process.cwd()` and put it back in `afterEach`.', "test/a_leaks.test.js: Call `process.off('warning', onWarning)` in `afterEach`."],
    fixed: { passed: 5, failed: [] },
  },
  // A bare assignment to a global binding: the binding saved in the describe body and put back in `afterEach`.
  {
    fixture: 'bare-global-mocha',
    files: ['test/a_leaks.test.js'],
    run: (dir) => mocha(dir, ['test/a_leaks.test.js', 'test/c_probe.test.js']),
    leaking: { passed: 1, failed: ['c: a later file clones with the real structuredClone'] },
    applied: ['test/a_leaks.test.js: Save the original and put it back in `afterEach`.'],
    fixed: { passed: 2, failed: [] },
  },
  // A helper of the suite that changes one global member and returns nothing: the caller saves the member and puts it back.
  {
    fixture: 'helpers-mocha',
    files: ['test/a_leaks.test.js'],
    run: (dir) => mocha(dir, ['test/a_leaks.test.js', 'test/c_probe.test.js']),
    leaking: { passed: 2, failed: ['a: calls helpers that patch and leave it reads the real clock', 'c: a later file reads the real clock', 'c: a later file calls the real Math.max'] },
    applied: ['test/a_leaks.test.js: Save the original and put it back in `afterEach`.', 'test/a_leaks.test.js: Save the original and put it back in `afterEach`.'],
    fixed: { passed: 5, failed: [] },
  },
  // A helper that hands back its undo, dropped by the caller: the returned function run in `finally`.
  // A helper that changes two globals and returns nothing: each member saved before the test and put back after it.
  {
    fixture: 'helper-handles-mocha',
    files: ['test/a_leaks.test.js'],
    run: (dir) => mocha(dir, ['test/a_leaks.test.js', 'test/c_probe.test.js']),
    leaking: { passed: 2, failed: ['c: a later file reads the real clock', 'c: a later file calls the real Math.random'] },
    applied: ['test/a_leaks.test.js: Run the function `freezeClock()` returns in `finally`: it puts `Date.now` back.', 'test/a_leaks.test.js: Save the original and put it back in `afterEach`.'],
    fixed: { passed: 4, failed: [] },
  },
  // A root `before`/`after` pair: moved into the file's only describe, it wraps that block's tests only.
  {
    fixture: 'root-hooks-mocha',
    files: ['test/a_fakes.test.js'],
    run: (dir) => mocha(dir),
    leaking: { passed: 3, failed: ['0: runs first get', 'b: sees the real client get'] },
    applied: ['test/a_fakes.test.js: Move the `before` and `after` hooks into the file’s only `describe`.'],
    fixed: { passed: 5, failed: [] },
  },
];

/** Failures in name order: Jest orders files by what its cache remembers of earlier runs. */
function sorted({ passed, failed }: Outcome): Outcome {
  return { passed, failed: [...failed].sort() };
}

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

// The whole suite runs under one timeout: seventeen cases, each running its real runner twice.
describe('suggestions, applied and run with the real runner', { timeout: 300_000 }, () => {
  for (const { fixture, title, files, run, leaking, applied, fixed, typecheck } of CASES) {
    it(`${fixture}${title ? ` (${title})` : ''}: the leak fails a later test; the suggestions fix it`, async () => {
      assert.deepEqual(sorted(await run(path.join(FIXTURES, fixture))), sorted(leaking));
      const copy = fixedCopy(fixture, files);
      assert.deepEqual(copy.applied, applied);
      assert.deepEqual(copy.left, []);
      assert.deepEqual(sorted(await run(copy.dir)), sorted(fixed));
      // Throws with tsc's diagnostics when the rewritten TypeScript does not type-check.
      if (typecheck) execFileSync(process.execPath, [TSC, '-p', copy.dir], { encoding: 'utf8' });
    });
  }
});
