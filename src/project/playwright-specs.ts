/**
 * Which Playwright specs does the test script run? A Playwright spec is a file that imports
 * `@playwright/test` (or `playwright/test`), or one that the nearest `playwright.config.*` above it
 * selects (its literal `testDir`, default the config's directory, and `testMatch`, default
 * `**\/*.@(spec|test).?(c|m)[jt]s?(x)`; `testIgnore` left out). Only Playwright runs it: another
 * runner's patterns may match its name, but the test script runs it only where it reaches a
 * `playwright test` run over it. The runs reached are those of the working directory's `test`
 * script (with the scripts it runs, test-script.ts) and, where that script runs the workspaces'
 * scripts (`npm test --workspaces`, `pnpm -r test`, `yarn workspaces run test`, `lerna run test`,
 * `nx run-many -t test`, `turbo run test`), those of each workspace package's script of that name
 * that the command reaches (workspace-reach.ts). A run covers the files under its
 * config's directory (`-c`/`--config`, else the package's `playwright.config.*`).
 *
 * Playwright runs each file in a worker process that it reuses for the next files (and replaces
 * after a failure; `fullyParallel` spreads one file's tests over workers, each reused as well), so
 * a kept spec's files share a process, as the analysis assumes for a runner it does not know.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { exportedLiteral, isObject, valueAt, type Literal } from './literal.js';
import { argumentsAfter, optionValues, testCommandsOf } from './test-script.js';
import { packageScriptsAt, workspaceRunsOf } from './workspace-reach.js';

const CONFIG_NAMES = ['playwright.config.ts', 'playwright.config.js', 'playwright.config.mts', 'playwright.config.mjs', 'playwright.config.cts', 'playwright.config.cjs'];
const DEFAULT_TEST_MATCH = '**/*.@(spec|test).?(c|m)[jt]s?(x)';
const PLAYWRIGHT_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](?:@playwright\/test|playwright\/test)['"]/;

/** The directories whose files a reached `playwright test` run covers (its config's directory). */
export function playwrightRunsFrom(root: string): string[] {
  const runs: string[] = [];
  const visit = (dir: string, script: string): string[][] => {
    const scripts = packageScriptsAt(dir);
    const body = scripts.get(script);
    if (body === undefined) return [];
    const commands = testCommandsOf(new Map([...scripts, ['test', body]]));
    for (const words of commands) {
      const args = argumentsAfter(words, ['playwright']);
      if (args?.[0] === 'test') {
        const named = optionValues(args, ['-c', '--config']).at(-1);
        const config = named === undefined ? CONFIG_NAMES.map((name) => path.join(dir, name)).find((file) => existsSync(file)) : path.resolve(dir, named);
        runs.push(config ? path.dirname(config) : dir);
      }
    }
    return commands;
  };
  for (const run of workspaceRunsOf(visit(root, 'test'), root)) {
    for (const workspace of run.packages) if (workspace.reached) visit(workspace.dir, run.script);
  }
  return [...new Set(runs)];
}

/** Is `file` a Playwright spec: it imports Playwright's test module, or the nearest Playwright config at or below `top` selects it? */
export function isPlaywrightSpec(file: string, top: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  if (PLAYWRIGHT_IMPORT.test(text)) return true;
  const config = nearestConfig(path.dirname(file), top);
  return config !== undefined && configSelects(config, file);
}

/** Is `file` under one of the run directories? */
export function coveredByRun(file: string, runs: readonly string[]): boolean {
  return runs.some((dir) => file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep));
}

function nearestConfig(start: string, top: string): string | undefined {
  for (let dir = start; dir.startsWith(top); dir = path.dirname(dir)) {
    const found = CONFIG_NAMES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
    if (found) return found;
    if (dir === top || path.dirname(dir) === dir) return undefined;
  }
  return undefined;
}

const selectionOf = new Map<string, ((file: string) => boolean) | undefined>();

/** The config's literal `testDir` and `testMatch` (a string or a list of strings); a config they cannot be read from selects by import only. */
function configSelects(config: string, file: string): boolean {
  if (!selectionOf.has(config)) selectionOf.set(config, readSelection(config));
  return selectionOf.get(config)?.(file) ?? false;
}

function readSelection(config: string): ((file: string) => boolean) | undefined {
  let literal: Literal;
  try {
    literal = exportedLiteral(readFileSync(config, 'utf8'), config);
  } catch {
    return undefined;
  }
  if (!isObject(literal)) return undefined;
  const testDir = valueAt(literal, ['testDir']);
  const testMatch = valueAt(literal, ['testMatch']);
  if ((testDir !== undefined && typeof testDir !== 'string') || isObject(valueAt(literal, ['projects'])) || Array.isArray(valueAt(literal, ['projects']))) return undefined;
  const patterns = testMatch === undefined ? [DEFAULT_TEST_MATCH] : typeof testMatch === 'string' ? [testMatch] : Array.isArray(testMatch) && testMatch.every((entry) => typeof entry === 'string') ? (testMatch as string[]) : undefined;
  if (!patterns) return undefined;
  const base = path.resolve(path.dirname(config), testDir ?? '.');
  const prefix = base.endsWith(path.sep) ? base : base + path.sep;
  // A pattern that does not start with `**/` is matched at any depth below testDir, as Playwright matches a relative glob.
  const matches = picomatch(patterns.map((pattern) => (pattern.startsWith('**/') || pattern.startsWith('/') ? pattern : `**/${pattern}`)), { dot: true });
  return (file) => file.startsWith(prefix) && !file.includes(`${path.sep}node_modules${path.sep}`) && matches(file.slice(prefix.length).split(path.sep).join('/'));
}
