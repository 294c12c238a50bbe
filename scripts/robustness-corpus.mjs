#!/usr/bin/env node
// The robustness corpus: runs the built command (`npm run build` first) from the root of each
// repository listed in scripts/robustness-corpus.json, checked out at its commit under one
// directory, and prints a Markdown table: test files checked, findings, files that do not parse,
// files that could not be checked (internal errors, unreadable files), exit code, seconds and peak
// memory (from `/usr/bin/time -v` where it exists, which also gives CPU seconds). With
// `--parse-only` it also runs ESLint parsing the same files with no rule, as the yardstick for what
// the rules cost: the ratio of the two CPU times (of wall times without `time -v`).
//
//   node scripts/robustness-corpus.mjs <checkouts-dir> [--parse-only] [--clone] [name ...]
//
// <checkouts-dir>/<name> is a checkout of that repository at the listed commit; with `--clone`, a
// missing one is cloned from GitHub (blobs on demand) and checked out at its commit first, e.g.
//   git clone --filter=blob:none --no-checkout https://github.com/expressjs/express <checkouts-dir>/express
//   git -C <checkouts-dir>/express checkout <commit>
// Named repositories run in the order given.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(root, 'dist', 'src', 'cli', 'bin.js');
const TIME = '/usr/bin/time';
/** As the command (src/cli/main.ts): from this many files on, ESLint lints in worker threads. */
const CONCURRENCY_THRESHOLD = 60;
const CANNOT_CHECK = /^patch-leak could not (?:analyse|read|check) this file: /;

const args = process.argv.slice(2);
const parseOnly = args.includes('--parse-only');
const clone = args.includes('--clone');
const [dir, ...names] = args.filter((arg) => arg !== '--parse-only' && arg !== '--clone');
if (!dir) {
  process.stderr.write('usage: node scripts/robustness-corpus.mjs <checkouts-dir> [--parse-only] [--clone] [name ...]\n');
  process.exit(2);
}
if (!existsSync(bin)) {
  process.stderr.write('run `npm run build` first\n');
  process.exit(2);
}
const { repositories } = JSON.parse(readFileSync(path.join(root, 'scripts', 'robustness-corpus.json'), 'utf8'));
const chosen = names.length === 0 ? repositories : names.flatMap((name) => repositories.filter((repo) => repo.name === name));

/** Runs `argv` in `cwd`: exit code, output, wall seconds, and peak resident memory in MB where `time -v` can say. */
function measured(argv, cwd) {
  const timed = existsSync(TIME);
  const started = performance.now();
  const result = spawnSync(timed ? TIME : argv[0], timed ? ['-v', ...argv] : argv.slice(1), { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } });
  const seconds = (performance.now() - started) / 1000;
  const kbytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr ?? '')?.[1];
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.stderr ?? '')?.[1];
  const system = /System time \(seconds\): ([\d.]+)/.exec(result.stderr ?? '')?.[1];
  // CPU time (all threads): on a busy machine the wall time is mostly waiting for a core.
  const cpuSeconds = user && system ? Number(user) + Number(system) : undefined;
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '', seconds, cpuSeconds, peakMb: kbytes ? Math.round(Number(kbytes) / 1024) : undefined };
}

/**
 * ESLint parsing the files the command checks, with no rule: what any lint of them costs. A whole
 * process like the command's own run (start-up, loading ESLint and the TypeScript parser where
 * there are TypeScript files, worker threads from the same number of files on), so the two wall
 * times compare.
 */
