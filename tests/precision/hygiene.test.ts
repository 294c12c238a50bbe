/**
 * Hygiene, not leaks: what stays in place but changes nothing a later test relies on. Left out of
 * the default and reported with `strict: true` (configs.strict). Shapes judged DEBATABLE on jest,
 * serverless and undici.
 */
import globalRule from '../../rules/no-unrestored-global-patch.js';
import spyRule from '../../rules/no-unrestored-spy.js';
import { projectWith, ruleTester } from '../rule-tester.js';

const jest = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }' });
const mocha = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }' });
const vitest = projectWith({ 'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest" } }' });
const strict = [{ strict: true }] as const;
// The same Mocha project with a source file that reads the global the test sets.
const mochaReadsClsx = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
  'src/render.js': 'module.exports = (name) => globalThis.clsx(name);\n',
});

const CALL_THROUGH = `beforeEach(() => { jest.spyOn(globalThis, 'setTimeout'); });\nit('a', () => { run(); });\nit('b', () => { run(); });`;
const AUTOMOCKED = `import { TestClass } from './fixtures';\njest.mock('./fixtures');\nit('a', () => { jest.spyOn(TestClass.prototype, 'method').mockImplementation(() => 1); });\nit('b', () => {});`;
const OWN_GLOBAL = `it('a', () => { globalThis.clsx = require('clsx'); });\nit('b', () => {});`;
const STEPS = `const { run } = require('./cli');\nit('deploy', () => { process.argv[2] = 'deploy'; run(); });\nit('info', () => { process.argv[2] = 'info'; run(); });\nit('remove', () => { process.argv[2] = 'remove'; run(); });`;
const STEPS_THEN_CHECK = `const { run } = require('./cli');\nit('deploy', () => { process.argv[2] = 'deploy'; run(); });\nit('info', () => { process.argv[2] = 'info'; run(); });\nit('check', () => { run(); });`;
// A step in between that does not run the CLI does not use the value (serverless's 'Ensure stack exists').
// The value is the input of the first call after the write; checking the result by another call is no use of it.
const STEPS_WITH_CHECKS = `const { run, stackExists } = require('./cli');\nit('deploy', () => { process.argv[2] = 'deploy'; run(); expect(stackExists()).toBe(true); });\nit('ensure', () => { expect(stackExists()).toBe(true); });\nit('remove', () => { process.argv[2] = 'remove'; run(); });`;

const SINON_SPY = `const sinon = require('sinon');
const secrets = require('../src/secrets');
it('never reads a secret in the emulator', async () => {
  const spy = sinon.spy(secrets, 'getSecretMetadata');
  await resolve();
  expect(spy.called).to.be.false;
  spy.restore();
});
it('next', () => {});`;
const MOCHA_PACKAGE = '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }';
const SECRETS = { 'src/secrets.js': 'exports.getSecretMetadata = async () => ({});\n' };
const mochaSpy = projectWith({ 'package.json': MOCHA_PACKAGE, ...SECRETS });
const SINON_AND_SECRETS = "const sinon = require('sinon');\nconst secrets = require('../src/secrets');\n";
const mochaWrapsElsewhere = projectWith({ 'package.json': MOCHA_PACKAGE, ...SECRETS, 'test/other.spec.js': `${SINON_AND_SECRETS}sinon.stub(secrets, 'getSecretMetadata').resolves({});\n` });
// Another file only calls the member: nothing wraps it again, the spy stays harmless.
const mochaCallsElsewhere = projectWith({ 'package.json': MOCHA_PACKAGE, ...SECRETS, 'test/other.spec.js': `${SINON_AND_SECRETS}it('x', async () => { await secrets.getSecretMetadata(); });\n` });
// Another file stubs the whole module object, through an import of its own spelling, or through a sandbox
// (inside a describe: a top-level `afterEach(() => sinon.restore())` would be a root hook restoring every file's fakes).
const mochaStubsWholeElsewhere = projectWith({
  'package.json': MOCHA_PACKAGE,
  ...SECRETS,
  'test/other.spec.js': "const sinon = require('sinon');\nconst store = require('../src/secrets.js');\ndescribe('store', () => {\n  beforeEach(() => { sinon.stub(store); });\n  afterEach(() => sinon.restore());\n});\n",
});
const mochaSandboxStubsWholeElsewhere = projectWith({
  'package.json': MOCHA_PACKAGE,
  ...SECRETS,
  'test/other.spec.js': "import sinon from 'sinon';\nimport * as store from '../src/secrets';\nconst sandbox = sinon.createSandbox();\nbeforeEach(() => { sandbox.stub(store); });\nafterEach(() => sandbox.restore());\n",
});
// ...but a whole-object stub of another module does not wrap it.
const mochaStubsOtherWhole = projectWith({
  'package.json': MOCHA_PACKAGE,
  ...SECRETS,
  'src/secrets-cache.js': 'exports.clear = () => {};\n',
  'test/other.spec.js': "const sinon = require('sinon');\nconst secrets = require('../src/secrets-cache');\nbeforeEach(() => { sinon.stub(secrets); });\nafterEach(() => sinon.restore());\n",
});

