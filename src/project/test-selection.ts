/**
 * Which files does a runner run as test files? Each runner's file selection, read from its config
 * and its command line as written, and a matcher for it. Jest: `roots`, `testMatch` or
 * `testRegex`, `testPathIgnorePatterns`, matched against the absolute path as Jest does. Vitest:
 * `include`/`exclude` from the project root. Mocha: the spec arguments, else `spec`, else
 * `./test`, with `extension`, `recursive` and `ignore`. node:test (and borp): the file arguments,
 * else node's default patterns. Globs are matched with picomatch, the matcher Jest and Vitest use.
 * A selection that cannot be read is `'unknown'`: the caller falls back to test-like names. A type
 * test (type-tests.ts) is selected by none.
 */
import path from 'node:path';
import picomatch from 'picomatch';
import { UNKNOWN, valueAt, type Literal } from './literal.js';
import { optionValues } from './test-script.js';
import { isTypeTestFile } from './type-tests.js';
import { VITEST_DEFAULT_EXCLUDE, VITEST_DEFAULT_INCLUDE } from './runner-defaults.js';
import { isDirectory } from './file-kind.js';

/** Files a runner selects: globs from a base directory, with Jest's regexes when it uses them. */
export interface GlobSelection {
  readonly kind: 'globs';
  readonly base: string;
  /** Globs relative to `base`; a file matching any of them is selected, unless excluded. */
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Directories (relative to `base`) whose files are selected when they have one of `extensions`; Mocha's directory specs. */
  readonly directories?: readonly { readonly dir: string; readonly recursive: boolean }[];
  readonly extensions?: readonly string[];
}

export interface JestSelection {
  readonly kind: 'jest';
  /** Absolute directories; a test file is under one of them. */
  readonly roots: readonly string[];
  /** Globs matched against the absolute path (`<rootDir>` replaced), or regexes when `testRegex` is set. */
  readonly testMatch: readonly string[];
  readonly testRegex: readonly string[] | undefined;
  /** Regexes matched against the absolute path; a match leaves the file out (`testPathIgnorePatterns`, and `modulePathIgnorePatterns`, which hide files from Jest's file map). */
  readonly ignore: readonly string[];
}

/** A selection that cannot be read but only concerns the files under `base` (a project of a `projects` list with a computed config). */
export interface UnreadSelection {
  readonly kind: 'unread';
  readonly base: string;
}

export type FileSelection = GlobSelection | JestSelection | UnreadSelection | 'unknown';

/** `selection`, or when it cannot be read, a selection unknown only under `base`. */
export function unknownOnlyUnder(selection: FileSelection, base: string): FileSelection {
  return selection === 'unknown' ? { kind: 'unread', base } : selection;
}

const JEST_TEST_MATCH = ['**/__tests__/**/*.?([mc])[jt]s?(x)', '**/?(*.)+(spec|test).?([mc])[jt]s?(x)'];
/** node --test with no file arguments (Node 20 to 24; TypeScript files too, as Node 23.6+ strips types). */
const NODE_TEST_PATTERNS = ['**/*.test.', '**/*-test.', '**/*_test.', '**/test-*.', '**/test.', '**/test/**/*.'].map((p) => `${p}{cjs,mjs,js,cts,mts,ts}`);
const MOCHA_EXTENSIONS = ['js', 'cjs', 'mjs'];

/** `selected`; `ignored`: matched by the patterns but left out by an ignore or exclude pattern; `outside`: not matched at all. */
type Verdict = 'selected' | 'ignored' | 'outside';

/** Is `file` (absolute) selected? undefined when the selection cannot be read. */
export function selects(selection: FileSelection, file: string): boolean | undefined {
  if (isTypeTestFile(file)) return false;
  if (selection === 'unknown') return undefined;
  if (selection.kind === 'unread') return posix(file).startsWith(unreadPrefixOf(selection)) ? undefined : false;
  return matcherOf(selection)(file) === 'selected';
}

