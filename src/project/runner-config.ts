/**
 * How does the project around a file run its tests? Finds the project root the runner starts in
 * (config-location.ts) and reads the package.json and runner config files there statically (see
 * literal.ts): nothing is executed, and a computed value is `'unknown'`. A file of a config with
 * `projects` gets the settings of the projects that select it (Jest entries inherit nothing from
 * the root; Vitest inline entries inherit the root `test` options only with `extends: true`).
 * Results are cached per project root and per file, and read again when a config file changes.
 */
import { globbySync } from 'globby';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { load as loadYaml } from 'js-yaml';
import { CONFIG_FILES, runnerRootOf } from './config-location.js';
import { stampOf, type Stamp } from './freshness.js';
import { installedPackageDirectory, installedPackageFile } from './package-file.js';
import { exportedLiteral, fromJson, isObject, UNKNOWN, valueAt, type Literal } from './literal.js';
import { anySelects, jestSelection, mochaSelection, nodeTestSelection, selects, unknownOnlyUnder, vitestSelection, type FileSelection } from './test-selection.js';
import { perFileBundleConfig, webpackConfigsOf } from './test-bundles.js';
import { optionValues, runnerCommandsOf, testCommandsOf, type RunnerCommand } from './test-script.js';
import { isDirectory } from './file-kind.js';
import type { RunnerId } from './runner-defaults.js';

/** `'unknown'` when the value is computed, or the file holding it could not be read. */
export type Known<T> = T | 'unknown';

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
  /** The files this config runs as tests. */
  readonly selection: FileSelection;
  /** The `projects` entries read (root config only), each a config of its own; undefined without `projects`. */
  readonly projects?: readonly JestConfig[] | undefined;
}

export interface VitestConfig {
  /** vitest.config.*, else vite.config.*, or the file given with `--config`. */
  readonly file: string | undefined;
  /** True by default; false when `test.isolate`, a pool's or an inline project's `isolate` is false, or the script says `--no-isolate`. */
  readonly isolate: Known<boolean>;
  /**
   * Vitest 1-3 `poolOptions.threads.singleThread` (pool `threads`) or `poolOptions.forks.singleFork`
   * (pool `forks`) read as true: every file runs in one worker, which keeps its globals,
   * `process.env`, core modules and packages for the next file (each file still loads the project's
   * own modules afresh while `isolate` is on), named by the option. Vitest 4 ignores `poolOptions`: false there.
   */
  readonly singleWorker: false | 'singleThread' | 'singleFork';
  readonly restoreMocks: Known<boolean>;
  readonly unstubGlobals: Known<boolean>;
  readonly unstubEnvs: Known<boolean>;
  /** Files made absolute against the literal `root`, else the project root; package names as written. */
  readonly setupFiles: Known<readonly string[]>;
  readonly selection: FileSelection;
  /** The `test.projects` (or Vitest 3 workspace) entries read, each with its own settings; undefined without projects. */
  readonly projects?: readonly VitestConfig[] | undefined;
}

export interface MochaConfig {
  /** The rc file read (.mocharc.* or `--config`), else package.json when it has a `mocha` key. */
  readonly file: string | undefined;
  /** `--require` of the script, then the rc file's, then package.json's; files made absolute, package names as written. */
  readonly require: Known<readonly string[]>;
  /** Mocha's `file` option: files loaded before the others, whose top-level hooks become root hooks. */
  readonly files: Known<readonly string[]>;
  /** The spec files of the run. */
  readonly selection: FileSelection;
}

export interface NodeTestConfig {
  /** 'none' when the script passes `--test-isolation=none` (or `--experimental-test-isolation=none`). */
  readonly isolation: 'process' | 'none';
  readonly selection: FileSelection;
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
  /**
   * The webpack config that the test script builds each test file with as an entry of its own
   * (test-bundles.ts): each test file then has its own instance of the project's modules.
   */
  readonly testBundles: string | undefined;
  /** Problems worth telling the user (a config that cannot be parsed, a computed config), one line each. */
  readonly notes: readonly string[];
  /** The file selections of every runner and project: whether a file is run as a test (see `runsAsTest`). */
  readonly selections: readonly FileSelection[];
}

/** Package names that declare a runner when listed in dependencies. */
const RUNNER_PACKAGES: Readonly<Record<string, RunnerId>> = { jest: 'jest', vitest: 'vitest', mocha: 'mocha', jasmine: 'jasmine', ava: 'ava' };

