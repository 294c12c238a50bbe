/**
 * What does `npm test` run? The package's `test` script, with `npm run x` (and `yarn x`, `pnpm x`,
 * `bun run x`) replaced by script `x` (up to `MAX_DEPTH` scripts deep, never around a cycle), split
 * into commands. npm runs a script's `pre` script before it (`pretest`, `pretest:unit`): those
 * commands come first. npm-run-all's `run-s`/`run-p`/`npm-run-all` run the scripts they name or
 * match (`test-node:*`), each with its `pre` script; for each command that starts a test runner, which runner and the words after its
 * name. The shell syntax is read by shell-quote: commands split at its operators (`&&`, `||`, `;`,
 * `|`, `&`, parentheses), quoted words kept whole (`--grep 'unit|integration'`), redirections
 * (`2>&1`, `> out.txt`) dropped with their target, variables left as written (`$CI`).
 */
import { parse as parseShell } from 'shell-quote';
import type { RunnerId } from './runner-defaults.js';

/** One run of a test runner: `mocha -r ts-node/register` is Mocha with `['-r', 'ts-node/register']`. */
export interface RunnerCommand {
  readonly runner: RunnerId;
  readonly args: readonly string[];
  /** A tool that runs the runner with options of its own (borp runs node:test): set only then. */
  readonly tool?: 'borp';
}

/** Executables that are a runner by name, path or not (`./node_modules/.bin/jest`). */
const RUNNER_NAMES: Readonly<Record<string, RunnerId>> = {
  jest: 'jest',
  vitest: 'vitest',
  mocha: 'mocha',
  _mocha: 'mocha',
  'ts-mocha': 'mocha',
  ava: 'ava',
  jasmine: 'jasmine',
};

/** Package managers, and the word before a script name when they run one (`yarn x` needs none). */
const SCRIPT_RUNNERS: Readonly<Record<string, { readonly verbs: readonly string[]; readonly bare: boolean }>> = {
  npm: { verbs: ['run', 'run-script'], bare: false },
  yarn: { verbs: ['run'], bare: true },
  pnpm: { verbs: ['run'], bare: true },
  bun: { verbs: ['run'], bare: false },
};

/** How many scripts deep `npm run x` is followed: undici's `test` reaches some of its runners five scripts down. */
const MAX_DEPTH = 6;

/** The runner commands of the `test` script, given the package's scripts. */
export function runnerCommandsOf(scripts: ReadonlyMap<string, string>): RunnerCommand[] {
  return testCommandsOf(scripts).flatMap((words) => {
    const command = runnerCommand(words);
    return command ? [command] : [];
  });
}

/** Every command `npm test` runs, in order, as words: builds before the runner included. */
export function testCommandsOf(scripts: ReadonlyMap<string, string>): string[][] {
  const test = scripts.get('test');
  if (test === undefined) return [];
  const expand = (script: string, visiting: ReadonlySet<string>): string[][] =>
    commandsOf(script).flatMap((words) => {
      const called = visiting.size < MAX_DEPTH ? (scriptsRunBy(words, scripts, visiting) ?? optional(calledScript(words, scripts, visiting))) : undefined;
      if (!called) return [words];
      return called.flatMap((one) => {
        const inside = new Set([...visiting, one.name]);
        return [...(one.pre === undefined ? [] : expand(one.pre, inside)), ...expand(one.script, inside)];
      });
    });
  const pretest = scripts.get('pretest');
  return [...(pretest === undefined ? [] : expand(pretest, new Set(['test', 'pretest']))), ...expand(test, new Set(['test']))];
}

/** The words after the first word whose last path segment is one of `names` (`./node_modules/.bin/webpack`). */
export function argumentsAfter(words: readonly string[], names: readonly string[]): string[] | undefined {
  const index = words.findIndex((word) => names.includes(word.split('/').at(-1) ?? word));
  return index < 0 ? undefined : words.slice(index + 1);
}

/** The values given to an option in any of its spellings: `-r a --require b --require=c` → a, b, c. */
export function optionValues(args: readonly string[], names: readonly string[]): string[] {
  const values: string[] = [];
  args.forEach((arg, index) => {
    const next = args[index + 1];
    if (names.includes(arg) && next !== undefined) values.push(next);
    for (const name of names) if (arg.startsWith(`${name}=`)) values.push(arg.slice(name.length + 1));
  });
  return values;
}

/** Shell operators that redirect: the word after them is a file, not an argument. */
const REDIRECTIONS: ReadonlySet<string> = new Set(['>', '>>', '<', '>&', '<&', '&>', '&>>', '<<<', '>|']);

/** The script's commands as words. A script shell-quote cannot read has none. */
function commandsOf(script: string): string[][] {
  let entries: ReturnType<typeof parseShell>;
  try {
    entries = parseShell(script, (name) => `$${name}`);
  } catch {
    return [];
  }
  const commands: string[][] = [[]];
  let skipNext = false;
  for (const entry of entries) {
    const current = commands.at(-1) as string[];
    if (typeof entry === 'string') {
      if (!skipNext) current.push(entry);
      skipNext = false;
    } else if ('op' in entry && entry.op === 'glob') {
      if (!skipNext) current.push(entry.pattern);
      skipNext = false;
    } else if ('op' in entry && REDIRECTIONS.has(entry.op)) {
      // `2>&1`: the file descriptor before the operator and the target after it are no arguments.
      if (/^\d$/.test(current.at(-1) ?? '')) current.pop();
      skipNext = true;
    } else if ('op' in entry) {
      commands.push([]);
    }
  }
  // `NODE_ENV=test jest`: variable assignments before the command are not the command.
  return commands.map((words) => words.slice(Math.max(0, words.findIndex((word) => !/^[A-Za-z_]\w*=/.test(word))))).filter((words) => words.length > 0 && !/^[A-Za-z_]\w*=/.test(words[0] ?? ''));
}

