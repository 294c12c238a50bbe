/**
 * Test files bundled one per file: which webpack configs the test script builds with, and which of
 * them give each test file a bundle (and a module cache) of its own. Read statically, never run.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectConfigOf } from '../../src/project/runner-config.js';
import { perFileBundleConfig, webpackConfigsOf } from '../../src/project/test-bundles.js';
import { testCommandsOf } from '../../src/project/test-script.js';
import { bundledProject, projectWith } from '../projects.js';

/** A project with this webpack config, and what the test script `webpack --config webpack.test.js` makes of it. */
function bundlesWith(config: string): boolean {
  const file = projectWith({ 'webpack.test.js': config }, 'webpack.test.js');
  return perFileBundleConfig([file]) === file;
}

const PER_TEST_ENTRIES = `const entry = Object.fromEntries(require('glob').sync('src/**/*.test.ts').map((f) => [f, './' + f]));`;

describe('test files bundled one per file', () => {
  describe('the webpack configs the test script builds with', () => {
    const root = path.dirname(projectWith({ 'webpack.config.js': 'module.exports = {};' }, 'webpack.config.js'));
    const configsOf = (scripts: Record<string, string>) => webpackConfigsOf(testCommandsOf(new Map(Object.entries(scripts))), root).map((file) => path.relative(root, file));

    it('follows npm run and the pre scripts npm runs first, with --config, -c and the default config', () => {
      const scripts = { test: 'npm run test:unit', 'pretest:unit': 'npm run compile', compile: 'cp -r a b && webpack --config src/test/webpack.test.js', 'test:unit': 'node ./dist/runTest.js' };
      assert.deepEqual(configsOf(scripts), ['src/test/webpack.test.js']);
      assert.deepEqual(configsOf({ pretest: 'webpack --config=y.js', test: 'mocha dist' }), ['y.js']);
      assert.deepEqual(configsOf({ pretest: 'webpack -c x.js', test: 'mocha dist' }), ['x.js']);
      assert.deepEqual(configsOf({ test: 'webpack && mocha dist' }), ['webpack.config.js']);
    });

    it("takes webpack's own bin run by node, and no other script of that name", () => {
      assert.deepEqual(configsOf({ test: 'node --max-old-space-size=4096 ./node_modules/webpack/bin/webpack.js --config w.js && mocha' }), ['w.js']);
      assert.deepEqual(configsOf({ test: 'node scripts/webpack.js --config w.js && mocha' }), []);
    });

    it('leaves out webpack serve and watch, and pre scripts of scripts yarn runs', () => {
      assert.deepEqual(configsOf({ test: 'webpack serve --config w.js' }), []);
      assert.deepEqual(configsOf({ test: 'yarn unit', preunit: 'webpack --config w.js', unit: 'mocha' }), []);
    });
  });

  describe('which configs give each test file its own bundle', () => {
    it('an entry computed from the test files, or an object of several entries naming them', () => {
      assert.equal(bundlesWith(`${PER_TEST_ENTRIES}\nmodule.exports = { target: 'node', entry };`), true);
      assert.equal(bundlesWith("module.exports = { entry: { a: './test/a.test.js', b: './test/b.test.js' } };"), true);
      assert.equal(bundlesWith(`${PER_TEST_ENTRIES}\nexport default { entry, optimization: { runtimeChunk: 'multiple', splitChunks: { chunks: 'all' } } };`), true);
    });

    it('not one entry that bundles every test together', () => {
      assert.equal(bundlesWith("module.exports = { entry: './test/index.test.js' };"), false);
      assert.equal(bundlesWith("module.exports = { entry: ['./test/a.test.js', './test/b.test.js'] };"), false);
    });

    it('not a shared runtime: one module cache for every entry', () => {
      assert.equal(bundlesWith(`${PER_TEST_ENTRIES}\nmodule.exports = { entry, optimization: { runtimeChunk: 'single' } };`), false);
      assert.equal(bundlesWith(`${PER_TEST_ENTRIES}\nmodule.exports = { entry, optimization: { runtimeChunk: { name: 'runtime' } } };`), false);
      assert.equal(bundlesWith(`${PER_TEST_ENTRIES}\nmodule.exports = { entry, optimization: { runtimeChunk: process.env.RUNTIME } };`), false);
    });

    it('not an app build that names no test file, nor a config that cannot be parsed', () => {
      assert.equal(bundlesWith("module.exports = { entry: { main: './src/index.js', worker: './src/worker.js' } };"), false);
      assert.equal(bundlesWith('module.exports = { entry: {'), false);
    });
  });

  it('is part of the project config, and read again when the webpack config changes', async () => {
    const file = bundledProject();
    const root = path.dirname(path.dirname(file));
    assert.equal(projectConfigOf(file).testBundles, path.join(root, 'test', 'webpack.test.js'));
    const { writeFileSync, utimesSync } = await import('node:fs');
    const config = path.join(root, 'test', 'webpack.test.js');
    writeFileSync(config, "module.exports = { entry: { a: './test/a.test.js', b: './test/b.test.js' }, optimization: { runtimeChunk: 'single' } };");
    const later = new Date(Date.now() + 5_000);
    utimesSync(config, later, later);
    await new Promise((resolve) => setTimeout(resolve, 600));
    assert.equal(projectConfigOf(file).testBundles, undefined);
  });
});