const roots = new Map<string, { readonly project: ProjectConfig; readonly stamp: Stamp }>();
const NO_PROJECT: ProjectConfig = { root: undefined, runners: new Set(), jest: undefined, vitest: undefined, mocha: undefined, nodeTest: undefined, testBundles: undefined, notes: [], selections: [] };
/** Per file: the root's config it was derived from, and the config of the projects owning the file. */
const perFile = new Map<string, { readonly base: ProjectConfig; readonly found: ProjectConfig }>();
/** The config for each set of owning projects, so that files of the same projects share one object. */
const byOwners = new WeakMap<ProjectConfig, Map<string, ProjectConfig>>();

/** The configuration governing `filename` (a linted file's path). Cached, and read again when a config changes; never throws. */
export function projectConfigOf(filename: string): ProjectConfig {
  const file = path.resolve(filename);
  const base = projectOfRoot(runnerRootOf(path.dirname(file)).root);
  if (!base.jest?.projects && !base.vitest?.projects) return base;
  const cached = perFile.get(file);
  if (cached?.base === base) return cached.found;
  let found: ProjectConfig;
  try {
    found = forFile(base, file);
  } catch {
    // A fault in telling the projects apart: the root config's own settings stand.
    found = base;
  }
  perFile.set(file, { base, found });
  return found;
}

/**
 * Does the project's runner run `filename` as a test file? undefined when no runner's selection
 * can be read (or no runner is known), so that the caller falls back to test-like names.
 */
export function runsAsTest(filename: string): boolean | undefined {
  const project = projectConfigOf(filename);
  return project.selections.length === 0 ? undefined : anySelects(project.selections, path.resolve(filename));
}

/** Every project read in this process, for `--debug`. */
export function projectsRead(): ProjectConfig[] {
  return [...roots.values()].map((entry) => entry.project);
}

/** For tests: forget cached results. */
export function clearProjectConfigCache(): void {
  roots.clear();
  perFile.clear();
}

function projectOfRoot(root: string | undefined): ProjectConfig {
  if (root === undefined) return NO_PROJECT;
  const cached = roots.get(root);
  if (cached?.stamp.isFresh()) return cached.project;
  const files = readerOfFiles();
  const project = readOrNote(root, files);
  roots.set(root, { project, stamp: stampOf([root, ...files.paths()]) });
  return project;
}

/**
 * `read`, never throwing: a fault in reading the configs leaves the project's runners and settings
 * unknown, with a note, rather than stopping the lint run.
 */
function readOrNote(root: string, files: FileReader): ProjectConfig {
  try {
    return read(root, files);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { ...NO_PROJECT, root, notes: [`${root}: the runner configs could not be read (${reason}); the runner is taken as unknown`] };
  }
}

/** The project config as the projects that select `file` see it. */
function forFile(base: ProjectConfig, file: string): ProjectConfig {
  const jestOwners = owners(base.jest?.projects, file);
  const vitestOwners = owners(base.vitest?.projects, file);
  const key = `${jestOwners.join(',')}|${vitestOwners.join(',')}`;
  let variants = byOwners.get(base);
  if (!variants) {
    variants = new Map();
    byOwners.set(base, variants);
  }
  let found = variants.get(key);
  if (!found) {
    const jestProjects = base.jest?.projects;
    const vitestProjects = base.vitest?.projects;
    const jestOwned = jestProjects ? pick(jestProjects, jestOwners) : undefined;
    const vitestOwned = vitestProjects ? pick(vitestProjects, vitestOwners) : undefined;
    found = {
      ...base,
      // No project read: the root config's own settings stand (the reader noted why).
      jest: base.jest && jestOwned ? ({ ...agreed(jestOwned), projects: jestProjects } as JestConfig) : base.jest,
      vitest: base.vitest && vitestOwned ? { ...vitestOfRuns(vitestOwned), projects: vitestProjects } : base.vitest,
    };
    variants.set(key, found);
  }
  return found;
}

/** The indexes of the projects that select `file`; all of them when none certainly does (the file's project is unknown). */
function owners(projects: readonly { readonly selection: FileSelection }[] | undefined, file: string): number[] {
  if (!projects || projects.length === 0) return [];
  const selected = projects.flatMap((project, index) => (selects(project.selection, file) === true ? [index] : []));
  return selected.length > 0 ? selected : projects.map((_, index) => index);
}

