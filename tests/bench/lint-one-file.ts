/**
 * `node dist/tests/bench/lint-one-file.js <file> <parse|plugin>`: lints one file once, in this
 * process only, and prints one JSON line: milliseconds (wall and CPU: on a busy machine the CPU time is the steadier), peak resident memory in MB (the process's
 * own `resourceUsage().maxRSS`, so no platform tool is needed) and the number of findings.
 * `parse` runs ESLint with no rules (parse and scope analysis only); `plugin` adds the
 * recommended config. The bench runs each in its own child process so the peaks do not mix.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import plugin from '../../src/index.js';

const [file, mode] = process.argv.slice(2);
if (!file || (mode !== 'parse' && mode !== 'plugin')) {
  process.stderr.write('usage: lint-one-file.js <file> <parse|plugin>\n');
  process.exit(2);
}
const base: Linter.Config[] = [
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser as Linter.Parser } },
  { languageOptions: { sourceType: 'module' } },
];
const config = mode === 'plugin' ? [...base, plugin.configs.recommended as Linter.Config] : base;
const code = readFileSync(file, 'utf8');
// The file's own directory as the base path: a flat config ignores files outside it.
const linter = new Linter({ configType: 'flat', cwd: path.dirname(path.resolve(file)) });
const start = performance.now();
const cpuStart = process.cpuUsage();
const messages = linter.verify(code, config, file);
const ms = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const fatal = messages.find((message) => message.fatal);
if (fatal) {
  process.stderr.write(`lint-one-file: ${file}:${fatal.line}: ${fatal.message}\n`);
  process.exit(2);
}
process.stdout.write(`${JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMB: process.resourceUsage().maxRSS / 1024, findings: messages.length })}\n`);
