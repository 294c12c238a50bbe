/**
 * Which files does the command check? With no paths, the usual test files under the working
 * directory, at any depth (globby, honouring .gitignore, never node_modules). In directories and
 * globs given as arguments, and among files named explicitly, the files that look like tests are
 * kept (named like tests, or under `__tests__/`, `test/`, `tests/`, `spec/`) and the others
 * skipped silently. A file under a `fixtures/` (or `__fixtures__/`, `fixture/`) directory is a
 * test's input, not a test, unless it is named like one: `tests/fixtures/syntax-error.js` is left
 * out wherever test-like names decide. Directories are searched from the working directory, so its `.gitignore`
 * applies to them too. `--ignore-pattern` globs (relative to the working directory) remove files
 * from every set. A path that does not exist, or a glob or directory without a test file, is a
 * usage error.
 */
import { convertPathToPattern, globby, isDynamicPattern } from 'globby';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { runnerTestFiles } from '../project/runner-files.js';
import { UsageError } from './options.js';

const EXTENSIONS = 'js,jsx,mjs,cjs,ts,tsx,mts,cts';
export const DEFAULT_PATTERNS = [
  `**/*{.,_,-}{test,spec}.{${EXTENSIONS}}`,
  `**/?*Spec.{${EXTENSIONS}}`,
  `**/__tests__/**/*.{${EXTENSIONS}}`,
  `**/test/**/*.{${EXTENSIONS}}`,
  `**/tests/**/*.{${EXTENSIONS}}`,
  `**/spec/**/*.{${EXTENSIONS}}`,
];
const IGNORE = ['**/node_modules/**', '**/*.d.{ts,mts,cts}'];

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST_FILE = /(?:^|\/)(?:__tests__|tests?|spec)\/|[._-](?:test|spec)\.[^/]+$|[a-z0-9]Spec\.[^/]+$/;
const TEST_NAME = /[._-](?:test|spec)\.[^/]+$|[a-z0-9]Spec\.[^/]+$/;
const FIXTURES_DIR = /(?:^|\/)(?:__)?fixtures?(?:__)?\//;

/** How the default file set was chosen, per project (for `--debug`); empty when paths were given. */
export let selectionNotes: readonly string[] = [];

export async function testFilesOf(cwd: string, paths: readonly string[], ignorePatterns: readonly string[] = []): Promise<string[]> {
  const ignore = [...IGNORE, ...ignorePatterns];
  const search = (patterns: string[]) => globby(patterns, { cwd, absolute: true, gitignore: true, ignore, dot: false });
  selectionNotes = [];
  if (paths.length === 0) {
    // The files the runners run; the usual test globs where a runner's selection cannot be read.
    const [candidates, fallback] = await Promise.all([search([`**/*.{${EXTENSIONS}}`]), search(DEFAULT_PATTERNS)]);
    const selected = runnerTestFiles(cwd, candidates, new Set(fallback.filter((file) => isTestFile(path.relative(cwd, file)))));
    selectionNotes = selected.notes;
    return sorted(selected.files);
  }
  const found = new Set<string>();
  const tests = (files: readonly string[]) => files.filter((file) => isTestFile(path.relative(cwd, file)));
  for (const given of paths) {
    if (isDynamicPattern(given)) {
      const matched = tests(await search([given]));
      if (matched.length === 0) throw new UsageError(`no test files match '${given}'`);
      for (const file of matched) found.add(file);
      continue;
    }
    const full = path.resolve(cwd, given);
    if (!existsSync(full)) throw new UsageError(`no such file or directory: ${given}`);
    const relative = path.relative(cwd, full);
    const asPattern = relative === '' ? '.' : convertPathToPattern(relative.split(path.sep).join('/'));
    if (statSync(full).isDirectory()) {
      const matched = tests(await search([`${asPattern}/**/*.{${EXTENSIONS}}`]));
      if (matched.length === 0) throw new UsageError(`no test files in ${given}`);
      for (const file of matched) found.add(file);
    } else if (isTestFile(relative) && !/\.d\.[cm]?ts$/.test(full)) {
      // Named explicitly (a pre-commit hook passes staged files): kept unless an ignore pattern or .gitignore says otherwise.
      if (ignorePatterns.length === 0 || (await search([asPattern])).length > 0) found.add(full);
    }
  }
  return sorted([...found]);
}

/**
 * A source file named or placed like a test: `*.test.*`, `*.spec.*`, `*Spec.*`, under `__tests__/`,
 * `test/`, `tests/` or `spec/`; under a fixtures directory, only when named like a test.
 */
export function isTestFile(relative: string): boolean {
  const posix = relative.split(path.sep).join('/');
  if (!SOURCE_FILE.test(posix) || !TEST_FILE.test(posix)) return false;
  return !FIXTURES_DIR.test(posix) || TEST_NAME.test(posix);
}

function sorted(files: string[]): string[] {
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
