/**
 * `patch-leak`: finds the test files, lints them with ESLint's Node API (the built-in config, or
 * the user's with `--config`), adds each finding's blast radius, prints, and returns the exit code:
 * 0 no errors, 1 findings (or more warnings than `--max-warnings`), 2 usage or internal error, or a
 * file that could not be checked (unreadable, or its analysis failed: reported on that file, after
 * every other file was checked).
 */
import { ESLint, type Linter } from 'eslint';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { CLI_NAMESPACE, ImportGraph } from './blast-radius.js';
import { internalConfig } from './eslint-config-js.js';
import { format, summary } from './formats.js';
import type { Finding, Report } from './report.js';
import { Progress } from './progress.js';
import { causeOf } from '../rule/internal-error.js';
import { readFailures } from '../project/read-failures.js';
import { parseOptions, USAGE, UsageError, type Options } from './options.js';
import { projectsRead } from '../project/runner-config.js';
import { selectionNotes, testFilesOf } from './test-files.js';

export interface Io {
  readonly cwd: string;
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}

const { version } = createRequire(import.meta.url)('../../../package.json') as { version: string };
const BUILT_IN_CONFIG = {
  typescript: fileURLToPath(new URL('./eslint-config.js', import.meta.url)),
  javascript: fileURLToPath(new URL('./eslint-config-js.js', import.meta.url)),
};
/** ESLint's `concurrency` option (worker threads) exists from 9.34 on; older versions reject it. */
const HAS_CONCURRENCY = (() => {
  const [major = 0, minor = 0] = ESLint.version.split('.').map(Number);
  return major > 9 || (major === 9 && minor >= 34);
})();
/** Below this many files, starting worker threads costs more than it saves. */
const CONCURRENCY_THRESHOLD = 60;
const BATCH = 200;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const options = parseOptions(argv);
    if (options.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (options.version) {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    return await run(options, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`patch-leak: ${error.message}\n`);
    } else {
      const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
      io.stderr.write(`patch-leak: internal error: ${message}${io.env.DEBUG ? `\n${(error as Error).stack ?? ''}` : ''}\n`);
    }
    return 2;
  }
}