/** Does the selection match `file` by its patterns and leave it out on purpose (Jest's `testPathIgnorePatterns`, Vitest's `exclude`, Mocha's `ignore`)? */
export function ignoresOnPurpose(selection: FileSelection, file: string): boolean {
  return selection !== 'unknown' && selection.kind !== 'unread' && matcherOf(selection)(file) === 'ignored';
}

type ReadSelection = GlobSelection | JestSelection;
const matchers = new WeakMap<ReadSelection, (file: string) => Verdict>();

function matcherOf(selection: ReadSelection): (file: string) => Verdict {
  let matcher = matchers.get(selection);
  if (!matcher) {
    matcher = selection.kind === 'jest' ? jestMatcher(selection) : globMatcher(selection);
    matchers.set(selection, matcher);
  }
  return matcher;
}

/*
 * A matcher is built once per selection and answers for a file with string work only: the file's
 * path is compared with directory prefixes computed up front, never resolved against each pattern.
 */
function jestMatcher(selection: JestSelection): (file: string) => Verdict {
  const regexes = (patterns: readonly string[]) => patterns.flatMap((pattern) => safeRegex(pattern) ?? []);
  const ignore = regexes(selection.ignore);
  const testRegex = selection.testRegex ? regexes(selection.testRegex) : undefined;
  const glob = globsMatcher(selection.testMatch.map(posix));
  const roots = selection.roots.map(prefixOf);
  return (file) => {
    const posixFile = posix(file);
    if (!roots.some((root) => posixFile.startsWith(root))) return 'outside';
    if (!(testRegex ? testRegex.some((regex) => regex.test(posixFile)) : glob(posixFile))) return 'outside';
    return ignore.some((regex) => regex.test(posixFile)) ? 'ignored' : 'selected';
  };
}

function globMatcher(selection: GlobSelection): (file: string) => Verdict {
  const include = globsMatcher(selection.include);
  const exclude = globsMatcher(selection.exclude);
  const extensions = new Set(selection.extensions ?? []);
  const base = prefixOf(selection.base);
  const directories = (selection.directories ?? []).map(({ dir, recursive }) => ({ prefix: prefixOf(path.resolve(selection.base, dir)), recursive }));
  return (file) => {
    const posixFile = posix(file);
    if (!posixFile.startsWith(base)) return 'outside';
    const relative = posixFile.slice(base.length);
    const matched =
      include(relative) ||
      (directories.length > 0 &&
        extensions.has(path.extname(posixFile).slice(1)) &&
        directories.some(({ prefix, recursive }) => posixFile.startsWith(prefix) && (recursive || !posixFile.includes('/', prefix.length))));
    if (!matched) return 'outside';
    return exclude(relative) ? 'ignored' : 'selected';
  };
}

/** Any of the globs, less those negated with `!`, as Jest's `globsToMatcher` reads them. */
function globsMatcher(globs: readonly string[]): (file: string) => boolean {
  const positive = globs.filter((glob) => !glob.startsWith('!'));
  const negative = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  if (positive.length === 0) return () => false;
  const yes = picomatch(positive, { dot: true });
  const no = negative.length > 0 ? picomatch(negative, { dot: true }) : () => false;
  return (file) => yes(file) && !no(file);
}

/** Jest's selection from a config (a project entry or the root config) whose rootDir is known. */
export function jestSelection(config: Literal | undefined, rootDir: string): FileSelection {
  const withRoot = (entry: string) => entry.replaceAll('<rootDir>', rootDir);
  const roots = stringsAt(config, 'roots');
  const testMatch = stringsAt(config, 'testMatch');
  const testRegex = stringsAt(config, 'testRegex');
  // An ignore pattern that cannot be read (or a list computed as a whole) is left out: the files it might hide stay selected.
  const ignore = stringsAt(config, 'testPathIgnorePatterns', true);
  const hidden = stringsAt(config, 'modulePathIgnorePatterns', true);
  if (roots === UNKNOWN || testMatch === UNKNOWN || testRegex === UNKNOWN || ignore === UNKNOWN || hidden === UNKNOWN) return 'unknown';
  return {
    kind: 'jest',
    roots: (roots ?? [rootDir]).map((root) => path.resolve(rootDir, withRoot(root))),
    testMatch: (testMatch ?? JEST_TEST_MATCH).map(withRoot),
    testRegex: testRegex && testRegex.length > 0 ? testRegex.map(withRoot) : undefined,
    ignore: [...(ignore ?? ['/node_modules/']), ...(hidden ?? [])].map(withRoot),
  };
}

