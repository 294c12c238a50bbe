/** Temporary projects on disk, for linting code as part of a project that declares (or not) a test runner. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A temporary project with these files (package.json, runner configs), for cases that depend on
 * what the project declares. Returns the path of `file` inside it.
 */
export function projectWith(files: Readonly<Record<string, string>>, file = 'test/example.test.ts'): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'patch-leak-project-'));
  process.once('exit', () => rmSync(root, { recursive: true, force: true }));
  for (const [name, content] of Object.entries({ 'package.json': '{ "private": true }', ...files })) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
  return path.join(root, file);
}

/** A file in a project that declares no test runner: only the file itself tells which one it is for. */
export const NO_RUNNER_FILENAME = projectWith({}, 'example.test.ts');

/**
 * A VS Code extension's tests: webpack builds each test file as an entry of its own before Mocha
 * runs the bundles in one process (fixtures/isolation-webpack-bundles runs this for real).
 */
export function bundledProject(optimization = '{ splitChunks: { chunks: "all" } }'): string {
  return projectWith({
    'package.json': JSON.stringify({
      devDependencies: { mocha: '^11.0.0', webpack: '^5.0.0' },
      scripts: { test: 'npm run test:unit', 'pretest:unit': 'webpack --config test/webpack.test.js', 'test:unit': 'node ./dist/test/runTest.js' },
    }),
    'test/webpack.test.js': `const glob = require('glob');
const entry = Object.fromEntries(glob.sync('**/*.test.ts', { cwd: __dirname }).map((file) => [file, './' + file]));
module.exports = { target: 'node', entry, optimization: ${optimization} };`,
  });
}