async function run(options: Options, io: Io): Promise<number> {
  const started = performance.now();
  const config = options.config === undefined ? undefined : path.resolve(io.cwd, options.config);
  if (config && !existsSync(config)) throw new UsageError(`config file not found: ${options.config}`);
  const progress = new Progress(io.stderr, Number(io.env.PATCH_LEAK_PROGRESS_DELAY_MS ?? 2000));
  progress.update('finding test files');
  const files = await testFilesOf(io.cwd, options.paths, options.ignorePatterns).finally(() => progress.done());
  if (options.debug) io.stderr.write(debugReport(io.cwd));
  if (options.listFiles) {
    // Paths relative to the working directory, POSIX separators, sorted: the set a run would check.
    io.stdout.write(files.map((file) => `${path.relative(io.cwd, file).split(path.sep).join('/')}\n`).join(''));
    return 0;
  }
  const eslintOptions = {
    cwd: io.cwd,
    overrideConfigFile: config ?? (files.some((file) => /\.[cm]?tsx?$/.test(file)) ? BUILT_IN_CONFIG.typescript : BUILT_IN_CONFIG.javascript),
    // A user's config gets the internal rules as an object, which worker threads cannot receive.
    overrideConfig: config ? [internalConfig] : [],
    // `--debug` lints in this thread, where it can collect what the rules could not read.
    ...(HAS_CONCURRENCY ? { concurrency: !config && !options.debug && files.length >= CONCURRENCY_THRESHOLD ? 'auto' : 'off' } : {}),
    errorOnUnmatchedPattern: false,
  } as ESLint.Options;
  const eslint = new ESLint(eslintOptions);
  // A config that ESLint rejects fails the run with one line that names it, before any file is linted.
  if (files[0] !== undefined) await loadConfig(eslint, files[0], options.config ?? config);
  const results: ESLint.LintResult[] = [];
  const unchecked: Finding[] = [];
  // On a terminal the files go in batches, so that the progress line can move.
  const batch = progress.enabled ? BATCH : Math.max(files.length, 1);
  progress.update(`checked 0/${files.length} files`);
  try {
    for (let start = 0; start < files.length; start += batch) {
      results.push(...(await lintEach(eslint, eslintOptions, files.slice(start, start + batch), unchecked)));
      progress.update(`checked ${Math.min(start + batch, files.length)}/${files.length} files`);
    }
    await retryUnparsed(eslintOptions, results);
  } finally {
    progress.done();
  }
  if (options.debug) io.stderr.write(readFailures().map((line) => `patch-leak debug: ${line}\n`).join(''));
  // The command reports leaks: with the built-in config an `eslint-disable` comment naming the
  // project's other rules makes ESLint report "Definition for rule ... was not found", and a
  // user's config runs rules of its own; only `--all-rules` keeps those (with `--config`).
  const all = [...findingsOf(results), ...unchecked].sort(byPosition);
  const findings = config && options.allRules ? all : all.filter((finding) => finding.ruleId === null || finding.ruleId.startsWith('patch-leak/'));
  const report: Report = { cwd: io.cwd, version, files: files.length, findings, durationMs: performance.now() - started };
  const color = options.format === 'stylish' && io.stdout.isTTY === true && !io.env.NO_COLOR;
  io.stdout.write(format(report, options.format, color));
  if (options.format === 'stylish') io.stdout.write(`${summary(report)}\n`);
  else io.stderr.write(`${summary(report)}\n`);
  // Every file was checked and every finding printed; a file that could not be checked still fails the run.
  if (report.findings.some((f) => f.failure !== undefined)) return 2;
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`patch-leak: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

/** ESLint loads its config on first use; a `--config` file that throws is a usage error that names the file. */
async function loadConfig(eslint: ESLint, file: string, name: string | undefined): Promise<void> {
  try {
    await eslint.calculateConfigForFile(file);
  } catch (error) {
    if (name === undefined) throw error;
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`could not load config file ${name}: ${message}`);
  }
}

/**
 * Lints `files`. ESLint stops a whole call at the first file it cannot lint (a file it cannot read,
 * a rule of the user's config that throws) without saying which: the files are then linted one by
 * one, and each that fails becomes one finding on it, naming the cause.
 */
async function lintEach(eslint: ESLint, options: ESLint.Options, files: readonly string[], unchecked: Finding[]): Promise<ESLint.LintResult[]> {
  try {
    return await eslint.lintFiles([...files]);
  } catch {
    const single = new ESLint({ ...options, ...(HAS_CONCURRENCY ? { concurrency: 'off' } : {}) } as ESLint.Options);
    const results: ESLint.LintResult[] = [];
    for (const file of files) {
      try {
        results.push(...(await single.lintFiles([file])));
      } catch (error) {
        unchecked.push(uncheckedFinding(file, error));
      }
    }
    return results;
  }
}

/**
 * A file ESLint could not lint: unreadable (an error), or an internal error (a warning), of one of
 * the user's rules (`--config`) or else of ours. The run exits 2 either way.
 */
function uncheckedFinding(file: string, error: unknown): Finding {
  const { code, syscall, ruleId } = (error ?? {}) as { code?: unknown; syscall?: unknown; ruleId?: unknown };
  const unreadable = typeof code === 'string' && typeof syscall === 'string';
  // Node's message names the path again (`EACCES: permission denied, open '/x/a.test.js'`): the finding is on that file.
  const cause = causeOf(error).replace(/, \w+ '[^']*'…?$/, '');
  const message = unreadable
    ? `patch-leak could not read this file: ${cause}.`
    : typeof ruleId === 'string' && !ruleId.startsWith('patch-leak/') && !ruleId.startsWith(`${CLI_NAMESPACE}/`)
      ? `patch-leak could not check this file: rule ${ruleId} failed: ${cause}.`
      : `patch-leak could not analyse this file: ${cause} (internal error; please report).`;
  const failure = unreadable ? 'unreadable' : 'internal-error';
  return { file, line: 1, column: 1, endLine: undefined, endColumn: undefined, ruleId: null, severity: unreadable ? 'error' : 'warning', message, alsoUsedBy: [], failure };
}

/**
 * ESLint parses `.js` files as ES modules, but a test file may use what only CommonJS allows (a
 * top-level `return`), or Flow annotations (`// @flow`, `(x: any)`: React Native and older
 * Facebook-style projects). A `.js`/`.jsx` file that fails to parse is tried again as CommonJS,
 * then with hermes-eslint (a Flow-aware parser, loaded only then), and the first result that
 * parses is kept.
 */
