/**
 * Restores that real suites write, and writes that change nothing shared, each next to the leak
 * that must still be caught (found on serverless, undici, jest).
 */
import globalRule from '../../rules/no-unrestored-global-patch.js';
import moduleRule from '../../rules/no-unrestored-module-patch.js';
import spyRule from '../../rules/no-unrestored-spy.js';
import { projectWith, ruleTester } from '../rule-tester.js';

const jest = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }' });
const mocha = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }' });
const NEXT = `\nit('next', () => {});`;
// A Mocha project whose own modules start lists empty or filled, and settings with literal values.
const mochaWithModules = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
  'src/registry.js': "exports.plugins = ['core'];\nexports.seen = [];\nexports.settings = { retries: 3, timeout: 1000 };\n",
  'src/esm.ts': "const defaults = ['core'];\nexport const plugins = defaults;\nexport const calls: string[] = [];\nexport default { level: 'info' };\n",
});
const THEN_RESTORE = `const realNow = Date.now;
it('a', () => {
  Date.now = () => 0;
  const restore = () => { Date.now = realNow; };
  const promise = run();
  promise.then(restore, restore);
  return promise;
});${NEXT}`;

ruleTester.run('restores in other guaranteed places', globalRule, {
  valid: [
    // A teardown delete of a provided variable the file never sets cleans up after the code under test (astro's NODE_ENV).
    { code: `afterEach(() => { delete process.env.NODE_ENV; });\nit('a', () => { build(); });${NEXT}`, filename: mocha },
    // The environment's value saved and put back by an after hook of the file: the delete is the block's own cleanup.
    { code: `const savedCI = process.env.CI;\nafterEach(() => { delete process.env.CI; });\nafter(() => { process.env.CI = savedCI; });\nit('a', () => { process.env.CI = 'true'; });${NEXT}`, filename: mocha },
    // serverless dev.test.js: a setter helper called with the saved original in afterEach.
    {
      code: `const originalVersion = process.version;
const setVersion = (version) => { Object.defineProperty(process, 'version', { configurable: true, value: version }); };
afterEach(() => { setVersion(originalVersion); });
it('a', () => { setVersion('v18.0.0'); });${NEXT}`,
      filename: mocha,
    },
    // The promise the test returns restores in `.finally`.
    { code: `const realNow = Date.now;\nit('a', () => {\n  Date.now = () => 0;\n  return run().finally(() => { Date.now = realNow; });\n});${NEXT}`, filename: mocha },
    // ...or awaits.
    { code: `const realNow = Date.now;\nit('a', async () => {\n  Date.now = () => 0;\n  await run().finally(() => { Date.now = realNow; });\n});${NEXT}`, filename: mocha },
    // knex: the same restore for both outcomes of the promise the test returns runs whether it fulfils or rejects.
    { code: THEN_RESTORE, filename: mocha },
    // ...or awaits.
    { code: THEN_RESTORE.replace("it('a', () => {", "it('a', async () => {").replace('return promise;', 'await promise;'), filename: mocha },
    // serverless: process.argv.splice(0, n, ...originalArgv) puts every element back.
    {
      code: `const originalArgv = [...process.argv];\nafterEach(() => { process.argv.splice(0, process.argv.length, ...originalArgv); });\nit('a', () => { process.argv[2] = 'deploy'; });${NEXT}`,
      filename: mocha,
    },
    // serverless router.test.js: the environment object saved before each test and put back after it.
    {
      code: `let originalEnv;
beforeAll(() => { originalEnv = { ...process.env, STAGE: 'dev' }; process.env = originalEnv; });
beforeEach(() => { originalEnv = process.env; });
afterEach(() => { process.env = originalEnv; });
it('a', () => { process.env = { ...originalEnv, OVERLAP: 'system' }; });${NEXT}`,
      filename: mocha,
    },
    // A fake that puts the original back when the code under test calls it.
    { code: `const realExit = process.exit;\nit('a', () => {\n  process.exit = (code) => { process.exit = realExit; throw new Error(code); };\n  run();\n});${NEXT}`, filename: mocha },
    // A copy made again before each test, put back after it.
    { code: `let env;\nbeforeEach(() => { env = { ...process.env }; });\nafterEach(() => { process.env = env; });\nit('a', () => { process.env.X = '1'; });${NEXT}`, filename: mocha },
    // A finally around a node:test subtest runs after it (the subtest starts at once, awaited or not: checked
    // with Node 20); one around a describe body, right after that body.
    { code: `import { test } from 'node:test';\nconst realNow = Date.now;\ntest('a', async (t) => {\n  try {\n    await t.test('inner', () => { Date.now = () => 0; });\n  } finally {\n    Date.now = realNow;\n  }\n});${NEXT}` },
    { code: `import { test } from 'node:test';\nconst realNow = Date.now;\ntest('a', async (t) => {\n  try {\n    t.test('inner', () => { Date.now = () => 0; });\n  } finally {\n    Date.now = realNow;\n  }\n});${NEXT}` },
    { code: `const realNow = Date.now;\ntry {\n  describe('a', () => {\n    Date.now = () => 0;\n    it('a', () => {});\n  });\n} finally {\n  Date.now = realNow;\n}`, filename: mocha },
  ],
  invalid: [
    // A finally around the registration of a hook or test runs before the runner calls it: the fake stays (checked with Mocha).
    {
      code: `const realNow = Date.now;\ntry {\n  describe('a', () => {\n    before(() => { Date.now = () => 0; });\n    it('a', () => {});\n  });\n} finally {\n  Date.now = realNow;\n}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 4 }],
    },
    // ...at top level too.
    {
      code: `const realNow = Date.now;\ntry {\n  it('a', () => { Date.now = () => 0; });\n} finally {\n  Date.now = realNow;\n}${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // The setter helper called with a fake is still a patch.
    {
      code: `const setVersion = (version) => { Object.defineProperty(process, 'version', { configurable: true, value: version }); };
it('a', () => { setVersion('v18.0.0'); });${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 1 }],
    },
    // Restored only when the promise fulfils: a rejection skips it.
    {
      code: THEN_RESTORE.replace('promise.then(restore, restore);', 'promise.then(restore);'),
      filename: mocha,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 3, data: { name: 'Date.now', line: 6, remedy: 'save it and put it back in `afterEach`' } }],
    },
    // Another function for the rejection.
    {
      code: THEN_RESTORE.replace('promise.then(restore, restore);', 'promise.then(restore, (error) => { throw error; });'),
      filename: mocha,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }],
    },
    // A promise the test neither awaits nor returns.
    {
      code: THEN_RESTORE.replace('return promise;', ''),
      filename: mocha,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }],
    },
    // A `.finally` on a promise nobody waits for runs whenever it likes.
    {
      code: `const realNow = Date.now;\nit('a', () => {\n  Date.now = () => 0;\n  run().finally(() => { Date.now = realNow; });\n});${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // jest SummaryReporter.test.js: a copy made once and reinstalled by reference after each test;
    // from the second test on, the writes land in the copy itself.
    {
      code: `const env = { ...process.env };\nafterEach(() => { process.env = env; });\nit('a', () => { process.env.X = '1'; });${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // A reference saved before each test does not undo a write into that object.
    {
      code: `let saved;\nbeforeEach(() => { saved = process.env; });\nafterEach(() => { process.env = saved; });\nit('a', () => { process.env.X = '1'; });${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 4 }],
    },
    // firebase-tools sdk.spec.ts: keys named by two different imported constants are two variables;
    // each write is matched with its own restore (the message names the right line). The assertion
    // between skips both restores when it fails.
    {
      code: `import { APP_DIR, PLATFORM } from '../src/env-names';\nit('a', async () => {\n  process.env[APP_DIR] = 'web';\n  process.env[PLATFORM] = 'WEB';\n  expect(await run()).to.equal(0);\n  delete process.env[APP_DIR];\n  delete process.env[PLATFORM];\n});${NEXT}`,
      filename: mocha,
      errors: [
        { messageId: 'restoreSkippedOnFailure', line: 3, data: { name: 'process.env[APP_DIR]', line: 6, remedy: 'save it and put it back in `afterEach`' } },
        { messageId: 'restoreSkippedOnFailure', line: 4, data: { name: 'process.env[PLATFORM]', line: 7, remedy: 'save it and put it back in `afterEach`' } },
      ],
    },
    // A teardown delete of a variable the environment may provide takes the test's value away, and loses the
    // environment's for every later test: the finding is the delete (axios's proxy tests).
    {
      code: `afterEach(() => { delete process.env.CI; });\nit('a', () => { process.env.CI = 'true'; });${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 1, data: { name: 'process.env.CI', verb: 'deleted', where: 'a hook', reach: 'later tests and files (Mocha)', remedy: 'save it and put it back in `afterEach`' } }],
    },
  ],
});

ruleTester.run('writes that are not patches', globalRule, {
  valid: [
    // serverless router.test.js: deleting a variable only the code under test sets is cleanup.
    { code: `it('a', () => { delete process.env.LOCAL_KEY; run(); });${NEXT}`, filename: mocha },
    // Code a browser driver runs in the page.
    { code: `it('a', async () => { await page.evaluate(() => { window.fetch = () => null; }); });${NEXT}`, filename: mocha },
    // A write that is the whole try block, whose catch checks the error: expected to fail (undici's EventSource constants).
    { code: `it('a', (t) => {\n  try { globalThis.Headers = 1; } catch (e) { t.assert.ok(e instanceof TypeError); }\n});${NEXT}`, filename: mocha },
    // A write that the test expects to throw.
    { code: `it('a', () => { expect(() => { Object.freeze(globalThis).x = 1; }).toThrow(); });${NEXT}`, filename: jest },
    // ...through `.rejects` or chai's `.to.throw()`.
    { code: `import { expect } from 'chai';\nit('a', () => { expect(() => { Object.freeze(globalThis).x = 1; }).to.throw(TypeError); });${NEXT}`, filename: mocha },
    // undici webidl helpers.js: `instanceof Blob` reads `Blob[Symbol.hasInstance]`; the prototype's is read by no check.
    { code: `it('a', () => {\n  Object.defineProperty(Blob.prototype, Symbol.hasInstance, { value: () => true });\n});${NEXT}`, filename: mocha },
    { code: `it('a', () => { URL.prototype[Symbol.hasInstance] = () => true; });${NEXT}`, filename: mocha },
  ],
  invalid: [
    // On the constructor it changes every `x instanceof Blob`.
    {
      code: `it('a', () => {\n  Object.defineProperty(Blob, Symbol.hasInstance, { value: () => true });\n});${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 2 }],
    },
    // Another well-known symbol on a prototype is read by ordinary code (`String(url)` reads Symbol.toPrimitive).
    { code: `it('a', () => { URL.prototype[Symbol.toPrimitive] = () => 'x'; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
    // A local `Symbol` is not the global one.
    { code: `const Symbol = { hasInstance: 'k' };\nit('a', () => { URL.prototype[Symbol.hasInstance] = () => true; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // Deleting a variable the environment provides is a patch.
    { code: `it('a', () => { delete process.env.NODE_ENV; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
    // A catch that ignores the error does not expect the write to fail.
    { code: `it('a', () => {\n  try { globalThis.fetch = fakeFetch; } catch (e) { log('no'); }\n});${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // A write before the throwing call still happens.
    { code: `it('a', () => { expect(() => { globalThis.fetch = fakeFetch; run(); }).toThrow(); });${NEXT}`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
    // Expected not to throw, the write happens (fixtures/quiet-writes-jest runs it).
    { code: `it('a', () => { expect(() => { globalThis.fetch = fakeFetch; }).not.toThrow(); });${NEXT}`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 1 }] },
    // ...and in chai's spelling, wherever the `not` stands.
    { code: `import { expect } from 'chai';\nit('a', () => { expect(() => { globalThis.fetch = fakeFetch; }).to.not.throw(); });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
  ],
});

ruleTester.run('module writes that are not patches', moduleRule, {
  valid: [
    // Emptying a module's array resets it.
    { code: `import { calls } from './recorder';\nit('a', () => { calls.length = 0; });${NEXT}`, filename: mocha },
    // ...a list its module starts empty holds only what the tests put in it (fixtures/quiet-module-writes-mocha runs it).
    { code: `const registry = require('../src/registry');\nit('a', () => { registry.seen.length = 0; });${NEXT}`, filename: mochaWithModules },
    { code: `import { calls } from '../src/esm';\nit('a', () => { calls.length = 0; });${NEXT}`, filename: mochaWithModules },
    // Teardown that writes back the literal the module loaded with puts it back.
    { code: `const registry = require('../src/registry');\nafterEach(() => { registry.settings.timeout = 1000; });\nit('a', () => { registry.settings.timeout = 5; });${NEXT}`, filename: mochaWithModules },
    { code: `import esm from '../src/esm';\nafterEach(() => { esm.level = 'info'; });\nit('a', () => { esm.level = 'debug'; });${NEXT}`, filename: mochaWithModules },
    // A module that cannot be read: the teardown's literal is taken as the original.
    { code: `const config = require('./missing-config');\nafterEach(() => { config.timeout = 0; });\nit('a', () => { config.timeout = 5; });${NEXT}`, filename: mochaWithModules },
    // A write to a frozen member, expected to throw: it fails (fixtures/quiet-writes-jest runs it).
    { code: `const settings = require('./settings');\nit('a', () => { expect(() => { settings.limits.max = 99; }).toThrow(TypeError); });${NEXT}`, filename: jest },
    // Rewinding a module's regular expression puts it back where every match starts (astro's SGR_REGEX).
    { code: `import { SGR_REGEX } from './logger';\nit('a', () => { SGR_REGEX.lastIndex = 0; });${NEXT}`, filename: mocha },
    // A private copy of the module, loaded inside jest.isolateModules.
    {
      code: `it('a', () => {\n  jest.isolateModules(() => {\n    const config = require('./config');\n    config.retries = 0;\n  });\n});${NEXT}`,
      filename: jest,
    },
  ],
  invalid: [
    // Emptying a list the module fills when it loads drops its defaults for every later test (also through a const it exports).
    { code: `const registry = require('../src/registry');\nit('a', () => { registry.plugins.length = 0; });${NEXT}`, filename: mochaWithModules, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    { code: `import { plugins } from '../src/esm';\nit('a', () => { plugins.length = 0; });${NEXT}`, filename: mochaWithModules, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // Teardown that writes another literal than the module's loses the original: the test's write is never put back.
    {
      code: `const registry = require('../src/registry');\nafterEach(() => { registry.settings.timeout = 0; });\nit('a', () => { registry.settings.timeout = 5; });${NEXT}`,
      filename: mochaWithModules,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    { code: `import esm from '../src/esm';\nafterEach(() => { esm.level = 'warn'; });\nit('a', () => { esm.level = 'debug'; });${NEXT}`, filename: mochaWithModules, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    // A module member written in a function expected not to throw.
    { code: `const settings = require('./settings');\nit('a', () => { expect(() => { settings.mode = 'fast'; }).not.toThrow(); });${NEXT}`, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // Moving it anywhere else is a change the next match starts from.
    { code: `import { SGR_REGEX } from './logger';\nit('a', () => { SGR_REGEX.lastIndex = 5; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // The module loaded at the top is the shared one.
    {
      code: `const config = require('./config');\nit('a', () => {\n  jest.isolateModules(() => { config.retries = 0; });\n});${NEXT}`,
      filename: jest,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
  ],
});

ruleTester.run('fakes that are not made', spyRule, {
  valid: [
    // A spy on a missing method throws inside expect(...).toThrow(): nothing is replaced.
    { code: `const api = require('../src/api');\nit('a', () => { expect(() => jest.spyOn(api, 'missing')).toThrow(); });${NEXT}`, filename: jest },
    { code: `const sinon = require('sinon');\nconst api = require('../src/api');\nit('a', () => { expect(() => sinon.stub(api, 'missing')).toThrow(); });${NEXT}`, filename: jest },
  ],
  invalid: [
    // Expected not to throw, the spy is made.
    { code: `const sinon = require('sinon');\nconst api = require('../src/api');\nit('a', () => { expect(() => sinon.stub(api, 'get')).not.toThrow(); });${NEXT}`, filename: jest, errors: [{ messageId: 'unrestoredSpy', line: 3 }] },
    { code: `const api = require('../src/api');\nit('a', () => { jest.spyOn(api, 'get').mockReturnValue(1); });${NEXT}`, filename: jest, errors: [{ messageId: 'unrestoredSpy', line: 2 }] },
  ],
});

/** Originals kept in one object, put back member by member. */
const SAVED_OBJECT = `const saved = { log: console.log, warn: console.warn };
beforeEach(() => { console.log = () => {}; console.warn = () => {}; });
afterEach(() => { console.log = saved.log; console.warn = saved.warn; });
it('a', () => {});${NEXT}`;

const BOTH_UNRESTORED = [{ messageId: 'unrestoredPatch' as const, line: 2 }, { messageId: 'unrestoredPatch' as const, line: 2 }];

ruleTester.run('originals kept in an object', globalRule, {
  valid: [
    { code: SAVED_OBJECT, filename: mocha },
    // Computed keys that are constants, and a member read through a method call elsewhere.
    { code: SAVED_OBJECT.replace('{ log: console.log,', "{ ['log']: console.log,").replace('it(\'a\', () => {});', "it('a', () => { saved.log('x'); });"), filename: mocha },
  ],
  invalid: [
    // The object changes after the save: nothing it holds is trusted as the original any more.
    { code: `${SAVED_OBJECT}\nit('c', () => { saved.log = () => {}; });`, filename: mocha, errors: BOTH_UNRESTORED },
    // A spread after the member may replace it; a hand-off may change it.
    { code: SAVED_OBJECT.replace('warn: console.warn }', 'warn: console.warn, ...overrides }'), filename: mocha, errors: BOTH_UNRESTORED },
    { code: `${SAVED_OBJECT}\nremember(saved);`, filename: mocha, errors: BOTH_UNRESTORED },
  ],
});

ruleTester.run('module originals kept in an object', moduleRule, {
  valid: [
    {
      code: `import * as api from './api';\nconst originals = { get: api.get };\nit('a', () => {\n  api.get = () => 1;\n  try { run(); } finally { api.get = originals.get; }\n});${NEXT}`,
      filename: mocha,
    },
  ],
  invalid: [
    // Another member of the object is not this member's original.
    {
      code: `import * as api from './api';\nconst originals = { get: api.get, post: api.post };\nit('a', () => {\n  api.get = () => 1;\n  try { run(); } finally { api.get = originals.post; }\n});${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 4 }],
    },
  ],
});


/** Originals kept on Mocha's `this` context of each describe (the same name, another member in each). */
const CONTEXT_ORIGINALS = `import * as api from './api';
describe('get', function () {
  before(function () { this.original = api.get; api.get = () => 1; });
  after(function () { api.get = this.original; });
  it('a', function () {});
});
describe('post', function () {
  before(function () { this.original = api.post; api.post = () => 2; });
  after(function () { api.post = this.original; });
  it('b', function () {});
});`;
const FILLED_LATER = `import * as api from './api';
const saved = {};
describe('get', () => {
  before(() => { saved.get = api.get; saved.post = api.post; api.get = () => 1; });
  after(() => { api.get = saved.get; });
  it('a', () => {});
});${NEXT}`;

ruleTester.run('module originals kept where the file reaches them again', moduleRule, {
  valid: [
    // Each describe's hooks share their own context: each after hook puts back what its before hook saved there.
    { code: CONTEXT_ORIGINALS, filename: mocha },
    // An object filled in a hook holds the original until the after hook reads it back.
    { code: FILLED_LATER, filename: mocha },
  ],
  invalid: [
    // Swapped: what each describe's context holds is the other member's original.
    {
      code: CONTEXT_ORIGINALS.replace('this.original = api.get;', 'this.original = api.post;').replace('this.original = api.post; api.post', 'this.original = api.get; api.post'),
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }, { messageId: 'unrestoredPatch', line: 8 }],
    },
    // Another member of the filled object.
    {
      code: FILLED_LATER.replace('api.get = saved.get;', 'api.get = saved.post;'),
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 4 }],
    },
  ],
});

/** A helper that sets a baseline for the whole process while it loads (astro's test-utils). */
function withHelper(helper: string, testFile = 'test/server.test.js'): string {
  return projectWith(
    {
      'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
      'test/test-utils.js': `${helper}\nexport function loadFixture() {}\n`,
    },
    testFile,
  );
}
const BASELINE = "process.env.AUTOSTART = 'disabled';\nglobalThis.__TEST__ = true;";
const WRITES_AGAIN = `import { loadFixture } from './test-utils.js';
describe('server', () => {
  before(() => { process.env.AUTOSTART = 'disabled'; globalThis.__TEST__ = true; });
  it('a', () => { loadFixture(); });
});
describe('other', () => { it('b', () => {}); });`;

ruleTester.run('writing again the baseline an imported helper set', globalRule, {
  valid: [
    { code: WRITES_AGAIN, filename: withHelper(BASELINE) },
    // In TypeScript, an import with one name used as a value is kept.
    { code: WRITES_AGAIN.replace('import { loadFixture }', 'import { loadFixture, type Options }'), filename: withHelper(BASELINE, 'test/server.test.ts') },
  ],
  invalid: [
    // An import of types only runs nothing: `import type`, a `type` specifier, or names used only as types
    // (TypeScript, esbuild and ts-node drop it, RUNTIME-FACTS 44), so the helper set no baseline.
    ...[
      WRITES_AGAIN.replace("import { loadFixture } from './test-utils.js';", "import type { Options } from './test-utils.js';\nconst loadFixture = (o?: Options) => o;"),
      WRITES_AGAIN.replace("import { loadFixture } from './test-utils.js';", "import { type Options } from './test-utils.js';\nconst loadFixture = (o?: Options) => o;"),
      WRITES_AGAIN.replace("import { loadFixture } from './test-utils.js';", "import { Options } from './test-utils.js';\nconst loadFixture = (o?: Options) => o;"),
    ].map((code) => ({ code, filename: withHelper(BASELINE, 'test/server.test.ts'), errors: [{ messageId: 'unrestoredPatch' as const, line: 4 }, { messageId: 'unrestoredPatch' as const, line: 4 }] })),
    // Another value is a change.
    { code: WRITES_AGAIN.replace("= 'disabled'", "= 'enabled'"), filename: withHelper(BASELINE), errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    // A baseline set only sometimes, or on a `process` of the helper's own, is none.
    {
      code: WRITES_AGAIN,
      filename: withHelper("if (process.env.CI) process.env.AUTOSTART = 'disabled';\nglobalThis.__TEST__ = true;"),
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    {
      code: WRITES_AGAIN,
      filename: withHelper("const process = { env: {} };\nprocess.env.AUTOSTART = 'disabled';\nglobalThis.__TEST__ = true;"),
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // A file that does not import the helper has no such baseline.
    { code: WRITES_AGAIN.replace("import { loadFixture } from './test-utils.js';", 'const loadFixture = () => {};'), filename: withHelper(BASELINE), errors: [{ messageId: 'unrestoredPatch', line: 3 }, { messageId: 'unrestoredPatch', line: 3 }] },
  ],
});

/** A block whose beforeEach sets the member before each of its tests (axios's adapter registry). */
const RESET_BEFORE_EACH = `const config = require('./config');
describe('modes', () => {
  beforeEach(() => { config.mode = 'default'; });
  it('a', () => { config.mode = 'fast'; });
  it('b', () => { config.mode = 'slow'; });
});`;

// The reset puts back a saved value, so only the tests' writes can be findings; a test after the block sees what outlives it.
const SAVED_RESET = (tests: string): string => `const config = require('./config');
const { mode } = config;
describe('modes', () => {
  beforeEach(() => { config.mode = mode; });
${tests}
});
it('after the block', () => {});`;
// Mocha runs a block's own tests before its nested describes (RUNTIME-FACTS 42): the nested describe written first runs last.
const NESTED_FIRST = SAVED_RESET(`  describe('inner', () => { it('a', () => { config.mode = 'fast'; }); });
  it('b', () => {});`);
const NESTED_LAST_WRITE_BEFORE = SAVED_RESET(`  describe('inner', () => { it('a', () => {}); });
  it('b', () => { config.mode = 'fast'; });`);

ruleTester.run('a reset before the next test of the block', moduleRule, {
  valid: [
    // Under Mocha the nested describe runs after the block's own last test: its beforeEach reset comes before it.
    { code: NESTED_LAST_WRITE_BEFORE, filename: mocha },
    // Jest runs them in source order: the write in the nested describe is followed by test b, which the reset precedes.
    { code: NESTED_FIRST, filename: jest },
    // A test that only sets a condition to skip at run time (skipIf) may run: it counts.
    { code: SAVED_RESET(`  it('a', () => { config.mode = 'fast'; });\n  it.skipIf(process.env.CI)('b', () => {});`), filename: jest },
  ],
  invalid: [
    // Test a's value is gone before test b, and so before any later file; b's value outlives the block
    // (and the hook's own value is a patch of its own).
    { code: RESET_BEFORE_EACH, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }, { messageId: 'unrestoredPatch', line: 5, data: { name: 'config.mode', verb: 'replaced', where: 'a test', reach: 'later files (Mocha)', remedy: 'save it and put it back in `afterEach`' } }] },
    // Under Mocha the write in the nested describe is the block's last: it outlives the block.
    { code: NESTED_FIRST, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 5 }] },
    // Jest in source order: the write in test b is the block's last.
    { code: NESTED_LAST_WRITE_BEFORE, filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 6 }] },
    // A skipped test runs no hooks: the reset before it never comes (it.skip, xit, test.todo, a skipped describe).
    { code: SAVED_RESET(`  it('a', () => { config.mode = 'fast'; });\n  it.skip('b', () => {});`), filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 5 }] },
    { code: SAVED_RESET(`  it('a', () => { config.mode = 'fast'; });\n  xit('b', () => {});`), filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 5 }] },
    { code: SAVED_RESET(`  it('a', () => { config.mode = 'fast'; });\n  test.todo('b');`), filename: jest, errors: [{ messageId: 'unrestoredPatch', line: 5 }] },
    { code: SAVED_RESET(`  it('a', () => { config.mode = 'fast'; });\n  describe.skip('later', () => { it('b', () => {}); });`), filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 5 }] },
  ],
});

// Mocha: a before/after pair at the top level of a spec file is a pair of root hooks around the whole run (RUNTIME-FACTS 32).
const ROOT_PAIR = `const https = require('node:https');
const realGet = https.get;
before(() => { https.get = fakeGet; });
after(() => { https.get = realGet; });
describe('client', () => { it('a', () => {}); });`;
const PAIR_IN_DESCRIBE = `const https = require('node:https');
const realGet = https.get;
describe('client', () => {
  before(() => { https.get = fakeGet; });
  after(() => { https.get = realGet; });
  it('a', () => {});
});`;

ruleTester.run('a pair of before and after hooks at the top level of the file', moduleRule, {
  valid: [
    // Inside a describe, the pair wraps that block's tests only.
    { code: PAIR_IN_DESCRIBE, filename: mocha },
    // Jest runs a file's top-level hooks around that file only.
    { code: ROOT_PAIR, filename: jest },
  ],
  invalid: [
    {
      code: ROOT_PAIR,
      filename: mocha,
      errors: [{ messageId: 'restoredAfterWholeRun', line: 3, data: { name: 'https.get', line: 4, runner: 'Mocha', remedy: 'move both hooks into a `describe`' }, suggestions: [] }],
    },
  ],
});

// A restore that ends the try block and opens its catch runs on every way out of the try, as a
// `finally` would (node-red); the near-misses leave a way out that skips it.
const BOTH_PATHS = `const realNow = Date.now;
it('a', () => {
  Date.now = () => 0;
  try {
    check();
    Date.now = realNow;
  } catch (err) {
    Date.now = realNow;
    throw err;
  }
});${NEXT}`;

ruleTester.run('a restore on both paths of a try', globalRule, {
  valid: [
    { code: BOTH_PATHS, filename: mocha },
    // The write inside the try, before the restore.
    { code: BOTH_PATHS.replace('  Date.now = () => 0;\n  try {\n', '  try {\n    Date.now = () => 0;\n'), filename: mocha },
  ],
  invalid: [
    // Restored in the try only: a failing check skips it.
    { code: BOTH_PATHS.replace('    Date.now = realNow;\n    throw err;', '    throw err;'), filename: mocha, errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }] },
    // The catch restores only under a condition.
    { code: BOTH_PATHS.replace('    Date.now = realNow;\n    throw err;', '    if (err.code) Date.now = realNow;\n    throw err;'), filename: mocha, errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }] },
    // The catch calls (and may throw) before it restores.
    { code: BOTH_PATHS.replace('    Date.now = realNow;\n    throw err;', '    report(err);\n    Date.now = realNow;\n    throw err;'), filename: mocha, errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }] },
    // The catch rethrows before it restores.
    { code: BOTH_PATHS.replace('    Date.now = realNow;\n    throw err;', '    throw err;\n    Date.now = realNow;'), filename: mocha, errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }] },
    // The try block can return before its restore.
    { code: BOTH_PATHS.replace('    check();\n', '    if (check()) return;\n'), filename: mocha, errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }] },
    // The write after the try's restore: only the catch's restore follows it.
    { code: BOTH_PATHS.replace('  Date.now = () => 0;\n  try {\n    check();\n    Date.now = realNow;\n', '  try {\n    check();\n    Date.now = realNow;\n    Date.now = () => 0;\n'), filename: mocha, errors: [{ messageId: 'restoreSkippedOnFailure', line: 6 }] },
  ],
});

const mochaSinon = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0", "sinon": "^21.0.0" }, "scripts": { "test": "mocha" } }' });
// node-red 90-exec_spec.js: a done-style test ends only in a handler that restores before each `done`.
const DONE_BOTH_PATHS = `import sinon from 'sinon';
import cp from 'node:child_process';
it('a', (done) => {
  sinon.stub(cp, 'exec');
  node.on('input', (msg) => {
    try {
      check(msg);
      cp.exec.restore();
      done();
    } catch (err) {
      cp.exec.restore();
      done(err);
    }
  });
});${NEXT}`;
// node-red 10-file_spec.js: each `done` in a try whose finally restores, in a timer callback.
const DONE_FINALLY = `import sinon from 'sinon';
import fs from 'node:fs';
it('a', (done) => {
  if (process.platform === 'win32') {
    done();
    return;
  }
  sinon.stub(fs, 'unlink');
  setTimeout(() => {
    try {
      check();
      done();
    } catch (err) {
      done(err);
    } finally {
      fs.unlink.restore();
    }
  }, 10);
});${NEXT}`;
// A throw in `.then(A)` lands in the `.catch(B)` chained on it, which restores first.
const DONE_THEN_CATCH = `import sinon from 'sinon';
import fs from 'node:fs';
it('a', (done) => {
  sinon.stub(fs, 'fsync');
  save().then(() => {
    check(fs.fsync.callCount);
    fs.fsync.restore();
    done();
  }).catch((err) => {
    fs.fsync.restore();
    done(err);
  });
});${NEXT}`;

ruleTester.run('every end of a done-style test restores', spyRule, {
  valid: [
    { code: DONE_BOTH_PATHS, filename: mochaSinon },
    { code: DONE_FINALLY, filename: mochaSinon },
    { code: DONE_THEN_CATCH, filename: mochaSinon },
  ],
  invalid: [
    // The catch ends the test without restoring.
    { code: DONE_BOTH_PATHS.replace('      cp.exec.restore();\n      done(err);', '      done(err);'), filename: mochaSinon, errors: [{ messageId: 'unrestoredSpy', line: 4 }] },
    // No try around the checks: a failing one throws past the restore.
    { code: DONE_BOTH_PATHS.replace(/    try \{\n([\s\S]*?)    \} catch \(err\) \{\n      cp.exec.restore\(\);\n      done\(err\);\n    \}\n/, '$1'), filename: mochaSinon, errors: [{ messageId: 'unrestoredSpy', line: 4 }] },
    // The test can also end through `done` handed on (`.catch(done)`), which restores nothing.
    { code: DONE_THEN_CATCH.replace("}).catch((err) => {\n    fs.fsync.restore();\n    done(err);\n  });", '}).catch(done);'), filename: mochaSinon, errors: [{ messageId: 'unrestoredSpy', line: 4 }] },
    // `.then(A, B)`: a throw in A does not reach B.
    { code: DONE_THEN_CATCH.replace('  }).catch((err) => {', '  }, (err) => {'), filename: mochaSinon, errors: [{ messageId: 'unrestoredSpy', line: 4 }] },
    // `done()` without `return` before the write: the test goes on to write after it has ended.
    { code: DONE_FINALLY.replace('    done();\n    return;\n', '    done();\n'), filename: mochaSinon, errors: [{ messageId: 'unrestoredSpy', line: 7 }] },
    // The finally restores a different stub.
    { code: DONE_FINALLY.replace('fs.unlink.restore();', 'fs.rename.restore();'), filename: mochaSinon, errors: [{ messageId: 'unrestoredSpy', line: 8 }] },
  ],
});

// The promise twin: `.then(A).catch(B)` on the promise the test returns, A ending with the restore
// and B opening with it; a rejection before A lands in B too.
const THEN_CATCH_RESTORE = `const realNow = Date.now;
it('a', () => {
  Date.now = () => 0;
  return run().then(() => {
    check();
    Date.now = realNow;
  }).catch((err) => {
    Date.now = realNow;
    throw err;
  });
});${NEXT}`;

ruleTester.run('a restore on both paths of a promise chain', globalRule, {
  valid: [
    { code: THEN_CATCH_RESTORE, filename: mocha },
    // ...or awaits.
    { code: THEN_CATCH_RESTORE.replace("it('a', () => {", "it('a', async () => {").replace('return run()', 'await run()'), filename: mocha },
  ],
  invalid: [
    // Nobody waits for the chain.
    { code: THEN_CATCH_RESTORE.replace('return run()', 'run()'), filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    // The catch restores nothing.
    { code: THEN_CATCH_RESTORE.replace('    Date.now = realNow;\n    throw err;', '    throw err;'), filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    // `.then(A, B)`: a throw in A does not reach B.
    { code: THEN_CATCH_RESTORE.replace('  }).catch((err) => {', '  }, (err) => {'), filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
  ],
});

// Putting back what a member was before the file ran (take-away.ts): a global name of the test's own
// (`strict`, which reports those) or a key no built-in has, taken away again; a delete of an own fake
// that shadowed the prototype's member. After faking an own member the take-away loses the original too.
const STRICT = [{ strict: true }] as [{ strict: boolean }];
ruleTester.run('take-aways that put back the state before the file ran', globalRule, {
  valid: [
    // A global of the test's own, set back to `undefined` (sentry's _sentryRewritesTunnelPath, amplify's reset).
    { code: `afterEach(() => { globalThis.__tunnelPath = undefined; });\nit('a', () => { globalThis.__tunnelPath = '/t'; });${NEXT}`, filename: mocha, options: STRICT },
    { code: `afterEach(() => { window.__tunnelPath = void 0; });\nit('a', () => { window.__tunnelPath = '/t'; });${NEXT}`, filename: mocha, options: STRICT },
    { code: `afterEach(() => { Object.defineProperty(globalThis, '__tunnelPath', { value: undefined, writable: true }); });\nit('a', () => { globalThis.__tunnelPath = '/t'; });${NEXT}`, filename: mocha, options: STRICT },
    { code: `afterEach(() => { delete globalThis.__tunnelPath; });\nit('a', () => { globalThis.__tunnelPath = '/t'; });${NEXT}`, filename: mocha, options: STRICT },
    // A key no built-in has, taken away in `finally`.
    { code: `it('a', () => {\n  Math.tau = 2 * Math.PI;\n  try { run(); } finally { Math.tau = undefined; }\n});${NEXT}`, filename: mocha },
    // `process.emit` lives on EventEmitter.prototype: deleting the own fake shows the original again.
    { code: `afterEach(() => { delete process.emit; });\nit('a', () => { process.emit = () => false; });${NEXT}`, filename: mocha },
  ],
  invalid: [
    // `Math.random` is Math's own: deleting the fake deletes the original (RUNTIME-FACTS 43).
    { code: `afterEach(() => { delete Math.random; });\nit('a', () => { Math.random = () => 0; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    { code: `afterEach(() => { Math.random = undefined; });\nit('a', () => { Math.random = () => 0; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // `btoa` is a global Node and browsers define: `undefined` is not what it was.
    {
      code: `afterEach(() => { Object.defineProperty(globalThis, 'btoa', { value: undefined, writable: true }); });\nit('a', () => { Object.defineProperty(globalThis, 'btoa', { value: () => 'x', writable: true }); });${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 2 }],
    },
    // A redefinition without `value` keeps the fake.
    {
      code: `afterEach(() => { Object.defineProperty(globalThis, '__tunnelPath', { writable: true }); });\nit('a', () => { globalThis.__tunnelPath = '/t'; });${NEXT}`,
      filename: mocha,
      options: STRICT,
      errors: [{ messageId: 'unrestoredPatch', line: 2 }],
    },
    // Storing `undefined` over an inherited member shadows it: `process.emit` stays `undefined`.
    { code: `afterEach(() => { process.emit = undefined; });\nit('a', () => { process.emit = () => false; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // `process.env.X = undefined` stores the string "undefined" (RUNTIME-FACTS 38); so does `void 0`.
    { code: `afterEach(() => { process.env.MY_TOKEN = undefined; });\nit('a', () => { process.env.MY_TOKEN = 'x'; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    { code: `afterEach(() => { process.env.MY_TOKEN = void 0; });\nit('a', () => { process.env.MY_TOKEN = 'x'; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 2 }] },
    // A saved reference to the array the test then writes into: putting it back undoes nothing (sentry's process.argv).
    { code: `const saved = process.argv;\nafterEach(() => { process.argv = saved; });\nit('a', () => { process.argv[1] = '/bin/x'; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
  ],
});

// A setup file that names the global may define it before every file: `undefined` is not what it was.
const jestSetup = projectWith({
  'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" }, "jest": { "setupFiles": ["<rootDir>/test/setup.js"] } }',
  'test/setup.js': "globalThis.__tunnelPath = '/default';\n",
});
ruleTester.run('take-aways of a global a setup file names', globalRule, {
  valid: [{ code: `afterEach(() => { globalThis.__otherPath = undefined; });\nit('a', () => { globalThis.__otherPath = '/t'; });${NEXT}`, filename: jestSetup, options: STRICT }],
  invalid: [
    {
      code: `afterEach(() => { globalThis.__tunnelPath = undefined; });\nit('a', () => { globalThis.__tunnelPath = '/t'; });${NEXT}`,
      filename: jestSetup,
      options: STRICT,
      errors: [{ messageId: 'unrestoredPatch', line: 2 }],
    },
  ],
});

ruleTester.run('take-aways of module members', moduleRule, {
  valid: [
    // A member of the project's own module: nothing read says it was there, the delete counts.
    { code: `import * as registry from './registry';\nafterEach(() => { registry.extra = undefined; });\nit('x', () => { registry.extra = 1; });${NEXT}`, filename: mocha },
  ],
  invalid: [
    // `fs.readFileSync` is the module's own: deleting the fake deletes it.
    { code: `import fs from 'node:fs';\nafterEach(() => { delete fs.readFileSync; });\nit('a', () => { fs.readFileSync = () => 'x'; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    { code: `const fs = require('fs');\nafterEach(() => { fs.readFileSync = undefined; });\nit('a', () => { fs.readFileSync = () => 'x'; });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
  ],
});

ruleTester.run('spies taken away', spyRule, {
  valid: [
    // An own stub shadowing the prototype's `emit`: deleting it shows the original again.
    { code: `const sinon = require('sinon');\nafterEach(() => { delete process.emit; });\nit('a', () => { sinon.stub(process, 'emit'); });${NEXT}`, filename: mocha },
  ],
  invalid: [
    // A stub of Math's own `random`: deleting it deletes the original.
    { code: `const sinon = require('sinon');\nafterEach(() => { delete Math.random; });\nit('a', () => { sinon.stub(Math, 'random').returns(0); });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredSpy', line: 3 }] },
    // `undefined` over the prototype's `emit` shadows it.
    { code: `const sinon = require('sinon');\nafterEach(() => { process.emit = undefined; });\nit('a', () => { sinon.stub(process, 'emit'); });${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredSpy', line: 3 }] },
  ],
});

const nodeTest = projectWith({ 'package.json': '{ "scripts": { "test": "node --test" } }' });
const NODE_NEXT = `\ntest('next', () => {});`;
const USE_DIR = `import { test } from 'node:test';
function useDir(t, dir) {
  const original = process.cwd();
  process.chdir(dir);
  t.after(() => process.chdir(original));
}`;
const WITH_ENV = `function withEnv(vars, fn) {
  const saved = {};
  for (const key of Object.keys(vars)) { saved[key] = process.env[key]; process.env[key] = vars[key]; }
  return (async () => {
    try { return await fn(); } finally { for (const key of Object.keys(vars)) process.env[key] = saved[key]; }
  })();
}`;

ruleTester.run('restores in nested functions that run on every path', globalRule, {
  valid: [
    // platformatic: a helper handed the test context registers the restore on it (fixtures/nested-restores-node-test).
    { code: `${USE_DIR}\ntest('a', (t) => { useDir(t, '/tmp'); });${NODE_NEXT}`, filename: nodeTest },
    // ...through a second helper that hands it on.
    { code: `${USE_DIR}\nfunction setUp(ctx) { useDir(ctx, '/tmp'); }\ntest('a', async (t) => { setUp(t); });${NODE_NEXT}`, filename: nodeTest },
    // A finally in an arrow function called on the spot (excalidraw).
    { code: `const realNow = Date.now;\nit('a', () => {\n  Date.now = () => 0;\n  const r = (() => { try { return run(); } finally { Date.now = realNow; } })();\n  expect(r);\n});${NEXT}`, filename: mocha },
    // A helper that hands back the promise of an async function called on the spot, awaited by the test (platformatic).
    { code: `${WITH_ENV}\nit('a', async () => { await withEnv({ MODE: 'x' }, async () => run()); });${NEXT}`, filename: mocha },
    // kit: a helper returns an object whose stop() undoes the write, and every caller calls it in finally.
    {
      code: `function track() {\n  const l = () => {};\n  process.on('warning', l);\n  return { stop: () => process.off('warning', l) };\n}\nit('a', () => {\n  const tr = track();\n  try { run(); } finally { tr.stop(); }\n});${NEXT}`,
      filename: mocha,
    },
    // firebase-admin-node: a copy of the environment taken before each test (a JSON round trip) and swapped back after it.
    {
      code: `let copy;\nbeforeEach(() => { copy = JSON.parse(JSON.stringify(process.env)); });\nafterEach(() => { process.env = copy; });\nit('a', () => { process.env.MODE = 'x'; });${NEXT}`,
      filename: mocha,
    },
  ],
  invalid: [
    // One caller hands the helper something that is not a test context: its `after` is not the runner's.
    {
      code: `${USE_DIR}\ntest('a', (t) => { useDir(t, '/tmp'); });\ntest('b', () => { useDir({ after() {} }, '/tmp'); });${NODE_NEXT}`,
      filename: nodeTest,
      errors: [{ messageId: 'unrestoredPatch', line: 4 }],
    },
    // An async function called on the spot but left floating: its finally runs once `fn` settles, after the test.
    {
      code: `${WITH_ENV.replace('return (async', '(async')}\nit('a', () => { withEnv({ MODE: 'x' }, async () => run()); });${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // A sync function called on the spot whose finally restores something else.
    { code: `const realNow = Date.now;\nit('a', () => {\n  Date.now = () => 0;\n  (() => { try { run(); } finally { Math.random = realNow; } })();\n});${NEXT}`, filename: mocha, errors: [{ messageId: 'unrestoredPatch', line: 3 }] },
    // ...called only on the happy path: the listener stays when run() throws.
    {
      code: `function track() {\n  const l = () => {};\n  process.on('warning', l);\n  return { stop: () => process.off('warning', l) };\n}\nit('a', () => {\n  const tr = track();\n  run();\n  tr.stop();\n});${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // ...or another method called in finally.
    {
      code: `function track() {\n  const l = () => {};\n  process.on('warning', l);\n  return { stop: () => process.off('warning', l), seen: () => 0 };\n}\nit('b', () => {\n  const tr = track();\n  try { run(); } finally { tr.seen(); }\n});${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // sentry: the copy is taken once; from the second test on, writes land in the copy itself.
    {
      code: `const copy = JSON.parse(JSON.stringify(process.env));\nafterEach(() => { process.env = copy; });\nit('a', () => { process.env.MODE = 'x'; });${NEXT}`,
      filename: mocha,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
  ],
});
