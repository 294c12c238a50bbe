/**
 * Playwright specs: which files are, and which `playwright test` runs the working directory's test
 * script reaches (through its scripts and the workspaces' scripts). Read statically, never run.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { coveredByRun, isPlaywrightSpec, playwrightRunsFrom } from '../../src/project/playwright-specs.js';
import { projectWith } from '../projects.js';

const SPEC = "import { test, expect } from '@playwright/test';\ntest('x', async ({ page }) => {});\n";
const VITEST = "import { it } from 'vitest';\nit('x', () => {});\n";

function rootOf(files: Record<string, string>): string {
  return path.dirname(projectWith(files, 'package.json'));
}

/** The files (relative) that are Playwright specs, and whether a reached run covers each. */
function judged(files: Record<string, string>, asked: readonly string[]): Record<string, string> {
  const root = rootOf(files);
  const runs = playwrightRunsFrom(root);
  return Object.fromEntries(
    asked.map((file) => {
      const full = path.join(root, file);
      return [file, !isPlaywrightSpec(full, root) ? 'not a spec' : coveredByRun(full, runs) ? 'run' : 'not run'];
    }),
  );
}

describe('Playwright specs', () => {
  it('are files that import @playwright/test, or that the nearest playwright.config selects (testDir, testMatch)', () => {
    const files = {
      'package.json': '{ "scripts": { "test": "vitest run" } }',
      'e2e/playwright.config.ts': "export default { testDir: './specs', testMatch: '*.e2e.ts' };\n",
      'e2e/specs/login.e2e.ts': "import { test } from '../fixtures';\ntest('x', async () => {});\n",
      'e2e/specs/helper.ts': 'export const x = 1;\n',
      'e2e/other/outside.e2e.ts': "import { test } from '../fixtures';\n",
      'tests/a.spec.ts': SPEC,
      'tests/b.spec.cjs': "const { test } = require('@playwright/test');\n",
      'src/unit.test.ts': VITEST,
    };
    assert.deepEqual(judged(files, Object.keys(files).filter((file) => file !== 'package.json' && !file.endsWith('config.ts'))), {
      'e2e/specs/login.e2e.ts': 'not run',
      'e2e/specs/helper.ts': 'not a spec',
      'e2e/other/outside.e2e.ts': 'not a spec',
      'tests/a.spec.ts': 'not run',
      'tests/b.spec.cjs': 'not run',
      'src/unit.test.ts': 'not a spec',
    });
  });

  it('are run where the test script runs `playwright test`, also through npm run and npx, over its config directory', () => {
    const files = {
      'package.json': '{ "scripts": { "test": "vitest run && npm run e2e", "e2e": "npx playwright test -c e2e/playwright.config.ts" } }',
      'e2e/playwright.config.ts': 'export default {};\n',
      'e2e/a.spec.ts': SPEC,
      'tests/b.spec.ts': SPEC,
    };
    assert.deepEqual(judged(files, ['e2e/a.spec.ts', 'tests/b.spec.ts']), { 'e2e/a.spec.ts': 'run', 'tests/b.spec.ts': 'not run' });
    // Without a config, the package's directory.
    assert.deepEqual(judged({ 'package.json': '{ "scripts": { "test": "playwright test" } }', 'tests/b.spec.ts': SPEC }, ['tests/b.spec.ts']), { 'tests/b.spec.ts': 'run' });
    // A script the test script does not reach runs nothing.
    assert.deepEqual(judged({ 'package.json': '{ "scripts": { "test": "vitest run", "test:e2e": "playwright test" } }', 'tests/b.spec.ts': SPEC }, ['tests/b.spec.ts']), { 'tests/b.spec.ts': 'not run' });
  });

  it("are run in a workspace package whose script of the name the root runs in every workspace runs Playwright; not in a package outside the workspaces (sentry-javascript's e2e apps)", () => {
    const workspaceFiles = (test: string) => ({
      'package.json': JSON.stringify({ workspaces: ['packages/*', 'dev-packages/e2e-tests'], scripts: { test } }),
      'packages/web/package.json': '{ "scripts": { "test": "playwright test" } }',
      'packages/web/tests/a.spec.ts': SPEC,
      'dev-packages/e2e-tests/package.json': '{ "scripts": { "test:e2e": "ts-node run.ts" } }',
      'dev-packages/e2e-tests/test-applications/app/package.json': '{ "scripts": { "test": "playwright test" } }',
      'dev-packages/e2e-tests/test-applications/app/tests/b.test.ts': SPEC,
    });
    const asked = ['packages/web/tests/a.spec.ts', 'dev-packages/e2e-tests/test-applications/app/tests/b.test.ts'];
    const reached = { 'packages/web/tests/a.spec.ts': 'run', 'dev-packages/e2e-tests/test-applications/app/tests/b.test.ts': 'not run' };
    for (const test of ['nx run-many -t test --exclude foo', 'pnpm -r test', 'yarn workspaces run test', 'lerna run test', 'turbo run test', 'npm test --workspaces']) {
      assert.deepEqual(judged(workspaceFiles(test), asked), reached, test);
    }
    // A root script that does not run the workspaces' scripts reaches none of them.
    assert.deepEqual(judged(workspaceFiles('vitest run'), asked), { ...reached, 'packages/web/tests/a.spec.ts': 'not run' });
  });
});