function optional<T>(value: T | undefined): T[] | undefined {
  return value === undefined ? undefined : [value];
}

/** npm-run-all's commands: `run-s lint test:*`, `run-p`, `npm-run-all -s a -p b`. */
const RUN_ALL = new Set(['run-s', 'run-p', 'npm-run-all', 'npm-run-all2']);
/** Their options that take a value: the word after them is no script. */
const RUN_ALL_VALUE_OPTIONS = new Set(['--npm-path', '--max-parallel']);

/**
 * The scripts an npm-run-all command runs, in order: each name, and each pattern (`test-node:*`,
 * `*` within one `:`-separated segment, `**` across segments) as the scripts it matches in the order
 * package.json lists them. npm-run-all runs each through `npm run`, so its `pre` script first.
 */
function scriptsRunBy(words: readonly string[], scripts: ReadonlyMap<string, string>, visiting: ReadonlySet<string>): { name: string; script: string; pre: string | undefined }[] | undefined {
  const [tool, ...rest] = words;
  if (tool === undefined || !RUN_ALL.has(tool.split('/').at(-1) ?? tool)) return undefined;
  const names: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    if (word === '--') break;
    if (RUN_ALL_VALUE_OPTIONS.has(word)) i++;
    else if (!word.startsWith('-')) names.push(word);
  }
  return names.flatMap((pattern) => {
    const matching = /[*?]/.test(pattern) ? [...scripts.keys()].filter((name) => scriptPattern(pattern).test(name)) : [pattern];
    return matching.flatMap((name) => {
      const script = visiting.has(name) ? undefined : scripts.get(name);
      const pre = visiting.has(`pre${name}`) ? undefined : scripts.get(`pre${name}`);
      return script === undefined ? [] : [{ name, script, pre }];
    });
  });
}

function scriptPattern(pattern: string): RegExp {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^:]*').replace(/\?/g, '[^:]').replace(/\u0000/g, '.*');
  return new RegExp(`^${source}$`);
}

/** The script a package-manager command runs, with the arguments it passes on appended. */
function calledScript(words: readonly string[], scripts: ReadonlyMap<string, string>, visiting: ReadonlySet<string>): { name: string; script: string; pre: string | undefined } | undefined {
  const [tool, ...rest] = words;
  const manager = tool === undefined ? undefined : SCRIPT_RUNNERS[tool];
  if (!manager) return undefined;
  const verb = rest[0] !== undefined && manager.verbs.includes(rest[0]);
  if (!verb && !manager.bare) return undefined;
  const afterVerb = verb ? rest.slice(1) : rest;
  const nameAt = afterVerb.findIndex((word) => !word.startsWith('-'));
  const name = afterVerb[nameAt];
  const script = name === undefined || visiting.has(name) ? undefined : scripts.get(name);
  if (name === undefined || script === undefined) return undefined;
  const after = afterVerb.slice(nameAt + 1);
  // npm passes on only what follows `--`; yarn, pnpm and bun pass on everything after the name.
  const passed = tool === 'npm' ? (after.includes('--') ? after.slice(after.indexOf('--') + 1) : []) : after[0] === '--' ? after.slice(1) : after;
  // npm runs `prex` before `x`; yarn 2+ and pnpm 7+ do not by default, and yarn 1 is not told apart.
  const pre = tool === 'npm' && !visiting.has(`pre${name}`) ? scripts.get(`pre${name}`) : undefined;
  return { name, script: [script, ...passed.map(quoted)].join(' '), pre };
}

function quoted(word: string): string {
  return /[^\w@%+=:,./-]/.test(word) ? `'${word.replaceAll("'", `'\\''`)}'` : word;
}

function runnerCommand(words: readonly string[]): RunnerCommand | undefined {
  for (const [index, word] of words.entries()) {
    // A runner's own bin file run by node: `node ./node_modules/mocha/bin/mocha.js`, mocha's `bin/mocha.js`.
    const base = word.split('/').at(-1) ?? word;
    const name = /(?:^|\/)bin\/[^/]+\.[cm]?js$/.test(word) ? base.replace(/\.[cm]?js$/, '') : base;
    const rest = words.slice(index + 1);
    if (Object.hasOwn(RUNNER_NAMES, name)) return { runner: RUNNER_NAMES[name] as RunnerId, args: rest };
    // borp runs node:test, each file in its own process (undici, fastify).
    if (name === 'borp') return { runner: 'node-test', args: rest, tool: 'borp' };
    if ((name === 'node' || name === 'tsx') && rest.includes('--test')) return { runner: 'node-test', args: rest };
    if (name === 'bun' && rest[0] === 'test') return { runner: 'bun', args: rest.slice(1) };
  }
  return undefined;
}