/** Vitest's selection from a `test` object, from the project's root. */
export function vitestSelection(test: Literal | undefined, root: string): FileSelection {
  const include = stringsAt(test, 'include');
  const exclude = stringsAt(test, 'exclude');
  const dir = valueAt(test, ['dir']);
  if (include === UNKNOWN || exclude === UNKNOWN || (dir !== undefined && typeof dir !== 'string')) return 'unknown';
  // `dir` narrows where files are looked for; include stays relative to it.
  return { kind: 'globs', base: typeof dir === 'string' ? path.resolve(root, dir) : root, include: include ?? VITEST_DEFAULT_INCLUDE, exclude: exclude ?? VITEST_DEFAULT_EXCLUDE };
}

/** Mocha flags that take a value: the word after them is no spec. */
const MOCHA_VALUE_FLAGS = [
  '-r', '--require', '-g', '--grep', '-f', '--fgrep', '-t', '--timeout', '--slow', '-s', '-R', '--reporter', '-O', '--reporter-option',
  '--reporter-options', '-u', '--ui', '--config', '--package', '--extension', '--file', '--ignore', '--exclude', '--spec', '--retries',
  '-j', '--jobs', '-n', '--node-option', '--watch-files', '--watch-ignore', '--global', '--globals', '--import', '--opts',
];

/**
 * Mocha's selection: spec arguments and `--spec` of the command line, the rc file's and
 * package.json's `spec` (Mocha concatenates them), else `./test`; `extension` adds to js, cjs and
 * mjs; a directory spec selects its files with those extensions (all levels with `recursive`).
 */
export function mochaSelection(args: readonly string[], sources: readonly (Literal | undefined)[], root: string): FileSelection {
  const fromSources = (key: string): string[] | typeof UNKNOWN => {
    const lists = sources.map((source) => stringsAt(source, key));
    return lists.includes(UNKNOWN) ? UNKNOWN : lists.flatMap((list) => (list === UNKNOWN ? [] : (list ?? [])));
  };
  const specs = [...positional(args, MOCHA_VALUE_FLAGS), ...optionValues(args, ['--spec'])];
  const configured = fromSources('spec');
  const extension = fromSources('extension');
  const ignore = fromSources('ignore');
  const recursive = sources.map((source) => valueAt(source, ['recursive']));
  if (configured === UNKNOWN || extension === UNKNOWN || ignore === UNKNOWN || recursive.includes(UNKNOWN)) return 'unknown';
  const all = [...specs, ...configured];
  return globsFrom(all.length > 0 ? all : ['./test'], root, {
    extensions: [...MOCHA_EXTENSIONS, ...optionValues(args, ['--extension']).flatMap((e) => e.split(',')), ...extension].map((e) => e.replace(/^\./, '')),
    recursive: args.includes('--recursive') || recursive.includes(true),
    exclude: [...optionValues(args, ['--ignore', '--exclude']), ...ignore, '**/node_modules/**'],
  });
}

/** node flags that take a value, in the spelling without `=`. */
const NODE_VALUE_FLAGS = [
  '-r', '--require', '--import', '--loader', '--experimental-loader', '--test-reporter', '--test-reporter-destination', '--test-name-pattern',
  '--test-skip-pattern', '--test-concurrency', '--test-timeout', '--test-shard', '--env-file', '--conditions', '-C', '--input-type',
  '--test-coverage-include', '--test-coverage-exclude', '--test-global-setup', '--test-isolation', '--experimental-test-isolation', '--watch-path',
];