ruleTester.run('hygiene spies', spyRule, {
  valid: [
    // jest's timer example: a spy that only watches calls, and nothing asserts on them.
    { code: CALL_THROUGH, filename: jest },
    // jest's timer example: only the first test, which sees a fresh spy, asserts on its calls.
    { code: `beforeEach(() => { jest.spyOn(globalThis, 'setTimeout'); });\nit('a', () => { run(); expect(setTimeout).toHaveBeenCalledTimes(1); });\nit('b', () => { run(); });`, filename: jest },
    // firebase-tools params.spec.ts: a Sinon spy that only watches, restored on the happy path, on a member nothing else fakes.
    { code: SINON_SPY, filename: mochaSpy },
    // Another file calls the member, or stubs a whole other module: neither wraps it again.
    { code: SINON_SPY, filename: mochaCallsElsewhere },
    { code: SINON_SPY, filename: mochaStubsOtherWhole },
    // class-mocks-single-import.test.ts: the module is the file's own automock.
    { code: AUTOMOCKED, filename: jest },
    // Later tests call only other members of the automock, a mock's own API through a handle, or the method of an
    // instance whose own member they faked first: none of them reaches the fake (jest's class-mocks tests).
    {
      code: `import * as types from './types';\njest.mock('./types');\nit('a', () => { jest.spyOn(types, 'one').mockReturnValue(1); });\nit('b', () => { const spy = jest.spyOn(types, 'two').mockReturnValue(2); expect(types.two()).toBe(2); spy.mockClear(); });`,
      filename: jest,
    },
    {
      code: `import { Base, Child } from './types';\njest.mock('./types');\nit('a', () => { jest.spyOn(Base.prototype, 'get').mockReturnValue(1); });\nit('b', () => { jest.spyOn(Child.prototype, 'get').mockReturnValue(2); const child = new Child(); expect(child.get()).toBe(2); });`,
      filename: jest,
    },
    // A later test fakes the member again before it reads it (what the new fake calls runs only when it is called).
    { code: `import * as fs from 'fs';\nimport { find } from './find';\nvi.mock('fs');\nit('a', () => { vi.spyOn(fs, 'existsSync').mockReturnValue(true); find(); });\nit('b', () => { vi.spyOn(fs, 'existsSync').mockImplementation((p) => p.toString().includes('x')); find(); });`, filename: vitest },
    { code: `const client = require('./client');\njest.mock('./client');\nit('a', () => { jest.spyOn(client, 'get').mockReturnValue(1); });\nit('b', () => { jest.spyOn(client, 'get').mockReturnValue(2); expect(client.get()).toBe(2); });`, filename: jest },
    // Its recorded calls read through `jest.mocked(...)` only in the test that made it (a fresh spy).
    { code: `const api = require('./api');\nit('a', () => { jest.spyOn(api, 'get'); run(); expect(jest.mocked(api.get).mock.calls).toHaveLength(1); });\nit('b', () => { run(); });`, filename: jest },
  ],
  invalid: [
    { code: CALL_THROUGH, filename: jest, options: strict, errors: [{ messageId: 'unrestoredSpy', line: 1 }] },
    { code: AUTOMOCKED, filename: jest, options: strict, errors: [{ messageId: 'unrestoredSpy', line: 3 }] },
    // pTimeout.test.ts: the file asserts on the spy's calls, which carry over from the test before.
    {
      code: `beforeEach(() => { jest.spyOn(globalThis, 'clearTimeout'); });\nit('a', () => { run(); });\nit('b', () => { expect(clearTimeout).toHaveBeenCalled(); });`,
      filename: jest,
      errors: [{ messageId: 'unrestoredSpy', line: 1 }],
    },
    // ...also when they are read through `jest.mocked(...).mock.calls` or `.mock.calls` in another test.
    {
      code: `const api = require('./api');\nbeforeEach(() => { jest.spyOn(api, 'get'); });\nit('a', () => { run(); });\nit('b', () => { expect(jest.mocked(api.get).mock.calls).toHaveLength(1); });`,
      filename: jest,
      errors: [{ messageId: 'unrestoredSpy', line: 2 }],
    },
    {
      code: `const api = require('./api');\nit('a', () => { jest.spyOn(api, 'get'); run(); });\nit('b', () => { run(); expect(api.get.mock.calls[0]).toEqual([]); });`,
      filename: jest,
      errors: [{ messageId: 'unrestoredSpy', line: 2 }],
    },
    // A spy configured through its handle has fake behaviour.
    {
      code: `const api = require('./api');\nit('a', () => { const spy = jest.spyOn(api, 'get'); spy.mockReturnValue(1); });\nit('b', () => {});`,
      filename: jest,
      errors: [{ messageId: 'unrestoredSpy', line: 2 }],
    },
    // A Sinon spy left in place makes the next fake of the member throw "already wrapped": reported when
    // something wraps it again, later in the file, in a hook or in another test file.
    {
      code: `const sinon = require('sinon');\nconst api = require('./api');\nit('a', () => { sinon.spy(api, 'get'); });\nit('b', () => { sinon.stub(api, 'get').returns(1); });`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredSpy', line: 3 }, { messageId: 'unrestoredSpy', line: 4 }],
    },
    { code: SINON_SPY, filename: mochaWrapsElsewhere, errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }] },
    // A stub of the whole object wraps every method again: in another file (through any spelling of the path, or a sandbox) ...
    { code: SINON_SPY, filename: mochaStubsWholeElsewhere, errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }] },
    { code: SINON_SPY, filename: mochaSandboxStubsWholeElsewhere, errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }] },
    // ... or later in the same file.
    {
      code: `const sinon = require('sinon');\nconst api = require('./api');\nit('a', () => { sinon.spy(api, 'get'); });\nit('b', () => { sinon.stub(api); });`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredSpy', line: 3 }, { messageId: 'unrestoredSpy', line: 4 }],
    },
    { code: SINON_SPY, filename: mochaSpy, options: strict, errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }] },
    // A spy on the automock stays for the later tests of the file: one that reads the member sees the fake (fixtures/quiet-writes-jest).
    { code: `const client = require('./client');\njest.mock('./client');\nit('a', () => { jest.spyOn(client, 'get').mockReturnValue(1); });\nit('b', () => { expect(client.get()).toBeUndefined(); });`, filename: jest, errors: [{ messageId: 'unrestoredSpy', line: 3 }] },
    // ...so does one that calls code of the file other than the automock, which may read it,
    { code: `const client = require('./client');\nconst { load } = require('./loader');\njest.mock('./client');\nit('a', () => { jest.spyOn(client, 'get').mockReturnValue(1); });\nit('b', () => { load(); });`, filename: jest, errors: [{ messageId: 'unrestoredSpy', line: 4 }] },
    // ...a hook around the later tests that calls it,
    { code: `const client = require('./client');\njest.mock('./client');\nbeforeEach(() => { client.get(); });\nit('a', () => { jest.spyOn(client, 'get').mockReturnValue(1); });\nit('b', () => {});`, filename: jest, errors: [{ messageId: 'unrestoredSpy', line: 4 }] },
    // ...and an instance of an automocked subclass, which inherits the faked method (run with Jest).
    {
      code: `import { Base, Child } from './types';\njest.mock('./types');\nit('a', () => { jest.spyOn(Base.prototype, 'get').mockReturnValue(1); });\nit('b', () => { const child = new Child(); expect(child.get()).toBeUndefined(); });`,
      filename: jest,
      errors: [{ messageId: 'unrestoredSpy', line: 3 }],
    },
    // A factory mock is not an automock of the module's real members.
    {
      code: `import { api } from './api';\njest.mock('./other');\nit('a', () => { jest.spyOn(api, 'get').mockReturnValue(1); });\nit('b', () => {});`,
      filename: jest,
      errors: [{ messageId: 'unrestoredSpy', line: 3 }],
    },
  ],
});