async function retryUnparsed(options: ESLint.Options, results: ESLint.LintResult[]): Promise<void> {
  const overrides = Array.isArray(options.overrideConfig) ? options.overrideConfig : [];
  const fallbacks: (() => Promise<Linter.Config>)[] = [
    async () => ({ files: ['**/*.js', '**/*.jsx'], languageOptions: { sourceType: 'commonjs' } }),
    async () => ({ files: ['**/*.js', '**/*.jsx'], languageOptions: { parser: await flowParser(), sourceType: 'module' } }),
  ];
  for (const fallback of fallbacks) {
    const failed = results.filter((r) => /\.jsx?$/.test(r.filePath) && r.messages.some((m) => m.fatal));
    if (failed.length === 0) return;
    const retryOptions = { ...options, overrideConfig: [...overrides, await fallback()], ...(HAS_CONCURRENCY ? { concurrency: 'off' } : {}) } as ESLint.Options;
    // A file the retry cannot lint keeps its parse error.
    for (const retried of await lintEach(new ESLint(retryOptions), retryOptions, failed.map((r) => r.filePath), [])) {
      if (retried.messages.some((m) => m.fatal)) continue;
      const index = results.findIndex((r) => r.filePath === retried.filePath);
      if (index >= 0) results[index] = retried;
    }
  }
}

/** hermes-eslint, which ships no declarations: a parser with `parseForESLint`. */
async function flowParser(): Promise<Linter.Parser> {
  const specifier: string = 'hermes-eslint';
  return (await import(specifier)) as Linter.Parser;
}

/** The user-facing findings, sorted, each with the other test files that import what it patches. */
function findingsOf(results: readonly ESLint.LintResult[]): Finding[] {
  const graph = new ImportGraph();
  const targets = new Map<string, string>();
  const key = (file: string, line: number, column: number) => `${file}:${line}:${column}`;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.messageId === 'internalError') continue;
      if (message.ruleId === `${CLI_NAMESPACE}/imports`) graph.add(result.filePath, (JSON.parse(message.message) as { imports: string[] }).imports);
      if (message.ruleId === `${CLI_NAMESPACE}/targets`) {
        targets.set(key(result.filePath, message.line, message.column), (JSON.parse(message.message) as { module: string }).module);
      }
    }
  }
  const findings: Finding[] = [];
  for (const result of results) {
    for (const message of internalErrorsOf(result)) {
      findings.push({ file: result.filePath, line: 1, column: 1, endLine: undefined, endColumn: undefined, ruleId: null, severity: 'warning', message, alsoUsedBy: [], failure: 'internal-error' });
    }
    for (const message of result.messages) {
      if (message.ruleId?.startsWith(`${CLI_NAMESPACE}/`) || isInternalError(message)) continue;
      // ESLint's notice for a file its config ignores is not a finding of ours.
      if (message.ruleId === null && !message.fatal) continue;
      const target = message.ruleId === 'patch-leak/no-unrestored-module-patch' ? targets.get(key(result.filePath, message.line, message.column)) : undefined;
      findings.push({
        file: result.filePath,
        line: message.line,
        column: message.column,
        endLine: message.endLine,
        endColumn: message.endColumn,
        ruleId: message.ruleId,
        severity: message.severity === 2 ? 'error' : 'warning',
        message: message.message,
        alsoUsedBy: target ? graph.otherImporters(result.filePath, target) : [],
      });
    }
  }
  return findings;
}

/** A report of a rule (the plugin's or the command's own) whose analysis of the file failed (internal-error.ts). */
function isInternalError(message: Linter.LintMessage): boolean {
  return message.messageId === 'internalError' && (message.ruleId?.startsWith('patch-leak/') === true || message.ruleId?.startsWith(`${CLI_NAMESPACE}/`) === true);
}

/** The file's internal errors, one per cause whichever rules hit it: not a finding of a rule (`ruleId` null). */
function internalErrorsOf(result: ESLint.LintResult): Set<string> {
  return new Set(result.messages.filter(isInternalError).map((message) => message.message));
}

function byPosition(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

/** `--debug`: how the default files were chosen, and each project config read with what could not be read in it. */
function debugReport(cwd: string): string {
  const lines = [...selectionNotes];
  for (const project of projectsRead()) {
    const where = project.root === undefined ? '(no project)' : path.relative(cwd, project.root) || '.';
    const configs = [project.jest, project.vitest, project.mocha].flatMap((config) => (config?.file ? [path.relative(cwd, config.file)] : []));
    lines.push(`${where}: runners ${[...project.runners].join(', ') || 'none'}${configs.length > 0 ? ` (${configs.join(', ')})` : ''}`);
    if (project.testBundles) lines.push(`${where}: ${path.relative(cwd, project.testBundles)} bundles each test file with its own copy of the project's modules`);
    for (const note of project.notes) lines.push(`${where}: ${note}`);
  }
  return lines.map((line) => `patch-leak debug: ${line}\n`).join('');
}
