/**
 * How does the project around a file run its tests? Finds the nearest package.json and the runner
 * config files beside it, and reads them statically (see literal.ts): nothing is executed, a
 * computed value is `'unknown'`, and results are cached per directory for the whole lint run.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { exportedLiteral, fromJson, isObject, UNKNOWN, valueAt, type Literal } from './literal.js';
import { optionValues, runnerCommandsOf, type RunnerCommand } from './test-script.js';

/** `'unknown'` when the value is computed, or the file holding it could not be read. */
export type Known<T> = T | 'unknown';
export type RunnerId = 'jest' | 'vitest' | 'mocha' | 'node-test' | 'jasmine' | 'ava' | 'bun';

/** Flags default to false and lists to [] when the config leaves them out (or there is no config). */
export interface JestConfig {
  /** The config read: jest.config.*, the file given with `--config`, or package.json for its `jest` key. */
  readonly file: string | undefined;
  readonly restoreMocks: Known<boolean>;
  readonly clearMocks: Known<boolean>;
  readonly resetMocks: Known<boolean>;
  /** `<rootDir>` and `./` paths made absolute (rootDir: the literal `rootDir`, else the config's directory); package names as written. */
  readonly setupFiles: Known<readonly string[]>;
  readonly setupFilesAfterEnv: Known<readonly string[]>;
}

export interface VitestConfig {
  /** vitest.config.*, else vite.config.*, or the file given with `--config`. */
  readonly file: string | undefined;
  /** True by default; false when `test.isolate`, a pool's or an inline project's `isolate` is false, or the script says `--no-isolate`. */
  readonly isolate: Known<boolean>;
  readonly restoreMocks: Known<boolean>;
  readonly unstubGlobals: Known<boolean>;
  readonly unstubEnvs: Known<boolean>;
  /** Files made absolute against the literal `root`, else the project root; package names as written. */
  readonly setupFiles: Known<readonly string[]>;
}

export interface MochaConfig {
  /** The rc file read (.mocharc.* or `--config`), else package.json when it has a `mocha` key. */
  readonly file: string | undefined;
  /** `--require` of the script, then the rc file's, then package.json's; files made absolute, package names as written. */
  readonly require: Known<readonly string[]>;
  /** Mocha's `file` option: files loaded before the others, whose top-level hooks become root hooks. */
  readonly files: Known<readonly string[]>;
}

export interface NodeTestConfig {
  /** 'none' when the script passes `--test-isolation=none` (or `--experimental-test-isolation=none`). */
  readonly isolation: 'process' | 'none';
}

export interface ProjectConfig {
  /** The directory of the nearest package.json, undefined when there is none. */
  readonly root: string | undefined;
  /**
   * Runners the project declares: those its `test` script starts (following `npm run x` one level);
   * when the script starts none, those its config files and dependencies name.
   */
  readonly runners: ReadonlySet<RunnerId>;
  /** An object for each runner in `runners` (defaults when it has no config), undefined for the others. */
  readonly jest: JestConfig | undefined;
  readonly vitest: VitestConfig | undefined;
  readonly mocha: MochaConfig | undefined;
  readonly nodeTest: NodeTestConfig | undefined;
  /** Problems worth telling the user (a config that cannot be parsed, a computed config), one line each. */
  readonly notes: readonly string[];
}

/** Config file names in the order each runner looks for them (Jest 30, Vitest 4, Mocha 12). */
const CONFIG_FILES = {
  jest: ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.mts', 'jest.config.cjs', 'jest.config.cts', 'jest.config.json'],
  vitest: ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.cts', 'vitest.config.js', 'vitest.config.mjs', 'vitest.config.cjs'],
  vite: ['vite.config.ts', 'vite.config.mts', 'vite.config.cts', 'vite.config.js', 'vite.config.mjs', 'vite.config.cjs'],
  /** Vitest 3 only; Vitest 4 reads `test.projects` instead. */
  vitestWorkspace: ['vitest.workspace.ts', 'vitest.workspace.mts', 'vitest.workspace.cts', 'vitest.workspace.js', 'vitest.workspace.mjs', 'vitest.workspace.cjs', 'vitest.workspace.json'],
  mocha: ['.mocharc.cjs', '.mocharc.js', '.mocharc.mjs', '.mocharc.yaml', '.mocharc.yml', '.mocharc.jsonc', '.mocharc.json'],
} as const;