// firebase-tools utils.spec.ts: a made-up name handed to the code under test, set by each test that uses it.
const SENTINEL_ENV = `const utils = require('../src/utils');
it('unset', () => { expect(utils.envOverride('FOOBARBAZ', 'x')).toBe('x'); });
it('set', () => {
  process.env.FOO_BAR_BAZ = 'set';
  expect(utils.envOverride('FOO_BAR_BAZ', 'notset')).toBe('set');
  delete process.env.FOO_BAR_BAZ;
});
it('coerce', () => {
  process.env.FOO_BAR_BAZ = 'set';
  expect(utils.envOverride('FOO_BAR_BAZ', 'notset', (s) => s.length)).toBe(3);
  delete process.env.FOO_BAR_BAZ;
});`;
// jest createProcessObject.test.ts: names read back from the fake environment the code under test copies.
const SENTINEL_COPY = `const { createProcessObject } = require('../src/process');
it('copies', () => {
  process.env.PROP_NUMBER = 3;
  expect(createProcessObject().env.PROP_NUMBER).toBe('3');
});
it('windows', () => { expect(createProcessObject().env).toBeDefined(); });`;
const UTILS = { 'src/utils.js': 'exports.envOverride = (name, value) => process.env[name] ?? value;\n' };
const mochaUtils = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }', ...UTILS });
const jestProcess = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }', 'src/process.js': 'exports.createProcessObject = () => ({ env: { ...process.env } });\n' });
// The same name read by the project's own code is configuration, not the test's own.
const mochaReadsName = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }', ...UTILS, 'src/config.js': 'module.exports = { baz: process.env.FOO_BAR_BAZ };\n' });
// containerCleaner.spec.ts: a local constant of the same spelling is not the variable.
const mochaLocalConstant = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
  ...UTILS,
  'test/other.test.ts': 'const FOO_BAR_BAZ: string[] = [];\nit("x", () => { list.resolves(FOO_BAR_BAZ); });\n',
});

