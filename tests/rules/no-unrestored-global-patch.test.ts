import rule from '../../rules/no-unrestored-global-patch.js';
import { allTests, collectionTime, laterTests, unrestored, UNKNOWN_RUNNER_REASON } from '../patch-messages.js';
import { projectWith, ruleTester, suggestionTester } from '../rule-tester.js';

const MOCHA = 'Mocha';

/** Projects that declare their runner the way real ones do, read statically by the rule. */
const mochaProject = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }' });
const jestProject = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }' });
const jasmineProject = projectWith({ 'package.json': '{ "devDependencies": { "jasmine": "^5.0.0" }, "scripts": { "test": "jasmine" } }' }, 'spec/example.spec.ts');
const vitestSharedProject = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { isolate: false } });\n",
});
const vitestIsolatedProject = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { environment: 'node' } });\n",
});
/** Vitest's `isolate` computed: Vitest's default (isolate: true) is assumed, and no message claims later files. */
const vitestComputedIsolateProject = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { isolate: process.env.VITEST_ISOLATE !== 'false' } });\n",
});
/** Vitest 3 with every file in one worker thread: globals and `process.env` reach later files. */
const vitest3SingleThreadProject = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^3.2.4" }, "scripts": { "test": "vitest run" } }',
  'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { pool: 'threads', poolOptions: { threads: { singleThread: true } } } });\n",
});
/** The same config under Vitest 4, which ignores `poolOptions`: files stay isolated. */
const vitest4SingleThreadProject = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { pool: 'threads', poolOptions: { threads: { singleThread: true } } } });\n",
});
/** `isolate: false` read from a base config the package spreads, member by member. */
const vitestSharedBaseProject = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'vite.base.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { isolate: false, reporters: process.env.CI ? ['github-actions'] : ['default'] } });\n",
  'vitest.config.ts': "import baseConfig from './vite.base';\nexport default { ...baseConfig, test: { ...baseConfig.test } };\n",
});

/** A helper whose returned object puts the original back when a `using` declaration's block exits (amplify's helpers). */
const DISPOSABLE_STUB = `
function stubFetch(fake) {
  const original = globalThis.fetch;
  globalThis.fetch = fake;
  return { [Symbol.dispose]() { globalThis.fetch = original; } };
}
it('a', async () => {
  using stub = stubFetch(fakeFetch);
  await run();
});
it('b', () => run());`;

/** Members of Node's process streams written in a hook and in tests, never put back. */
const JEST_STREAMS = `beforeEach(() => {
  process.stdin.isTTY = true;
});
it('x', () => { process.stderr.columns = 70; });
it('last', () => { process.stdout.write = () => true; });`;
/** The same, each put back after every test. */
const JEST_STREAMS_RESTORED = `const { isTTY } = process.stdin;
const { columns } = process.stderr;
const { write } = process.stdout;
beforeEach(() => { process.stdin.isTTY = true; });
afterEach(() => {
  process.stdin.isTTY = isTTY;
  process.stderr.columns = columns;
  process.stdout.write = write;
});
it('x', () => { process.stderr.columns = 70; });
it('last', () => { process.stdout.write = () => true; });`;

/** One file-level patch, judged in each project. */
const FILE_LEVEL_PATCH = `
process.env.API_URL = 'http://localhost:4000';
describe('client', () => {
  it('calls the API', () => {});
});`;
/** The same, put back by an afterAll of the file: Jest and Vitest load the next file only after it has run. */
const FILE_LEVEL_PATCH_RESTORED_AFTER_ALL = `
const savedUrl = process.env.API_URL;
process.env.API_URL = 'http://localhost:4000';
afterAll(() => { process.env.API_URL = savedUrl; });
describe('client', () => {
  it('calls the API', () => {});
});`;

