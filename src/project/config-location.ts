/**
 * Where is the configuration the runner uses for a file? The runner starts in a project root and
 * reads the config files there, which is not always the nearest package.json: in a monorepo, a
 * package whose own package.json names no runner is run by the root's `jest.config.*`,
 * `vitest.config.*`, workspace file or `.mocharc.*`. So the search walks up from the file to the
 * nearest directory that declares a runner by itself (a runner config file, a `jest` or `mocha`
 * key in package.json, or a test script that starts a runner), stopping at the repository root
 * (the directory holding `.git`). When none does, the nearest package.json is the root, as before,
 * and its dependencies name the runners. Cached per directory, checked for freshness (freshness.ts).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { stampOf, type Stamp } from './freshness.js';
import { runnerCommandsOf } from './test-script.js';

/** Config file names in the order each runner looks for them (Jest 30, Vitest 4, Mocha 12). */
export const CONFIG_FILES = {
  jest: ['jest.config.js', 'jest.config.ts', 'jest.config.mjs', 'jest.config.mts', 'jest.config.cjs', 'jest.config.cts', 'jest.config.json'],
  vitest: ['vitest.config.ts', 'vitest.config.mts', 'vitest.config.cts', 'vitest.config.js', 'vitest.config.mjs', 'vitest.config.cjs'],
  vite: ['vite.config.ts', 'vite.config.mts', 'vite.config.cts', 'vite.config.js', 'vite.config.mjs', 'vite.config.cjs'],
  /** Vitest 3 only; Vitest 4 reads `test.projects` instead. */
  vitestWorkspace: ['vitest.workspace.ts', 'vitest.workspace.mts', 'vitest.workspace.cts', 'vitest.workspace.js', 'vitest.workspace.mjs', 'vitest.workspace.cjs', 'vitest.workspace.json'],
  mocha: ['.mocharc.cjs', '.mocharc.js', '.mocharc.mjs', '.mocharc.yaml', '.mocharc.yml', '.mocharc.jsonc', '.mocharc.json'],
} as const;

/** Files whose presence alone says a runner starts in their directory (a vite.config.* may be an app's). */
const DECLARING_FILES: readonly string[] = [...CONFIG_FILES.jest, ...CONFIG_FILES.vitest, ...CONFIG_FILES.vitestWorkspace, ...CONFIG_FILES.mocha];

export interface RunnerRoot {
  /** The directory the runner starts in, undefined when there is no package.json or runner config up to the repository root. */
  readonly root: string | undefined;
  /** The directories looked into and the package.json files read: what the answer depends on. */
  readonly looked: readonly string[];
  /** True when the root declares a runner by itself (not only through its dependencies). */
  readonly declared: boolean;
}

const cache = new Map<string, { readonly found: RunnerRoot; readonly stamp: Stamp }>();

/** The project root whose runner config governs the files of `dir` (absolute). */
export function runnerRootOf(dir: string): RunnerRoot {
  const cached = cache.get(dir);
  if (cached?.stamp.isFresh()) return cached.found;
  const found = search(dir);
  cache.set(dir, { found, stamp: stampOf(found.looked) });
  return found;
}

export function clearConfigLocationCache(): void {
  cache.clear();
}

/**
 * One directory's answer, from its parent's: each directory is looked into once (one `readdir`,
 * not a lookup per config name), however many directories below it hold test files.
 */
function search(dir: string): RunnerRoot {
  const names = namesIn(dir);
  const has = (name: string) => names.has(name) && existsSync(path.join(dir, name));
  const pkg = path.join(dir, 'package.json');
  const hasPackage = has('package.json');
  const looked = hasPackage ? [dir, pkg] : [dir];
  if ((hasPackage && packageDeclaresRunner(pkg)) || DECLARING_FILES.some(has)) return { root: dir, looked, declared: true };
  const parent = path.dirname(dir);
  if (has('.git') || parent === dir) return { root: hasPackage ? dir : undefined, looked, declared: false };
  const above = runnerRootOf(parent);
  const root = above.declared || !hasPackage ? above.root : dir;
  return { root, looked: [...looked, ...above.looked], declared: above.declared };
}

function namesIn(dir: string): ReadonlySet<string> {
  try {
    return new Set(readdirSync(dir));
  } catch {
    return new Set();
  }
}

/**
 * A `jest` or `mocha` key, or a test script that starts a runner, or a test script of its own that
 * starts something else (`vscode-test`), or another script that starts a runner (`test:unit`, run
 * by the monorepo root with `npm run test:unit -w pkg`): the package's tests are run from there, by a runner the
 * model may not know. npm's placeholder (`echo "Error: no test specified" && exit 1`) is no script.
 */
function packageDeclaresRunner(file: string): boolean {
  let pkg: unknown;
  try {
    pkg = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (typeof pkg !== 'object' || pkg === null) return false;
  const { jest, mocha, scripts } = pkg as { jest?: unknown; mocha?: unknown; scripts?: unknown };
  if (jest !== undefined || mocha !== undefined) return true;
  if (typeof scripts !== 'object' || scripts === null) return false;
  const strings = Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  const test = strings.find(([name]) => name === 'test')?.[1]?.trim();
  if (runnerCommandsOf(new Map(strings)).length > 0 || (test !== undefined && test !== '' && !/^echo\b/.test(test))) return true;
  // A workspace package whose tests the root runs through another script (`npm run test:unit -w pkg`):
  // any script of its own that starts a runner makes it the runner's root.
  return strings.some(([, script]) => runnerCommandsOf(new Map([...strings, ['test', script]])).length > 0);
}
