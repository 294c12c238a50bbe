/**
 * Same-process A/B (`npm run bench -- --ab <dir>`): the test files the command selects in `<dir>`,
 * read once, linted in one process by ESLint's Linter with no rule (parse-only: what any lint of
 * them costs) and with the recommended config of one or two builds of the plugin. Each round lints
 * the whole list once per variant, the variants' order turning every round so that none always
 * runs on a warmer or colder process; one warm-up round is not counted. Prints each variant's
 * median time, its ratio to parse-only, and with two builds the median of the rounds' B/A ratios.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { testFilesOf } from '../../src/cli/test-files.js';
import type { BenchOptions } from './ab-options.js';
import { median } from './ab-options.js';

interface Source {
  readonly filename: string;
  readonly code: string;
}

interface Variant {
  readonly label: string;
  readonly config: Linter.Config[];
}

const SOURCE_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];
/** As the command's built-in config: JSX on, the TypeScript parser for TypeScript files. */
const PARSE_ONLY: Linter.Config[] = [
  { files: SOURCE_FILES, languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser as Linter.Parser } },
];

/** The plugin built at `where`: a package root (its `dist/src/index.js`) or a `dist` directory (its `src/index.js`). */
async function pluginAt(where: string): Promise<{ configs: { recommended: unknown } }> {
  const entry = [path.join(where, 'dist', 'src', 'index.js'), path.join(where, 'src', 'index.js')].find((file) => existsSync(file));
  if (entry === undefined) throw new Error(`no built plugin under ${where} (dist/src/index.js or src/index.js)`);
  return ((await import(pathToFileURL(entry).href)) as { default: { configs: { recommended: unknown } } }).default;
}

function lintAll(linter: Linter, sources: readonly Source[], config: Linter.Config[]): number {
  let messages = 0;
  for (const source of sources) messages += linter.verify(source.code, config, source.filename).length;
  return messages;
}

export async function runAb(options: BenchOptions & { dir: string }, thisBuild: string): Promise<void> {
  const dir = path.resolve(options.dir);
  const files = await testFilesOf(dir, []);
  const sources: Source[] = files.map((filename) => ({ filename, code: readFileSync(filename, 'utf8') }));
  const builds = options.plugins.length > 0 ? options.plugins : [thisBuild];
  const variants: Variant[] = [{ label: 'parse-only', config: PARSE_ONLY }];
  for (const [index, build] of builds.entries()) {
    const plugin = await pluginAt(build);
    const label = builds.length > 1 ? `${index === 0 ? 'A' : 'B'} recommended` : 'recommended';
    variants.push({ label, config: [...PARSE_ONLY, { ...(plugin.configs.recommended as Linter.Config), files: SOURCE_FILES }] });
  }
  const linter = new Linter({ configType: 'flat', cwd: dir });
  const times = variants.map((): number[] => []);
  const findings = variants.map(() => 0);
  console.log(`${dir}: ${sources.length} test files; ${options.rounds} alternating rounds after one warm-up; eslint ${Linter.version}, node ${process.version}`);
  for (const [index, build] of builds.entries()) console.log(`  ${variants[index + 1]?.label}: ${path.resolve(build)}`);
  for (let round = -1; round < options.rounds; round++) {
    for (let step = 0; step < variants.length; step++) {
      const index = (step + Math.max(round, 0)) % variants.length;
      const variant = variants[index];
      if (variant === undefined) continue;
      const start = performance.now();
      findings[index] = lintAll(linter, sources, variant.config);
      if (round >= 0) times[index]?.push(performance.now() - start);
    }
  }
  const base = median(times[0] ?? []);
  for (const [index, variant] of variants.entries()) {
    const ms = median(times[index] ?? []);
    const ratio = index === 0 ? '' : `  ${(ms / base).toFixed(2)}x parse-only`;
    console.log(`${variant.label.padEnd(16)}median ${(ms / 1000).toFixed(2)} s${ratio}  (${findings[index]} messages; rounds: ${(times[index] ?? []).map((t) => (t / 1000).toFixed(2)).join(' ')})`);
  }
  if (variants.length === 3) {
    const perRound = (times[2] ?? []).map((b, round) => b / (times[1]?.[round] ?? Number.NaN));
    console.log(`B / A: median of the rounds' ratios ${median(perRound).toFixed(3)} (${perRound.map((r) => r.toFixed(3)).join(' ')})`);
  }
}
