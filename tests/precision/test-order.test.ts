/**
 * Who can still see a write: the tests after it in the file, the files after it, and the resets in
 * `beforeEach` hooks that put the target back before every test of their block. Shapes found on
 * real suites (undici, serverless, jest, firebase-tools), each with the leak it must still catch.
 */
import globalRule from '../../rules/no-unrestored-global-patch.js';
import moduleRule from '../../rules/no-unrestored-module-patch.js';
import spyRule from '../../rules/no-unrestored-spy.js';
import { UNKNOWN_RUNNER_REASON, unrestored } from '../patch-messages.js';
import { projectWith, ruleTester } from '../rule-tester.js';

const jest = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }' });
const mocha = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }' });
const nodeTest = projectWith({ 'package.json': '{ "scripts": { "test": "node --test" } }' });

ruleTester.run('the last test of an isolated file', globalRule, {
  valid: [
    // Jest gives each file its own globals: nothing runs after the file's last test.
    { code: `it('a', () => {});\nit('b', () => { globalThis.atob = () => 'hello'; });`, filename: jest },
    // The only test of a node:test file (a process of its own).
    { code: `import test from 'node:test';\ntest('a', () => { process.emitWarning = () => {}; });`, filename: nodeTest },
    // A describe that holds every test is the file: its body sets the file's baseline.
    { code: `describe('all', () => {\n  process.env.TEST_STAGE = 'dev';\n  it('a', () => {});\n  it('b', () => {});\n});`, filename: jest },
    // A describe body that holds only part of the file runs before every test too: the same in every order.
    { code: `describe('a', () => {\n  process.env.TEST_STAGE = 'dev';\n  it('x', () => {});\n});\ndescribe('b', () => { it('y', () => {}); });`, filename: jest },
    // ...and so do its before hooks.
    { code: `describe('all', () => {\n  beforeAll(() => { process.env.STAGE = 'dev'; });\n  it('a', () => {});\n});`, filename: jest },
    // The last test of a block restored by that block's afterAll: no later test sees it in between.
    {
      code: `const saved = console.warn;\ndescribe('a', () => {\n  afterAll(() => { console.warn = saved; });\n  it('x', () => {});\n  it('y', () => { console.warn = () => {}; });\n});\nit('z', () => {});`,
      filename: jest,
    },
  ],
  invalid: [
    // Under Mocha the next file still sees it, and the message says so (not "later tests in this file").
    {
      code: `it('a', () => {});\nit('b', () => { globalThis.atob = () => 'hello'; });`,
      filename: mocha,
      errors: [unrestored(2, 'globalThis.atob', { reach: 'later files (Mocha)' })],
    },
    // An unknown runner is assumed to share the process.
    {
      code: `it('b', () => { globalThis.atob = () => 'hello'; });`,
      errors: [unrestored(1, 'globalThis.atob', { reach: `later files (${UNKNOWN_RUNNER_REASON})` })],
    },
    // A test registered once per row runs after itself.
    { code: `it('a', () => {});\nit.each([1, 2])('b %s', () => { Date.now = () => 0; });`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // So does a test registered in a loop, or in a describe.each.
    { code: `for (const n of [1, 2]) {\n  it(String(n), () => { Date.now = () => n; });\n}`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    { code: `describe.each([1, 2])('%s', () => {\n  it('x', () => { Date.now = () => 0; });\n});`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // A describe that does not hold every test: its body runs while the file loads, before every test,
    // so where files are isolated it is hygiene (strict); under Mocha it reaches later files.
    {
      code: `describe('a', () => {\n  process.env.TEST_STAGE = 'dev';\n  it('x', () => {});\n});\ndescribe('b', () => { it('y', () => {}); });`,
      filename: jest,
      options: [{ strict: true }],
      errors: [{ messageId: 'collectionTimePatch', line: 2 }],
    },
    {
      code: `describe('a', () => {\n  process.env.TEST_STAGE = 'dev';\n  it('x', () => {});\n});\ndescribe('b', () => { it('y', () => {}); });`,
      filename: mocha,
      errors: [{ messageId: 'collectionTimePatch', line: 2 }],
    },
    // A restore skipped on failure still matters when a later test follows.
    {
      code: `it('a', () => {\n  const now = Date.now;\n  Date.now = () => 0;\n  expect(stamp()).toBe(0);\n  Date.now = now;\n});\nit('b', () => {});`,
      filename: jest,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }],
    },
  ],
});

ruleTester.run('a reset before each test', globalRule, {
  valid: [
    // undici: a root beforeEach deletes every proxy variable (a list, in forEach) before each test.
    {
      code: `import { beforeEach, test } from 'node:test';
beforeEach(() => {
  ['HTTP_PROXY', 'http_proxy', 'NO_PROXY'].forEach((v) => { delete process.env[v]; });
});
test('a', () => { process.env.HTTP_PROXY = 'http://proxy'; });
test('b', () => { process.env.NO_PROXY = 'example.test'; });`,
      filename: nodeTest,
    },
    // serverless: the same with for...of over a const list, in the describe that holds the file.
    {
      code: `const VARS = ['AWS_REGION', 'STATE_KEY'];
describe('entry', () => {
  beforeEach(() => { for (const name of VARS) delete process.env[name]; });
  it('a', () => { process.env.AWS_REGION = 'eu-west-1'; });
  it('b', () => { process.env.STATE_KEY = 'k'; });
});`,
      filename: jest,
    },
    // Mocha: a beforeEach at the top level of a spec file is a root hook, run before every test of every file.
    { code: `beforeEach(() => { delete process.env.DEBUG; });\nit('a', () => { process.env.DEBUG = '1'; });\nit('b', () => {});`, filename: mocha },
    // A write of the saved original in beforeEach.
    {
      code: `const realNow = Date.now;\nbeforeEach(() => { Date.now = realNow; });\nit('a', () => { Date.now = () => 0; });\nit('b', () => {});`,
      filename: mocha,
    },
    // A fresh copy of the environment installed before each test.
    {
      code: `const env = { ...process.env };\nbeforeEach(() => { process.env = { ...env }; });\nit('a', () => { process.env.X = '1'; });\nit('b', () => {});`,
      filename: mocha,
    },
  ],
  invalid: [
    // The list does not hold the variable the test sets.
    {
      code: `const VARS = ['AWS_REGION'];\nbeforeEach(() => { for (const name of VARS) delete process.env[name]; });\nit('a', () => { process.env.STATE_KEY = 'k'; });\nit('b', () => {});`,
      filename: jest,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // The reset covers its block only: the test after the block sees the last write.
    {
      code: `describe('a', () => {\n  beforeEach(() => { delete process.env.DEBUG; });\n  it('x', () => { process.env.DEBUG = '1'; });\n});\nit('y', () => {});`,
      filename: jest,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // Under Mocha the last test of a describe's block leaks into the next file.
    {
      code: `describe('a', () => {\n  beforeEach(() => { delete process.env.DEBUG; });\n  it('x', () => { process.env.DEBUG = '1'; });\n});`,
      filename: mocha,
      errors: [unrestored(3, 'process.env.DEBUG', { reach: 'later files (Mocha)', remedy: 'save it and put it back in `afterEach`' })],
    },
    // A saved reference reinstalled before each test: the test wrote into that very object.
    {
      code: `const env = process.env;\nbeforeEach(() => { process.env = env; });\nit('a', () => { process.env.X = '1'; });\nit('b', () => {});`,
      filename: jest,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
  ],
});

ruleTester.run('a reset of a module member before each test', moduleRule, {
  valid: [
    // jest's normalize.test.ts: the root beforeEach puts the original back before every test.
    {
      code: `import Resolver from 'jest-resolve';
const findNodeModule = Resolver.findNodeModule;
beforeEach(() => { Resolver.findNodeModule = findNodeModule; });
describe('roots', () => {
  beforeEach(() => { Resolver.findNodeModule = jest.fn(() => '/root'); });
  it('a', () => {});
});
it('b', () => { Resolver.findNodeModule = jest.fn(); });
it('c', () => {});`,
      filename: mocha,
    },
  ],
  invalid: [
    // Without the reset, the nested hook's fake reaches the later tests.
    {
      code: `import Resolver from 'jest-resolve';
describe('roots', () => {
  beforeEach(() => { Resolver.findNodeModule = jest.fn(() => '/root'); });
  it('a', () => {});
});
it('b', () => {});`,
      filename: jest,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
  ],
});

ruleTester.run('spies and resets before each test', spyRule, {
  valid: [
    // A restore-all in beforeEach undoes the earlier tests' stubs.
    { code: `const sinon = require('sinon');\nconst api = require('../src/api');\nbeforeEach(() => sinon.restore());\nit('a', () => { sinon.stub(api, 'get'); });\nit('b', () => {});`, filename: mocha },
    // The same hook restores before it stubs again.
    { code: `const sinon = require('sinon');\nconst api = require('../src/api');\nbeforeEach(() => { sinon.restore(); sinon.stub(api, 'get'); });\nit('a', () => {});\nit('b', () => {});`, filename: mocha },
    // A spy made in beforeEach for the only test of an isolated file.
    { code: `beforeEach(() => { jest.spyOn(globalThis, 'clearTimeout'); });\nit('a', () => {});`, filename: jest },
  ],
  invalid: [
    // jest's pTimeout.test.ts: spyOn again in beforeEach hands back the same spy, calls and all.
    {
      code: `beforeEach(() => { jest.spyOn(globalThis, 'clearTimeout'); });\nit('a', () => {});\nit('b', () => { expect(clearTimeout).toHaveBeenCalled(); });`,
      filename: jest,
      errors: [{ messageId: 'unrestoredSpy', line: 1 }],
    },
    // A restore-all in the describe's beforeEach does not cover the test after the describe.
    {
      code: `const sinon = require('sinon');\nconst api = require('../src/api');\ndescribe('a', () => {\n  beforeEach(() => sinon.restore());\n  it('x', () => { sinon.stub(api, 'get'); });\n});\nit('y', () => {});`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredSpy', line: 5 }],
    },
  ],
});
