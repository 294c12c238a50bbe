/**
 * Which files does the command check? With no paths, the usual test files under the working
 * directory, at any depth (files-under.ts: honouring .gitignore, never node_modules, each real
 * directory once however many links lead to it). In directories and
 * globs given as arguments, and among files named explicitly, the files that look like tests are
 * kept (`isTestFile`: the same rule as the fallback for a runner whose selection cannot be read) and
 * the others skipped silently. Directories are searched from the working directory, so its `.gitignore`
 * applies to them too. `--ignore-pattern` globs (relative to the working directory) remove files
 * from every set. A path that does not exist, or a glob or directory without a test file, is a
 * usage error.
 */
import { convertPathToPattern, globby } from 'globby';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { filesUnder, oncePerRealFile, type ReachedFile } from '../project/files-under.js';
import { runnerTestFiles } from '../project/runner-files.js';
import { isTypeTestFile } from '../project/type-tests.js';
import { FRAMEWORKS } from '../analysis/runner/frameworks.js';
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
const DECLARATION_FILE = /\.d\.[cm]?ts$/;

const SOURCE_FILE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const TEST_FILE = /(?:^|\/)(?:__tests__|tests?|spec)\/|[._-](?:test|spec)\.[^/]+$|[a-z0-9]Spec\.[^/]+$/;
const TEST_NAME = /[._-](?:test|spec)\.[^/]+$|[a-z0-9]Spec\.[^/]+$/;

/** How the default file set was chosen, per project (for `--debug`); empty when paths were given. */
export let selectionNotes: readonly string[] = [];

export async function testFilesOf(cwd: string, paths: readonly string[], ignorePatterns: readonly string[] = []): Promise<string[]> {
  const sources = sourceFilesOf(cwd, ignorePatterns);
  selectionNotes = [];
  if (paths.length === 0) {
    // The files the runners run; the usual test globs where a runner's selection cannot be read.
    const reached = sources.under(cwd);
    const candidates = reached.map((file) => file.path);
    const usual = picomatch(DEFAULT_PATTERNS, { dot: false });
    const fallback = new Set(candidates.filter((file) => usual(sources.relative(file)) && isCheckedFile(sources.relative(file), file)));
    const selected = runnerTestFiles(cwd, candidates, fallback);
    const typeTests = candidates.filter((file) => isTypeTestFile(file)).length;
    selectionNotes = [
      ...selected.notes,
      ...(typeTests > 0 ? [`${typeTests} type tests (*.test-d.*, *.spec-d.*, *.tst.*) left out: the type checker reads them, no runner runs them`] : []),
      ...sources.linkNotes(),
    ];
    const chosen = new Set(selected.files);
    return sorted(oncePerRealFile(reached, (file) => chosen.has(file)));
  }
  // Several arguments may reach one file (a directory and a link into it): it is checked once.
  const found: ReachedFile[] = [];
  const tests = (files: readonly ReachedFile[]) => files.filter((file) => isCheckedFile(sources.relative(file.path), file.path));
  for (const given of paths) {
    const glob = picomatch.scan(given);
    if (glob.isGlob) {
      const matches = picomatch(cleanGlob(given), { dot: false });
      const matched = tests(sources.under(path.resolve(cwd, glob.base)).filter((file) => matches(sources.relative(file.path))));
      if (matched.length === 0) throw new UsageError(`no test files match '${given}'`);
      found.push(...matched);
      continue;
    }
    const full = path.resolve(cwd, given);
    if (!existsSync(full)) throw new UsageError(`no such file or directory: ${given}`);
    const relative = path.relative(cwd, full);
    if (statSync(full).isDirectory()) {
      const matched = tests(sources.under(full));
      if (matched.length === 0) throw new UsageError(`no test files in ${given}`);
      found.push(...matched);
    } else if (isCheckedFile(relative, full) && !DECLARATION_FILE.test(full)) {
      // Named explicitly (a pre-commit hook passes staged files): kept unless an ignore pattern or .gitignore says otherwise.
      const asPattern = convertPathToPattern(relative.split(path.sep).join('/'));
      if (ignorePatterns.length === 0 || (await globby([asPattern], { cwd, gitignore: true, ignore: [...ignorePatterns] })).length > 0) {
        found.push({ path: full, real: realpathSync(full) });
      }
    }
  }
  return sorted(oncePerRealFile(found));
}

/**
 * The source files under a directory of the working directory (declaration files left out), less
 * what `.gitignore` and the `--ignore-pattern` globs (relative to the working directory) leave out.
 * A directory an ignore pattern ends with `/**` on is not read at all.
 */
