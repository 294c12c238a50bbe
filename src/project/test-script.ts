/**
 * What does `npm test` run? The package's `test` script, with `npm run x` (and `yarn x`, `pnpm x`,
 * `bun run x`) replaced by script `x` one level deep, split into commands; for each command that
 * starts a test runner, which runner and the words after its name. Shell syntax is read loosely:
 * commands split on `&&`, `||`, `;`, `|` and `&`, words on blanks, quotes stripped.
 */
import type { RunnerId } from './runner-config.js';

/** One run of a test runner: `mocha -r ts-node/register` is Mocha with `['-r', 'ts-node/register']`. */
export interface RunnerCommand {
  readonly runner: RunnerId;
  readonly args: readonly string[];
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

/** The runner commands of the `test` script, given the package's scripts. */
export function runnerCommandsOf(scripts: ReadonlyMap<string, string>): RunnerCommand[] {
  const test = scripts.get('test');
  if (test === undefined) return [];
  return commandsOf(test)
    .flatMap((words) => {
      const called = calledScript(words, scripts);
      return called ? commandsOf(called) : [words];
    })
    .flatMap((words) => {
      const command = runnerCommand(words);
      return command ? [command] : [];
    });
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

function commandsOf(script: string): string[][] {
  // `2>&1` is a redirection, not a background `&`.
  return script
    .split(/&&|\|\||;|\||(?<![<>&])&(?![>&])/)
    .map(wordsOf)
    .filter((words) => words.length > 0);
}

/** Words split on blanks outside quotes, quotes removed: `--require="./a b"` is one word. */
function wordsOf(command: string): string[] {
  return (command.match(/(?:"[^"]*"|'[^']*'|[^\s"'])+/g) ?? [])
    .map((word) => word.replace(/^\(+|\)+$/g, '').replace(/"([^"]*)"|'([^']*)'/g, (_, double?: string, single?: string) => double ?? single ?? ''))
    .filter((word) => word !== '');
}

/** The script a package-manager command runs, with the arguments it passes on appended. */
function calledScript(words: readonly string[], scripts: ReadonlyMap<string, string>): string | undefined {
  const [tool, ...rest] = words;
  const manager = tool === undefined ? undefined : SCRIPT_RUNNERS[tool];
  if (!manager) return undefined;
  const verb = rest[0] !== undefined && manager.verbs.includes(rest[0]);
  if (!verb && !manager.bare) return undefined;
  const afterVerb = verb ? rest.slice(1) : rest;
  const nameAt = afterVerb.findIndex((word) => !word.startsWith('-'));
  const name = afterVerb[nameAt];
  const script = name === undefined || name === 'test' ? undefined : scripts.get(name);
  if (script === undefined) return undefined;
  const after = afterVerb.slice(nameAt + 1);
  // npm passes on only what follows `--`; yarn, pnpm and bun pass on everything after the name.
  const passed = tool === 'npm' ? (after.includes('--') ? after.slice(after.indexOf('--') + 1) : []) : after[0] === '--' ? after.slice(1) : after;
  return [script, ...passed.map(quoted)].join(' ');
}

function quoted(word: string): string {
  return /[\s"'&|;]/.test(word) ? `'${word}'` : word;
}

function runnerCommand(words: readonly string[]): RunnerCommand | undefined {
  for (const [index, word] of words.entries()) {
    const name = word.split('/').at(-1) ?? word;
    const rest = words.slice(index + 1);
    if (Object.hasOwn(RUNNER_NAMES, name)) return { runner: RUNNER_NAMES[name] as RunnerId, args: rest };
    if ((name === 'node' || name === 'tsx') && rest.includes('--test')) return { runner: 'node-test', args: rest };
    if (name === 'bun' && rest[0] === 'test') return { runner: 'bun', args: rest.slice(1) };
  }
  return undefined;
}