// The same shape on a variable Node reads (its documented list, and tty's color depth): never made up.
const nodeReads = (name: string): string => SENTINEL_ENV.replaceAll('FOO_BAR_BAZ', name);
// An installed package that reads a variable on every call, loaded by the tests or a dependency of the package under test.
const CLOCK_PACKAGE = {
  'node_modules/clocklib/package.json': '{ "name": "clocklib", "main": "lib/index.js" }',
  'node_modules/clocklib/lib/index.js': 'exports.now = () => Date.now() + Number(process.env.FOO_BAR_BAZ ?? 0);\n',
};
const mochaImportsReader = projectWith({ 'package.json': MOCHA_PACKAGE, ...UTILS, ...CLOCK_PACKAGE }, 'test/utils.test.js');
const mochaDependsOnReader = projectWith({ 'package.json': '{ "dependencies": { "clocklib": "1.0.0" }, "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }', ...UTILS, ...CLOCK_PACKAGE });
// An installed package that names other variables only.
const mochaImportsOtherReader = projectWith({ 'package.json': MOCHA_PACKAGE, ...UTILS, ...CLOCK_PACKAGE, 'node_modules/clocklib/lib/index.js': 'exports.now = () => Date.now() + Number(process.env.CLOCK_SKEW ?? 0);\n' });
const IMPORTS_CLOCK = `const clock = require('clocklib');\n${SENTINEL_ENV}\nit('ticks', () => { clock.now(); });`;

