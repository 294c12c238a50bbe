/**
 * `patch-leak`: finds the test files, lints them with ESLint's Node API (the built-in config, or
 * the user's with `--config`), adds each finding's blast radius, prints, and returns the exit code:
 * 0 no errors, 1 findings (or more warnings than `--max-warnings`), 2 usage or internal error.
 */
import { ESLint, type Linter } from 'eslint';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { CLI_NAMESPACE, ImportGraph } from './blast-radius.js';
import { internalConfig } from './eslint-config-js.js';
import { format, summary, type Finding, type Report } from './formats.js';
import { Progress } from './progress.js';
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
    ...(HAS_CONCURRENCY ? { concurrency: !config && files.length >= CONCURRENCY_THRESHOLD ? 'auto' : 'off' } : {}),
    errorOnUnmatchedPattern: false,
  } as ESLint.Options;
  const eslint = new ESLint(eslintOptions);
  if (config && files[0] !== undefined) await loadUserConfig(eslint, files[0], options.config ?? config);
  const results: ESLint.LintResult[] = [];
  // On a terminal the files go in batches, so that the progress line can move.
  const batch = progress.enabled ? BATCH : Math.max(files.length, 1);
  progress.update(`checked 0/${files.length} files`);
  try {
    for (let start = 0; start < files.length; start += batch) {
      results.push(...(await eslint.lintFiles(files.slice(start, start + batch))));
      progress.update(`checked ${Math.min(start + batch, files.length)}/${files.length} files`);
    }
    await retryUnparsed(eslintOptions, results);
  } finally {
    progress.done();
  }
  // The command reports leaks: with the built-in config an `eslint-disable` comment naming the
  // project's other rules makes ESLint report "Definition for rule ... was not found", and a
  // user's config runs rules of its own; only `--all-rules` keeps those (with `--config`).
  const all = findingsOf(results);
  const findings = config && options.allRules ? all : all.filter((finding) => finding.ruleId === null || finding.ruleId.startsWith('patch-leak/'));
  const report: Report = { cwd: io.cwd, version, files: files.length, findings, durationMs: performance.now() - started };
  const color = options.format === 'stylish' && io.stdout.isTTY === true && !io.env.NO_COLOR;
  io.stdout.write(format(report, options.format, color));
  if (options.format === 'stylish') io.stdout.write(`${summary(report)}\n`);
  else io.stderr.write(`${summary(report)}\n`);
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
  if (tooManyWarnings) io.stderr.write(`patch-leak: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings} allows\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

/** ESLint loads a `--config` file on first use; one that throws is a usage error that names the file. */
async function loadUserConfig(eslint: ESLint, file: string, name: string): Promise<void> {
  try {
    await eslint.calculateConfigForFile(file);
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`could not load config file ${name}: ${message}`);
  }
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
    const retry = new ESLint({
      ...options,
      overrideConfig: [...overrides, await fallback()],
      ...(HAS_CONCURRENCY ? { concurrency: 'off' } : {}),
    } as ESLint.Options);
    for (const retried of await retry.lintFiles(failed.map((r) => r.filePath))) {
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
      if (message.ruleId === `${CLI_NAMESPACE}/imports`) graph.add(result.filePath, (JSON.parse(message.message) as { imports: string[] }).imports);
      if (message.ruleId === `${CLI_NAMESPACE}/targets`) {
        targets.set(key(result.filePath, message.line, message.column), (JSON.parse(message.message) as { module: string }).module);
      }
    }
  }
  const findings: Finding[] = [];
  for (const result of results) {
    for (const message of result.messages) {
      if (message.ruleId?.startsWith(`${CLI_NAMESPACE}/`)) continue;
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
  return findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
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
