/**
 * Robustness on real code nobody wrote for us: every JS/TS file of this repository's installed
 * node_modules (about 5,000: bundles, Babel and webpack output, TypeScript's compiler), linted as
 * if it were a test file with every rule. No rule may throw (an exception fails the whole file in
 * ESLint), and the analysis must not overflow the stack on any input. Slow (a minute or two on
 * two cores): run by `npm run test:install`, spread over worker threads.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { it } from 'node:test';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import plugin from '../../src/index.js';
import { ROOT } from '../paths.js';

interface Outcome {
  readonly files: number;
  readonly unparsed: number;
  readonly exceptions: readonly string[];
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return entry.isFile() && /\.[cm]?[jt]sx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name) ? [full] : [];
  });
}

/** Lints `files` as test files; a parse error is fine (not every file is valid on its own), an exception is not. */
function lintAll(files: readonly string[]): Outcome {
  const linter = new Linter({ configType: 'flat' });
  const configFor = (file: string, sourceType: 'module' | 'commonjs'): Linter.Config[] => [
    /\.[cm]?tsx?$/.test(file)
      ? { files: ['**/*'], languageOptions: { parser: tsParser as Linter.Parser } }
      : { files: ['**/*'], languageOptions: { sourceType, parserOptions: { ecmaFeatures: { jsx: true } } } },
    { ...plugin.configs.recommended, files: ['**/*'] },
  ];
  let unparsed = 0;
  const exceptions: string[] = [];
  for (const file of files) {
    // Outside node_modules (ESLint ignores it by default), named like a test file.
    const name = path.join(ROOT, 'virtual', path.relative(ROOT, file).replaceAll(path.sep, '__').replace(/(\.[cm]?[jt]sx?)$/, '.test$1'));
    const code = readFileSync(file, 'utf8');
    try {
      let messages = linter.verify(code, configFor(file, 'module'), name);
      if (messages.some((m) => m.fatal)) messages = linter.verify(code, configFor(file, 'commonjs'), name);
      if (messages.some((m) => m.fatal)) unparsed++;
    } catch (error) {
      exceptions.push(`${path.relative(ROOT, file)}: ${String((error as Error).message).split('\n').slice(0, 3).join(' | ')}`);
    }
  }
  return { files: files.length, unparsed, exceptions };
}

if (!isMainThread) {
  parentPort?.postMessage(lintAll(workerData as string[]));
} else {
  it('lints every JS/TS file of node_modules as a test file with no rule throwing', { timeout: 900_000 }, async () => {
    const files = sourcesUnder(path.join(ROOT, 'node_modules'));
    assert.ok(files.length > 1000, `only ${files.length} files found`);
    const workers = Math.max(1, Math.min(4, os.availableParallelism()));
    const chunks = Array.from({ length: workers }, (_, w) => files.filter((_, i) => i % workers === w));
    const outcomes = await Promise.all(
      chunks.map(
        (chunk) =>
          new Promise<Outcome>((resolve, reject) => {
            const worker = new Worker(new URL(import.meta.url), { workerData: chunk, resourceLimits: { stackSizeMb: 1 } });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    const exceptions = outcomes.flatMap((o) => o.exceptions);
    const unparsed = outcomes.reduce((sum, o) => sum + o.unparsed, 0);
    console.log(`linted ${files.length} files (${unparsed} do not parse on their own) in ${workers} threads`);
    assert.deepEqual(exceptions, []);
  });
}
