/** Which files a runner runs as tests, read from its config and command line in temporary projects. */
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { clearProjectConfigCache, runsAsTest } from '../../src/project/runner-config.js';
import { selects, vitestSelection } from '../../src/project/test-selection.js';
import { projectWith } from '../projects.js';

const TEST = "it('x', () => {});\n";

/** For each file of the project (relative), whether its runner runs it. */
function runs(files: Record<string, string>, asked: readonly string[]): Record<string, boolean | undefined> {
  const root = path.dirname(projectWith(files, 'package.json'));
  return Object.fromEntries(asked.map((file) => [file, runsAsTest(path.join(root, file))]));
}

const MOCHA_FILES = { 'test/a.js': TEST, 'test/unit/b.js': TEST, 'test/c.ts': TEST, 'tests-old/d.js': TEST };
const ASKED = ['test/a.js', 'test/unit/b.js', 'test/c.ts', 'tests-old/d.js'];

describe("Mocha's default spec", () => {
  beforeEach(() => clearProjectConfigCache());

  it('is the files of ./test with js, cjs or mjs, one level only', () => {
    assert.deepEqual(runs({ ...MOCHA_FILES, 'package.json': '{ "scripts": { "test": "mocha" } }' }, ASKED), {
      'test/a.js': true,
      'test/unit/b.js': false,
      'test/c.ts': false,
      'tests-old/d.js': false,
    });
  });

  it('goes down every level with --recursive in the script or `recursive` in .mocharc', () => {
    const recursive = { 'test/a.js': true, 'test/unit/b.js': true, 'test/c.ts': false, 'tests-old/d.js': false };
    assert.deepEqual(runs({ ...MOCHA_FILES, 'package.json': '{ "scripts": { "test": "mocha --recursive" } }' }, ASKED), recursive);
    assert.deepEqual(runs({ ...MOCHA_FILES, 'package.json': '{ "scripts": { "test": "mocha" } }', '.mocharc.json': '{ "recursive": true }' }, ASKED), recursive);
    // `recursive: false` is the default spelled out.
    assert.equal(runs({ ...MOCHA_FILES, 'package.json': '{ "scripts": { "test": "mocha" } }', '.mocharc.json': '{ "recursive": false }' }, ASKED)['test/unit/b.js'], false);
  });

  it('takes the extensions `extension` adds', () => {
    assert.deepEqual(runs({ ...MOCHA_FILES, 'package.json': '{ "scripts": { "test": "mocha --extension ts" } }' }, ['test/c.ts', 'test/unit/b.js']), {
      'test/c.ts': true,
      'test/unit/b.js': false,
    });
  });
});

describe('type tests', () => {
  beforeEach(() => clearProjectConfigCache());

  it('are selected by no runner, even one whose patterns match them', () => {
    const files = {
      'package.json': '{ "scripts": { "test": "vitest run" } }',
      'vitest.config.ts': "export default { test: { include: ['src/**/*.ts'] } };\n",
      'src/a.test.ts': TEST,
      'src/a.test-d.ts': TEST,
      'src/b.spec-d.tsx': TEST,
      'src/c.tst.ts': TEST,
    };
    assert.deepEqual(runs(files, ['src/a.test.ts', 'src/a.test-d.ts', 'src/b.spec-d.tsx', 'src/c.tst.ts']), {
      'src/a.test.ts': true,
      'src/a.test-d.ts': false,
      'src/b.spec-d.tsx': false,
      'src/c.tst.ts': false,
    });
  });

  it('are out of a selection that cannot be read too (no fallback to their names)', () => {
    assert.equal(selects('unknown', '/p/test/types.tst.ts'), false);
    assert.equal(selects('unknown', '/p/test/a.test.ts'), undefined);
  });
});

describe('a selection matched by path prefixes', () => {
  it('takes a directory as a whole path segment: `test` is not `tests-old`', () => {
    const selection = vitestSelection(undefined, '/p/test');
    assert.equal(selects(selection, '/p/test/a.test.ts'), true);
    assert.equal(selects(selection, '/p/tests-old/a.test.ts'), false);
    assert.equal(selects(selection, '/p/test'), false);
    assert.equal(selects({ kind: 'unread', base: '/p/test' }, '/p/test-old/a.test.ts'), false);
    assert.equal(selects({ kind: 'unread', base: '/p/test' }, '/p/test/a.test.ts'), undefined);
  });
});

describe('scripts other than `test`', () => {
  beforeEach(() => clearProjectConfigCache());

  const files = { 'test/a.js': TEST, 'test/integration/b.js': TEST };
  const asked = ['test/a.js', 'test/integration/b.js'];

  it('select their files where the test script runs them (npm run, yarn, run-s)', () => {
    const scripts = { 'test:unit': 'mocha', 'test:int': 'mocha test/integration' };
    for (const test of ['npm run test:unit && npm run test:int', 'yarn test:unit && yarn test:int', 'run-s test:*']) {
      assert.deepEqual(runs({ ...files, 'package.json': JSON.stringify({ scripts: { ...scripts, test } }) }, asked), { 'test/a.js': true, 'test/integration/b.js': true }, test);
    }
  });

  it('select nothing where the test script does not reach them', () => {
    const pkg = JSON.stringify({ scripts: { test: 'mocha', 'test:int': 'mocha test/integration' } });
    assert.deepEqual(runs({ ...files, 'package.json': pkg }, asked), { 'test/a.js': true, 'test/integration/b.js': false });
  });
});
