/**
 * Suggestions that are known to remove the leak. Each fixture's leaking later test fails under its
 * real runner; the rules' suggestions are applied one at a time (as a user picks them in the
 * editor) to a copy of the fixture until none is left; the rules then report nothing on the fixed
 * files, and the real runner passes every later test.
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
import { jest, mocha, nodeTest, vitest, type Outcome } from './run-fixture.js';

const config: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } },
  plugin.configs.recommended as Linter.Config,
];

function findings(dir: string, file: string, code: string): Linter.LintMessage[] {
  const linter = new Linter({ configType: 'flat', cwd: dir });
  return linter.verify(code, config, path.join(dir, file)).filter((m) => m.ruleId?.startsWith('patch-leak/') || m.fatal);
}

/** A copy of the fixture (with the repository's node_modules), its files fixed by picking the first suggestion of a finding until none is left. */
function fixedCopy(fixture: string, files: readonly string[]): { dir: string; applied: string[]; left: string[] } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `patch-leak-${fixture}-`));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true, filter: (source) => !source.includes('node_modules') });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const applied: string[] = [];
  const left: string[] = [];
  for (const file of files) {
    let code = readFileSync(path.join(dir, file), 'utf8');
    for (let round = 0; round < 20; round++) {
      const suggestion = findings(dir, file, code).find((m) => m.suggestions?.length)?.suggestions?.[0];
      if (!suggestion) break;
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
    files: ['test/patches.test.js', 'test/saved.test.js', 'test/spies.test.js'],
    run: (dir) => jest(dir),
    leaking: {
      passed: 7,
      failed: [
        'an environment variable and a global function sees them unset',
        'a saved original sees the original',
        'a restore in afterAll sees the original mode',
        'patches function and class members sees the originals',
        'patches a value, next to an afterEach of its own sees the original value',
        'patches a restore on the happy path fails before it restores',
        'patches a restore on the happy path sees the original mode',
        'spies sees the original',
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
      'test/saved.test.js: Run the restore on line 46 in `afterEach` too.',
      'test/spies.test.js: Call `jest.restoreAllMocks()` in `afterEach`.',
    ],
    // The test that fails on purpose still fails; the one after it no longer does.
    fixed: { passed: 14, failed: ['patches a restore on the happy path fails before it restores'] },
  },
  {
    fixture: 'suggestions-vitest',
    files: ['test/patches.test.js', 'test/spies.test.js', 'test/typed.test.ts'],
    typecheck: true,
    run: (dir) => vitest(dir),
    leaking: { passed: 4, failed: ['patches sees every original', 'spies sees the original', 'typed sees every original'] },
    applied: [
      'test/patches.test.js: Replace with `vi.spyOn`, and `vi.restoreAllMocks()` in `afterEach`.',
      'test/patches.test.js: Replace with `vi.spyOn`.',
      'test/patches.test.js: Replace with `vi.stubGlobal`, and `vi.unstubAllGlobals()` in `afterEach`.',
      'test/patches.test.js: Replace with `vi.stubEnv`, and `vi.unstubAllEnvs()` in `afterEach`.',
      'test/spies.test.js: Call `vi.restoreAllMocks()` in `afterEach`.',
      'test/typed.test.ts: Replace with `vi.spyOn`, and `vi.restoreAllMocks()` in `afterEach`.',
      'test/typed.test.ts: Replace with `vi.spyOn`.',
      'test/typed.test.ts: Replace with `vi.spyOn`.',
    ],
    fixed: { passed: 7, failed: [] },
  },
  {
    fixture: 'suggestions-sinon',
    files: ['test/patches.test.js', 'test/sandbox.test.js'],
    run: (dir) => mocha(dir),
    leaking: { passed: 3, failed: ['patches sees every original', 'a sandbox sees the original'] },
    applied: [
      'test/patches.test.js: Replace with `sinon.replace`, and `sinon.restore()` in `afterEach`.',
      'test/patches.test.js: Replace with `sinon.replace`.',
      'test/patches.test.js: Replace with `sinon.replace`.',
      'test/sandbox.test.js: Call `sandbox.restore()` in `afterEach`.',
    ],
    fixed: { passed: 5, failed: [] },
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
];

const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** Which tests fail, not in which order: Jest orders files by the durations in its cache, which vary with the machine's load. */
function unordered({ passed, failed }: { readonly passed: number; readonly failed: readonly string[] }) {
  return { passed, failed: [...failed].sort() };
}

describe('suggestions, applied and run with the real runner', { timeout: 120_000 }, () => {
  for (const { fixture, title, files, run, leaking, applied, fixed, typecheck } of CASES) {
    it(`${fixture}${title ? ` (${title})` : ''}: the leak fails a later test; the suggestions fix it`, async () => {
      assert.deepEqual(unordered(await run(path.join(FIXTURES, fixture))), unordered(leaking));
      const copy = fixedCopy(fixture, files);
      assert.deepEqual(copy.applied, applied);
      assert.deepEqual(copy.left, []);
      assert.deepEqual(unordered(await run(copy.dir)), unordered(fixed));
      // Throws with tsc's diagnostics when the rewritten TypeScript does not type-check.
      if (typecheck) execFileSync(process.execPath, [TSC, '-p', copy.dir], { encoding: 'utf8' });
    });
  }
});
