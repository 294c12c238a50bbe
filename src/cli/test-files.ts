/**
 * Which files does the command check? With no paths, the usual test files under the working
 * directory (globby, honouring .gitignore, never node_modules). In directories and globs given as
 * arguments, and among files named explicitly, the files that look like tests are kept (named like
 * tests, or under `__tests__/`, `test/`, `tests/`) and the others skipped silently. A path that does not exist is a usage error.
 */
import { globby, isDynamicPattern } from 'globby';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { runnerTestFiles } from '../project/runner-files.js';
import { UsageError } from './options.js';

const EXTENSIONS = 'js,jsx,mjs,cjs,ts,tsx,mts,cts';
export const DEFAULT_PATTERNS = [`**/*.{test,spec}.{${EXTENSIONS}}`, `**/__tests__/**/*.{${EXTENSIONS}}`, `test/**/*.{${EXTENSIONS}}`, `tests/**/*.{${EXTENSIONS}}`];
const IGNORE = ['**/node_modules/**', '**/*.d.{ts,mts,cts}'];

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST_FILE = /(?:^|\/)(?:__tests__|tests?)\/|[._-](?:test|spec)\.[^/]+$/;

/** How the default file set was chosen, per project (for `--debug`); empty when paths were given. */
export let selectionNotes: readonly string[] = [];

export async function testFilesOf(cwd: string, paths: readonly string[]): Promise<string[]> {
  const search = (patterns: string[], base: string) =>
    globby(patterns, { cwd: base, absolute: true, gitignore: true, ignore: IGNORE, dot: false });
  selectionNotes = [];
  if (paths.length === 0) {
    // The files the runners run; the usual test globs where a runner's selection cannot be read.
    const [candidates, fallback] = await Promise.all([search([`**/*.{${EXTENSIONS}}`], cwd), search(DEFAULT_PATTERNS, cwd)]);
    const selected = runnerTestFiles(cwd, candidates, new Set(fallback));
    selectionNotes = selected.notes;
    return sorted(selected.files);
  }
  const found = new Set<string>();
  for (const given of paths) {
    if (isDynamicPattern(given)) {
      for (const file of await search([given], cwd)) if (isTestFile(path.relative(cwd, file))) found.add(file);
      continue;
    }
    const full = path.resolve(cwd, given);
    if (!existsSync(full)) throw new UsageError(`no such file or directory: ${given}`);
    if (statSync(full).isDirectory()) {
      for (const file of await search([`**/*.{${EXTENSIONS}}`], full)) if (isTestFile(path.relative(cwd, file))) found.add(file);
    } else if (isTestFile(path.relative(cwd, full)) && !/\.d\.[cm]?ts$/.test(full)) {
      found.add(full);
    }
  }
  return sorted([...found]);
}

/** A source file named or placed like a test: `*.test.*`, `*.spec.*`, under `__tests__/`, `test/` or `tests/`. */
export function isTestFile(relative: string): boolean {
  const posix = relative.split(path.sep).join('/');
  return SOURCE_FILE.test(posix) && TEST_FILE.test(posix);
}

function sorted(files: string[]): string[] {
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