/** Package names that declare a runner when listed in dependencies. */
const RUNNER_PACKAGES: Readonly<Record<string, RunnerId>> = { jest: 'jest', vitest: 'vitest', mocha: 'mocha', jasmine: 'jasmine', ava: 'ava' };

const cache = new Map<string, ProjectConfig>();

/** The configuration governing `filename` (a linted file's path). Cached per directory for the whole process; never throws. */
export function projectConfigOf(filename: string): ProjectConfig {
  const dir = path.dirname(path.resolve(filename));
  let found = cache.get(dir);
  if (!found) {
    const root = nearestPackageDir(dir);
    found = (root !== undefined ? cache.get(`root:${root}`) : undefined) ?? read(root);
    if (root !== undefined) cache.set(`root:${root}`, found);
    cache.set(dir, found);
  }
  return found;
}

/** For tests: forget cached results. */
export function clearProjectConfigCache(): void {
  cache.clear();
}

function nearestPackageDir(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function read(root: string | undefined): ProjectConfig {
  if (root === undefined) {
    return { root, runners: new Set(), jest: undefined, vitest: undefined, mocha: undefined, nodeTest: undefined, notes: [] };
  }
  const files = readerOfFiles();
  const pkgRead = files.read(path.join(root, 'package.json'));
  // A package.json that cannot be parsed declares nothing; the note says why.
  const pkg = pkgRead === UNKNOWN ? undefined : pkgRead;
  const commands = runnerCommandsOf(scriptsOf(pkg));

  const vitestFile = firstExisting(root, CONFIG_FILES.vitest) ?? firstExisting(root, CONFIG_FILES.vite);
  const declared = new Set<RunnerId>();
  for (const field of ['devDependencies', 'dependencies']) {
    const deps = valueAt(pkg, [field]);
    if (!isObject(deps)) continue;
    for (const name of deps.entries.keys()) if (Object.hasOwn(RUNNER_PACKAGES, name)) declared.add(RUNNER_PACKAGES[name] as RunnerId);
  }
  if (firstExisting(root, CONFIG_FILES.jest) || valueAt(pkg, ['jest']) !== undefined) declared.add('jest');
  if (vitestFile && (!isViteConfig(vitestFile) || hasTestKey(files.probe(vitestFile)))) declared.add('vitest');
  if (firstExisting(root, CONFIG_FILES.mocha) || valueAt(pkg, ['mocha']) !== undefined) declared.add('mocha');
  // The test script is what `npm test` runs: when it names runners, those are the project's.
  const runners: ReadonlySet<RunnerId> = commands.length > 0 ? new Set(commands.map((command) => command.runner)) : declared;

  return {
    root,
    runners,
    jest: runners.has('jest') ? agreed(perRun(commands, 'jest', (args) => jestConfig(root, args, pkg, files))) : undefined,
    vitest: runners.has('vitest') ? vitestOfRuns(perRun(commands, 'vitest', (args) => vitestConfig(root, args, files))) : undefined,
    mocha: runners.has('mocha') ? agreed(perRun(commands, 'mocha', (args) => mochaConfig(root, args, pkg, files))) : undefined,
    nodeTest: runners.has('node-test') ? { isolation: perRun(commands, 'node-test', isolationOff).includes(true) ? 'none' : 'process' } : undefined,
    notes: files.notes(),
  };
}

/** The package's scripts that are strings. */
function scriptsOf(pkg: Literal | undefined): ReadonlyMap<string, string> {
  const scripts = valueAt(pkg, ['scripts']);
  if (!isObject(scripts)) return new Map();
  return new Map([...scripts.entries].flatMap(([name, script]) => (typeof script === 'string' ? [[name, script] as const] : [])));
}

/** What `read` makes of each run of `runner` in the test script, or of a run with no arguments when the script has none. */
function perRun<C>(commands: readonly RunnerCommand[], runner: RunnerId, read: (args: readonly string[]) => C): [C, ...C[]] {
  const [first = [], ...rest] = commands.filter((command) => command.runner === runner).map((command) => command.args);
  return [read(first), ...rest.map(read)];
}

/** One config for several runs: what they all say, and `'unknown'` where they differ. The file is the first run's. */
function agreed<C extends object>([first, ...rest]: readonly [C, ...C[]]): C {
  const merged = { ...first } as Record<string, unknown>;
  for (const [key, value] of Object.entries(first)) {
    if (key !== 'file' && rest.some((config) => !isDeepStrictEqual((config as Record<string, unknown>)[key], value))) merged[key] = 'unknown';
  }
  return merged as C;
}

/** One run without isolation is enough for a leak. */
function vitestOfRuns(runs: readonly [VitestConfig, ...VitestConfig[]]): VitestConfig {
  const merged = agreed(runs);
  return runs.some((run) => run.isolate === false) ? { ...merged, isolate: false } : merged;
}

function isolationOff(nodeArgs: readonly string[]): boolean {
  return optionValues(nodeArgs, ['--test-isolation', '--experimental-test-isolation']).includes('none');
}

function jestConfig(root: string, args: readonly string[], pkg: Literal | undefined, files: FileReader): JestConfig {
  const { file, config } = jestSource(root, args, pkg, files);
  // Jest's rootDir defaults to the directory of the config file.
  const dir = file ? path.dirname(file) : root;
  const rootDirValue = valueAt(config, ['rootDir']);
  const rootDir = typeof rootDirValue === 'string' ? path.resolve(dir, rootDirValue) : dir;
  const paths = (key: string): Known<readonly string[]> =>
    stringList(valueAt(config, [key]), (entry) => resolvePath(rootDir, entry.replaceAll('<rootDir>', rootDir)));
  return {
    file,
    restoreMocks: flag(valueAt(config, ['restoreMocks']), false),
    clearMocks: flag(valueAt(config, ['clearMocks']), false),
    resetMocks: flag(valueAt(config, ['resetMocks']), false),
    setupFiles: paths('setupFiles'),
    setupFilesAfterEnv: paths('setupFilesAfterEnv'),
  };
}

/** `--config`/`-c` (a file or inline JSON), else the first jest.config.*, else package.json's `jest` key. */
function jestSource(root: string, args: readonly string[], pkg: Literal | undefined, files: FileReader): { file: string | undefined; config: Literal | undefined } {
  const named = optionValues(args, ['--config', '-c']).at(-1);
  if (named?.trimStart().startsWith('{')) return { file: undefined, config: files.inlineJson(named, path.join(root, 'package.json')) };
  const file = named === undefined ? firstExisting(root, CONFIG_FILES.jest) : path.resolve(root, named);
  if (file) return { file, config: files.read(file) };
  const fromPackage = valueAt(pkg, ['jest']);
  return { file: fromPackage === undefined ? undefined : path.join(root, 'package.json'), config: fromPackage };
}

function vitestConfig(root: string, args: readonly string[], files: FileReader): VitestConfig {
  const named = optionValues(args, ['--config', '-c']).at(-1);
  const file = named === undefined ? (firstExisting(root, CONFIG_FILES.vitest) ?? firstExisting(root, CONFIG_FILES.vite)) : path.resolve(root, named);
  const config = file ? files.read(file) : undefined;
  const test = valueAt(config, ['test']);
  const rootValue = valueAt(test, ['root']) ?? valueAt(config, ['root']);
  const base = typeof rootValue === 'string' ? path.resolve(root, rootValue) : root;
  return {
    file,
    isolate: isolatesOff(args) ? false : vitestIsolate(test, workspaceOf(root, files)),
    restoreMocks: flag(valueAt(test, ['restoreMocks']), false),
    unstubGlobals: flag(valueAt(test, ['unstubGlobals']), false),
    unstubEnvs: flag(valueAt(test, ['unstubEnvs']), false),
    // Vitest resolves an entry as a package first, else as a path from the root.
    setupFiles: stringList(valueAt(test, ['setupFiles']), (entry) => resolveIfFile(base, entry, [''])),
  };
}

/** `--no-isolate`, `--isolate=false` or `--poolOptions.<pool>.isolate=false` (also with the value as the next word). */
function isolatesOff(args: readonly string[]): boolean {
  return args.some((arg, index) => {
    const option = /^--(?:poolOptions\.\w+\.)?isolate(?:=(.*))?$/.exec(arg);
    return arg === '--no-isolate' || (option !== null && (option[1] ?? args[index + 1]) === 'false');
  });
}

/** `isolate: false` in `test`, in any pool's options, or in an inline project of `test.projects` or a workspace file. */
function vitestIsolate(test: Literal | undefined, workspace: readonly Literal[]): Known<boolean> {
  const candidates: (Literal | undefined)[] = [valueAt(test, ['isolate'])];
  const pools = valueAt(test, ['poolOptions']);
  if (isObject(pools)) for (const pool of pools.entries.values()) candidates.push(valueAt(pool, ['isolate']));
  const projects = valueAt(test, ['projects']);
  // A project given as a path or glob has a config of its own, which is not followed.
  for (const project of [...(Array.isArray(projects) ? projects : []), ...workspace]) candidates.push(valueAt(project, ['test', 'isolate']));
  if (candidates.some((value) => value === false)) return false;
  if (candidates.some((value) => value !== undefined && value !== true)) return 'unknown';
  return true;
}

/** The projects listed in a Vitest 3 workspace file, when it exports a literal list; otherwise none are known. */
function workspaceOf(root: string, files: FileReader): readonly Literal[] {
  const file = firstExisting(root, CONFIG_FILES.vitestWorkspace);
  const projects = file ? files.probe(file) : undefined;
  return Array.isArray(projects) ? projects : [];
}

/**
 * Mocha concatenates the `require` lists of the command line, the rc file (`--config`, else the
 * first .mocharc.*) and package.json's `mocha` key. An entry that names a file under the working
 * directory (with or without `.js`) is that file; anything else is a package.
 */
function mochaConfig(root: string, args: readonly string[], pkg: Literal | undefined, files: FileReader): MochaConfig {
  const named = optionValues(args, ['--config']).at(-1);
  const file = args.includes('--no-config') ? undefined : named === undefined ? firstExisting(root, CONFIG_FILES.mocha) : path.resolve(root, named);
  const fromPackage = args.includes('--no-package') ? undefined : valueAt(pkg, ['mocha']);
  const rc = file ? files.read(file) : undefined;
  // Both options concatenate the command line, the rc file and package.json, as Mocha does.
  const merged = (flags: readonly string[], key: string, resolve: (entry: string) => string): Known<readonly string[]> => {
    const sources: (Literal | undefined)[] = [optionValues(args, flags), valueAt(rc, [key]), valueAt(fromPackage, [key])];
    const lists = sources.map((list) => stringList(list, resolve));
    return lists.some((list) => list === 'unknown') ? 'unknown' : lists.flatMap((list) => (list === 'unknown' ? [] : list));
  };
  return {
    file: file ?? (fromPackage === undefined ? undefined : path.join(root, 'package.json')),
    require: merged(['--require', '-r'], 'require', (entry) => resolveIfFile(root, entry, ['', '.js'])),
    // `file` entries are paths, relative to the working directory with or without `./`.
    files: merged(['--file'], 'file', (entry) => path.resolve(root, entry)),
  };
}

function isViteConfig(file: string): boolean {
  return path.basename(file).startsWith('vite.config.');
}

/** A vite.config.* declares Vitest only with a `test` key that is certainly there: most Vite apps have none. */
function hasTestKey(config: Literal | undefined): boolean {
  const test = valueAt(config, ['test']);
  return test !== undefined && test !== UNKNOWN;
}

/**
 * Reads each file of one project once, and keeps notes on those it could not read. Notes are only
 * about files read as a config (`read`), not those looked into to find the runners (`probe`): a
 * Vite app's computed vite.config is no news.
 */
interface FileReader {
  read(file: string): Literal | undefined;
  probe(file: string): Literal | undefined;
  /** A config given inline on the command line, noted against `source` when it is no JSON. */
  inlineJson(text: string, source: string): Literal;
  notes(): string[];
}

function readerOfFiles(): FileReader {
  const read = new Map<string, { readonly value: Literal | undefined; readonly notes: readonly string[] }>();
  const used = new Set<string>();
  const extra: string[] = [];
  const probe = (file: string) => {
    let found = read.get(file);
    if (!found) {
      const notes: string[] = [];
      found = { value: readConfig(file, notes), notes };
      read.set(file, found);
    }
    return found.value;
  };
  return {
    probe,
    read(file) {
      used.add(file);
      return probe(file);
    },
    inlineJson(text, source) {
      try {
        return fromJson(JSON.parse(text));
      } catch {
        extra.push(`${source}: the config given inline in the test script is not JSON; its settings are taken as unknown`);
        return UNKNOWN;
      }
    },
    notes() {
      return [...[...used].flatMap((file) => read.get(file)?.notes ?? []), ...new Set(extra)];
    },
  };
}

function readConfig(file: string, notes: string[]): Literal | undefined {
  const base = path.basename(file);
  if (base.endsWith('.json') || base.endsWith('.jsonc')) return readText(file, notes, (text) => fromJson(JSON.parse(stripJsonComments(text))));
  if (base.endsWith('.yml') || base.endsWith('.yaml')) return readText(file, notes, (text) => fromJson(yamlSubset(text)));
  return readText(file, notes, (text) => {
    const exported = exportedLiteral(text, file);
    if (exported === UNKNOWN) notes.push(`${file}: exports a computed config; its settings are taken as unknown`);
    return exported;
  });
}

function readText(file: string, notes: string[], parseText: (text: string) => Literal): Literal | undefined {
  try {
    return parseText(readFileSync(file, 'utf8'));
  } catch (error) {
    notes.push(`${file}: cannot be read statically (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
    return UNKNOWN;
  }
}

/** Removes `//` and `/* *\/` comments outside strings (mocha allows them in .mocharc.json). */
function stripJsonComments(text: string): string {
  return text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, string: string | undefined) => string ?? '');
}

/**
 * The YAML a `.mocharc.yml` uses: top-level `key: value`, `key:` followed by `- item` lines, inline
 * `[a, b]` lists, quoted or plain scalars, comments. Anything deeper is left out.
 */
function yamlSubset(text: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  let listKey: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trimEnd();
    if (!line.trim()) continue;
    const item = /^\s+-\s+(.*)$/.exec(line) ?? /^-\s+(.*)$/.exec(line);
    if (item && listKey) {
      (result[listKey] as unknown[]).push(scalar(item[1] ?? ''));
      continue;
    }
    const pair = /^([\w.-]+|"[^"]*"|'[^']*'):\s*(.*)$/.exec(line);
    if (!pair) continue;
    const key = (pair[1] ?? '').replace(/^["']|["']$/g, '');
    const value = pair[2] ?? '';
    listKey = undefined;
    if (value === '') {
      result[key] = [];
      listKey = key;
    } else if (value.startsWith('[') && value.endsWith(']')) {
      // Items are quoted or plain; a comma inside quotes belongs to the item.
      result[key] = (value.slice(1, -1).match(/"[^"]*"|'[^']*'|[^,\s][^,]*/g) ?? []).map((part) => scalar(part.trim()));
    } else {
      result[key] = scalar(value);
    }
  }
  return result;
}

function scalar(text: string): unknown {
  if (/^".*"$|^'.*'$/.test(text)) return text.slice(1, -1);
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(?:\.\d+)?$/.test(text)) return Number(text);
  if (text === 'null' || text === '~') return null;
  return text;
}

function firstExisting(root: string, names: readonly string[]): string | undefined {
  return names.map((name) => path.join(root, name)).find((file) => existsSync(file));
}

function flag(value: Literal | undefined, fallback: boolean): Known<boolean> {
  if (value === undefined) return fallback;
  return typeof value === 'boolean' ? value : 'unknown';
}

/** A list of strings, or one string standing for a list of one. */
function stringList(value: Literal | undefined, map: (entry: string) => string): Known<readonly string[]> {
  if (value === undefined) return [];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((entry): entry is string => typeof entry === 'string')) return 'unknown';
  return list.map(map);
}

/** Jest's reading of a path: `./x` and absolute paths are files, `x/y` is a package (Jest reports it missing otherwise). */
function resolvePath(base: string, entry: string): string {
  return entry.startsWith('.') || path.isAbsolute(entry) ? path.resolve(base, entry) : entry;
}

/** As `resolvePath`, and a bare `x/y` is the file `base/x/y` too when that exists with one of these endings. */
function resolveIfFile(base: string, entry: string, endings: readonly string[]): string {
  const resolved = resolvePath(base, entry);
  if (resolved !== entry) return resolved;
  return endings.some((ending) => existsSync(path.join(base, entry + ending))) ? path.resolve(base, entry) : entry;
}