ruleTester.run('environment variables the test makes up', globalRule, {
  valid: [
    { code: SENTINEL_ENV, filename: mochaUtils },
    // An installed package the test loads names other variables, not this one.
    { code: IMPORTS_CLOCK, filename: mochaImportsOtherReader },
    // A package installed but neither loaded by the test nor a dependency of the package under test.
    { code: SENTINEL_ENV, filename: mochaImportsReader },
    { code: SENTINEL_ENV, filename: mochaLocalConstant },
    { code: SENTINEL_COPY, filename: jestProcess },
  ],
  invalid: [
    {
      code: SENTINEL_ENV,
      filename: mochaUtils,
      options: strict,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }, { messageId: 'restoreSkippedOnFailure', line: 9 }],
    },
    { code: SENTINEL_COPY, filename: jestProcess, options: strict, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    // Another file of the project names it.
    { code: SENTINEL_ENV, filename: mochaReadsName, errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }, { messageId: 'restoreSkippedOnFailure', line: 9 }] },
    // A later test uses the name without setting it: it sees the leftover value.
    {
      code: `${SENTINEL_ENV}\nit('after', () => { expect(utils.envOverride('FOO_BAR_BAZ', 'notset')).toBe('notset'); });`,
      filename: mochaUtils,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }, { messageId: 'restoreSkippedOnFailure', line: 9 }],
    },
    // A variable the test only sets is configuration some code reads (a dependency's FORCE_COLOR).
    { code: `const { render } = require('../src/utils');\nit('a', () => { process.env.FORCE_COLOR = '0'; render(); });\nit('b', () => {});`, filename: mochaUtils, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // Node reads it: on every TLS connection, in tty's color depth (RUNTIME-FACTS 40).
    {
      code: nodeReads('NODE_TLS_REJECT_UNAUTHORIZED'),
      filename: mochaUtils,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }, { messageId: 'restoreSkippedOnFailure', line: 9 }],
    },
    { code: nodeReads('COLORTERM'), filename: mochaUtils, errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }, { messageId: 'restoreSkippedOnFailure', line: 9 }] },
    // An installed package reads it: one the test loads, or a dependency of the package under test.
    { code: IMPORTS_CLOCK, filename: mochaImportsReader, errors: [{ messageId: 'restoreSkippedOnFailure', line: 5 }, { messageId: 'restoreSkippedOnFailure', line: 10 }] },
    { code: SENTINEL_ENV, filename: mochaDependsOnReader, errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }, { messageId: 'restoreSkippedOnFailure', line: 9 }] },
    // A variable the environment provides is never the test's own.
    { code: `const utils = require('../src/utils');\nit('a', () => { process.env.NODE_ENV = 'x'; utils.envOverride('NODE_ENV', 'y'); });\nit('b', () => {});`, filename: mochaUtils, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
  ],
});