ruleTester.run('no-unrestored-global-patch', rule, {
  valid: [
    // The block that declares the helper's result with \`using\` disposes it however it exits: the dispose puts the original back.
    { code: DISPOSABLE_STUB, filename: mochaProject },
    { code: DISPOSABLE_STUB.replace('using stub', 'await using stub').replace('[Symbol.dispose]()', '[Symbol.asyncDispose]: async () =>'), filename: mochaProject },
    // A bare assignment to a global binding, put back: the saved original assigned again (bare or through globalThis).
    `
const realClone = structuredClone;
const realFetch = fetch;
afterEach(() => { structuredClone = realClone; globalThis.fetch = realFetch; });
it('a', () => { structuredClone = () => ({}); fetch = async () => new Response('{}'); });
it('b', () => {});`,
    // Not a global: a binding of the file (var, a parameter, a TS declaration), one the file adds by sloppy assignment,
    // a framework's global set up as the file's API, a read-only global (the assignment changes nothing), and module bindings.
    `
var setTimeout = (fn) => fn();
declare let process: unknown;
it('a', () => { setTimeout = null; process = false; });
it('b', (Promise) => { Promise = undefined; });
it('c', () => { helperState = {}; expect = chaiExpect; undefined = 1; NaN = 0; exports = {}; });
it('d', () => {});`,
    // Files share globals (Vitest isolate: false), but the next file loads after this file's afterAll has put it back.
    { code: FILE_LEVEL_PATCH_RESTORED_AFTER_ALL, filename: vitestSharedProject },
    // Jest's documented pattern: a fresh copy of the environment before each test, the original put back after all.
    `
const OLD_ENV = process.env;
beforeEach(() => {
  jest.resetModules();
  process.env = { ...OLD_ENV };
});
afterAll(() => {
  process.env = OLD_ENV;
});
test('reads the target', () => {
  process.env.NODE_ENV = 'dev';
  delete process.env.CI;
});`,
    // A beforeEach gives every test an environment object of its own (netlify/cli): the tests' writes, the
    // inner beforeEach's helper write and Object.assign go into it, and the next beforeEach drops it.
    `
const OLD_ENV = process.env;
function setPrompts(value) {
  process.env.PROMPTS = value;
}
describe('prompts', () => {
  beforeEach(() => {
    Object.defineProperty(process, 'env', { value: {} });
  });
  afterAll(() => {
    Object.defineProperty(process, 'env', { value: OLD_ENV });
  });
  describe('confirmed', () => {
    beforeEach(() => {
      setPrompts('true');
    });
    it('a', () => {
      Object.assign(process.env, { API_URL: 'http://localhost' });
      process.env.TOKEN = 'x';
    });
    it('b', () => {
      delete process.env.HOME;
    });
  });
});
it('after', () => {});`,
    // Saved and put back in `finally`, for a method of a global object and for a global.
    `
it('freezes time', () => {
  const realNow = Date.now;
  Date.now = () => 0;
  try {
    run();
  } finally {
    Date.now = realNow;
  }
});
it('fakes fetch', async () => {
  const realFetch = globalThis.fetch;
  globalThis.fetch = async () => new Response('{}');
  try {
    await run();
  } finally {
    globalThis.fetch = realFetch;
  }
});`,
    // Saved in beforeEach, restored in afterEach; `window.x` and bare `x` are the same global.
    `
describe('media queries', () => {
  let original;
  beforeEach(() => {
    original = window.matchMedia;
    window.matchMedia = () => ({ matches: true });
  });
  afterEach(() => {
    globalThis.matchMedia = original;
  });
  it('matches', () => {});
});`,
    // An environment variable restored, or removed when it was not set before.
    `
describe('token', () => {
  let saved;
  beforeEach(() => {
    saved = process.env.TOKEN;
    process.env.TOKEN = 'test-token';
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TOKEN;
    else process.env.TOKEN = saved;
  });
  it('uses the token', () => {});
});`,
    // A global the test adds and deletes in `finally` (or in afterEach).
    `
it('sets a flag', () => {
  globalThis.featureFlag = 'on';
  try {
    run();
  } finally {
    delete globalThis.featureFlag;
  }
});
afterEach(() => { delete global.lastRequest; });
it('records', () => { global.lastRequest = {}; });`,
    // Mocha's shared `this`: saved in `before`, put back from it in `after` (Express's own suite).
    `
describe('in production', function () {
  before(function () {
    this.env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
  });
  after(function () {
    process.env.NODE_ENV = this.env;
  });
  it('caches views', function () {});
});`,
    // Back to the file's own baseline: what the file installed at its top level (Vitest isolates
    // files, so that is its own), put back after each test (zustand's suite).
    `
import { afterEach, beforeEach, describe, it } from 'vitest';
const extensionConnector = { connect: () => ({}) };
window.__REDUX_DEVTOOLS_EXTENSION__ = extensionConnector;
describe('without the extension', () => {
  beforeEach(() => { window.__REDUX_DEVTOOLS_EXTENSION__ = undefined; });
  afterEach(() => { window.__REDUX_DEVTOOLS_EXTENSION__ = extensionConnector; });
  it('warns', () => {});
});`,
    // Teardown that resets to a primitive (here: expiring the cookie the test set) undoes the write.
    `
describe('xsrf', () => {
  afterEach(() => {
    document.cookie = 'XSRF-TOKEN=; expires=' + new Date(0).toUTCString();
  });
  it('sends the token', () => {
    document.cookie = 'XSRF-TOKEN=12345';
  });
});`,
    // The page's content is fixture state, not a patch (dom-testing-library's suite).
    `
it('finds the text', () => {
  document.body.innerHTML = '<div>Hello</div>';
  document.title = 'Home';
  document.documentElement.lang = 'en';
});`,
    // A saved descriptor put back with defineProperty.
    `
const descriptor = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
afterEach(() => { Object.defineProperty(globalThis, 'navigator', descriptor); });
it('is offline', () => {
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
});`,
    // Prototype patched and restored in node:test's t.after cleanup.
    `
import test from 'node:test';
test('formats dates', (t) => {
  const original = Date.prototype.toISOString;
  Date.prototype.toISOString = () => '2020-01-01T00:00:00.000Z';
  t.after(() => { Date.prototype.toISOString = original; });
});`,
    // Shadowed names: a local `window`, a parameter `console`, a local `process` are not the globals.
    `
it('uses locals', () => {
  const window = { location: {} };
  window.location.href = 'http://x';
});
function withConsole(console) {
  console.error = () => {};
}
it('passes a logger', () => { withConsole({ error() {} }); });
it('fakes a process object', () => {
  const process = { env: {} };
  process.env.API_URL = 'x';
});`,
    // The module system is not a patch: CommonJS exports and the require cache.
    `
module.exports.helper = () => {};
exports.other = 1;
it('reloads', () => {
  delete require.cache[require.resolve('../src/config')];
});`,
    // Vitest's stub helpers are scoped helpers (judged by no-unrestored-spy), not assignments.
    `
import { vi, it } from 'vitest';
it('stubs', () => {
  vi.stubGlobal('fetch', vi.fn());
  vi.stubEnv('API_URL', 'x');
});`,
    // Reading globals, and writing to a copy of the environment, leaves them alone.
    `
it('reads', () => {
  const env = { ...process.env };
  env.API_URL = 'x';
  const now = Date.now();
  expect(now).toBeGreaterThan(0);
});`,
    // Not a test file, and no framework call: nothing is judged.
    {
      code: `globalThis.fetch = () => {};`,
      filename: 'src/polyfills.ts',
    },
    // Isolation: a Jest project gives each test file its own global object, so a file-level patch
    // is the file's own baseline; so does Vitest by default.
    { code: FILE_LEVEL_PATCH, filename: jestProject },
    { code: FILE_LEVEL_PATCH, filename: vitestIsolatedProject },
    // `isolate` cannot be read: Vitest's default holds, and the file's own baseline is no leak.
    { code: FILE_LEVEL_PATCH, filename: vitestComputedIsolateProject },
    { code: "it('only test', () => { process.env.API_URL = 'http://localhost:4000'; });", filename: vitestComputedIsolateProject },
    // The setting overrides the inference.
    { code: FILE_LEVEL_PATCH, settings: { 'patch-leak': { isolation: 'file' } } },
    // A root-level beforeEach is file setup too.
    { code: `beforeEach(() => { globalThis.fetch = fakeFetch; });\nit('x', () => {});`, filename: jestProject },
    // Jest's process streams are the worker's, but a member put back after each test reaches no one.
    { code: JEST_STREAMS_RESTORED, filename: jestProject },
    // Other members of Jest's per-file `process` stay in the file: its last test's write is its own.
    { code: "it('x', () => {});\nit('last', () => { process.title = 'patched'; });", filename: jestProject },
    // tape's \`t.equal\` records a failure and returns (run with tape 5.10.2, fixtures/tape-assertions-record): the restore after it runs; so in a subtest.
    {
      code: `
const test = require('tape');
const real = Date.now;
test('fakes and fails', (t) => {
  Date.now = () => 1;
  t.equal(run(), 2);
  Date.now = real;
  t.test('inner', (st) => {
    Date.now = () => 2;
    st.same(run(), [2]);
    Date.now = real;
    st.end();
  });
  t.end();
});
test('sees the real Date.now', (t) => { t.equal(Date.now, real); t.end(); });`,
      filename: mochaProject,
    },
  ],
  invalid: [
    // node:assert inside a tape test throws: a failure skips the restore after it (an async test goes on to the next test).
    {
      code: `
const test = require('tape');
const assert = require('node:assert');
const real = Date.now;
test('fakes and fails', async (t) => {
  Date.now = () => 1;
  assert.equal(await run(), 2);
  Date.now = real;
});
test('sees the real Date.now', (t) => { t.equal(Date.now, real); t.end(); });`,
      filename: mochaProject,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 6 }],
    },
    // node:test's \`t.assert\` throws like \`node:assert\` (run with Node 20.20): a failed assertion skips the restore after it, and the next test sees the fake.
    {
      code: `
import test from 'node:test';
const real = Date.now;
test('fakes and fails', (t) => {
  Date.now = () => 1;
  t.assert.strictEqual(run(), 2);
  Date.now = real;
});
test('sees the real Date.now', (t) => { t.assert.strictEqual(Date.now, real); });`,
      filename: mochaProject,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 5 }],
    },
    // A caller that keeps the result with \`const\` never disposes it.
    { code: DISPOSABLE_STUB.replace('using stub', 'const stub'), filename: mochaProject, errors: [{ messageId: 'unrestoredPatch', line: 4 }] },
    // A method keyed by a local symbol of the same name is no dispose.
    {
      code: DISPOSABLE_STUB.replace('function stubFetch', "const Symbol = { dispose: 'dispose' };\nfunction stubFetch"),
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch', line: 5 }],
    },
    // Jest copies `process` for each file, but its streams are the worker's: written members reach later files
    // (RUNTIME-FACTS, checked with Jest 30 in band), even from a setup hook or the file's last test.
    {
      code: JEST_STREAMS,
      filename: jestProject,
      errors: [
        unrestored(2, 'process.stdin.isTTY', { where: 'a hook', reach: 'all tests and files (Jest: shared core modules)', remedy: 'save it and put it back in `afterEach`' }),
        unrestored(4, 'process.stderr.columns', { reach: 'later tests and files (Jest: shared core modules)', remedy: 'save it and put it back in `afterEach`' }),
        unrestored(5, 'process.stdout.write', { reach: 'later files (Jest: shared core modules)', remedy: 'save it and put it back in `afterEach`' }),
      ],
    },
    // Members of the global object, through each of its names.
    {
      code: `
it('fakes the network', () => {
  globalThis.fetch = async () => new Response('{}');
  global.WebSocket = FakeSocket;
  window.matchMedia = () => ({ matches: true });
  self.crypto = fakeCrypto;
});
it('runs next', () => {});`,
      errors: [
        unrestored(3, 'globalThis.fetch'),
        unrestored(4, 'global.WebSocket'),
        unrestored(5, 'window.matchMedia'),
        unrestored(6, 'self.crypto'),
      ],
    },
    // A bare assignment to a global binding: the global object's member itself, whatever later code reads it through.
    {
      code: `
it('a', () => {
  process = false;
  setTimeout = (fn) => fn();
  globalThis = {};
  window = fakeWindow;
  Promise ??= FakePromise;
});
it('b', () => {});`,
      errors: [unrestored(3, 'process'), unrestored(4, 'setTimeout'), unrestored(5, 'globalThis'), unrestored(6, 'window'), unrestored(7, 'Promise', { verb: 'changed' })],
    },
    // A variable saved from the global before each test is no restore of it (sentry's flushIfServerless).
    {
      code: `
let originalProcess;
beforeEach(() => { originalProcess = global.process; });
it('a', () => { global.process = { ...originalProcess, env: {} }; });
it('b', () => {});`,
      errors: [unrestored(4, 'global.process')],
    },
    // The remedy names the global object's scoped helper.
    {
      code: "import { it, vi } from 'vitest';\nit('a', () => { fetch = vi.fn(); });\nit('b', () => {});",
      errors: [unrestored(2, 'fetch', { reach: laterTests(), remedy: "`vi.stubGlobal('fetch', fake)` and `unstubGlobals: true`" })],
    },
    // Near miss: put back only on the happy path.
    {
      code: `
it('a', () => {
  const real = structuredClone;
  structuredClone = () => ({});
  expect(run()).toBe(1);
  structuredClone = real;
});
it('b', () => {});`,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }],
    },
    // Members of global objects: Date, Math, console, JSON, navigator, location, document (but not
    // its content), and a function put into the page's content.
    {
      code: `
it('controls the world', () => {
  Date.now = () => 0;
  Math.random = () => 0.5;
  console.error = () => {};
  JSON.parse = fakeParse;
  navigator.language = 'fr-FR';
  location.href = 'http://example.test/';
  document.cookie = 'session=1';
  document.body.appendChild = () => {};
});
it('runs next', () => {});`,
      errors: [
        unrestored(3, 'Date.now'),
        unrestored(4, 'Math.random'),
        unrestored(5, 'console.error'),
        unrestored(6, 'JSON.parse'),
        unrestored(7, 'navigator.language'),
        unrestored(8, 'location.href'),
        unrestored(9, 'document.cookie'),
        unrestored(10, 'document.body.appendChild'),
      ],
    },
    // A fresh object made in the beforeEach itself (a const of the hook): only the replacement is reported,
    // not the writes that land in each test's own object.
    {
      code: `
beforeEach(() => {
  const fresh = { MODE: 'test' };
  process.env = fresh;
  process.env.MODE = 'each';
});
it('a', () => {
  process.env.TOKEN = 'x';
});
it('b', () => {});`,
      errors: [unrestored(4, 'process.env', { where: 'a hook', reach: allTests(UNKNOWN_RUNNER_REASON) })],
    },
    // Near-misses of the per-test object: replaced once for the block (beforeAll); the same saved object
    // installed before each test (the writes land in it and stay); replaced only in a sibling block;
    // replaced in a beforeEach that runs after the writing one, or behind a condition.
    {
      code: `
const saved = { ...process.env };
describe('once for the block', () => {
  beforeAll(() => {
    process.env = {};
  });
  it('a', () => {
    process.env.TOKEN = 'a';
  });
  it('b', () => {});
});
describe('the same saved object each time', () => {
  beforeEach(() => {
    process.env = saved;
  });
  it('a', () => {
    process.env.TOKEN = 'a';
  });
  it('b', () => {});
});
describe('a sibling block', () => {
  describe('replaced here', () => {
    beforeEach(() => {
      process.env = {};
    });
    it('a', () => {});
  });
  it('written here', () => {
    process.env.TOKEN = 'a';
  });
  it('b', () => {});
});
describe('writing hook first', () => {
  beforeEach(() => {
    process.env.MODE = 'first';
  });
  beforeEach(() => {
    if (globalThis.reset) process.env = {};
  });
  beforeEach(() => {
    process.env = {};
  });
  it('a', () => {});
  it('b', () => {});
});`,
      errors: [
        unrestored(5, 'process.env', { where: 'a hook' }),
        unrestored(8, 'process.env.TOKEN'),
        unrestored(17, 'process.env.TOKEN'),
        unrestored(24, 'process.env', { where: 'a hook' }),
        unrestored(29, 'process.env.TOKEN'),
        unrestored(35, 'process.env.MODE', { where: 'a hook', reach: 'later files (runner unknown)' }),
        unrestored(38, 'process.env', { where: 'a hook', reach: 'later files (runner unknown)' }),
        unrestored(41, 'process.env', { where: 'a hook', reach: 'later files (runner unknown)' }),
      ],
    },
    // Vitest 3 singleThread: the environment and globals are the worker's, shared by the files it runs next;
    // under Vitest 4 the same config isolates files (poolOptions ignored), so only later tests see them.
    {
      code: "it('a', () => { process.env.API_URL = 'x'; });\nit('b', () => {});",
      filename: vitest3SingleThreadProject,
      errors: [unrestored(1, 'process.env.API_URL', { reach: laterTests('Vitest singleThread'), remedy: "`vi.stubEnv('API_URL', value)` and `unstubEnvs: true`" })],
    },
    {
      code: "it('a', () => { process.env.API_URL = 'x'; });\nit('b', () => {});",
      filename: vitest4SingleThreadProject,
      errors: [unrestored(1, 'process.env.API_URL', { reach: laterTests(), remedy: "`vi.stubEnv('API_URL', value)` and `unstubEnvs: true`" })],
    },
    // The environment: assigned, deleted, merged, replaced, appended to.
    {
      code: `
it('configures the client', () => {
  process.env.API_URL = 'http://localhost:4000';
  delete process.env.CI;
  Object.assign(process.env, { REGION: 'eu' });
  process.env.PATH += ':/opt/bin';
});
it('replaces the environment', () => {
  process.env = { NODE_ENV: 'test' };
});
it('runs next', () => {});`,
      errors: [
        unrestored(3, 'process.env.API_URL'),
        unrestored(4, 'process.env.CI', { verb: 'deleted' }),
        unrestored(5, 'process.env.REGION'),
        unrestored(6, 'process.env.PATH', { verb: 'changed' }),
        unrestored(9, 'process.env'),
      ],
    },
    // Process methods, built-in prototypes, defineProperty, logical assignment, Reflect.
    {
      code: `
it('patches built-ins', () => {
  process.exit = () => {};
  process.cwd = () => '/tmp';
  Array.prototype.last = function () { return this[this.length - 1]; };
  Date.prototype.toISOString = () => '2020-01-01T00:00:00.000Z';
  Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
  globalThis.fetch ??= fakeFetch;
  Reflect.set(globalThis, 'localStorage', fakeStorage);
});
it('runs next', () => {});`,
      errors: [
        unrestored(3, 'process.exit'),
        unrestored(4, 'process.cwd'),
        // A method Array.prototype does not have: deleted again, not put back.
        unrestored(5, 'Array.prototype.last', { remedy: 'delete it again in `afterEach`' }),
        unrestored(6, 'Date.prototype.toISOString'),
        unrestored(7, 'globalThis.navigator'),
        unrestored(8, 'globalThis.fetch', { verb: 'changed' }),
        unrestored(9, 'globalThis.localStorage'),
      ],
    },
    // Aliases of the global object and of its members are still the globals.
    {
      code: `
const g = globalThis;
const env = process.env;
const { console: log } = globalThis;
it('aliases', () => {
  g.fetch = fakeFetch;
  env.API_URL = 'x';
  log.warn = () => {};
});
it('runs next', () => {});`,
      errors: [unrestored(6, 'g.fetch'), unrestored(7, 'env.API_URL'), unrestored(8, 'log.warn')],
    },
    // A restore on the happy path only; a delete of a global the test did not add.
    {
      code: `
it('freezes time', () => {
  const realNow = Date.now;
  Date.now = () => 0;
  expect(stamp()).toBe(0);
  Date.now = realNow;
});`,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4, data: { name: 'Date.now', line: 6, remedy: 'save it and put it back in `afterEach`' } }],
    },
    // The remedy follows the framework and what is replaced.
    {
      code: `
import { it, vi } from 'vitest';
it('stubs by hand', () => {
  globalThis.fetch = vi.fn();
  process.env.API_URL = 'x';
  Date.now = vi.fn(() => 0);
  navigator.language = 'fr';
});
it('runs next', () => {});`,
      errors: [
        unrestored(4, 'globalThis.fetch', { reach: laterTests(), remedy: "`vi.stubGlobal('fetch', fake)` and `unstubGlobals: true`" }),
        unrestored(5, 'process.env.API_URL', { reach: laterTests(), remedy: "`vi.stubEnv('API_URL', value)` and `unstubEnvs: true`" }),
        unrestored(6, 'Date.now', { reach: laterTests(), remedy: "`vi.spyOn(Date, 'now')` and `restoreMocks: true`" }),
        unrestored(7, 'navigator.language', { reach: laterTests() }),
      ],
    },
    {
      code: `
test('jest', () => {
  globalThis.fetch = jest.fn();
  globalThis.appConfig = { debug: true };
  process.env.API_URL = 'x';
  console.error = jest.fn();
  navigator.language = 'fr';
});
it('runs next', () => {});`,
      // A spy that only watches calls / a global name of the file's own is hygiene: reported with `strict`.
      options: [{ strict: true }],
      errors: [
        unrestored(3, 'globalThis.fetch', { reach: laterTests(), remedy: "`jest.spyOn(globalThis, 'fetch')` and `restoreMocks: true`" }),
        unrestored(4, 'globalThis.appConfig', {
          reach: laterTests(),
          remedy: "`jest.replaceProperty(globalThis, 'appConfig', value)` and `restoreMocks: true`",
        }),
        unrestored(5, 'process.env.API_URL', {
          reach: laterTests(),
          remedy: 'save it and put it back in `afterEach`',
        }),
        unrestored(6, 'console.error', { reach: laterTests(), remedy: "`jest.spyOn(console, 'error')` and `restoreMocks: true`" }),
        unrestored(7, 'navigator.language', {
          reach: laterTests(),
          remedy: "`jest.replaceProperty(navigator, 'language', value)` and `restoreMocks: true`",
        }),
      ],
    },
    // A key no built-in has: jest.replaceProperty and sinon.replace throw for it ("Cannot replace non-existent property"), so the
    // remedy deletes it again, or defines it with Sinon. Near-misses: keys that are there (`String.raw`, and `process.argv`, below
    // a global that Node defines as an accessor) keep the replacing helper.
    {
      code: `
test('new keys', () => {
  String.type = String;
  Math.tau = 2 * Math.PI;
  String.raw = jest.fn();
  process.argv = ['node'];
});
it('runs next', () => {});`,
      errors: [
        unrestored(3, 'String.type', { reach: laterTests(), remedy: 'delete it again in `afterEach`' }),
        unrestored(4, 'Math.tau', { reach: laterTests(), remedy: 'delete it again in `afterEach`' }),
        unrestored(5, 'String.raw', { reach: laterTests(), remedy: "`jest.spyOn(String, 'raw')` and `restoreMocks: true`" }),
        unrestored(6, 'process.argv', { reach: laterTests(), remedy: "`jest.replaceProperty(process, 'argv', value)` and `restoreMocks: true`" }),
      ],
    },
    {
      code: `
const sinon = require('sinon');
it('new keys', () => {
  String.type = String;
  String.raw = () => '';
});
it('runs next', () => {});`,
      filename: mochaProject,
      errors: [
        unrestored(4, 'String.type', { reach: laterTests('Mocha'), remedy: "`sinon.define(String, 'type', value)` and `sinon.restore()` in `afterEach`" }),
        unrestored(5, 'String.raw', { reach: laterTests('Mocha'), remedy: "`sinon.replace(String, 'raw', fake)` and `sinon.restore()` in `afterEach`" }),
      ],
    },
    {
      // `restoreAllMocks()` restores spies only: the assignment still leaks. The file already restores spies
      // after every test, so the fix names only the spy, not `restoreMocks` (the docs say why).
      code: `
afterEach(() => jest.restoreAllMocks());
test('jest', () => {
  Date.now = () => 0;
});
it('runs next', () => {});`,
      errors: [unrestored(4, 'Date.now', { reach: laterTests(), remedy: "`jest.spyOn(Date, 'now')`" })],
    },
    {
      // The `afterEach` that restores Sinon is in the write's describe: the fix needs only `sinon.replace`.
      code: `
const sinon = require('sinon');
describe('d', () => {
  afterEach(() => sinon.restore());
  it('sinon', () => {
    Date.now = () => 0;
  });
  it('runs next', () => {});
});`,
      errors: [unrestored(6, 'Date.now', { remedy: "`sinon.replace(Date, 'now', fake)`" })],
    },
    {
      // Handed to the hook by reference, which works for `sinon.restore` (fixtures/restore-all-by-reference).
      code: `
const sinon = require('sinon');
afterEach(sinon.restore);
it('sinon', () => {
  Date.now = () => 0;
});
it('runs next', () => {});`,
      errors: [unrestored(5, 'Date.now', { remedy: "`sinon.replace(Date, 'now', fake)`" })],
    },
    {
      // A sandbox restored after every test: the fix names the sandbox, which has the same methods.
      code: `
const sinon = require('sinon');
let sandbox;
beforeEach(() => { sandbox = sinon.createSandbox(); });
afterEach(() => { sandbox.restore(); });
it('sinon', () => {
  Date.now = () => 0;
});
it('runs next', () => {});`,
      errors: [unrestored(7, 'Date.now', { remedy: "`sandbox.replace(Date, 'now', fake)`" })],
    },
    {
      // An `afterEach` in a sibling describe does not run after this test: the fix keeps the restore.
      code: `
const sinon = require('sinon');
describe('other', () => {
  afterEach(() => sinon.restore());
  it('o', () => {});
});
describe('d', () => {
  it('sinon', () => {
    Date.now = () => 0;
  });
  it('runs next', () => {});
});`,
      errors: [unrestored(9, 'Date.now', { remedy: "`sinon.replace(Date, 'now', fake)` and `sinon.restore()` in `afterEach`" })],
    },
    {
      code: `
import test from 'node:test';
test('node', () => {
  Date.now = () => 0;
  process.env.API_URL = 'x';
});
it('runs next', () => {});`,
      errors: [
        unrestored(4, 'Date.now', { reach: laterTests(), remedy: "`t.mock.method(Date, 'now')`" }),
        unrestored(5, 'process.env.API_URL', { reach: laterTests(), remedy: 'save it and put it back in `t.after()`' }),
      ],
    },
    {
      code: `
const sinon = require('sinon');
it('sinon', () => {
  Date.now = () => 0;
});
it('runs next', () => {});`,
      errors: [unrestored(4, 'Date.now', { remedy: "`sinon.replace(Date, 'now', fake)` and `sinon.restore()` in `afterEach`" })],
    },
    // Isolation: the same file-level patch, judged per project.
    {
      code: FILE_LEVEL_PATCH,
      filename: mochaProject,
      errors: [collectionTime(2, 'process.env.API_URL', { reach: allTests(MOCHA) })],
    },
    {
      code: FILE_LEVEL_PATCH,
      filename: vitestSharedProject,
      errors: [
        collectionTime(2, 'process.env.API_URL', {
          reach: allTests('Vitest isolate: false'),
          remedy: "`vi.stubEnv('API_URL', value)` and `unstubEnvs: true`",
        }),
      ],
    },
    // Read through the spread base config: files share, and the message says so.
    {
      code: FILE_LEVEL_PATCH,
      filename: vitestSharedBaseProject,
      errors: [
        collectionTime(2, 'process.env.API_URL', {
          reach: allTests('Vitest isolate: false'),
          remedy: "`vi.stubEnv('API_URL', value)` and `unstubEnvs: true`",
        }),
      ],
    },
    {
      code: "it('only test', () => { process.env.API_URL = 'http://localhost:4000'; });",
      filename: vitestSharedBaseProject,
      errors: [unrestored(1, 'process.env.API_URL', { reach: 'later files (Vitest isolate: false)', remedy: "`vi.stubEnv('API_URL', value)` and `unstubEnvs: true`" })],
    },
    // Mocha loads every file before it runs any test: the other files' tests run before the file's after hook.
    {
      code: FILE_LEVEL_PATCH_RESTORED_AFTER_ALL.replace('afterAll', 'after'),
      filename: mochaProject,
      errors: [collectionTime(3, 'process.env.API_URL', { reach: allTests(MOCHA) })],
    },
    { code: FILE_LEVEL_PATCH, errors: [collectionTime(2, 'process.env.API_URL')] },
    {
      code: FILE_LEVEL_PATCH,
      filename: jestProject,
      settings: { 'patch-leak': { isolation: 'process' } },
      errors: [
        collectionTime(2, 'process.env.API_URL', {
          reach: allTests("setting 'process'"),
          remedy: 'save it and put it back in `afterEach`',
        }),
      ],
    },
    // Under Jest a patch inside a test, or in a nested describe's hook or body, still reaches the
    // later tests of its own file.
    {
      code: `
describe('client', () => {
  globalThis.inDescribe = true;
  beforeAll(() => { process.env.NESTED = '1'; });
  it('x', () => { Date.now = () => 0; });
  it('y', () => {});
});
it('runs next', () => {});`,
      // A spy that only watches calls / a global name of the file's own is hygiene: reported with `strict`.
      options: [{ strict: true }],
      filename: jestProject,
      errors: [
        collectionTime(3, 'globalThis.inDescribe', { where: 'in a describe body', reach: allTests(), remedy: "`jest.replaceProperty(globalThis, 'inDescribe', value)` and `restoreMocks: true`" }),
        unrestored(4, 'process.env.NESTED', {
          where: 'a hook',
          reach: laterTests(),
          remedy: 'save it and put it back in `afterEach`',
        }),
        unrestored(5, 'Date.now', { reach: laterTests(), remedy: "`jest.spyOn(Date, 'now')` and `restoreMocks: true`" }),
      ],
    },
    // A wrong setting is reported, not thrown, and the default applies.
    {
      code: `it('x', () => { globalThis.fetch = fakeFetch; });
it('runs next', () => {});`,
      settings: { 'patch-leak': { isolation: 'worker' } },
      errors: [
        { messageId: 'invalidSettings', line: 1, data: { problem: `settings['patch-leak'].isolation must be one of 'auto', 'file', 'process', got "worker"` } },
        unrestored(1, 'globalThis.fetch', { reach: laterTests(UNKNOWN_RUNNER_REASON) }),
      ],
    },
  ],
});

