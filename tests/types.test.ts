/**
 * The published declarations against ESLint's own types: tests/types/user-configs.ts (what users
 * write in eslint.config.ts: defineConfig, Linter.Config[], plugins: { ... }) must type-check with
 * the package resolved by name, as in a user's project. The install test repeats it with ESLint 9.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './paths.js';

describe('published types', () => {
  it("type-check users' configs against ESLint's types (tsc, skipLibCheck off)", () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const result = spawnSync(process.execPath, [tsc, '-p', path.join(ROOT, 'tests/types/tsconfig.json')], { encoding: 'utf8' });
    assert.equal(result.stdout + result.stderr, '');
    assert.equal(result.status, 0);
  });
});
