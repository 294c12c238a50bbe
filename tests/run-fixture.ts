/**
 * Runs a fixture project with its real test runner, without a shell, and reads the runner's own
 * machine-readable report: how many tests passed and which failed, by full name.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Configuration, Stats } from 'webpack';
import { FIXTURES, ROOT } from './paths.js';

const BIN = {
  mocha: path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
  vitest: path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
  jest: path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js'),
  jasmine: path.join(ROOT, 'node_modules', 'jasmine', 'bin', 'jasmine.js'),
  tape: path.join(ROOT, 'node_modules', 'tape', 'bin', 'tape'),
};

export interface Outcome {
  readonly passed: number;
  readonly failed: readonly string[];
}

/** Runs node with `args` in a fixture folder and returns stdout, whatever the exit code. */
function run(fixture: string, args: readonly string[]): Promise<string> {
  return runFull(fixture, args).then((result) => result.stdout);
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs node with `args` in a fixture folder: exit code, stdout and stderr. */
function runFull(fixture: string, args: readonly string[]): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const name of ['MINI_AGENT_TOOL_HTTP_HEADERS', 'API_URL', 'NODE_OPTIONS', 'NODE_TEST_CONTEXT']) delete env[name];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: path.resolve(FIXTURES, fixture), env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${fixture}: ${error.message}\n${stderr}`));
      else resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

/** The JSON object a reporter printed, skipping anything printed before it. */
function json<T>(output: string): T {
  return JSON.parse(output.slice(output.indexOf('{'))) as T;
}

export async function mocha(fixture: string, files: readonly string[] = []): Promise<Outcome> {
  const report = json<{ stats: { passes: number }; failures: { fullTitle: string }[] }>(await run(fixture, [BIN.mocha, '--reporter', 'json', ...files]));
  return { passed: report.stats.passes, failed: report.failures.map((failure) => failure.fullTitle) };
}

interface JestLikeReport {
  numPassedTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

function jestLikeOutcome(report: JestLikeReport): Outcome {
  const failed = report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName));
  return { passed: report.numPassedTests, failed };
}

export async function vitest(fixture: string, args: readonly string[] = []): Promise<Outcome> {
  return jestLikeOutcome(json<JestLikeReport>(await run(fixture, [BIN.vitest, 'run', '--reporter=json', ...args])));
}

export async function jest(fixture: string, args: readonly string[] = []): Promise<Outcome> {
  return jestLikeOutcome(json<JestLikeReport>(await run(fixture, [BIN.jest, '--runInBand', '--json', ...args])));
}

/**
 * A Jest run in band, judged by its exit code and the errors it printed: for a leak that breaks
 * Jest's own process (a fake file system left in place), where no report gets written.
 */
export async function jestExit(fixture: string, args: readonly string[] = []): Promise<{ readonly code: number; readonly stderr: string }> {
  const { code, stderr } = await runFull(fixture, [BIN.jest, '--runInBand', ...args]);
  return { code, stderr };
}

/** A node:test entry file run in one process, read from its TAP report. */
export async function nodeTest(fixture: string, entry: string): Promise<Outcome> {
  const tap = await run(fixture, ['--test-reporter=tap', entry]);
  const passed = Number(/^# pass (\d+)$/m.exec(tap)?.[1]);
  const failed = [...tap.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((match) => match[1] ?? '');
  return { passed, failed };
}

/**
 * tape's own command over `files` (globs it expands itself), every file in one process, read from
 * its TAP output: each assertion is a line, `ok` or `not ok <n> <message>`.
 */
export async function tape(fixture: string, files: readonly string[]): Promise<Outcome> {
  const output = await run(fixture, [BIN.tape, ...files]);
  const passed = [...output.matchAll(/^ok \d+ /gm)].length;
  const failed = [...output.matchAll(/^not ok \d+ (.*)$/gm)].map((match) => match[1] ?? '');
  return { passed, failed };
}

/**
 * A Jasmine project run with its own config (spec/support/jasmine.json), read from the default
 * console reporter: `2 specs, 1 failure` and the numbered full names under `Failures:`.
 */
export async function jasmine(fixture: string): Promise<Outcome> {
  const output = await run(fixture, [BIN.jasmine]);
  const summary = /^(\d+) specs?, (\d+) failures?/m.exec(output);
  if (!summary) throw new Error(`${fixture}: no Jasmine summary in\n${output}`);
  const failed = [...output.matchAll(/^\d+\) (.*)$/gm)].map((match) => match[1] ?? '');
  return { passed: Number(summary[1]) - Number(summary[2]), failed };
}

/**
 * Builds a fixture's test files with its webpack config (required as the fixture's own code, as
 * webpack would), into a fresh temporary folder so that no bundle lands in the linted fixture.
 * `optimization` is merged over the config's. Returns the bundles of the test files, by name.
 */
export async function webpackBundles(fixture: string, config: string, optimization: Readonly<Record<string, unknown>> = {}): Promise<string[]> {
  const { default: webpack } = await import('webpack');
  const base = createRequire(import.meta.url)(path.resolve(FIXTURES, fixture, config)) as Configuration;
  const out = await mkdtemp(path.join(tmpdir(), `${fixture}-`));
  const stats = await new Promise<Stats | undefined>((resolve, reject) => {
    webpack({ ...base, output: { ...base.output, path: out }, optimization: { ...base.optimization, ...optimization } }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  if (!stats || stats.hasErrors()) throw new Error(`${fixture}: webpack failed\n${stats?.toString('errors-only') ?? ''}`);
  return (await readdir(out)).filter((name) => name.endsWith('.test.js')).sort().map((name) => path.join(out, name));
}
