/** What `npm test` runs: the test script read as commands, each runner with the words after its name. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { optionValues, runnerCommandsOf, testCommandsOf } from '../../src/project/test-script.js';

const commandsOf = (scripts: Record<string, string>) => runnerCommandsOf(new Map(Object.entries(scripts)));

describe('the test script, read as commands', () => {
  it('finds each runner after wrappers, paths and environment assignments, with its arguments', () => {
    assert.deepEqual(commandsOf({ test: 'tsc -p . && cross-env CI=1 ./node_modules/.bin/jest --ci; nyc mocha -r ts-node/register' }), [
      { runner: 'jest', args: ['--ci'] },
      { runner: 'mocha', args: ['-r', 'ts-node/register'] },
    ]);
  });

  it('takes node and tsx for node:test only with --test, and bun only with test', () => {
    assert.deepEqual(commandsOf({ test: 'node scripts/build.js && node --test-isolation=none --test' }), [
      { runner: 'node-test', args: ['--test-isolation=none', '--test'] },
    ]);
    assert.deepEqual(commandsOf({ test: 'bun run build && bun test --bail' }), [{ runner: 'bun', args: ['--bail'] }]);
  });

  it('keeps quoted words whole, a quoted | inside them, and drops redirections with their target', () => {
    assert.deepEqual(commandsOf({ test: `mocha --require="./test/a b.js" 'test/**/*.js' 2>&1 | tee out.txt` }), [
      { runner: 'mocha', args: ['--require=./test/a b.js', 'test/**/*.js'] },
    ]);
    assert.deepEqual(commandsOf({ test: "mocha --grep 'unit|integration' -r ./hooks.js > report.txt" }), [
      { runner: 'mocha', args: ['--grep', 'unit|integration', '-r', './hooks.js'] },
    ]);
    assert.deepEqual(commandsOf({ test: '(cd packages/a && jest --ci) ; echo "done | ok"' }), [{ runner: 'jest', args: ['--ci'] }]);
  });

  it('follows a script called after environment assignments (jest-environment-node: GLOBALS_CLEANUP=off yarn test:base)', () => {
    const scripts = { 'test:base': "echo $MODE && yarn --cwd='../.' jest --runInBand src", test: 'MODE=off yarn test:base && MODE=on yarn test:base' };
    assert.deepEqual(commandsOf(scripts), [
      { runner: 'jest', args: ['--runInBand', 'src'] },
      { runner: 'jest', args: ['--runInBand', 'src'] },
    ]);
  });

  it('takes borp for node:test, with its own options', () => {
    assert.deepEqual(commandsOf({ test: 'borp --timeout 180000 -p "test/+(http2|h2)*.js"' }), [
      { runner: 'node-test', args: ['--timeout', '180000', '-p', 'test/+(http2|h2)*.js'], tool: 'borp' },
    ]);
  });

  it('follows the scripts the package manager runs, a few levels deep, passing on what npm passes after --', () => {
    const scripts = { unit: 'vitest run', nested: 'npm run unit' };
    assert.deepEqual(commandsOf({ ...scripts, test: 'npm run unit -- --no-isolate --silent' }), [{ runner: 'vitest', args: ['run', '--no-isolate', '--silent'] }]);
    assert.deepEqual(commandsOf({ ...scripts, test: 'npm run unit --silent' }), [{ runner: 'vitest', args: ['run'] }]);
    assert.deepEqual(commandsOf({ ...scripts, test: 'yarn unit --no-isolate' }), [{ runner: 'vitest', args: ['run', '--no-isolate'] }]);
    assert.deepEqual(commandsOf({ ...scripts, test: 'npm run nested' }), [{ runner: 'vitest', args: ['run'] }]);
    // Never around a cycle, and a name that is no script is the package manager's own command.
    assert.deepEqual(commandsOf({ a: 'npm run b', b: 'npm run a && jest', test: 'npm run a' }), [{ runner: 'jest', args: [] }]);
    assert.deepEqual(commandsOf({ ...scripts, test: 'yarn install' }), []);
  });

  it('reads only the scripts the test script reaches: another script of the package starts nothing (knex\'s test:db, a test:e2e)', () => {
    const scripts = { 'test:db': 'mocha --config test/mocha-integration-config-test.js', 'test:e2e': 'jest -c e2e.config.js', unit: 'vitest run' };
    assert.deepEqual(commandsOf({ ...scripts, test: 'npm run unit' }), [{ runner: 'vitest', args: ['run'] }]);
    assert.deepEqual(commandsOf({ ...scripts, test: 'npm run unit && pnpm test:db' }), [
      { runner: 'vitest', args: ['run'] },
      { runner: 'mocha', args: ['--config', 'test/mocha-integration-config-test.js'] },
    ]);
  });

  it('runs the pre script npm runs before a script it runs, first; yarn and pnpm run none', () => {
    const scripts = { pretest: 'tsc', 'pretest:unit': 'mocha --config .mocharc.setup.yml', 'test:unit': 'mocha', test: 'npm run test:unit' };
    assert.deepEqual(commandsOf(scripts), [
      { runner: 'mocha', args: ['--config', '.mocharc.setup.yml'] },
      { runner: 'mocha', args: [] },
    ]);
    assert.deepEqual(commandsOf({ ...scripts, test: 'pnpm test:unit' }), [{ runner: 'mocha', args: [] }]);
    assert.deepEqual(testCommandsOf(new Map(Object.entries(scripts))), [['tsc'], ['mocha', '--config', '.mocharc.setup.yml'], ['mocha']]);
  });

  it("follows npm-run-all's run-s, run-p and npm-run-all: named scripts and patterns, each with its pre script (mocha's own suite)", () => {
    const scripts = {
      lint: 'eslint .',
      'test-node-run': 'cross-env NODE_OPTIONS=--enable-source-maps nyc --no-clean node bin/mocha.js --forbid-only',
      'test-node:unit': 'npm run -s test-node-run -- "test/unit/**/*.spec.cjs"',
      'pretest-node:reporters': 'node scripts/prepare.js',
      'test-node:reporters': 'npm run -s test-node-run -- "test/reporters/*.spec.cjs"',
      'test-node:deep:x': 'jest',
      'test-node': 'run-s test-coverage-clean test-node:* test-coverage-generate',
      test: 'run-s lint test-node test-browser',
    };
    assert.deepEqual(commandsOf(scripts), [
      { runner: 'mocha', args: ['--forbid-only', 'test/unit/**/*.spec.cjs'] },
      { runner: 'mocha', args: ['--forbid-only', 'test/reporters/*.spec.cjs'] },
    ]);
    assert.deepEqual(commandsOf({ ...scripts, 'test-node': 'npm-run-all --max-parallel 2 -p test-node:**' }).length, 3);
    assert.deepEqual(commandsOf({ a: 'vitest run', test: 'run-p --print-label a missing' }), [{ runner: 'vitest', args: ['run'] }]);
  });

  it('collects an option in every spelling', () => {
    assert.deepEqual(optionValues(['-r', 'a', '--require', 'b', '--require=c', '--required', 'x'], ['--require', '-r']), ['a', 'b', 'c']);
  });
});
