/** Where the runner starts: the directory whose config governs a file, walking up from it. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { runnerRootOf } from '../../src/project/config-location.js';
import { projectConfigOf } from '../../src/project/runner-config.js';
import { projectWith } from '../projects.js';

/** A monorepo in a temporary directory; returns its root. */
function monorepo(files: Record<string, string>): string {
  const marker = projectWith({ ...files, '.git/HEAD': 'ref: refs/heads/main\n' }, 'README.md');
  return path.dirname(marker);
}

describe('where the runner starts', () => {
  it('walks past a package that names no runner to the root jest.config (jestjs/jest)', () => {
    const root = monorepo({
      'package.json': '{ "scripts": { "test": "yarn jest" } }',
      'jest.config.mjs': 'export default { projects: ["<rootDir>/packages/*"] };',
      'packages/a/package.json': '{ "name": "a", "main": "index.js" }',
    });
    const dir = path.join(root, 'packages/a/src/__tests__');
    mkdirSync(dir, { recursive: true });
    assert.equal(runnerRootOf(dir).root, root);
  });

  it('stops at a workspace package whose own script starts the runner (serverless: test:unit, run by the root with -w)', () => {
    const root = monorepo({
      'package.json': '{ "scripts": { "test": "npm run test:unit -w pkg" }, "workspaces": ["packages/*"] }',
      'packages/pkg/package.json': '{ "name": "pkg", "scripts": { "test:unit": "cross-env NODE_OPTIONS=x jest" }, "devDependencies": { "jest": "^30.0.0" } }',
    });
    const file = path.join(root, 'packages/pkg/test/unit/a.test.js');
    mkdirSync(path.dirname(file), { recursive: true });
    assert.equal(runnerRootOf(path.dirname(file)).root, path.join(root, 'packages/pkg'));
    assert.deepEqual([...projectConfigOf(file).runners], ['jest']);
  });

  it('does not walk past the repository root', () => {
    const root = monorepo({ 'package.json': '{ "name": "plain" }' });
    assert.equal(runnerRootOf(root).root, root);
    assert.equal(runnerRootOf(root).declared, false);
  });

  it('when nothing up to the repository root declares a runner, the nearest package.json is the root', () => {
    const root = monorepo({ 'package.json': '{ "name": "root" }', 'packages/a/package.json': '{ "name": "a" }' });
    const deep = path.join(root, 'packages/a/test/unit');
    mkdirSync(deep, { recursive: true });
    assert.deepEqual({ ...runnerRootOf(deep), looked: undefined }, { root: path.join(root, 'packages/a'), looked: undefined, declared: false });
    // A sibling below the same package, asked after: the same answer.
    const sibling = path.join(root, 'packages/a/test/e2e');
    mkdirSync(sibling, { recursive: true });
    assert.equal(runnerRootOf(sibling).root, path.join(root, 'packages/a'));
    assert.equal(runnerRootOf(path.join(root, 'packages')).root, root);
  });

  it('a runner config added to an ancestor later is seen once the answer is checked again', async () => {
    const root = monorepo({ 'package.json': '{ "name": "root" }', 'packages/a/package.json': '{ "name": "a" }' });
    const deep = path.join(root, 'packages/a/test');
    mkdirSync(deep, { recursive: true });
    assert.equal(runnerRootOf(deep).root, path.join(root, 'packages/a'));
    await sleep(20);
    writeFileSync(path.join(root, 'vitest.config.ts'), 'export default {};\n');
    await sleep(600);
    assert.deepEqual({ root: runnerRootOf(deep).root, declared: runnerRootOf(deep).declared }, { root, declared: true });
  });
});