ruleTester.run('hygiene globals and per-test inputs', globalRule, {
  valid: [
    // globals_cleanup_1.test.ts: a name no environment defines, in a file Jest isolates.
    { code: OWN_GLOBAL, filename: jest },
    // ...or under Mocha, where no other file of the project names it (mocha's own globals.spec.cjs: `global.callback123`).
    { code: OWN_GLOBAL, filename: mocha },
    // serverless integration steps: each test sets argv[2] itself, so the next one overwrites the value before using it.
    { code: STEPS, filename: jest },
    { code: STEPS_WITH_CHECKS, filename: jest },
    // ...also when an afterAll puts argv back after the last step.
    { code: `const argv = [...process.argv];\nafterAll(() => { process.argv.splice(0, process.argv.length, ...argv); });\n${STEPS}`, filename: jest },
    // ...and under Mocha too: the afterAll puts it back before any later file runs (eslint's timing.js).
    { code: `const argv = [...process.argv];\nafter(() => { process.argv.splice(0, process.argv.length, ...argv); });\n${STEPS}`, filename: mocha },
  ],
  invalid: [
    { code: OWN_GLOBAL, filename: jest, options: strict, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
    { code: STEPS, filename: jest, options: strict, errors: [{ messageId: 'unrestoredPatch', line: 2 }, { messageId: 'unrestoredPatch', line: 3 }] },
    // The last step's value reaches a test that does not set it (serverless license-key.test.js).
    { code: STEPS_THEN_CHECK, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    {
      code: `const argv = [...process.argv];\nafterAll(() => { process.argv.splice(0, process.argv.length, ...argv); });\n${STEPS}`,
      filename: jest,
      options: strict,
      errors: [{ messageId: 'restoredTooLate', line: 4 }, { messageId: 'restoredTooLate', line: 5 }],
    },
    // serverless license-key.test.js: a beforeAll sets the block's baseline; a test that changes it leaks into the next test.
    {
      code: `const originalEnv = process.env;\nbeforeAll(() => { process.env = { ...originalEnv, STAGE: 'dev' }; });\nafterAll(() => { process.env = originalEnv; });\nit('a', () => {});\nit('b', () => { process.env = { ...originalEnv, LICENSE_KEY: 'k' }; });\nit('c', () => {});`,
      filename: jest,
      errors: [{ messageId: 'restoredTooLate', line: 5 }],
    },
    // Under Mocha another file may read the name (here src/render.js does), and the last step's value reaches later files.
    { code: OWN_GLOBAL, filename: mochaReadsClsx, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
    {
      code: `const argv = [...process.argv];\nafter(() => { process.argv.splice(0, process.argv.length, ...argv); });\n${STEPS}`,
      filename: mocha,
      options: strict,
      errors: [{ messageId: 'restoredTooLate', line: 4 }, { messageId: 'restoredTooLate', line: 5 }],
    },
    // Under Mocha the original is never put back for the later files (firebase-tools studio.spec.ts).
    { code: STEPS, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }, { messageId: 'unrestoredPatch', line: 3 }, { messageId: 'unrestoredPatch', line: 4 }] },
    // A standard global is never the file's own.
    { code: `it('a', () => { globalThis.fetch = fakeFetch; });\nit('b', () => {});`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
    // A value only one test sets reaches the tests after it.
    { code: `it('a', () => { process.env.MODE = 'fast'; });\nit('b', () => {});`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
  ],
});

const jestRestoreMocks = projectWith({
  'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }',
  'jest.config.js': 'module.exports = { restoreMocks: true };',
});

ruleTester.run('advice never names an option already set', globalRule, {
  valid: [],
  invalid: [
    {
      code: `it('a', () => { Date.now = () => 0; });\nit('b', () => {});`,
      filename: jestRestoreMocks,
      errors: [{ messageId: 'unrestoredPatch', line: 1, data: { name: 'Date.now', verb: 'replaced', where: 'a test', reach: 'later tests', remedy: "`jest.spyOn(Date, 'now')` (`restoreMocks: true` is set)" } }],
    },
  ],
});
