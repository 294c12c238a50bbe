/**
 * Which workspace packages does a test script run the scripts of? A monorepo root's `test` may run
 * a script of every workspace package through a workspace tool: `npm test --workspaces`, `pnpm -r
 * test`, `yarn workspaces run test` (or `foreach ... run test`), `lerna run test`, `nx run-many -t
 * test` (or `nx affected`), `turbo run test`. Each runs the script of that name in each package that
 * has one, less those its filter leaves out when the filter names packages by name: nx's
 * `--exclude` and `-p`/`--projects`, lerna's `--scope` and `--ignore`, pnpm's and turbo's
 * `--filter` (`-F`) with a plain name or name glob, npm's `--workspace`. A filter of another form
 * (a path, a git range, a dependency graph selector) is not read: every package with the script
 * is taken as reached. The packages are those of package.json `workspaces` (a list, or `packages`
 * of an object) and pnpm-workspace.yaml `packages`; a package's name is its package.json `name`.
 */
import { globbySync } from 'globby';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { load as loadYaml } from 'js-yaml';
import { fromJson, isObject, UNKNOWN, valueAt, type Literal } from './literal.js';
import { optionValues } from './test-script.js';

export interface WorkspaceRun {
  /** The script run in each package. */
  readonly script: string;
  /** Every workspace package, and whether the command runs its script (it has one and no filter leaves it out). */
  readonly packages: readonly { readonly dir: string; readonly name: string | undefined; readonly reached: boolean }[];
}

/** Options of the tools that take a value: the word after them is no script name. */
const VALUE_OPTIONS = new Set(['-t', '--target', '--targets', '-p', '--projects', '--exclude', '--scope', '--ignore', '--filter', '-F', '--concurrency', '-w', '--workspace', '--since', '--from', '--to']);

/** The script a command runs in the workspace packages and which packages it reaches, or undefined when it runs none. */
export function workspaceRunOf(words: readonly string[], root: string): WorkspaceRun | undefined {
  const found = scriptAndFilter(words);
  if (!found) return undefined;
  const packages = workspacesOf(root).map((dir) => {
    const pkg = readJson(path.join(dir, 'package.json'));
    const name = valueAt(pkg, ['name']);
    const scripts = valueAt(pkg, ['scripts']);
    const hasScript = isObject(scripts) && typeof valueAt(scripts, [found.script]) === 'string';
    const packageName = typeof name === 'string' ? name : undefined;
    return { dir, name: packageName, reached: hasScript && found.keeps(packageName) };
  });
  return { script: found.script, packages };
}

/** The workspace scripts the test script's commands reach, each command's reach. */
export function workspaceRunsOf(commands: readonly (readonly string[])[], root: string): WorkspaceRun[] {
  return commands.flatMap((words) => workspaceRunOf(words, root) ?? []);
}

interface ScriptAndFilter {
  readonly script: string;
  /** Does the filter keep a package of this name? */
  readonly keeps: (name: string | undefined) => boolean;
}