// Suggestions, as the rule ships them: what each kind rewrites to. tests/suggestions.test.ts applies
// them to fixtures whose later test fails and runs the result with the real runner.
suggestionTester.run('no-unrestored-global-patch suggestions', rule, {
  valid: [],
  invalid: [
    // An environment variable under Jest: the whole process.env replaced (jest.replaceProperty on the variable throws when it is not set);
    // a value that is not a string is converted as the assignment would; a computed name stays computed.
    {
      code: `
describe('env', () => {
  it('sets variables', () => {
    process.env.API_URL = 'http://fake';
    process.env.RETRIES = 3;
    process.env[name] = 'x';
  });
  it('later', () => {});
});
`,
      filename: jestProject,
      errors: [
        { messageId: 'unrestoredPatch' as const, line: 4, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.replaceProperty","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
describe('env', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sets variables', () => {
    jest.replaceProperty(process, 'env', { ...process.env, API_URL: 'http://fake' });
    process.env.RETRIES = 3;
    process.env[name] = 'x';
  });
  it('later', () => {});
});
` }] },
        { messageId: 'unrestoredPatch' as const, line: 5, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.replaceProperty","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
describe('env', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sets variables', () => {
    process.env.API_URL = 'http://fake';
    jest.replaceProperty(process, 'env', { ...process.env, RETRIES: String(3) });
    process.env[name] = 'x';
  });
  it('later', () => {});
});
` }] },
        { messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.replaceProperty","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
describe('env', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sets variables', () => {
    process.env.API_URL = 'http://fake';
    process.env.RETRIES = 3;
    jest.replaceProperty(process, 'env', { ...process.env, [name]: 'x' });
  });
  it('later', () => {});
});
` }] },
      ],
    },
    // node:test: saved and put back in the test's t.after; a variable that was not set is deleted, not set to "undefined".
    {
      code: `
