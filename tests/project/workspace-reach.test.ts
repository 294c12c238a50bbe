/**
 * Which workspace packages a monorepo root's test script runs the scripts of, through a workspace
 * tool and its filters (sentry-javascript: `nx run-many -t test --exclude "@sentry-internal/{...}"`).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { workspaceRunOf } from '../../src/project/workspace-reach.js';
import { projectWith } from '../projects.js';

const ROOT = path.dirname(
  projectWith(
    {
      'package.json': JSON.stringify({ workspaces: ['packages/*', 'dev-packages/e2e-tests', 'dev-packages/node-integration-tests'] }),
      'packages/core/package.json': '{ "name": "@scope/core", "scripts": { "test": "vitest run" } }',
      'packages/types/package.json': '{ "name": "@scope/types", "scripts": { "build": "tsc" } }',
      'dev-packages/e2e-tests/package.json': '{ "name": "@scope-internal/e2e-tests", "scripts": { "test:e2e": "ts-node run.ts" } }',
      'dev-packages/node-integration-tests/package.json': '{ "name": "@scope-internal/node-integration-tests", "scripts": { "test": "vitest run" } }',
      // Not a workspace: a directory below one, with a package of its own.
      'dev-packages/e2e-tests/test-applications/app/package.json': '{ "name": "app", "scripts": { "test": "playwright test" } }',
    },
    'package.json',
  ),
);

/** Each workspace package (relative) the command runs a script in, or undefined when it runs none in the workspaces. */
function reached(command: string): { script: string; reached: string[] } | undefined {
  const run = workspaceRunOf(command.split(' '), ROOT);
  return run && { script: run.script, reached: run.packages.filter((p) => p.reached).map((p) => path.relative(ROOT, p.dir).split(path.sep).join('/')).sort() };
}

describe('workspace packages a test script reaches', () => {
  it('are the packages with the script the tool runs, every workspace tool', () => {
    const all = { script: 'test', reached: ['dev-packages/node-integration-tests', 'packages/core'] };
    for (const command of ['nx run-many -t test', 'nx run-many --target=test --parallel', 'nx affected -t test', 'pnpm -r test', 'pnpm --recursive run test', 'yarn workspaces run test', 'yarn workspaces foreach -A run test', 'lerna run test', 'turbo run test', 'turbo test', 'npm test --workspaces', 'npm run test -ws']) {
      assert.deepEqual(reached(command), all, command);
    }
    assert.deepEqual(reached('lerna run test:e2e --stream'), { script: 'test:e2e', reached: ['dev-packages/e2e-tests'] });
  });

  it("less those the filter leaves out by name: nx --exclude (a brace list) and --projects, lerna --scope and --ignore, pnpm's and turbo's --filter, npm --workspace", () => {
    const core = { script: 'test', reached: ['packages/core'] };
    assert.deepEqual(reached('nx run-many -t test --exclude @scope-internal/{e2e-tests,node-integration-tests}'), core);
    assert.deepEqual(reached('nx run-many -t test --exclude=@scope-internal/*'), core);
    assert.deepEqual(reached('nx run-many -t test -p @scope/core'), core);
    assert.deepEqual(reached('lerna run test --scope @scope/*'), core);
    assert.deepEqual(reached('lerna run --ignore @scope-internal/node-integration-tests test'), core);
    assert.deepEqual(reached('pnpm -r --filter !@scope-internal/* test'), core);
    assert.deepEqual(reached('turbo run test --filter=@scope/core'), core);
    assert.deepEqual(reached('npm test -w @scope/core'), core);
  });

  it('are all those with the script when the filter is not a name (a path, a git range): the filter is not read', () => {
    assert.deepEqual(reached('pnpm -r --filter ./packages/core test'), { script: 'test', reached: ['dev-packages/node-integration-tests', 'packages/core'] });
    assert.deepEqual(reached('turbo run test --filter=[HEAD^1]'), { script: 'test', reached: ['dev-packages/node-integration-tests', 'packages/core'] });
  });

  it('are none for a command that runs no workspace scripts', () => {
    for (const command of ['vitest run', 'npm test', 'pnpm test', 'yarn test', 'nx test core', 'lerna bootstrap']) assert.equal(reached(command), undefined, command);
  });
});