function scriptAndFilter(words: readonly string[]): ScriptAndFilter | undefined {
  const [tool = '', ...rest] = words;
  const name = tool.split('/').at(-1) ?? tool;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] as string;
    if (word === '--') break;
    if (VALUE_OPTIONS.has(word)) i++;
    else if (!word.startsWith('-')) positional.push(word);
  }
  const filter = (include: readonly string[], exclude: readonly string[]): ScriptAndFilter['keeps'] => {
    const readable = (pattern: string) => /^[@\w][\w@/.*{},-]*$/.test(pattern);
    if (![...include, ...exclude].every(readable)) return () => true;
    const included = include.length > 0 ? picomatch([...include]) : () => true;
    const excluded = exclude.length > 0 ? picomatch([...exclude]) : () => false;
    return (packageName) => packageName === undefined || (included(packageName) && !excluded(packageName));
  };
  const script = (value: string | undefined, keeps: ScriptAndFilter['keeps'] = () => true) => (value === undefined ? undefined : { script: value, keeps });
  if (name === 'nx' && (positional[0] === 'run-many' || positional[0] === 'affected')) {
    const target = optionValues(rest, ['-t', '--target', '--targets'])[0]?.split(',')[0];
    return script(target, filter(listOf(optionValues(rest, ['-p', '--projects'])), listOf(optionValues(rest, ['--exclude']))));
  }
  if (name === 'lerna' && positional[0] === 'run') return script(positional[1], filter(optionValues(rest, ['--scope']), optionValues(rest, ['--ignore'])));
  const filtered = () => filter(optionValues(rest, ['--filter', '-F']).filter((f) => !f.startsWith('!')), optionValues(rest, ['--filter', '-F']).flatMap((f) => (f.startsWith('!') ? [f.slice(1)] : [])));
  if (name === 'turbo') return script(positional[0] === 'run' ? positional[1] : positional[0], filtered());
  if (name === 'pnpm' && rest.some((word) => word === '-r' || word === '--recursive' || word === '--filter' || word === '-F')) return script(positional[0] === 'run' ? positional[1] : positional[0], filtered());
  if (name === 'yarn' && positional[0] === 'workspaces' && positional.includes('run')) return script(positional[positional.indexOf('run') + 1]);
  if (name === 'npm' && rest.some((word) => word === '-ws' || word === '--workspaces' || word === '-w' || word === '--workspace')) {
    const named = optionValues(rest, ['-w', '--workspace']);
    const verb = positional[0] === 'run' || positional[0] === 'run-script';
    return script(verb ? positional[1] : positional[0], rest.some((word) => word === '-ws' || word === '--workspaces') ? () => true : filter(named, []));
  }
  return undefined;
}

/** nx's comma-separated lists, a comma inside braces (`@scope/{a,b}`) being part of the pattern. */
function listOf(values: readonly string[]): string[] {
  return values.flatMap((value) => {
    const parts: string[] = [];
    let depth = 0;
    let current = '';
    for (const char of value) {
      if (char === '{') depth++;
      if (char === '}') depth--;
      if (char === ',' && depth === 0) {
        parts.push(current);
        current = '';
      } else current += char;
    }
    return [...parts, current].map((part) => part.trim()).filter(Boolean);
  });
}

/** The workspace package directories: package.json `workspaces` (a list, or `packages` of an object) and pnpm-workspace.yaml `packages`. */
export function workspacesOf(root: string): string[] {
  const patterns: string[] = [];
  const workspaces = valueAt(readJson(path.join(root, 'package.json')), ['workspaces']);
  const list = Array.isArray(workspaces) ? workspaces : valueAt(workspaces, ['packages']);
  if (Array.isArray(list)) patterns.push(...list.filter((entry): entry is string => typeof entry === 'string'));
  try {
    const packages = valueAt(fromJson(loadYaml(readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8')) ?? {}), ['packages']);
    if (Array.isArray(packages)) patterns.push(...packages.filter((entry): entry is string => typeof entry === 'string'));
  } catch {
    // No pnpm workspace.
  }
  if (patterns.length === 0) return [];
  try {
    // A pattern naming a directory is that directory, not its tree.
    return globbySync(patterns.map((pattern) => pattern.replace(/\/+$/, '')), { cwd: root, onlyDirectories: true, expandDirectories: false, absolute: true, followSymbolicLinks: false, ignore: ['**/node_modules/**'] })
      .map((dir) => path.resolve(dir))
      .filter((dir) => existsSync(path.join(dir, 'package.json')));
  } catch {
    return [];
  }
}

/** The package's scripts that are strings. */
export function packageScriptsAt(dir: string): ReadonlyMap<string, string> {
  const scripts = valueAt(readJson(path.join(dir, 'package.json')), ['scripts']);
  if (!isObject(scripts)) return new Map();
  return new Map([...scripts.entries].flatMap(([name, script]) => (typeof script === 'string' ? [[name, script] as const] : [])));
}

function readJson(file: string): Literal | undefined {
  try {
    return fromJson(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return UNKNOWN;
  }
}
