/**
 * `npm run bench`: what the rules cost on top of parsing. (`npm run bench -- --ab <dir>`: the
 * same-process A/B of ab.ts on a project's test files instead; ab-options.ts lists the options.) Lints the same sources with the
 * recommended config and with no rules at all, in one run, and prints both times and their ratio.
 * Sources: every .js/.ts file under fixtures/ (real test files, small), and a large synthetic test
 * file (300 describes, each with hooks, writes and restores of the same members) to show how the
 * analysis scales when one target is written and restored hundreds of times.
 *
 * `npm run bench -- --large <MB>` measures one very large file instead (scripts/large-test-file.mjs,
 * three shapes: Mocha + Sinon describes, Jest describes, one describe of thousands of tests): time
 * and peak memory of ESLint parsing it with no rules, and with the recommended config, each in a
 * child process of its own (lint-one-file.ts) that reports its own CPU time and peak RSS.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import plugin from '../../src/index.js';
import { FIXTURES, ROOT } from '../paths.js';
import { BenchUsageError, median, parseBenchArgs, type BenchOptions } from './ab-options.js';
import { runAb } from './ab.js';

interface Source {
  readonly filename: string;
  readonly code: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.[cm]?[jt]s$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

function syntheticSuite(blocks: number): string {
  const parts = ["const agentProxy = require('../src/agent_proxy');", "const { config } = require('../src/config');"];
  for (let i = 0; i < blocks; i++) {
    parts.push(`
describe('block ${i}', () => {
  let original;
  beforeEach(() => { original = agentProxy.HttpToolsInvoker; });
  afterEach(() => { agentProxy.HttpToolsInvoker = original; });
  it('replaces and restores ${i}', () => {
    agentProxy.HttpToolsInvoker = class Fake${i} {};
    const local = { calls: 0 };
    local.calls += 1;
  });
  it('leaks ${i}', () => {
    config.retries = ${i};
  });
  it('restores in finally ${i}', () => {
    const saved = config.mode;
    config.mode = 'test';
    try { run(${i}); } finally { config.mode = saved; }
  });
});`);
  }
  return parts.join('\n');
}

const largeAt = process.argv.indexOf('--large');
if (largeAt !== -1) {
  const megabytes = Number(process.argv[largeAt + 1]);
  if (!(megabytes > 0)) {
    console.error('bench: --large takes a size in MB, e.g. --large 5');
    process.exit(2);
  }
  benchLargeFile(megabytes);
  process.exit(0);
}

interface OneRun {
  readonly ms: number;
  readonly cpuMs: number;
  readonly maxRssMB: number;
  readonly findings: number;
}

/** One lint of `file` in a child process of its own: its CPU time, wall time and peak memory as it reports them. */
function lintInChild(file: string, mode: 'parse' | 'plugin'): OneRun {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'tests', 'bench', 'lint-one-file.js'), file, mode], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`lint-one-file ${mode} ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as OneRun;
}

function benchLargeFile(megabytes: number): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'patch-leak-bench-'));
  console.log(`one ${megabytes} MB test file per shape; each lint in its own process; CPU seconds (wall) and peak RSS; node ${process.version}`);
  try {
    for (const shape of ['mocha', 'jest', 'flat']) {
      const made = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'large-test-file.mjs'), String(megabytes), shape, dir], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`large-test-file.mjs failed: ${made.stderr}`);
      const file = made.stdout.trim();
      const parse = lintInChild(file, 'parse');
      const rules = lintInChild(file, 'plugin');
      const cell = (run: OneRun): string => `${(run.cpuMs / 1000).toFixed(1)} s (${(run.ms / 1000).toFixed(1)}) ${run.maxRssMB.toFixed(0)} MB`;
      console.log(
        [
          `${shape}: ${made.stderr.trim()}`.padEnd(44),
          `parse only ${cell(parse)}`.padEnd(34),
          `patch-leak ${cell(rules)}, ${rules.findings} findings`.padEnd(52),
          `${(rules.cpuMs / parse.cpuMs).toFixed(2)}x time, ${(rules.maxRssMB / parse.maxRssMB).toFixed(2)}x memory`,
        ].join(''),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function fixturesBench(): void {
  const fixtures: Source[] = filesUnder(FIXTURES).map((filename) => ({ filename, code: readFileSync(filename, 'utf8') }));
  const synthetic: Source[] = [{ filename: path.join(FIXTURES, 'synthetic', 'big.test.js'), code: syntheticSuite(300) }];

  const base: Linter.Config[] = [
    { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser as Linter.Parser } },
    { languageOptions: { sourceType: 'module' } },
  ];
  const withRules: Linter.Config[] = [...base, plugin.configs.recommended as Linter.Config];
  // What any rule costs: ESLint only runs its code path analysis and rule traversal when a rule is on.
  const oneCoreRule: Linter.Config[] = [...base, { rules: { 'no-debugger': 'error' } }];

  function lintAll(linter: Linter, sources: readonly Source[], config: Linter.Config[]): number {
    let findings = 0;
    for (const source of sources) findings += linter.verify(source.code, config, source.filename).length;
    return findings;
  }

  const linter = new Linter({ configType: 'flat', cwd: ROOT });
  const rounds = Number(process.env.BENCH_ROUNDS ?? 15);

  /** Median times with and without the rules; the two alternate each round, after one warm-up of each. */
  function measure(label: string, sources: readonly Source[]): void {
    lintAll(linter, sources, withRules);
    lintAll(linter, sources, base);
    lintAll(linter, sources, oneCoreRule);
    const timesWith: number[] = [];
    const timesWithout: number[] = [];
    const timesCore: number[] = [];
    let findings = 0;
    for (let round = 0; round < rounds; round++) {
      let start = performance.now();
      findings = lintAll(linter, sources, withRules);
      timesWith.push(performance.now() - start);
      start = performance.now();
      lintAll(linter, sources, base);
      timesWithout.push(performance.now() - start);
      start = performance.now();
      lintAll(linter, sources, oneCoreRule);
      timesCore.push(performance.now() - start);
    }
    const lines = sources.reduce((n, s) => n + s.code.split('\n').length, 0);
    const withMs = median(timesWith);
    const withoutMs = median(timesWithout);
    const coreMs = median(timesCore);
    console.log(
      [
        label.padEnd(26),
        `${sources.length} files, ${lines} lines`.padEnd(22),
        `${findings} findings`.padEnd(14),
        `no rules ${withoutMs.toFixed(1)} ms`.padEnd(20),
        `no-debugger ${coreMs.toFixed(1)} ms (${(coreMs / withoutMs).toFixed(2)}x)`.padEnd(30),
        `patch-leak ${withMs.toFixed(1)} ms (${(withMs / withoutMs).toFixed(2)}x)`,
      ].join(''),
    );
  }

  console.log(`median of ${rounds} rounds (BENCH_ROUNDS to change), eslint ${Linter.version}, node ${process.version}`);
  measure('fixtures/', fixtures);
  measure('synthetic, 300 describes', synthetic);

  /** Wall time of a whole command, median of `runs` runs: what a pre-commit hook or a CI step waits for. */
  function commandTime(args: readonly string[], runs = 7): number {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      times.push(performance.now() - start);
      if (result.status !== 0 && result.status !== 1) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    }
    return median(times);
  }

  const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
  const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
  const ESLINT_CONFIG = path.join(ROOT, 'dist', 'tests', 'bench', 'eslint-config.js');
  const ONE_FILE = path.join('fixtures', 'fake-invoker', 'test', 'agent_proxy_headers_and_errors.test.js');
  for (const [label, target] of [
    ['one file (pre-commit)', ONE_FILE],
    ['fixtures/ (CI)', 'fixtures'],
  ] as const) {
    const cli = commandTime([BIN, target]);
    const eslint = commandTime([ESLINT, '--no-config-lookup', '--config', ESLINT_CONFIG, target]);
    console.log(`${`command, ${label}`.padEnd(36)}patch-leak ${cli.toFixed(0)} ms   eslint + plugin ${eslint.toFixed(0)} ms   (${(cli / eslint).toFixed(2)}x)`);
  }
}

let options: BenchOptions;
try {
  options = parseBenchArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof BenchUsageError)) throw error;
  console.error(`bench: ${error.message}\nusage: npm run bench [-- --ab <dir> [--rounds <n>] [--plugin-a <build> --plugin-b <build>]]`);
  process.exit(2);
}
if (options.dir === undefined) fixturesBench();
else await runAb({ ...options, dir: options.dir }, ROOT);