import { test } from 'node:test';

test('sets a variable', (t) => {
  process.env.API_URL = 'http://fake';
});
test('later', () => {});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 5, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"t.after","restore":""}, output: `
import { test } from 'node:test';

test('sets a variable', (t) => {
  const originalApiUrl = process.env.API_URL;
  t.after(() => {
    if (originalApiUrl === undefined) delete process.env.API_URL; else process.env.API_URL = originalApiUrl;
  });
  process.env.API_URL = 'http://fake';
});
test('later', () => {});
` }] }],
    },
    // An environment variable under Vitest: vi.stubEnv, and vi.unstubAllEnvs() in a new afterEach.
    {
      code: `
import { describe, it, vi } from 'vitest';

describe('env', () => {
  it('sets a variable', () => {
    process.env.API_URL = 'http://fake';
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"vi.stubEnv","restore":", and `vi.unstubAllEnvs()` in `afterEach`"}, output: `
import { describe, it, vi, afterEach } from 'vitest';

describe('env', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('sets a variable', () => {
    vi.stubEnv('API_URL', 'http://fake');
  });
  it('later', () => {});
});
` }] }],
    },
    // A global function under Jest: jest.spyOn on globalThis, and jest.restoreAllMocks() in a new afterEach at the top of the describe.
    {
      code: `