function sourceFilesOf(cwd: string, ignorePatterns: readonly string[]) {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  const relative = (file: string) => (file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(cwd, file)).split(path.sep).join('/');
  const patterns = ignorePatterns.map(cleanGlob);
  const ignored = patterns.length > 0 ? picomatch(patterns, { dot: true }) : () => false;
  const directoryPatterns = patterns.filter((pattern) => pattern.endsWith('/**')).map((pattern) => pattern.slice(0, -'/**'.length));
  const ignoredDirectory = directoryPatterns.length > 0 ? picomatch(directoryPatterns, { dot: true }) : () => false;
  const loops: string[] = [];
  return {
    relative,
    under: (start: string) =>
      filesUnder(start, {
        gitignoreFrom: cwd,
        prune: (directory) => ignoredDirectory(relative(directory)),
        onLinkNotFollowed: (link) => loops.push(relative(link)),
        names: (name) => SOURCE_FILE.test(name) && !DECLARATION_FILE.test(name),
      }).filter((file) => !ignored(relative(file.path))),
    /** For `--debug`: the directory links not followed (loops, or directories read by another path). */
    linkNotes: () =>
      loops.length === 0
        ? []
        : [`${loops.length} directory links not followed, as they lead to a directory read already or holding them: ${loops.slice(0, 3).join(', ')}${loops.length > 3 ? ', ...' : ''}`],
  };
}

/** A glob relative to the working directory: `./test/**` is `test/**`. */
function cleanGlob(glob: string): string {
  return glob.split(path.sep).join('/').replace(/^(?:\.\/)+/, '');
}

/**
 * The fallback's one rule, also what paths given as arguments are filtered by. A source file is a
 * test when it is named like one (`*.test.*`, `*.spec.*`, `*_test.*`, `*-test.*`, `*Spec.*`), or
 * placed like one (under `__tests__/`, `test/`, `tests/` or `spec/`) and not a test's support
 * file: one under a fixtures directory (`fixtures/`, `__fixtures__/`, `fixture/`) or a vendored
 * `deps/` directory, a config (`*.config.*`), or a helper or setup file (`helper.js`,
 * `plugin.helper.js`, `setup.ts`, `setupTests.ts`, `global-teardown.js`). The name wins:
 * `tests/fixtures/syntax.test.js` and `setup.test.ts` are tests. Type tests (type-tests.ts) never are.
 */
export function isTestFile(relative: string): boolean {
  const posix = relative.split(path.sep).join('/');
  if (!SOURCE_FILE.test(posix) || !TEST_FILE.test(posix) || isTypeTestFile(posix)) return false;
  return TEST_NAME.test(posix) || !isSupportFile(posix);
}

/**
 * A test file (`isTestFile`), or a helper placed like one that registers hooks for the describe
 * calling it, on the hooks object the framework hands that describe (QUnit's `export function
 * setupX(hooks: NestedHooks) { hooks.beforeEach(...) }`): its hooks run around each test of its
 * callers, so it is test code, checked like a test. Only the text is looked at here, for a
 * parameter typed as a framework's hooks object (frameworks.ts); the rules read the hooks through
 * scope. A setup file's own top-level hooks (a per-run baseline) still leave it unchecked.
 */
function isCheckedFile(relative: string, full: string): boolean {
  if (isTestFile(relative)) return true;
  const posix = relative.split(path.sep).join('/');
  if (!SOURCE_FILE.test(posix) || !TEST_FILE.test(posix) || isTypeTestFile(posix) || SUPPORT_DIR.test(posix) || CONFIG_NAME.test(posix)) return false;
  if (!CALLER_HOOKS_PARAMETER) return false;
  try {
    return CALLER_HOOKS_PARAMETER.test(readFileSync(full, 'utf8'));
  } catch {
    return false;
  }
}

const HOOKS_TYPES = FRAMEWORKS.flatMap((framework) => framework.hooksObject?.globalTypes ?? []);
/** A parameter annotated with a framework's hooks type: `(hooks: NestedHooks)`. */
const CALLER_HOOKS_PARAMETER = HOOKS_TYPES.length > 0 ? new RegExp(String.raw`[\w$]\s*:\s*(?:${HOOKS_TYPES.join('|')})\s*[,)=]`) : undefined;

const SUPPORT_DIR = /(?:^|\/)(?:(?:__)?fixtures?(?:__)?|deps)\//;
const CONFIG_NAME = /\.config\.[^/]+$/;
/** `helper`, `helpers`, `setup` or `teardown` as a word of the file's name (before its extension). */
const HELPER_NAME = /(?:^|[._-])(?:helpers?|setup|teardown)(?:[._-]|$)|^(?:setup|teardown)[A-Z]|[a-z0-9](?:Helpers?|Setup|Teardown)$/;

function isSupportFile(posix: string): boolean {
  const name = posix.slice(posix.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');
  return SUPPORT_DIR.test(posix) || CONFIG_NAME.test(posix) || HELPER_NAME.test(name);
}

function sorted(files: string[]): string[] {
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