/** The entries at `indexes`, or undefined when that leaves none. */
function pick<C>(list: readonly C[], indexes: readonly number[]): [C, ...C[]] | undefined {
  const [first, ...rest] = indexes.flatMap((index) => (index < list.length ? [list[index] as C] : []));
  return first === undefined ? undefined : [first, ...rest];
}

function read(root: string, files: FileReader): ProjectConfig {
  const pkgRead = files.read(path.join(root, 'package.json'));
  // A package.json that cannot be parsed declares nothing; the note says why.
  const pkg = pkgRead === UNKNOWN ? undefined : pkgRead;
  const scripts = scriptsOf(pkg);
  const commands = runnerCommandsOf(scripts);
  const testCommands = testCommandsOf(scripts);
  const bundleConfigs = webpackConfigsOf(testCommands, root);
  // A test script that starts no runner by name runs a program of its own: what it runs, and how, is not read.
  if (commands.length === 0 && testCommands.length > 0) {
    const started = testCommands.map((words) => words.join(' ')).join(' && ');
    files.note(`the \`test\` script starts no test runner this linter reads (\`${started.length > 80 ? `${started.slice(0, 77)}...` : started}\`): the runner is taken from the dependencies and configs, with its default isolation; set \`settings['patch-leak'].isolation\` if the files run otherwise`);
  }
  for (const file of bundleConfigs) files.watch(file);

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

  const jestRuns = runners.has('jest') ? perRun(commands, 'jest', (args) => jestConfig(root, args, pkg, files)) : undefined;
  const vitestRuns = runners.has('vitest') ? perRun(commands, 'vitest', (args) => vitestConfig(root, args, files, vitestMajor(root, pkg))) : undefined;
  const mochaRuns = runners.has('mocha') ? perRun(commands, 'mocha', (args) => mochaConfig(root, args, pkg, files)) : undefined;
  const nodeRuns = runners.has('node-test') ? perRunCommand(commands, 'node-test', (command) => nodeTestSelection(command.args, root, command.tool ?? 'node')) : undefined;
  const selections: FileSelection[] = [
    ...(jestRuns ?? []).flatMap((run) => (run.projects ? run.projects.map((project) => project.selection) : [run.selection])),
    ...(vitestRuns ?? []).flatMap((run) => (run.projects ? run.projects.map((project) => project.selection) : [run.selection])),
    ...(mochaRuns ?? []).map((run) => run.selection),
    ...(nodeRuns ?? []),
    // Runners whose file selection is not read: a file may be theirs.
    ...[...runners].filter((runner) => !['jest', 'vitest', 'mocha', 'node-test'].includes(runner)).map((): FileSelection => 'unknown'),
  ];
  return {
    root,
    runners,
    jest: jestRuns ? agreed(jestRuns) : undefined,
    vitest: vitestRuns ? vitestOfRuns(vitestRuns) : undefined,
    mocha: mochaRuns ? agreed(mochaRuns) : undefined,
    nodeTest: nodeRuns
      ? { isolation: perRun(commands, 'node-test', isolationOff).includes(true) ? 'none' : 'process', selection: nodeRuns.length === 1 ? nodeRuns[0] : 'unknown' }
      : undefined,
    testBundles: perFileBundleConfig(bundleConfigs),
    notes: files.notes(),
    selections,
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

/** What `read` makes of each runner command of `runner` (none when the script starts none). */
function perRunCommand<C>(commands: readonly RunnerCommand[], runner: RunnerId, read: (command: RunnerCommand) => C): [C, ...C[]] {
  const runs = commands.filter((command) => command.runner === runner);
  return (runs.length > 0 ? runs : [{ runner, args: [] }]).map(read) as [C, ...C[]];
}

/** One config for several runs: what they all say, and `'unknown'` where they differ. The file and projects are the first run's. */
function agreed<C extends object>([first, ...rest]: readonly [C, ...C[]]): C {
  const merged = { ...first } as Record<string, unknown>;
  for (const [key, value] of Object.entries(first)) {
    if (key !== 'file' && key !== 'projects' && rest.some((config) => !isDeepStrictEqual((config as Record<string, unknown>)[key], value))) merged[key] = 'unknown';
  }
  return merged as C;
}

/** One run without isolation is enough for a leak. */
function vitestOfRuns(runs: readonly [VitestConfig, ...VitestConfig[]]): VitestConfig {
  const merged = agreed(runs);
  const single = runs.find((run) => run.singleWorker !== false)?.singleWorker;
  const shared = single ? { ...merged, singleWorker: single } : merged;
  return runs.some((run) => run.isolate === false) ? { ...shared, isolate: false } : shared;
}

function isolationOff(nodeArgs: readonly string[]): boolean {
  return optionValues(nodeArgs, ['--test-isolation', '--experimental-test-isolation']).includes('none');
}

function jestConfig(root: string, args: readonly string[], pkg: Literal | undefined, files: FileReader): JestConfig {
  const { file, config } = jestSource(root, args, pkg, files);
  // Jest's rootDir defaults to the directory of the config file.
  const dir = file ? path.dirname(file) : root;
  const own = jestOfLiteral(file, config, dir, files);
  return { ...own, projects: jestProjects(config, rootDirOf(config, dir), own, files) };
}

function rootDirOf(config: Literal | undefined, dir: string): string {
  const rootDirValue = valueAt(config, ['rootDir']);
  return typeof rootDirValue === 'string' ? path.resolve(dir, rootDirValue) : dir;
}

/** The settings of one Jest config (a root config or a project's), `dir` being where its relative rootDir starts. */
function jestOfLiteral(file: string | undefined, ownConfig: Literal | undefined, dir: string, files: FileReader): JestConfig {
  const rootDir = rootDirOf(ownConfig, dir);
  const config = withJestPreset(ownConfig, rootDir, files, file ?? dir);
  const paths = (key: string): Known<readonly string[]> =>
    stringList(valueAt(config, [key]), (entry) => resolvePath(rootDir, entry.replaceAll('<rootDir>', rootDir)));
  const settings = {
    restoreMocks: flag(valueAt(config, ['restoreMocks']), false),
    clearMocks: flag(valueAt(config, ['clearMocks']), false),
    resetMocks: flag(valueAt(config, ['resetMocks']), false),
    setupFiles: paths('setupFiles'),
    setupFilesAfterEnv: paths('setupFilesAfterEnv'),
  };
  if (config !== UNKNOWN) noteUnread(file ?? dir, settings, (text) => files.note(text));
  return { file, ...settings, selection: jestSelection(config, rootDir) };
}

/**
 * Names in `--debug` the settings of a config that could be read in part but not these (computed
 * values): the rules then go by each setting's default (flags off, no setup files known). A config
 * that cannot be read at all has its own note.
 */
function noteUnread(where: string, settings: Readonly<Record<string, unknown>>, note: (text: string) => void): void {
  const unread = Object.entries(settings).flatMap(([key, value]) => (value === 'unknown' ? [`\`${key}\``] : []));
  if (unread.length > 0) note(`${where}: ${unread.join(', ')} cannot be read statically; taken as not set`);
}

/** The file endings Jest tries for a preset (jest-config's `PRESET_EXTENSIONS`). */
const JEST_PRESET_ENDINGS = ['.json', '.js', '.cjs', '.mjs'];

/**
 * A Jest config with its `preset` applied as Jest applies it: the preset is a path (`./x`, `/x`,
 * `<rootDir>/x`, resolved from rootDir like a require) or a package whose `jest-preset.json`/`.js`/
 * `.cjs`/`.mjs` is found through node_modules from rootDir; it is read statically like a config.
 * The config's own keys win, and `setupFiles`/`setupFilesAfterEnv` list the preset's entries first.
 * A preset that cannot be found or read leaves the config as written, Jest's defaults standing for
 * what the preset may set, with a note. A preset's own `preset` is not followed (nor by Jest).
 */
function withJestPreset(config: Literal | undefined, rootDir: string, files: FileReader, where: string): Literal | undefined {
  const name = valueAt(config, ['preset']);
  if (name === undefined || name === null || !isObject(config)) return config;
  if (typeof name !== 'string') {
    files.note(`${where}: \`preset\` is computed; Jest's defaults are assumed for the settings a preset may set`);
    return config;
  }
  const wanted = name.replaceAll('<rootDir>', rootDir);
  const file = wanted.startsWith('.') || path.isAbsolute(wanted) ? resolveAsRequire(path.resolve(rootDir, wanted)) : packagePreset(wanted, rootDir);
  const preset = file ? files.read(file) : undefined;
  if (!file) files.note(`${where}: the preset '${name}' is not found (statically, from ${rootDir}); Jest's defaults are assumed for the settings it may set`);
  if (!isObject(preset)) return config;
  const entries = new Map([...preset.entries, ...config.entries]);
  for (const key of ['setupFiles', 'setupFilesAfterEnv']) {
    const own = config.entries.get(key);
    const inherited = valueAt(preset, [key]);
    if (own === undefined || inherited === undefined) continue;
    entries.set(key, Array.isArray(own) && Array.isArray(inherited) ? [...(inherited as readonly Literal[]), ...(own as readonly Literal[])] : UNKNOWN);
  }
  return { kind: 'object', entries, open: config.open || preset.open };
}

/** `file`, else `file` with one of Jest's preset endings, else its index file: what require finds. */
function resolveAsRequire(file: string): string | undefined {
  const candidates = [file, ...JEST_PRESET_ENDINGS.map((ending) => file + ending), ...JEST_PRESET_ENDINGS.map((ending) => path.join(file, `index${ending}`))];
  return candidates.find((candidate) => existsSync(candidate) && !isDirectory(candidate));
}

/** `<name>/jest-preset.*` of the package installed nearest to `dir`. */
function packagePreset(name: string, dir: string): string | undefined {
  return installedPackageFile(`${name}/jest-preset`, dir, JEST_PRESET_ENDINGS);
}

/**
 * Jest's `projects`: each entry is a config of its own and inherits nothing from the root. A string
 * is a directory (its jest.config.* or package.json `jest` key, else the defaults) or a config file,
 * globbed; the root directory itself is the root config. A computed entry is left out, with a note.
 */
function jestProjects(config: Literal | undefined, rootDir: string, rootConfig: JestConfig, files: FileReader): JestConfig[] | undefined {
  const projects = valueAt(config, ['projects']);
  // A config that cannot be read at all has its own note.
  if (projects === undefined || !isObject(config)) return undefined;
  if (!Array.isArray(projects)) {
    files.note(`${rootConfig.file ?? rootDir}: \`projects\` is computed; the root config's settings are used for every file`);
    return undefined;
  }
  const found: JestConfig[] = [];
  for (const entry of projects) {
    if (isObject(entry)) {
      found.push(jestOfLiteral(rootConfig.file, entry, rootDir, files));
    } else if (typeof entry === 'string') {
      const targets = expand(entry.replaceAll('<rootDir>', rootDir), rootDir);
      if (targets.length === 0) files.note(`${rootConfig.file ?? rootDir}: the \`projects\` entry '${entry}' names no file or directory and is left out`);
      for (const target of targets) {
        if (target === rootDir) {
          found.push(rootConfig);
        } else if (existsSync(path.join(target, 'package.json')) || firstExisting(target, CONFIG_FILES.jest) || !path.extname(target)) {
          const file = firstExisting(target, CONFIG_FILES.jest);
          const own = file ? files.read(file) : valueAt(files.read(path.join(target, 'package.json')), ['jest']);
          const project = jestOfLiteral(file ?? path.join(target, 'package.json'), own, target, files);
          // A project directory whose config cannot be read leaves only its own files in doubt.
          found.push({ ...project, selection: unknownOnlyUnder(project.selection, target) });
        } else {
          found.push(jestOfLiteral(target, files.read(target), path.dirname(target), files));
        }
      }
    } else {
      files.note(`${rootConfig.file ?? rootDir}: a \`projects\` entry is computed and left out`);
    }
  }
  // An empty list is no projects; a list none of whose entries could be read is noted.
  if (found.length === 0) {
    if (projects.length > 0) files.note(`${rootConfig.file ?? rootDir}: no \`projects\` entry could be read; the root config's settings are used for every file`);
    return undefined;
  }
  return found;
}

/** A path or glob from `cwd`, as the directories and files it names. */
/**
 * The files or directories a project entry names: a path, or a glob with the list's negated
 * entries (`'!packages/website/vitest.config.ts'`) as exclusions, as Vitest applies them. Links
 * are not followed, so a link loop cannot repeat the matches.
 */
function expand(entry: string, cwd: string, excluded: readonly string[] = []): string[] {
  const full = path.resolve(cwd, entry);
  if (existsSync(full)) return [full.replace(/[\\/]+$/, '')];
  try {
    return globbySync(entry, { cwd, absolute: true, onlyFiles: false, followSymbolicLinks: false, ignore: ['**/node_modules/**', ...excluded] }).map((match) => path.resolve(match));
  } catch {
    return [];
  }
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

function vitestConfig(root: string, args: readonly string[], files: FileReader, major: number | undefined): VitestConfig {
  const named = optionValues(args, ['--config', '-c']).at(-1);
  const file = named === undefined ? (firstExisting(root, CONFIG_FILES.vitest) ?? firstExisting(root, CONFIG_FILES.vite)) : path.resolve(root, named);
  const config = file ? files.read(file) : undefined;
  // The root's own isolation counts only when there are no projects: its assumption is noted then.
  const rootAssumptions: string[] = [];
  const own = vitestOfLiteral(file, config, root, args, major, (text) => rootAssumptions.push(text));
  const listed = valueAt(config, ['test', 'projects']);
  const workspaceFile = firstExisting(root, CONFIG_FILES.vitestWorkspace);
  const workspace = workspaceFile ? files.probe(workspaceFile) : undefined;
  const entries = Array.isArray(listed) ? listed : Array.isArray(workspace) ? workspace : undefined;
  if (listed !== undefined && !Array.isArray(listed) && isObject(valueAt(config, ['test']))) files.note(`${file ?? root}: \`test.projects\` is computed; the root config's settings are used for every file`);
  const projects = entries ? vitestProjects(entries, config, own, root, args, major, files) : undefined;
  if (!projects) for (const text of rootAssumptions) files.note(text);
  return { ...own, projects };
}

/** The settings of one Vitest config (the root's, or a project's as Vitest resolves it), `dir` being the directory of its file. */
function vitestOfLiteral(file: string | undefined, config: Literal | undefined, dir: string, args: readonly string[], major: number | undefined, assume: (note: string) => void): VitestConfig {
  const test = valueAt(config, ['test']);
  const rootValue = valueAt(test, ['root']) ?? valueAt(config, ['root']);
  const base = typeof rootValue === 'string' ? path.resolve(dir, rootValue) : dir;
  const isolate = isolatesOff(args) ? false : vitestIsolate(test);
  const assumption = isolate === false ? undefined : vitestIsolateAssumption(file ?? dir, test, isolate);
  if (assumption) assume(assumption);
  const settings = {
    restoreMocks: flag(valueAt(test, ['restoreMocks']), false),
    unstubGlobals: flag(valueAt(test, ['unstubGlobals']), false),
    unstubEnvs: flag(valueAt(test, ['unstubEnvs']), false),
    // Vitest resolves an entry as a package first, else as a path from the root.
    setupFiles: stringList(valueAt(test, ['setupFiles']), (entry) => resolveIfFile(base, entry, [''])),
  };
  if (config !== UNKNOWN) noteUnread(file ?? dir, settings, assume);
  const singleWorker = vitestSingleWorker(file ?? dir, test, major, assume);
  return { file, isolate, singleWorker, ...settings, selection: vitestSelection(test, base) };
}

/**
 * Vitest's projects (`test.projects`, or a Vitest 3 workspace file): an inline entry is a config of
 * its own, merged over the root config only with `extends: true`; a string is a directory (its
 * vitest.config.* or vite.config.*) or a config file, globbed. A computed entry is left out, with a note.
 */
function vitestProjects(
  entries: readonly Literal[],
  rootConfig: Literal | undefined,
  own: VitestConfig,
  root: string,
  args: readonly string[],
  major: number | undefined,
  files: FileReader,
): VitestConfig[] | undefined {
  const found: VitestConfig[] = [];
  // A negated entry excludes from the others; globbed on its own it would match every path.
  const excluded = entries.flatMap((entry) => (typeof entry === 'string' && entry.startsWith('!') ? [entry.slice(1)] : []));
  for (const entry of entries) {
    if (typeof entry === 'string' && entry.startsWith('!')) continue;
    if (isObject(entry)) {
      const extendsValue = valueAt(entry, ['extends']);
      // `extends: './vitest.config.base.ts'` names a config file: read like the root one (which it may be).
      const extended = typeof extendsValue === 'string' ? path.resolve(own.file ? path.dirname(own.file) : root, extendsValue) : undefined;
      const base = extended === undefined || extended === own.file ? rootConfig : existsSync(extended) ? files.read(extended) : undefined;
      const merged = extendsValue === true || (extended !== undefined && base !== undefined) ? mergedTest(base, entry) : entry;
      if (extended !== undefined && base === undefined) files.note(`${own.file ?? root}: a project's \`extends\` names '${String(extendsValue)}', which does not exist; not followed`);
      else if (extendsValue !== undefined && typeof extendsValue !== 'string' && typeof extendsValue !== 'boolean') files.note(`${own.file ?? root}: a project's \`extends\` is computed and not followed`);
      found.push(vitestOfLiteral(own.file, merged, root, args, major, (text) => files.note(text)));
    } else if (typeof entry === 'string') {
      const targets = expand(entry, root, excluded);
      if (targets.length === 0) files.note(`${own.file ?? root}: the project entry '${entry}' names no file or directory and is left out`);
      for (const target of targets) {
        const file = path.extname(target) ? target : (firstExisting(target, CONFIG_FILES.vitest) ?? firstExisting(target, CONFIG_FILES.vite));
        const project = vitestOfLiteral(file, file ? files.read(file) : undefined, file ? path.dirname(file) : target, args, major, (text) => files.note(text));
        found.push({ ...project, selection: unknownOnlyUnder(project.selection, file ? path.dirname(file) : target) });
      }
    } else {
      files.note(`${own.file ?? root}: a project entry is computed and left out`);
    }
  }
  // An empty list is no projects; a list none of whose entries could be read is noted.
  if (found.length === 0) {
    if (entries.length > 0) files.note(`${own.file ?? root}: no project entry could be read; the root config's settings are used for every file`);
    return undefined;
  }
  return found;
}

/** A project with `extends: true` (or naming a config file): that config's `test` options, overridden key by key by the project's. */
function mergedTest(rootConfig: Literal | undefined, project: Literal): Literal {
  const rootTest = valueAt(rootConfig, ['test']);
  const projectTest = valueAt(project, ['test']);
  if (!isObject(project)) return project;
  if (rootTest === UNKNOWN || projectTest === UNKNOWN) return { ...project, entries: new Map([...project.entries, ['test', UNKNOWN]]) };
  const entries = new Map([...(isObject(rootTest) ? rootTest.entries : []), ...(isObject(projectTest) ? projectTest.entries : [])]);
  entries.delete('projects');
  const test = { kind: 'object' as const, entries, open: (isObject(rootTest) && rootTest.open) || (isObject(projectTest) && projectTest.open) };
  return { ...project, entries: new Map([...project.entries, ['test', test]]) };
}

/** `--no-isolate`, `--isolate=false` or `--poolOptions.<pool>.isolate=false` (also with the value as the next word). */
function isolatesOff(args: readonly string[]): boolean {
  return args.some((arg, index) => {
    const option = /^--(?:poolOptions\.\w+\.)?isolate(?:=(.*))?$/.exec(arg);
    return arg === '--no-isolate' || (option !== null && (option[1] ?? args[index + 1]) === 'false');
  });
}

/**
 * What `--debug` says about a Vitest config that does not turn isolation off, when `isolate` is not
 * set or cannot be read: Vitest's default (`isolate: true`, each test file in its own module graph
 * and globals) is what the rules assume. Nothing when `isolate` is read as true.
 */
function vitestIsolateAssumption(where: string, test: Literal | undefined, isolate: Known<boolean>): string | undefined {
  // A project's name is a string, or `{ label, color }`.
  const name = valueAt(test, ['name']);
  const label = isObject(name) ? valueAt(name, ['label']) : name;
  const project = typeof label === 'string' ? ` (project '${label}')` : '';
  if (isolate === 'unknown') return `${where}${project}: Vitest isolate cannot be read (computed); Vitest's default (isolate: true) assumed`;
  const set = valueAt(test, ['isolate']) !== undefined || isObject(valueAt(test, ['poolOptions']));
  return set ? undefined : `${where}${project}: Vitest isolate not set; Vitest's default (isolate: true) assumed`;
}

/**
 * The major version of the Vitest that runs: the installed package's, else the first number of the
 * range package.json declares (`^3.2.4` is 3); undefined when neither can be read.
 */
function vitestMajor(root: string, pkg: Literal | undefined): number | undefined {
  const installed = installedPackageDirectory('vitest', root);
  if (installed !== undefined) {
    try {
      const version = (JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { version?: unknown }).version;
      const major = typeof version === 'string' ? /^(\d+)\./.exec(version)?.[1] : undefined;
      if (major !== undefined) return Number(major);
    } catch {
      // An unreadable manifest: fall back to the declared range.
    }
  }
  for (const field of ['devDependencies', 'dependencies']) {
    const range = valueAt(pkg, [field, 'vitest']);
    const major = typeof range === 'string' ? /^[\^~>=v\s]*(\d+)(?:[.\s]|$)/.exec(range)?.[1] : undefined;
    if (major !== undefined) return Number(major);
  }
  return undefined;
}

/**
 * Vitest 1-3 run every file in one worker with `poolOptions.threads.singleThread` under the
 * `threads` pool, or `poolOptions.forks.singleFork` under `forks` (the default pool of Vitest 2 and
 * 3; `threads` was Vitest 1's). Vitest 4 removed `poolOptions` and ignores them (its equivalent,
 * `maxWorkers: 1` with `isolate: false`, is read as `isolate: false`). Only a setting read as true,
 * for a Vitest version read, counts; `--debug` says why one that was read does not.
 */
function vitestSingleWorker(where: string, test: Literal | undefined, major: number | undefined, assume: (note: string) => void): false | 'singleThread' | 'singleFork' {
  const singleThread = valueAt(test, ['poolOptions', 'threads', 'singleThread']) === true;
  const singleFork = valueAt(test, ['poolOptions', 'forks', 'singleFork']) === true;
  if (!singleThread && !singleFork) return false;
  const option = singleThread ? 'poolOptions.threads.singleThread' : 'poolOptions.forks.singleFork';
  if (major === undefined) {
    assume(`${where}: \`${option}\` is set but the Vitest version cannot be read (Vitest 4 ignores it); files assumed to run in workers of their own`);
    return false;
  }
  if (major >= 4) {
    assume(`${where}: \`${option}\` is ignored by Vitest ${major} (\`poolOptions\` was removed in Vitest 4)`);
    return false;
  }
  const pool = valueAt(test, ['pool']);
  const runs = pool === undefined ? (major <= 1 ? 'threads' : 'forks') : pool;
  if (typeof runs !== 'string') {
    assume(`${where}: \`${option}\` is set but the pool cannot be read; files assumed to run in workers of their own`);
    return false;
  }
  const single = runs === 'threads' && singleThread ? 'singleThread' : runs === 'forks' && singleFork ? 'singleFork' : false;
  if (single) assume(`${where}: \`${option}\` under Vitest ${major} runs every file in one worker: its globals, process.env, core modules and packages reach later files`);
  return single;
}

/** `isolate: false` in `test` or in any pool's options (projects have a config of their own). */
function vitestIsolate(test: Literal | undefined): Known<boolean> {
  const candidates: (Literal | undefined)[] = [valueAt(test, ['isolate'])];
  const pools = valueAt(test, ['poolOptions']);
  if (isObject(pools)) for (const pool of pools.entries.values()) candidates.push(valueAt(pool, ['isolate']));
  if (candidates.some((value) => value === false)) return false;
  if (candidates.some((value) => value !== undefined && value !== true)) return 'unknown';
  return true;
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
  const settings = {
    require: merged(['--require', '-r'], 'require', (entry) => resolveIfFile(root, entry, ['', '.js'])),
    // `file` entries are paths, relative to the working directory with or without `./`.
    files: merged(['--file'], 'file', (entry) => path.resolve(root, entry)),
  };
  const source = file ?? (fromPackage === undefined ? undefined : path.join(root, 'package.json'));
  if (rc !== UNKNOWN) noteUnread(source ?? root, settings, (text) => files.note(text));
  return { file: source, ...settings, selection: mochaSelection(args, [rc, fromPackage], root) };
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
  /** Adds a note on something read that cannot be followed. */
  note(text: string): void;
  /** A file read otherwise (a webpack config) whose change makes the project read again. */
  watch(file: string): void;
  notes(): string[];
  /** Every file read or probed, for freshness. */
  paths(): string[];
}

function readerOfFiles(): FileReader {
  const read = new Map<string, { readonly value: Literal | undefined; readonly notes: readonly string[] }>();
  const used = new Set<string>();
  const extra: string[] = [];
  const watched = new Set<string>();
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
    note(text) {
      extra.push(text);
    },
    watch(file) {
      watched.add(file);
    },
    notes() {
      return [...[...used].flatMap((file) => read.get(file)?.notes ?? []), ...new Set(extra)];
    },
    paths() {
      return [...read.keys(), ...watched];
    },
  };
}

function readConfig(file: string, notes: string[]): Literal | undefined {
  const base = path.basename(file);
  if (base.endsWith('.json') || base.endsWith('.jsonc')) return readText(file, notes, (text) => fromJson(JSON.parse(stripJsonComments(text))));
  // js-yaml is the parser Mocha reads .mocharc.yml with: anchors, folded scalars and all.
  if (base.endsWith('.yml') || base.endsWith('.yaml')) return readText(file, notes, (text) => fromJson(loadYaml(text) ?? {}));
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