/** `node --test` files: the arguments (globs, files, directories searched with the default patterns), else the default patterns. */
export function nodeTestSelection(args: readonly string[], root: string, runner: 'node' | 'borp'): FileSelection {
  if (runner === 'borp') {
    const patterns = optionValues(args, ['-p', '--pattern']);
    return patterns.length > 0 ? globsFrom(patterns, root, { extensions: [], recursive: true, exclude: ['**/node_modules/**'] }) : 'unknown';
  }
  const files = positional(args, NODE_VALUE_FLAGS);
  if (files.length === 0) return { kind: 'globs', base: root, include: NODE_TEST_PATTERNS, exclude: ['**/node_modules/**'] };
  const include: string[] = [];
  for (const file of files) {
    const full = path.resolve(root, file);
    if (isDirectory(full)) include.push(...NODE_TEST_PATTERNS.map((pattern) => `${posix(path.relative(root, full))}/${pattern}`));
    else include.push(cleanGlob(file));
  }
  return { kind: 'globs', base: root, include, exclude: ['**/node_modules/**'] };
}

/** All selections together: a file is selected when any selects it, unknown when none does and one cannot be read. */
export function anySelects(selections: readonly FileSelection[], file: string): boolean | undefined {
  let unknown = false;
  for (const selection of selections) {
    const selected = selects(selection, file);
    if (selected === true) return true;
    if (selected === undefined) unknown = true;
  }
  return unknown ? undefined : false;
}

function globsFrom(
  specs: readonly string[],
  root: string,
  options: { readonly extensions: readonly string[]; readonly recursive: boolean; readonly exclude: readonly string[] },
): GlobSelection {
  const include: string[] = [];
  const directories: { dir: string; recursive: boolean }[] = [];
  for (const spec of specs) {
    const full = path.resolve(root, spec);
    if (picomatch.scan(spec).isGlob) include.push(cleanGlob(spec));
    else if (isDirectory(full)) directories.push({ dir: posix(path.relative(root, full)), recursive: options.recursive });
    else include.push(...['', ...options.extensions.map((e) => `.${e}`)].map((ending) => cleanGlob(spec) + ending));
  }
  return { kind: 'globs', base: root, include, exclude: options.exclude.map(cleanGlob), directories, extensions: options.extensions };
}

/** Non-option words, skipping the value after a flag that takes one. */
function positional(args: readonly string[], valueFlags: readonly string[]): string[] {
  const found: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') continue;
    if (arg.startsWith('-')) {
      if (valueFlags.includes(arg)) index++;
      continue;
    }
    found.push(arg);
  }
  return found;
}

/** A glob relative to the base: `./test/**` is `test/**`. */
function cleanGlob(glob: string): string {
  return posix(glob).replace(/^(?:\.\/)+/, '');
}

/** A list of strings (or one string); `UNKNOWN` when computed, unless `skipUnknown` lets computed entries of a literal list be left out. */
function stringsAt(value: Literal | undefined, key: string, skipUnknown = false): string[] | undefined | typeof UNKNOWN {
  const found = valueAt(value, [key]);
  if (found === undefined) return undefined;
  const list = typeof found === 'string' ? [found] : found;
  // A list of ignore patterns computed as a whole hides nothing we can name: what it may hide stays selected.
  if (!Array.isArray(list)) return skipUnknown && found === UNKNOWN ? [] : UNKNOWN;
  const strings = list.filter((entry): entry is string => typeof entry === 'string');
  return strings.length === list.length || (skipUnknown && list.every((entry) => typeof entry === 'string' || entry === UNKNOWN)) ? strings : UNKNOWN;
}

function safeRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
}

const unreadPrefixes = new WeakMap<UnreadSelection, string>();

function unreadPrefixOf(selection: UnreadSelection): string {
  let prefix = unreadPrefixes.get(selection);
  if (prefix === undefined) {
    prefix = prefixOf(selection.base);
    unreadPrefixes.set(selection, prefix);
  }
  return prefix;
}

/** The directory's path with a trailing `/`, which the path of every file under it starts with. */
function prefixOf(dir: string): string {
  const directory = posix(path.resolve(dir));
  return directory.endsWith('/') ? directory : `${directory}/`;
}

function posix(file: string): string {
  return path.sep === '/' ? file : file.split(path.sep).join('/');
}