function parseOnlyRun(cwd) {
  const listed = spawnSync(process.execPath, [bin, '--list-files'], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const files = listed.stdout.split('\n').filter(Boolean);
  const scratch = mkdtempSync(path.join(tmpdir(), 'parse-only-'));
  const list = path.join(scratch, 'files.json');
  writeFileSync(list, JSON.stringify(files));
  // A config file, not an object: ESLint's worker threads can only be given options they can clone.
  const config = path.join(scratch, 'eslint.config.mjs');
  const typescript = files.some((file) => /\.[cm]?tsx?$/.test(file));
  const parserUrl = pathToFileURL(path.join(root, 'node_modules', '@typescript-eslint', 'parser', 'dist', 'index.js')).href;
  writeFileSync(
    config,
    `${typescript ? `import tsParser from ${JSON.stringify(parserUrl)};\n` : ''}export default [
      { files: ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
      ${typescript ? "{ files: ['**/*.{ts,tsx,mts,cts}'], languageOptions: { parser: tsParser } }," : ''}
    ];\n`,
  );
  const script = `
    const { readFileSync } = await import('node:fs');
    const { ESLint } = await import(${JSON.stringify(pathToFileURL(path.join(root, 'node_modules', 'eslint', 'lib', 'api.js')).href)});
    const files = JSON.parse(readFileSync(process.argv[1], 'utf8'));
    const eslint = new ESLint({ overrideConfigFile: process.argv[2], errorOnUnmatchedPattern: false, concurrency: files.length >= ${CONCURRENCY_THRESHOLD} ? 'auto' : 'off' });
    await eslint.lintFiles(files);`;
  const run = measured([process.execPath, '--input-type=module', '-e', script, list, config], cwd);
  rmSync(scratch, { recursive: true, force: true });
  if (run.code !== 0) process.stderr.write(`  parse-only run failed: ${run.stderr.split('\n').find((line) => /Error/.test(line)) ?? run.stderr.slice(0, 200)}\n`);
  return run.code === 0 ? run : undefined;
}

const rows = [];
for (const repo of chosen) {
  const cwd = path.join(dir, repo.name);
  if (clone && !existsSync(cwd)) {
    process.stderr.write(`${repo.name}: cloning ${repo.repository} at ${repo.commit.slice(0, 12)}\n`);
    const cloned = spawnSync('git', ['clone', '--quiet', '--filter=blob:none', '--no-checkout', `https://github.com/${repo.repository}.git`, cwd], { stdio: 'inherit' });
    if (cloned.status === 0) spawnSync('git', ['-C', cwd, 'checkout', '--quiet', repo.commit], { stdio: 'inherit' });
  }
  if (!existsSync(cwd)) {
    process.stderr.write(`${repo.name}: no checkout at ${cwd}, skipped\n`);
    continue;
  }
  process.stderr.write(`${repo.name}...\n`);
  const run = measured([process.execPath, bin, '--format', 'json'], cwd);
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = undefined;
  }
  const findings = report?.findings ?? [];
  const unchecked = findings.filter((f) => f.ruleId === null && CANNOT_CHECK.test(f.message));
  const row = {
    repository: repo.repository,
    commit: repo.commit.slice(0, 12),
    runner: repo.runner,
    files: report?.summary.files ?? '-',
    findings: findings.filter((f) => f.ruleId !== null).length,
    parseErrors: findings.filter((f) => f.ruleId === null && !CANNOT_CHECK.test(f.message)).length,
    unchecked: unchecked.length,
    code: run.code,
    seconds: run.seconds.toFixed(1),
    cpu: run.cpuSeconds?.toFixed(1) ?? '-',
    peakMb: run.peakMb ?? '-',
  };
  if (parseOnly) {
    const parsed = parseOnlyRun(cwd);
    row.parseOnly = parsed ? parsed.seconds.toFixed(1) : '-';
    row.parseCpu = parsed?.cpuSeconds?.toFixed(1) ?? '-';
    // The ratio of CPU times where `time -v` gives them: wall times on a shared machine measure the other jobs too.
    row.ratio = !parsed ? '-' : run.cpuSeconds !== undefined && parsed.cpuSeconds ? (run.cpuSeconds / parsed.cpuSeconds).toFixed(2) : (run.seconds / parsed.seconds).toFixed(2);
    row.parsePeakMb = parsed?.peakMb ?? '-';
  }
  rows.push(row);
  process.stderr.write(`  ${JSON.stringify(row)}\n`);
  for (const finding of unchecked) process.stderr.write(`  ${finding.file}: ${finding.message}\n`);
  // A run that printed no report: its one line of stderr says why.
  if (!report) process.stderr.write(`  no report: ${run.stderr.split('\n').find((line) => line.startsWith('patch-leak:')) ?? run.stderr.slice(0, 200)}\n`);
}

const header = ['repository', 'commit', 'runner', 'files', 'findings', 'parse errors', 'not checked', 'exit', 'seconds', 'CPU s', ...(parseOnly ? ['parse-only s', 'parse-only CPU s', 'ratio'] : []), 'peak MB', ...(parseOnly ? ['parse-only MB'] : [])];
const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i < 3 ? ':---' : '---:')).join(' | ')} |`];
for (const row of rows) {
  const cells = [row.repository, `\`${row.commit}\``, row.runner, row.files, row.findings, row.parseErrors, row.unchecked, row.code, row.seconds, row.cpu, ...(parseOnly ? [row.parseOnly, row.parseCpu, row.ratio] : []), row.peakMb, ...(parseOnly ? [row.parsePeakMb] : [])];
  lines.push(`| ${cells.join(' | ')} |`);
}
process.stdout.write(`${lines.join('\n')}\n`);
