/**
 * `npm run bench`: what the rules cost on top of parsing. Lints the same sources with the
 * recommended config and with no rules at all, in one run, and prints both times and their ratio.
 * Sources: every .js/.ts file under fixtures/, and a large synthetic test file (many describes,
 * hooks, writes and restores) to show how the analysis scales.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import plugin from '../../src/index.js';
import { FIXTURES } from '../paths.js';

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

const sources: Source[] = [
  ...filesUnder(FIXTURES).map((filename) => ({ filename, code: readFileSync(filename, 'utf8') })),
  { filename: path.join(FIXTURES, 'synthetic', 'big.test.js'), code: syntheticSuite(300) },
];

const base: Linter.Config[] = [
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser as Linter.Parser } },
  { languageOptions: { sourceType: 'module' } },
];
const withRules: Linter.Config[] = [...base, plugin.configs.recommended as Linter.Config];
const noRules: Linter.Config[] = base;

function lintAll(linter: Linter, config: Linter.Config[]): number {
  let findings = 0;
  for (const source of sources) findings += linter.verify(source.code, config, source.filename).length;
  return findings;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const linter = new Linter({ configType: 'flat' });
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
// Warm up both paths (JIT, parser caches) before measuring; alternate the two configs per round.
lintAll(linter, withRules);
lintAll(linter, noRules);
const timesWith: number[] = [];
const timesWithout: number[] = [];
let findings = 0;
for (let round = 0; round < rounds; round++) {
  let start = performance.now();
  findings = lintAll(linter, withRules);
  timesWith.push(performance.now() - start);
  start = performance.now();
  lintAll(linter, noRules);
  timesWithout.push(performance.now() - start);
}
const lines = sources.reduce((n, s) => n + s.code.split('\n').length, 0);
const withMs = median(timesWith);
const withoutMs = median(timesWithout);
console.log(`files: ${sources.length} (${lines} lines), rounds: ${rounds}, findings per round: ${findings}`);
console.log(`eslint, no rules:          ${withoutMs.toFixed(1)} ms (median)`);
console.log(`eslint, patch-leak rules:  ${withMs.toFixed(1)} ms (median)`);
console.log(`ratio:                     ${(withMs / withoutMs).toFixed(2)}x`);
