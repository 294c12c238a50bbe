/**
 * What the user asked the command for: paths, output format, config, warning budget. A bad flag or
 * value is a `UsageError`, reported on one line with exit code 2.
 */
import { parseArgs } from 'node:util';

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface Options {
  readonly paths: readonly string[];
  readonly format: Format;
  /** An ESLint config file to use instead of the built-in one. */
  readonly config: string | undefined;
  /** Globs (relative to the working directory) of files not to check. */
  readonly ignorePatterns: readonly string[];
  /** With `--config`, report every rule's findings, not only this plugin's. */
  readonly allRules: boolean;
  /** Exit 1 when there are more warnings than this (errors always fail). */
  readonly maxWarnings: number | undefined;
  /** Print to stderr how the files were chosen and what the project configs could not be read for. */
  readonly debug: boolean;
  /** Print the files that would be checked, one per line, and check none. */
  readonly listFiles: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: patch-leak [options] [paths or globs...]

Finds leaked monkeypatches in test files: writes to imported modules and globals, and spies,
stubs and stubbed globals, that are never restored.

With no paths, checks the files the project's test runners run (read from their configs and the
test script), else the usual test files at any depth (*.test.*, *.spec.*, *Spec.*, __tests__/,
test/, tests/, spec/), honouring .gitignore. Files given by name are checked if they are test
files and skipped otherwise, so a pre-commit hook can pass every staged file. A glob or directory
without any test file is an error.

Options:
  -f, --format <name>      stylish (default), json, sarif or github
  -c, --config <file>      use this ESLint config instead of the built-in recommended one
      --all-rules          with --config, also report the findings of the config's other rules
      --ignore-pattern <g> do not check files matching this glob (repeatable)
      --max-warnings <n>   exit 1 when there are more than n warnings
      --debug              print how the files were chosen and what the runner configs could not be read for
      --list-files         print the files that would be checked, one per line, and check none
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors, 1 leaks found (or too many warnings), 2 bad usage or internal error.`;

export function parseOptions(argv: readonly string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        'max-warnings': { type: 'string' },
        debug: { type: 'boolean' },
        'list-files': { type: 'boolean' },
        'ignore-pattern': { type: 'string', multiple: true },
        'all-rules': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    // node's messages are one line, with a hint; keep the first sentence.
    throw new UsageError(error instanceof Error ? (error.message.split('. ')[0] ?? error.message).replace(/\.$/, '') : String(error));
  }
  const { values, positionals } = parsed;
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format '${format}' (expected ${FORMATS.join(', ')})`);
  }
  const rawMax = values['max-warnings'];
  if (rawMax !== undefined && !/^\d+$/.test(rawMax)) {
    throw new UsageError(`--max-warnings needs a whole number, got '${rawMax}'`);
  }
  if (values['all-rules'] && values.config === undefined) throw new UsageError('--all-rules needs --config');
  return {
    paths: positionals,
    format: format as Format,
    config: values.config,
    ignorePatterns: values['ignore-pattern'] ?? [],
    allRules: values['all-rules'] ?? false,
    maxWarnings: rawMax === undefined ? undefined : Number(rawMax),
    debug: values.debug ?? false,
    listFiles: values['list-files'] ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}
