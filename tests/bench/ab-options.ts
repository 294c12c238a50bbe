/**
 * `npm run bench -- ...`: which comparison to run. With no option, the fixtures bench. With
 * `--ab <dir>`, a same-process A/B on the test files the command selects in `<dir>`: parse-only
 * ESLint against ESLint with the recommended config (of this build, or of `--plugin-a` and
 * `--plugin-b`, two builds compared with each other), in `--rounds` alternating rounds.
 */
export interface BenchOptions {
  /** The project whose test files are linted; undefined: the fixtures bench. */
  readonly dir: string | undefined;
  readonly rounds: number;
  /** Builds of the plugin (a package root or its `dist` directory); none: this build. */
  readonly plugins: readonly string[];
}

/** Fewer alternating rounds than this swing too much to compare two builds (issue 17: 3 rounds moved by 0.15). */
export const MIN_ROUNDS = 7;

export class BenchUsageError extends Error {}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let dir: string | undefined;
  let rounds = MIN_ROUNDS;
  const plugins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new BenchUsageError(`${arg} needs a value`);
      return next;
    };
    if (arg === '--ab') dir = value();
    else if (arg === '--rounds') {
      const text = value();
      rounds = Number(text);
      if (!Number.isInteger(rounds) || rounds < MIN_ROUNDS) throw new BenchUsageError(`--rounds must be a whole number of at least ${MIN_ROUNDS}, not ${text}`);
    } else if (arg === '--plugin-a' || arg === '--plugin-b') {
      plugins[arg === '--plugin-a' ? 0 : 1] = value();
    } else throw new BenchUsageError(`unknown option ${arg}`);
  }
  if (plugins.length > 0 && (plugins[0] === undefined || plugins[1] === undefined)) throw new BenchUsageError('--plugin-a and --plugin-b go together');
  if (plugins.length > 0 && dir === undefined) throw new BenchUsageError('--plugin-a and --plugin-b need --ab <dir>');
  return { dir, rounds, plugins };
}

/** The middle value; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}