describe('fetch', () => {
  it('replaces fetch', () => {
    globalThis.fetch = jest.fn();
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 4, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.spyOn","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
describe('fetch', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('replaces fetch', () => {
    jest.spyOn(globalThis, 'fetch').mockImplementation(jest.fn());
  });
  it('later', () => {});
});
` }] }],
    },
    // A key no built-in has (`String.type`): jest.replaceProperty would throw, so the new key is deleted in afterEach, or in finally.
    {
      code: `
describe('a new key', () => {
  it('adds a static', () => {
    String.type = String;
    expect(String.type).toBe(String);
  });
  it('later', () => {});
});
`,
      filename: jestProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 4, suggestions: [{ messageId: 'suggestDeleteNewKey' as const, data: {"name":"String.type","helper":"afterEach"}, output: `
describe('a new key', () => {
  afterEach(() => {
    delete String.type;
  });

  it('adds a static', () => {
    String.type = String;
    expect(String.type).toBe(String);
  });
  it('later', () => {});
});
` }, { messageId: 'suggestDeleteNewKey' as const, data: {"name":"String.type","helper":"finally"}, output: `
describe('a new key', () => {
  it('adds a static', () => {
    String.type = String;
    try {
      expect(String.type).toBe(String);
    } finally {
      delete String.type;
    }
  });
  it('later', () => {});
});
` }] }],
    },
    // Sinon: a new key gets sinon.define (sinon.replace throws "Cannot replace non-existent property", RUNTIME-FACTS 48); an environment
    // variable, which may be unset, is saved and deleted again when it was (writing back undefined stores "undefined", RUNTIME-FACTS 38).
    {
      code: `
const sinon = require('sinon');

describe('sinon', () => {
  it('adds a static and sets a variable', () => {
    String.type = String;
    process.env.API_URL = 'http://fake';
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"sinon.define","restore":", and `sinon.restore()` in `afterEach`"}, output: `
const sinon = require('sinon');

describe('sinon', () => {
  afterEach(() => {
    sinon.restore();
  });

  it('adds a static and sets a variable', () => {
    sinon.define(String, 'type', String);
    process.env.API_URL = 'http://fake';
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 7, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
const sinon = require('sinon');

describe('sinon', () => {
  const originalApiUrl = process.env.API_URL;
  afterEach(() => {
    if (originalApiUrl === undefined) delete process.env.API_URL; else process.env.API_URL = originalApiUrl;
  });

  it('adds a static and sets a variable', () => {
    String.type = String;
    process.env.API_URL = 'http://fake';
  });
  it('later', () => {});
});
` }] }],
    },
    // A bare assignment to a global binding: the binding itself saved and put back, after each test or in \`finally\`.
    {
      code: `
describe('clone', () => {
  it('fakes structuredClone', () => {
    structuredClone = () => 'fake';
    run();
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 4, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
describe('clone', () => {
  const originalStructuredClone = structuredClone;
  afterEach(() => {
    structuredClone = originalStructuredClone;
  });

  it('fakes structuredClone', () => {
    structuredClone = () => 'fake';
    run();
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveRestore' as const, data: {"helper":"finally"}, output: `
describe('clone', () => {
  it('fakes structuredClone', () => {
    const originalStructuredClone = structuredClone;
    structuredClone = () => 'fake';
    try {
      run();
    } finally {
      structuredClone = originalStructuredClone;
    }
  });
  it('later', () => {});
});
` }] }],
    },
  ],
});

/** State changed by calling `process` (state-apis.ts): the working directory and listeners, each with its undo. */
const CWD_REMEDY = 'put the saved `process.cwd()` back in `afterEach`';
const called = (line: number, name: string, reach: string, remedy: string) => unrestored(line, name, { verb: 'called', reach, remedy });
const listenerRemedy = (event: string) => `remove it with \`process.off(${event}, listener)\` in \`afterEach\``;

ruleTester.run('no-unrestored-global-patch: state changed through process', rule, {
  valid: [
    // The saved directory put back after each test.
    {
      code: `
describe('cli', () => {
  let savedCwd;
  beforeEach(() => { savedCwd = process.cwd(); });
  afterEach(() => { process.chdir(savedCwd); });
  it('runs in the fixture', () => { process.chdir('/tmp/fixture'); });
  it('later', () => {});
});`,
      filename: mochaProject,
    },
    // Put back right after the code under test, before the assertions: only an unexpected throw of \`run\` skips it (hygiene).
    {
      code: `
it('runs in the fixture', () => {
  const cwd = process.cwd();
  process.chdir('/tmp/fixture');
  const result = run();
  process.chdir(cwd);
  assert.ok(result);
});
it('later', () => {});`,
      filename: mochaProject,
    },
    // In a finally, with the directory saved in a const: the restore call is not a change of its own.
    {
      code: `
it('runs in the fixture', () => {
  const cwd = process.cwd();
  process.chdir('/tmp/fixture');
  try { run(); } finally { process.chdir(cwd); }
});
it('later', () => {});`,
      filename: mochaProject,
    },
    // The same listener removed, through either name, or every listener of the event, or every listener.
    ...['process.off(\'exit\', onExit)', 'process.removeListener(\'exit\', onExit)', "process.removeAllListeners('exit')", 'process.removeAllListeners()'].map((undo) => ({
      code: `
function onExit() {}
afterEach(() => { ${undo}; });
it('listens', () => { process.on('exit', onExit); });
it('later', () => {});`,
      filename: mochaProject,
    })),
    // A listener kept on a Mocha context and removed through it.
    {
      code: `
describe('errors', function () {
  beforeEach(function () { this.onRejection = () => {}; process.once('unhandledRejection', this.onRejection); });
  afterEach(function () { process.removeListener('unhandledRejection', this.onRejection); });
  it('a', () => {});
  it('b', () => {});
});`,
      filename: mochaProject,
    },
    // A listener that removes itself when called, as a self-restoring fake does; and listeners saved from
    // \`process.listeners(event)\` put back (an element, a loop, a saved one or nothing), which restores.
    {
      code: `
it('catches the error', (done) => {
  const listeners = process.listeners('uncaughtException');
  const first = process.listenerCount('uncaughtException') > 0 ? process.listeners('uncaughtException')[0] : null;
  process.removeAllListeners('uncaughtException');
  process.on('uncaughtException', function () {
    process.removeAllListeners('uncaughtException');
    for (let i = 0; i < listeners.length; i++) process.on('uncaughtException', listeners[i]);
    for (const listener of listeners) process.prependListener('uncaughtException', listener);
    if (first) process.on('uncaughtException', first);
    done();
  });
});
it('later', () => {});`,
      filename: mochaProject,
    },
    // The same, with the listener held in a const.
    {
      code: `
it('catches the error', () => {
  const onError = () => { process.removeListener('uncaughtException', onError); };
  process.on('uncaughtException', onError);
});
it('later', () => {});`,
      filename: mochaProject,
    },
    // A local object called \`process\` or with a \`chdir\` method is not the process.
    {
      code: `
const { EventEmitter } = require('node:events');
const process = new EventEmitter();
const shell = { chdir() {} };
it('a', () => { process.on('exit', () => {}); shell.chdir('/tmp'); });
it('b', () => {});`,
      filename: mochaProject,
    },
    // Jest gives each file its own process object: a listener added by the file's last test reaches nothing.
    { code: "it('listens last', () => { process.on('exit', () => {}); });", filename: jestProject },
    // Teardown: removing in an after hook, or a change made there, is not a leak.
    { code: "afterEach(() => { process.chdir(__dirname); });\nit('a', () => {});\nit('b', () => {});", filename: mochaProject },
    // Already reported as global member writes, and restored here.
    {
      code: `
const limit = Error.stackTraceLimit;
afterEach(() => { Error.stackTraceLimit = limit; });
it('a', () => { Error.stackTraceLimit = 0; });
it('b', () => {});`,
      filename: mochaProject,
    },
  ],
  invalid: [
    {
      code: "it('runs in the fixture', () => { process.chdir('/tmp/fixture'); });\nit('later', () => {});",
      filename: mochaProject,
      errors: [called(1, 'process.chdir()', laterTests(MOCHA), CWD_REMEDY)],
    },
    // Jest: the directory belongs to the worker process, so later files see it even after the file's last test.
    {
      code: "it('runs in the fixture', () => { process.chdir('/tmp/fixture'); });",
      filename: jestProject,
      errors: [{ ...called(1, 'process.chdir()', 'later files (Jest: shared core modules)', CWD_REMEDY) }],
    },
    // Put back on the happy path only: a failing assertion skips it.
    {
      code: `
it('runs in the fixture', () => {
  const cwd = process.cwd();
  process.chdir('/tmp/fixture');
  assert.ok(run());
  process.chdir(cwd);
});
it('later', () => {});`,
      filename: mochaProject,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4, data: { name: 'process.chdir()', line: 6, remedy: CWD_REMEDY } }],
    },
    // Put back right after the code under test, before any assertion: only an unexpected throw skips it (hygiene, reported with strict).
    {
      code: `
it('runs in the fixture', () => {
  const cwd = process.cwd();
  process.chdir('/tmp/fixture');
  const result = run();
  process.chdir(cwd);
  assert.ok(result);
});
it('later', () => {});`,
      filename: mochaProject,
      options: [{ strict: true }],
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4, data: { name: 'process.chdir()', line: 6, remedy: CWD_REMEDY } }],
    },
    // Near misses: another listener removed, another event cleared.
    {
      code: `
function onExit() {}
function other() {}
afterEach(() => { process.off('exit', other); process.removeAllListeners('SIGINT'); });
it('listens', () => { process.on('exit', onExit); });
it('later', () => {});`,
      filename: mochaProject,
      errors: [called(5, "process.on('exit')", laterTests(MOCHA), listenerRemedy("'exit'"))],
    },
    // Near misses: a listener that removes another event's listeners; a listener saved from another event.
    {
      code: `
it('catches the error', () => {
  const saved = process.listeners('warning');
  process.on('uncaughtException', () => { process.removeAllListeners('exit'); });
  process.on('exit', saved[0]);
});
it('later', () => {});`,
      filename: mochaProject,
      errors: [
        called(4, "process.on('uncaughtException')", laterTests(MOCHA), listenerRemedy("'uncaughtException'")),
        called(5, "process.on('exit')", laterTests(MOCHA), listenerRemedy("'exit'")),
      ],
    },
    // Every adding method, through the core module's import too.
    {
      code: `
import proc from 'node:process';
it('listens', () => {
  proc.once('warning', () => {});
  process.addListener('SIGINT', () => {});
  process.prependListener('exit', () => {});
});
it('later', () => {});`,
      filename: mochaProject,
      errors: [
        called(4, "proc.once('warning')", laterTests(MOCHA), listenerRemedy("'warning'")),
        called(5, "process.addListener('SIGINT')", laterTests(MOCHA), listenerRemedy("'SIGINT'")),
        called(6, "process.prependListener('exit')", laterTests(MOCHA), listenerRemedy("'exit'")),
      ],
    },
    // A listener added in a describe body stays for every test of the run.
    {
      code: "describe('errors', () => {\n  process.on('unhandledRejection', () => {});\n  it('a', () => {});\n});",
      filename: mochaProject,
      errors: [{ messageId: 'collectionTimePatch', line: 2, data: { name: "process.on('unhandledRejection')", verb: 'called', where: 'in a describe body', reach: allTests(MOCHA), remedy: listenerRemedy("'unhandledRejection'") } }],
    },
    // Already reported as a global member write (no catalogue entry needed).
    {
      code: "it('a', () => { Error.stackTraceLimit = 0; });\nit('b', () => {});",
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch', line: 1 }],
    },
  ],
});

