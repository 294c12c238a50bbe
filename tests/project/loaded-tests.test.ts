/**
 * Test files that other test files load: a suite file that `require()`s files registering tests
 * (knex's `test/all-tests-suite.js`) makes them test files of its run. Read statically, never run.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { clearLoadedTestsCache, testsLoadedBy } from '../../src/project/loaded-tests.js';
import { projectWith } from '../projects.js';

/** The files (relative) that `suite` loads and that register tests, in a project of these files. */
function loadedBy(files: Record<string, string>, suite = 'test/suite.js'): string[] {
  const root = path.dirname(projectWith(files, 'package.json'));
  return testsLoadedBy([path.join(root, suite)], () => true)
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .sort();
}

const REGISTERS = "describe('x', () => { it('y', () => {}); });\n";
const EXPORTS_A_SUITE = "module.exports = function (dialect) {\n  describe(dialect, () => { it('y', () => {}); });\n};\n";

describe('test files that test files load', () => {
  beforeEach(() => clearLoadedTestsCache());

  it('are the loaded files that call describe or it, at their top level or in a function they export; not a file of hooks only', () => {
    const files = {
      'test/suite.js': "describe('all', function () {\n  require('./unit/a');\n  require('./unit/b')('mysql');\n  require('./hooks');\n});\n",
      'test/unit/a.js': REGISTERS,
      'test/unit/b.js': EXPORTS_A_SUITE,
      // Root hooks, a support file (sequelize's test/support.ts): the run's, not a test file.
      'test/hooks.js': "before(() => {});\nafterEach(() => {});\n",
    };
    assert.deepEqual(loadedBy(files), ['test/unit/a.js', 'test/unit/b.js']);
  });

  it('are not the code under test, helpers or data the suite loads: they register nothing', () => {
    const files = {
      'test/suite.js': "const db = require('./db-helpers');\nconst lib = require('../lib/index');\nconst data = require('./data.json');\nrequire('./unit/a');\n",
      'test/db-helpers.js': "exports.isOracle = (knex) => knex.client === 'oracle';\n",
      // `it` and `describe` as local names, `test` as a method: no framework call.
      'lib/index.js': "const it = (x) => x;\nit(1);\nfunction describe() {}\ndescribe();\n/a/.test('a');\nmodule.exports = {};\n",
      'test/data.json': '{}',
      'test/unit/a.js': REGISTERS,
    };
    assert.deepEqual(loadedBy(files), ['test/unit/a.js']);
  });

  it('are found whatever the registering call takes first: a title, a variable, a table, a template table, a function', () => {
    const files = {
      'test/suite.js': ["./title", "./variable", "./table", "./template", "./hook"].map((name) => `require('${name}');\n`).join(''),
      'test/title.js': "it.only(`y`, () => {});\n",
      'test/variable.js': "const name = 'x';\ndescribe.skip(name, function () {});\n",
      'test/table.js': "describe.each([[1], [2]])('x %i', () => {});\n",
      'test/template.js': "test.each`\n  a\n  ${1}\n`('x', () => {});\n",
      // Hooks only: a support file, followed but not listed; its function is the first argument.
      'test/hook.js': "beforeEach(async () => {});\nrequire('./under-hook');\n",
      'test/under-hook.js': "context('z', () => {});\n",
    };
    assert.deepEqual(loadedBy(files), ['test/table.js', 'test/template.js', 'test/title.js', 'test/under-hook.js', 'test/variable.js']);
  });

  it('are followed through loaded files that register tests, each file once however often it is loaded', () => {
    const files = {
      'test/suite.js': "require('./integration');\nrequire('./integration/index.js');\n",
      // A loaded directory's index file of hooks only, which loads the suite that loads the tests: followed, not listed.
      'test/integration/index.js': "before(() => {});\n['pg', 'mysql'].forEach((name) => require('./suite')(name));\n",
      'test/integration/suite.js': "module.exports = (knex) => {\n  describe(knex, () => {\n    require('./query/aggregate')(knex);\n  });\n};\n",
      'test/integration/query/aggregate.js': EXPORTS_A_SUITE,
    };
    assert.deepEqual(loadedBy(files), ['test/integration/query/aggregate.js', 'test/integration/suite.js']);
  });

  it('are not followed through a loaded file that registers no tests', () => {
    const files = {
      'test/suite.js': "require('./aggregator');\n",
      'test/aggregator.js': "module.exports = require('./unit/a');\n",
      'test/unit/a.js': REGISTERS,
    };
    assert.deepEqual(loadedBy(files), []);
  });

  it('are named by strings, templates, path.join/resolve from __dirname, __dirname + a path, import and import()', () => {
    const files = {
      'test/suite.mjs': [
        "import './a.js';",
        "import { shared } from './b.js';",
        "export * from './c.js';",
        "await import('./d.js');",
        "import { createRequire } from 'node:module';",
        '',
      ].join('\n'),
      'test/suite.js': [
        "const path = require('node:path');",
        'require(`./e`);',
        "require(path.join(__dirname, 'f'));",
        "require(path.resolve(__dirname, 'nested', 'g'));",
        "require(__dirname + '/h');",
        '',
      ].join('\n'),
      ...Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f', 'nested/g', 'h'].map((name) => [`test/${name}.js`, REGISTERS])),
    };
    assert.deepEqual(loadedBy(files, 'test/suite.mjs'), ['test/a.js', 'test/b.js', 'test/c.js', 'test/d.js']);
    assert.deepEqual(loadedBy(files), ['test/e.js', 'test/f.js', 'test/h.js', 'test/nested/g.js']);
    assert.deepEqual(loadedBy({ ...files, 'test/suite.js': "const path = require('path');\nrequire(path.resolve(__dirname, 'nested', 'g'));\n" }), ['test/nested/g.js']);
  });

  it('are not named by computed paths, a `require` or `path` of the file\'s own, nor type-only imports', () => {
    const files = {
      'test/suite.ts': [
        "import type { Shape } from './types';",
        "const names = ['a'];",
        "for (const name of names) require('./' + name);",
        "require(`./${names[0]}`);",
        "const path = { join: (...parts: string[]) => parts.join('/') };",
        "require(path.join(__dirname, 'b'));",
        "function load(require: (id: string) => unknown) { require('./c'); }",
        'load(() => 0);',
        '',
      ].join('\n'),
      'test/types.ts': REGISTERS,
      ...Object.fromEntries(['a', 'b', 'c'].map((name) => [`test/${name}.js`, REGISTERS])),
    };
    assert.deepEqual(loadedBy(files, 'test/suite.ts'), []);
  });

  it('count framework functions imported from the framework, not local ones of the same name', () => {
    const files = {
      'test/suite.ts': "import './imported';\nimport './local';\n",
      'test/imported.ts': "import { describe as group, it } from 'vitest';\ngroup('x', () => { it('y', () => {}); });\n",
      'test/local.ts': "import { describe } from './my-describe';\ndescribe('not a test');\n",
      'test/my-describe.ts': 'export function describe(name: string) { return name; }\n',
    };
    assert.deepEqual(loadedBy(files, 'test/suite.ts'), ['test/imported.ts']);
  });

  it('are only files the caller admits (the command: its candidates, in the same project)', () => {
    const root = path.dirname(projectWith({ 'test/suite.js': "require('./a');\nrequire('./b');\n", 'test/a.js': REGISTERS, 'test/b.js': REGISTERS }, 'package.json'));
    const found = testsLoadedBy([path.join(root, 'test/suite.js')], (_loader, file) => !file.endsWith('b.js'));
    assert.deepEqual(found.map((file) => path.relative(root, file)), [path.join('test', 'a.js')]);
  });
});