/**
 * Suggestions for state changed through \`process\`: the catalogue's undo (state-apis.ts \`rewrite\`) after each test of the
 * block, or in \`finally\` around the rest of the test, in each runner's dialect; a restore that runs only when the test
 * passes, or only in \`after\`, as for member writes.
 */
suggestionTester.run('no-unrestored-global-patch suggestions: state changed through process', rule, {
  valid: [],
  invalid: [
    // Mocha BDD: the working directory saved in the describe body and put back in `afterEach`, or saved before the change and put back in `finally` around the rest of the test.
    {
      code: `
const os = require('node:os');

describe('cli', () => {
  it('runs in a temporary directory', () => {
    process.chdir(os.tmpdir());
    run();
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"afterEach"}, output: `
const os = require('node:os');

describe('cli', () => {
  const originalCwd = process.cwd();
  afterEach(() => {
    process.chdir(originalCwd);
  });

  it('runs in a temporary directory', () => {
    process.chdir(os.tmpdir());
    run();
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"finally"}, output: `
const os = require('node:os');

describe('cli', () => {
  it('runs in a temporary directory', () => {
    const originalCwd = process.cwd();
    process.chdir(os.tmpdir());
    try {
      run();
    } finally {
      process.chdir(originalCwd);
    }
  });
  it('later', () => {});
});
` }] }],
    },
    // A listener the hook can name is removed with `process.off` (through the file's own import of `process`); an inline one has no name to remove it by; one declared in the test is removed in `finally`; a `let` assigned again is not the same listener in the hook.
    {
      code: `
import proc from 'node:process';

function onWarning() {}
let handler = () => {};

describe('listeners', () => {
  it('listens', () => {
    proc.on('warning', onWarning);
  });
  it('listens inline', () => {
    process.on('exit', () => {});
  });
  it('listens with a local', () => {
    const onExit = () => {};
    process.once('exit', onExit);
    run();
  });
  it('listens with a let', () => {
    process.on('SIGINT', handler);
    handler = () => {};
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 9, suggestions: [{ messageId: 'suggestUndoCall' as const, data: {"call":"proc.off('warning', onWarning)","helper":"afterEach"}, output: `
import proc from 'node:process';

function onWarning() {}
let handler = () => {};

describe('listeners', () => {
  afterEach(() => {
    proc.off('warning', onWarning);
  });

  it('listens', () => {
    proc.on('warning', onWarning);
  });
  it('listens inline', () => {
    process.on('exit', () => {});
  });
  it('listens with a local', () => {
    const onExit = () => {};
    process.once('exit', onExit);
    run();
  });
  it('listens with a let', () => {
    process.on('SIGINT', handler);
    handler = () => {};
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 12, suggestions: [] }, { messageId: 'unrestoredPatch' as const, line: 16, suggestions: [{ messageId: 'suggestUndoCall' as const, data: {"call":"proc.off('exit', onExit)","helper":"finally"}, output: `
import proc from 'node:process';

function onWarning() {}
let handler = () => {};

describe('listeners', () => {
  it('listens', () => {
    proc.on('warning', onWarning);
  });
  it('listens inline', () => {
    process.on('exit', () => {});
  });
  it('listens with a local', () => {
    const onExit = () => {};
    process.once('exit', onExit);
    try {
      run();
    } finally {
      proc.off('exit', onExit);
    }
  });
  it('listens with a let', () => {
    process.on('SIGINT', handler);
    handler = () => {};
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 20, suggestions: [] }],
    },
    // A name the file already uses is not taken: the saved directory is numbered.
    {
      code: `
const originalCwd = 'elsewhere';
describe('cli', () => {
  beforeEach(() => {
    process.chdir('/tmp');
  });
  it('a', () => {});
  it('b', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 5, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"afterEach"}, output: `
const originalCwd = 'elsewhere';
describe('cli', () => {
  const originalCwd2 = process.cwd();
  afterEach(() => {
    process.chdir(originalCwd2);
  });

  beforeEach(() => {
    process.chdir('/tmp');
  });
  it('a', () => {});
  it('b', () => {});
});
` }] }],
    },
    // Restored only when the test passes: the restore moves into `finally`.
    {
      code: `
it('runs in the fixture', () => {
  const cwd = process.cwd();
  process.chdir('/tmp/fixture');
  assert.ok(run());
  process.chdir(cwd);
});
it('later', () => {});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoreSkippedOnFailure' as const, line: 4, suggestions: [{ messageId: 'suggestFinally' as const, data: {"line":"6"}, output: `
it('runs in the fixture', () => {
  const cwd = process.cwd();
  process.chdir('/tmp/fixture');
  try {
    assert.ok(run());
  } finally {
    process.chdir(cwd);
  }
});
it('later', () => {});
` }] }],
    },
    // Restored only in `after`: the same restore also runs after each test.
    {
      code: `
describe('cli', () => {
  let cwd;
  before(() => { cwd = process.cwd(); });
  after(() => {
    process.chdir(cwd);
  });
  it('runs in the fixture', () => { process.chdir('/tmp/fixture'); });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoredTooLate' as const, line: 8, suggestions: [{ messageId: 'suggestRestoreAfterEach' as const, data: {"line":"6"}, output: `
describe('cli', () => {
  let cwd;
  before(() => { cwd = process.cwd(); });
  afterEach(() => {
    process.chdir(cwd);
  });

  after(() => {
    process.chdir(cwd);
  });
  it('runs in the fixture', () => { process.chdir('/tmp/fixture'); });
  it('later', () => {});
});
` }] }],
    },
    // Mocha TDD: `teardown` after each test, `suiteTeardown` for a `suiteSetup`.
    {
      code: `
function onWarning() {}

suite('cli', () => {
  suiteSetup(() => {
    process.on('warning', onWarning);
  });
  test('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  test('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestUndoCall' as const, data: {"call":"process.off('warning', onWarning)","helper":"suiteTeardown"}, output: `
function onWarning() {}

suite('cli', () => {
  suiteTeardown(() => {
    process.off('warning', onWarning);
  });

  suiteSetup(() => {
    process.on('warning', onWarning);
  });
  test('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  test('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 9, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"teardown"}, output: `
function onWarning() {}

suite('cli', () => {
  suiteSetup(() => {
    process.on('warning', onWarning);
  });
  const originalCwd = process.cwd();
  teardown(() => {
    process.chdir(originalCwd);
  });

  test('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  test('later', () => {});
});
` }] }],
    },
    // Jest: the global `afterEach`.
    {
      code: `
describe('cli', () => {
  test('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  test('later', () => {});
});
`,
      filename: jestProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 4, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"afterEach"}, output: `
describe('cli', () => {
  const originalCwd = process.cwd();
  afterEach(() => {
    process.chdir(originalCwd);
  });

  test('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  test('later', () => {});
});
` }] }],
    },
    // Vitest: `afterEach` imported next to the file's other names.
    {
      code: `
import { describe, it } from 'vitest';

function onWarning() {}

describe('cli', () => {
  it('listens', () => {
    process.on('warning', onWarning);
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 8, suggestions: [{ messageId: 'suggestUndoCall' as const, data: {"call":"process.off('warning', onWarning)","helper":"afterEach"}, output: `
import { describe, it, afterEach } from 'vitest';

function onWarning() {}

describe('cli', () => {
  afterEach(() => {
    process.off('warning', onWarning);
  });

  it('listens', () => {
    process.on('warning', onWarning);
  });
  it('later', () => {});
});
` }] }],
    },
    // node:test: `afterEach` added to the file's `require` of `node:test`, or the undo registered with the test's `t.after` (the context added as `t`); the directory saved just before it.
    {
      code: `
const { describe, it } = require('node:test');

describe('cli', () => {
  it('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"afterEach"}, output: `
const { describe, it, afterEach } = require('node:test');

describe('cli', () => {
  const originalCwd = process.cwd();
  afterEach(() => {
    process.chdir(originalCwd);
  });

  it('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"t.after"}, output: `
const { describe, it } = require('node:test');

describe('cli', () => {
  it('runs in the fixture', (t) => {
    const originalCwd = process.cwd();
    t.after(() => {
      process.chdir(originalCwd);
    });
    process.chdir('/tmp/fixture');
  });
  it('later', () => {});
});
` }] }],
    },
    // Jasmine: the global `afterEach`.
    {
      code: `
describe('cli', () => {
  it('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  it('later', () => {});
});
`,
      filename: jasmineProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 4, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"process.cwd()","helper":"afterEach"}, output: `
describe('cli', () => {
  const originalCwd = process.cwd();
  afterEach(() => {
    process.chdir(originalCwd);
  });

  it('runs in the fixture', () => {
    process.chdir('/tmp/fixture');
  });
  it('later', () => {});
});
` }] }],
    },
  ],
});

/**
 * Helpers of the suite in other files (helper-summaries.ts): a relative-imported helper that
 * patches a global and hands back no restore the caller runs is reported where it is called.
 */
const CLOCK_SUPPORT = `import { addTearDown } from './hooks.js';
export function freezeClock(at = 0) {
  Date.now = () => at;
}
export function freezeClockRestorable(at = 0) {
  const original = Date.now;
  Date.now = () => at;
  return () => { Date.now = original; };
}
export const useFakeClock = (at) => {
  const original = Date.now;
  Date.now = () => at;
  return { restore() { Date.now = original; } };
};
export function freezeClockHooked(at = 0) {
  const original = Date.now;
  Date.now = () => at;
  afterEach(() => { Date.now = original; });
}
export function withClock(at, fn) {
  const original = Date.now;
  Date.now = () => at;
  try { return fn(); } finally { Date.now = original; }
}
export function logCall(target, name) {
  const original = target[name];
  target[name] = function (...args) { return original.apply(this, args); };
}
export function freezeClockUntilTearDown(at) {
  const original = Date.now;
  addTearDown(() => { Date.now = original; });
  Date.now = () => at;
}
const realNow = Date.now;
const realRandom = Math.random;
export function freezeClockOnly(at) { Date.now = () => at; }
export function thawClock() { Date.now = realNow; }
export function unfakeRandom() { Math.random = realRandom; }
`;
const helperProject = projectWith(
  {
    'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
    'test/support/clock.js': CLOCK_SUPPORT,
    'test/support/broken.js': 'export function freezeClock( {\n  Date.now = () => 0;\n',
    'src/clock.js': 'export function setNow(at) { Date.now = () => at; }\n',
  },
  'test/clock.test.js',
);
const CLOCK_IMPORT = "import { freezeClock, freezeClockRestorable, useFakeClock, freezeClockHooked, withClock, logCall, freezeClockUntilTearDown, freezeClockOnly, thawClock, unfakeRandom } from './support/clock.js';\n";
const returnRestore = (text: string) => `put \`${text}\` back in \`afterEach\``;
const RESTORE_RETURNED = 'restore what it returns in `afterEach`';

ruleTester.run('no-unrestored-global-patch: helpers of the suite in other files', rule, {
  valid: [
    // The restore the helper returns, called in afterEach.
    { code: `${CLOCK_IMPORT}let restore;\nbeforeEach(() => { restore = freezeClockRestorable(1); });\nafterEach(() => restore());\nit('a', () => {});\nit('b', () => {});`, filename: helperProject },
    // A handle whose method restores, called in afterEach.
    { code: `${CLOCK_IMPORT}let clock;\nbeforeEach(() => { clock = useFakeClock(1); });\nafterEach(() => { clock.restore(); });\nit('a', () => {});\nit('b', () => {});`, filename: helperProject },
    // The returned restore handed to an after hook by reference.
    { code: `${CLOCK_IMPORT}describe('d', () => {\n  const restore = freezeClockRestorable(1);\n  after(restore);\n  it('a', () => {});\n});`, filename: helperProject },
    // Restored in the test's finally.
    { code: `${CLOCK_IMPORT}it('a', () => {\n  const restore = freezeClockRestorable(1);\n  try { Date.now(); } finally { restore(); }\n});\nit('b', () => {});`, filename: helperProject },
    // The helper registers its own afterEach, or restores in its own finally.
    { code: `${CLOCK_IMPORT}it('a', () => { freezeClockHooked(1); });\nit('b', () => {});`, filename: helperProject },
    { code: `${CLOCK_IMPORT}it('a', () => { withClock(1, () => Date.now()); });\nit('b', () => {});`, filename: helperProject },
    // The helper hands its restore to the suite's own teardown registry (firebase-tools' `addTearDown`): unknown, so quiet.
    { code: `${CLOCK_IMPORT}it('a', () => { freezeClockUntilTearDown(1); });\nit('b', () => {});`, filename: helperProject },
    // A helper that does not parse patches nothing known: quiet, and no error.
    { code: "import { freezeClock } from './support/broken.js';\nit('a', () => { freezeClock(); });\nit('b', () => {});", filename: helperProject },
    // The code under test (not a test-side file) is not read as a helper of the suite.
    { code: "import { setNow } from '../src/clock.js';\nit('a', () => { setNow(1); });\nit('b', () => {});", filename: helperProject },
    // A local function of the same name shadows the import: not the helper.
    { code: `${CLOCK_IMPORT}it('a', () => {\n  const freezeClock = () => {};\n  freezeClock(1);\n});\nit('b', () => {});`, filename: helperProject },
    // The object handed to the helper is made by the test: nothing shared is wrapped.
    { code: `${CLOCK_IMPORT}it('a', () => { logCall(new Map(), 'set'); });\nit('b', () => {});`, filename: helperProject },
    // The caller saves the member the helper changes and puts it back itself after each test.
    { code: `${CLOCK_IMPORT}const originalNow = Date.now;\nafterEach(() => { Date.now = originalNow; });\nit('a', () => { freezeClock(5); });\nit('b', () => {});`, filename: helperProject },
    // Another helper of the suite puts the member back (its saved original), called in afterEach (excalidraw's
    // mockBoundingClientRect / restoreOriginalGetBoundingClientRect).
    { code: `${CLOCK_IMPORT}afterEach(() => { thawClock(); });\nit('a', () => { freezeClockOnly(5); });\nit('b', () => {});`, filename: helperProject },
  ],
  invalid: [
    // The caller puts back another member than the one the helper changes.
    {
      code: `${CLOCK_IMPORT}const originalRandom = Math.random;\nafterEach(() => { Math.random = originalRandom; });\nit('a', () => { freezeClock(5); });\nit('b', () => {});`,
      filename: helperProject,
      errors: [called(4, 'freezeClock()', laterTests(MOCHA), returnRestore('Date.now'))],
    },
    // The helper called in afterEach puts back another member.
    {
      code: `${CLOCK_IMPORT}afterEach(() => { unfakeRandom(); });\nit('a', () => { freezeClockOnly(5); });\nit('b', () => {});`,
      filename: helperProject,
      errors: [called(3, 'freezeClockOnly()', laterTests(MOCHA), returnRestore('Date.now'))],
    },
    {
      code: `${CLOCK_IMPORT}it('a', () => { freezeClock(5); });\nit('b', () => {});`,
      filename: helperProject,
      errors: [called(2, 'freezeClock()', laterTests(MOCHA), returnRestore('Date.now'))],
    },
    // The restore it returns is dropped.
    {
      code: `${CLOCK_IMPORT}it('a', () => { freezeClockRestorable(5); });\nit('b', () => {});`,
      filename: helperProject,
      errors: [called(2, 'freezeClockRestorable()', laterTests(MOCHA), RESTORE_RETURNED)],
    },
    // Kept, but never called.
    {
      code: `${CLOCK_IMPORT}let clock;\nbeforeEach(() => { clock = useFakeClock(1); });\nit('a', () => { clock; });\nit('b', () => {});`,
      filename: helperProject,
      errors: [unrestored(3, 'useFakeClock()', { where: 'a hook', verb: 'called', reach: laterTests(MOCHA), remedy: RESTORE_RETURNED })],
    },
    // Restored only when the assertion before it passes.
    {
      code: `${CLOCK_IMPORT}import assert from 'node:assert';\nit('a', () => {\n  const restore = freezeClockRestorable(1);\n  assert.equal(Date.now(), 1);\n  restore();\n});\nit('b', () => {});`,
      filename: helperProject,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4 }],
    },
    // A member of the argument the helper wraps: the caller's `Node.prototype.insertBefore`.
    {
      code: `${CLOCK_IMPORT}it('a', () => { logCall(Node.prototype, 'insertBefore'); });\nit('b', () => {});`,
      filename: helperProject,
      errors: [called(2, 'logCall()', laterTests(MOCHA), returnRestore('Node.prototype.insertBefore'))],
    },
    // Through an alias and a namespace import.
    {
      code: "import { freezeClock as stopTime } from './support/clock.js';\nimport * as clock from './support/clock.js';\nit('a', () => { stopTime(1); });\nit('b', () => { clock.freezeClock(2); });\nit('c', () => {});",
      filename: helperProject,
      errors: [called(3, 'stopTime()', laterTests(MOCHA), returnRestore('Date.now')), called(4, 'clock.freezeClock()', laterTests(MOCHA), returnRestore('Date.now'))],
    },
  ],
});

/**
 * Suggestions at a call of the suite's helper. A helper whose returned value is proven to put back
 * what it changes: the value kept and run after each test (a `let` of the block), after the block,
 * in the test context's cleanup or in `finally`. A helper that returns nothing: each member it
 * changes saved in the block and put back.
 */
const TIME_SUPPORT = `export function freezeTime(at = 0) {
  Date.now = () => at;
  Math.random = () => 0.5;
}
export function freezeBothNows(at = 0) {
  Date.now = () => at;
  performance.now = () => at;
}
export function freezeUnrestorable(at = 0) {
  Date.now = () => at;
  return () => {};
}
export function freezeHalfRestorable(at = 0) {
  const original = Date.now;
  Date.now = () => at;
  Math.random = () => 0.5;
  return () => { Date.now = original; };
}
`;
const helperSuggestionFiles = {
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
  'test/support/clock.js': CLOCK_SUPPORT,
  'test/support/time.js': TIME_SUPPORT,
};
const helperTsProject = projectWith(helperSuggestionFiles, 'test/clock.test.ts');
const timeProject = projectWith(helperSuggestionFiles, 'test/time.test.js');
const TIME_IMPORT = "import { freezeTime, freezeBothNows, freezeUnrestorable, freezeHalfRestorable } from './support/time.js';\n";
const runReturned = (returned: string, helper: string, members = 'Date.now') => ({ returned, helper, members });

suggestionTester.run('no-unrestored-global-patch suggestions: helpers of the suite in other files', rule, {
  valid: [],
  invalid: [
    // A test drops the restore it is handed (Mocha: no context cleanup): kept, and run in `finally`.
    {
      code: `${CLOCK_IMPORT}it('a', () => {
  freezeClockRestorable(5);
  Date.now();
});
it('b', () => {});`,
      filename: helperProject,
      errors: [{ messageId: 'unrestoredPatch', line: 3, suggestions: [{ messageId: 'suggestRunReturned', data: runReturned('the function `freezeClockRestorable()` returns', 'finally'), output: `${CLOCK_IMPORT}it('a', () => {
  const restore = freezeClockRestorable(5);
  try {
    Date.now();
  } finally {
    restore();
  }
});
it('b', () => {});` }] }],
    },
    // A beforeEach of a describe: the restore kept in a variable of the block and run in its afterEach.
    {
      code: `${CLOCK_IMPORT}describe('d', () => {
  beforeEach(() => {
    freezeClockRestorable(1);
  });
  it('a', () => {});
});
it('b', () => {});`,
      filename: helperProject,
      errors: [{ messageId: 'unrestoredPatch', line: 4, suggestions: [{ messageId: 'suggestRunReturned', data: runReturned('the function `freezeClockRestorable()` returns', 'afterEach'), output: `${CLOCK_IMPORT}describe('d', () => {
  let restore;
  afterEach(() => {
    restore();
  });

  beforeEach(() => {
    restore = freezeClockRestorable(1);
  });
  it('a', () => {});
});
it('b', () => {});` }] }],
    },
    // A handle whose method restores, made in a root `before`: its method run in `after`.
    {
      code: `${CLOCK_IMPORT}before(() => {
  useFakeClock(1);
});
it('a', () => {});`,
      filename: helperProject,
      errors: [{ messageId: 'unrestoredPatch', line: 3, suggestions: [{ messageId: 'suggestRunReturned', data: runReturned('`.restore()` of what `useFakeClock()` returns', 'after'), output: `${CLOCK_IMPORT}let handle;
after(() => {
  handle.restore();
});

before(() => {
  handle = useFakeClock(1);
});
it('a', () => {});` }] }],
    },
    // node:test: handed to the test's own `t.after` (the context added), or run in `finally`.
    {
      code: `${CLOCK_IMPORT}import { test } from 'node:test';
test('a', () => {
  freezeClockRestorable(5);
  Date.now();
});
test('b', () => {});`,
      filename: helperProject,
      errors: [
        {
          messageId: 'unrestoredPatch',
          line: 4,
          suggestions: [
            { messageId: 'suggestRunReturned', data: runReturned('the function `freezeClockRestorable()` returns', 't.after'), output: `${CLOCK_IMPORT}import { test } from 'node:test';
test('a', (t) => {
  const restore = freezeClockRestorable(5);
  t.after(restore);
  Date.now();
});
test('b', () => {});` },
            { messageId: 'suggestRunReturned', data: runReturned('the function `freezeClockRestorable()` returns', 'finally'), output: `${CLOCK_IMPORT}import { test } from 'node:test';
test('a', () => {
  const restore = freezeClockRestorable(5);
  try {
    Date.now();
  } finally {
    restore();
  }
});
test('b', () => {});` },
          ],
        },
      ],
    },
    // TypeScript: the block's variable typed after the helper.
    {
      code: `${CLOCK_IMPORT}describe('d', () => {
  beforeEach(() => {
    useFakeClock(1);
  });
  it('a', () => {});
});`,
      filename: helperTsProject,
      errors: [{ messageId: 'unrestoredPatch', line: 4, suggestions: [{ messageId: 'suggestRunReturned', data: runReturned('`.restore()` of what `useFakeClock()` returns', 'afterEach'), output: `${CLOCK_IMPORT}describe('d', () => {
  let handle: ReturnType<typeof useFakeClock>;
  afterEach(() => {
    handle.restore();
  });

  beforeEach(() => {
    handle = useFakeClock(1);
  });
  it('a', () => {});
});` }] }],
    },
    // Two members changed, nothing returned: each saved in the block and put back.
    {
      code: `${TIME_IMPORT}describe('d', () => {
  it('a', () => {
    freezeTime(5);
  });
  it('b', () => {});
});`,
      filename: timeProject,
      // The message names every member the call changes.
      errors: [{ messageId: 'unrestoredPatch', data: { name: 'freezeTime()', verb: 'called', where: 'a test', reach: 'later tests and files (Mocha)', remedy: 'put `Date.now` and `Math.random` back in `afterEach`' }, line: 4, suggestions: [{ messageId: 'suggestSaveRestore', data: { helper: 'afterEach' }, output: `${TIME_IMPORT}describe('d', () => {
  const originalNow = Date.now;
  const originalRandom = Math.random;
  afterEach(() => {
    Date.now = originalNow;
    Math.random = originalRandom;
  });

  it('a', () => {
    freezeTime(5);
  });
  it('b', () => {});
});` }] }],
    },
    // Two members of the same key: saved under names of their whole path.
    {
      code: `${TIME_IMPORT}afterEach(() => {
  Math.max(1, 2);
});
it('a', () => { freezeBothNows(5); });
it('b', () => {});`,
      filename: timeProject,
      errors: [{ messageId: 'unrestoredPatch', line: 5, suggestions: [{ messageId: 'suggestSaveRestore', data: { helper: 'afterEach' }, output: `${TIME_IMPORT}const originalNow = Date.now;
const originalPerformanceNow = performance.now;
afterEach(() => {
  Math.max(1, 2);
  Date.now = originalNow;
  performance.now = originalPerformanceNow;
});
it('a', () => { freezeBothNows(5); });
it('b', () => {});` }] }],
    },
    // What the helper returns puts back nothing, or not every member it changes: no rewrite is proven.
    {
      code: `${TIME_IMPORT}it('a', () => {
  freezeUnrestorable(5);
  freezeHalfRestorable(5);
  Date.now();
});
it('b', () => {});`,
      filename: timeProject,
      errors: [
        { messageId: 'unrestoredPatch', line: 3, suggestions: [] },
        { messageId: 'unrestoredPatch', line: 4, suggestions: [] },
      ],
    },
  ],
});
