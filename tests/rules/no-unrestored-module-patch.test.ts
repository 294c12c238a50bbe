import rule from '../../rules/no-unrestored-module-patch.js';
import { collectionTime, laterTests, allTests, unrestored, GENERIC_REMEDY, UNKNOWN_RUNNER_REASON } from '../patch-messages.js';
import { bundledProject } from '../projects.js';
import { projectWith, ruleTester, suggestionTester } from '../rule-tester.js';

const jestProject = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }' });
const mochaProject = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }' });
const jasmineProject = projectWith({ 'package.json': '{ "devDependencies": { "jasmine": "^5.0.0" }, "scripts": { "test": "jasmine" } }' }, 'spec/example.spec.ts');
const JEST_CORE = 'Jest: shared core modules';

/** A Mocha project whose registry module names its own types only (mongoose's `Schema.Types`). */
const registryProject = (libraryText = 'exports.Types = { Number: function Number() {} };', more: Record<string, string> = {}): string =>
  projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }', 'lib/registry.js': libraryText, ...more });

/** A test that registers a type of its own under its class's name and hands the class to the code under test. */
const ADDS_OWN_KEY = `
const registry = require('../lib/registry');
it('custom type', () => {
  class Int8 {}
  registry.Types.Int8 = Int8;
  registry.use({ test: Int8 });
});
it('runs next', () => { registry.use({ n: 'Number' }); });`;

/** File-level patches of a project module and of a Node core module. */
const FILE_LEVEL_PATCHES = `
const settings = require('../src/settings');
const os = require('node:os');
settings.retries = 0;
os.hostname = () => 'test-host';
beforeAll(() => { settings.mode = 'test'; });
it('x', () => {});`;

/** For a member given a plain value: `jest.spyOn` would throw ("Cannot spy ... because it is not a function"). */
function jestValueRemedy(object: string, key: string): string {
  return `\`jest.replaceProperty(${object}, '${key}', value)\` and \`restoreMocks: true\``;
}

function jestRemedy(object: string, key: string): string {
  return `\`jest.spyOn(${object}, '${key}')\` and \`restoreMocks: true\``;
}


ruleTester.run('no-unrestored-module-patch', rule, {
  valid: [
    // A key the test adds to a registry for itself, that no other file names: hygiene (reported with `strict`).
    { code: ADDS_OWN_KEY, filename: registryProject() },
    // Another test of the file that names it adds it first.
    {
      code: `
const registry = require('../lib/registry');
it('custom type', () => { registry.Types.Int8 = function () {}; registry.use({ t: 'Int8' }); });
it('again', () => { registry.Types.Int8 = function () {}; registry.use({ t: 'Int8' }); });`,
      filename: registryProject(),
    },
    // A key a Node.js built-in module does not have, added by the test for itself.
    {
      code: `
const util = require('node:util');
it('x', () => { util.ownHelperKey = function () {}; util.ownHelperKey(); });
it('runs next', () => {});`,
      filename: registryProject(),
    },
    // A core module patched while the file loads and put back in afterAll: Jest loads the next file of the worker after it
    // (webpack's Defaults.unittest.js polyfills a missing member and deletes it under the same guard).
    {
      code: `
const os = require('node:os');
const savedHostname = os.hostname;
os.hostname = () => 'test-host';
afterAll(() => { os.hostname = savedHostname; });
it('x', () => {});`,
      filename: jestProject,
    },
    {
      code: `
const nodeModule = require('node:module');
const had = typeof nodeModule.stripTypeScriptTypes === 'function';
if (!had) nodeModule.stripTypeScriptTypes = (source) => source;
afterAll(() => { if (!had) delete nodeModule.stripTypeScriptTypes; });
it('x', () => {});`,
      filename: jestProject,
    },
    // The last test of a file bundled on its own: no later test, and no other file, has this module.
    {
      code: `
const api = require('../src/api');
it('first', () => {});
it('last', () => { api.base = 'http://fake'; });`,
      filename: bundledProject(),
    },
    // Restored in `finally`, after a saved original.
    `
const agentProxy = require('../src/agent_proxy');
it('records headers', () => {
  const original = agentProxy.HttpToolsInvoker;
  agentProxy.HttpToolsInvoker = FakeInvoker;
  try {
    run();
  } finally {
    agentProxy.HttpToolsInvoker = original;
  }
});`,
    // The write inside the `try` block is covered by its `finally` too.
    `
import * as agentProxy from '../src/agent_proxy';
const original = agentProxy.HttpToolsInvoker;
test('x', async () => {
  try {
    agentProxy.HttpToolsInvoker = FakeInvoker;
    await run();
  } finally {
    agentProxy.HttpToolsInvoker = original;
  }
});`,
    // Saved in `beforeEach`, replaced in the test, put back in `afterEach`.
    `
const agentProxy = require('../src/agent_proxy');
describe('proxy', () => {
  let original;
  beforeEach(() => { original = agentProxy.HttpToolsInvoker; });
  afterEach(() => { agentProxy.HttpToolsInvoker = original; });
  it('a', () => { agentProxy.HttpToolsInvoker = FakeInvoker; });
  it('b', () => { agentProxy.HttpToolsInvoker = OtherFake; });
});`,
    // Mocha's `before`/`after` around a write made once in `before`.
    `
const { config } = require('./config');
describe('retries', () => {
  const saved = config.retries;
  before(() => { config.retries = 0; });
  after(() => { config.retries = saved; });
  it('a', () => {});
  it('b', () => {});
});`,
    // An `afterEach` at file level covers the tests of every describe.
    `
import { config } from './config';
const { retries } = config;
afterEach(() => { config.retries = retries; });
describe('a', () => { it('x', () => { config.retries = 0; }); });
describe('b', () => { it('y', () => { config.retries = 5; }); });`,
    // Restored through a saved property descriptor.
    `
import * as clock from './clock';
const descriptor = Object.getOwnPropertyDescriptor(clock, 'now');
afterEach(() => { Object.defineProperty(clock, 'now', descriptor); });
it('x', () => { Object.defineProperty(clock, 'now', { value: () => 0, configurable: true }); });`,
    // Restored with a descriptor literal holding the saved value.
    `
import * as clock from './clock';
const now = clock.now;
it('x', () => {
  Reflect.defineProperty(clock, 'now', { value: () => 0 });
  try { check(); } finally { Reflect.defineProperty(clock, 'now', { value: now }); }
});`,
    // A fresh copy of the parent object, put back whole, covers writes below it.
    `
const settings = require('./settings');
let saved;
beforeEach(() => { saved = { ...settings.http }; });
afterEach(() => { settings.http = saved; });
it('x', () => { settings.http.timeout = 1; settings.http.retries += 1; });`,
    // The parent is swapped for a fresh copy before each test and the saved reference put back at the end.
    `
import * as settings from './settings';
const OLD = settings.http;
beforeEach(() => { settings.http = { ...OLD }; });
afterAll(() => { settings.http = OLD; });
it('a', () => { settings.http.timeout = 1; });
it('b', () => { settings.http.timeout = 2; });`,
    // node:test: a cleanup registered on the test context.
    `
import { test } from 'node:test';
import * as agentProxy from '../src/agent_proxy.js';
test('x', (t) => {
  const original = agentProxy.HttpToolsInvoker;
  agentProxy.HttpToolsInvoker = FakeInvoker;
  t.after(() => { agentProxy.HttpToolsInvoker = original; });
});`,
    // node:test: the top-level after() called inside a running test registers on that test and runs
    // when it ends, even when it fails (undici's client-timeout.js and http2-*.js); so does the
    // context's after with a parameter of any name, and both in a subtest.
    `
const { test, after } = require('node:test');
const timers = require('../lib/util/timers');
const http2 = require('node:http2');
test('timeout', () => {
  const orgTimers = { ...timers };
  Object.assign(timers, { setTimeout, clearTimeout });
  after(() => { Object.assign(timers, orgTimers); });
});
test('connect', async (context) => {
  const originalConnect = http2.connect;
  http2.connect = function connectStub() {};
  context.after(() => { http2.connect = originalConnect; });
});
test('subtests', async (t) => {
  await t.test('inner', async (t2) => {
    const original = http2.connect;
    http2.connect = () => {};
    t2.after(() => { http2.connect = original; });
    await t2.test('innermost', () => {
      const saved = timers.setTimeout;
      timers.setTimeout = () => {};
      after(() => { timers.setTimeout = saved; });
    });
  });
});`,
    // Vitest: `onTestFinished`, imported or taken from the test context.
    `
import { it, onTestFinished } from 'vitest';
import { config } from './config';
it('x', () => {
  const { retries } = config;
  config.retries = 0;
  onTestFinished(() => { config.retries = retries; });
});
it('y', ({ onTestFinished: finished }) => {
  const { retries } = config;
  config.retries = 9;
  finished(() => { config.retries = retries; });
});`,
    // Vitest runs a function returned from `beforeEach` as its teardown.
    `
import { beforeEach, it } from 'vitest';
import { config } from './config';
beforeEach(() => {
  const retries = config.retries;
  config.retries = 0;
  return () => { config.retries = retries; };
});
it('x', () => {});`,
    // A helper that hands back its own restore: the caller owns it.
    `
const agentProxy = require('../src/agent_proxy');
function useFakeInvoker() {
  const original = agentProxy.HttpToolsInvoker;
  agentProxy.HttpToolsInvoker = FakeInvoker;
  return () => { agentProxy.HttpToolsInvoker = original; };
}
it('x', () => { const restore = useFakeInvoker(); restore(); });`,
    // A helper called only inside `try` with the restore in `finally`.
    `
const agentProxy = require('../src/agent_proxy');
const original = agentProxy.HttpToolsInvoker;
function install() { agentProxy.HttpToolsInvoker = FakeInvoker; }
it('x', () => {
  try { install(); run(); } finally { agentProxy.HttpToolsInvoker = original; }
});`,
    // The restore lives in a helper passed to `afterEach` by name, or called from it.
    `
const agentProxy = require('../src/agent_proxy');
const original = agentProxy.HttpToolsInvoker;
function restoreInvoker() { agentProxy.HttpToolsInvoker = original; }
describe('a', () => {
  afterEach(restoreInvoker);
  it('x', () => { agentProxy.HttpToolsInvoker = FakeInvoker; });
});
describe('b', () => {
  afterEach(() => restoreInvoker());
  it('y', () => { agentProxy.HttpToolsInvoker = FakeInvoker; });
});`,
    // An `afterAll` restore is enough when the block has a single test.
    `
import { config } from './config';
describe('only one', () => {
  const saved = config.mode;
  after(() => { config.mode = saved; });
  it('x', () => { config.mode = 'test'; });
});`,
    // A member added by the test and deleted in `afterEach`.
    `
import * as registry from './registry';
afterEach(() => { delete registry.extra; });
it('x', () => { registry.extra = 1; });`,
    // Writes in after hooks and `finally` blocks are teardown, not patches.
    `
import { cache } from './cache';
afterEach(() => { cache.entries = null; });
it('x', () => { try { run(); } finally { cache.size = 0; } });`,
    // Objects made in the test file are not shared: never flagged.
    `
import * as agentProxy from '../src/agent_proxy';
it('x', () => {
  const fake = { calls: 0 };
  fake.calls += 1;
  const client = new agentProxy.Client();
  client.timeout = 5;
  const copy = { ...agentProxy };
  copy.HttpToolsInvoker = FakeInvoker;
});`,
    // A parameter shadows the import: the write is to whatever was passed.
    `
import * as agentProxy from '../src/agent_proxy';
function configure(agentProxy) { agentProxy.HttpToolsInvoker = FakeInvoker; }
it('x', () => { configure({}); });`,
    // A local function named \`require\` is not Node's require.
    `
const require = (name) => ({ name });
const agentProxy = require('../src/agent_proxy');
it('x', () => { agentProxy.HttpToolsInvoker = FakeInvoker; });`,
    // A variable reassigned to a local object no longer has one origin.
    `
let target = require('./config');
target = { retries: 1 };
it('x', () => { target.retries = 0; });`,
    // Setup files and helpers under test/ that call no framework are a deliberate baseline, not judged.
    {
      code: `
import { config } from '../src/config';
config.mode = 'test';`,
      filename: 'test/setup.ts',
    },
    // Not a test file: a local function called \`it\` is not a test, and production code is not judged.
    {
      code: `
import { config } from './config';
function it(name, fn) { fn(); }
it('configures', () => { config.retries = 0; });`,
      filename: 'src/setup.ts',
    },
    // Scoped helpers are not writes (the spy rule judges them).
    `
import { vi, it } from 'vitest';
import * as agentProxy from '../src/agent_proxy';
it('x', () => { vi.spyOn(agentProxy, 'HttpToolsInvoker'); });`,
    `
const sinon = require('sinon');
const agentProxy = require('../src/agent_proxy');
afterEach(() => sinon.restore());
it('x', () => { sinon.replace(agentProxy, 'HttpToolsInvoker', FakeInvoker); });`,
    // A bare \`delete\` cleans up what the test or the code under test added (seen in Mocha's own suite).
    `
const Mocha = require('mocha');
it('adds the interface', () => {
  validateLegacyPlugin({ ui: 'glob' }, 'ui', Mocha.interfaces);
  delete Mocha.interfaces.glob;
  Reflect.deleteProperty(Mocha.interfaces, 'other');
});`,
    // Mocha's \`this\` is the test context, not a module.
    `
it('x', function () { this.timeout = 5; this.fake = {}; });`,
    // A saved original, destructured, and a restore through \`Reflect.set\`.
    `
const agentProxy = require('../src/agent_proxy');
const { HttpToolsInvoker: Original } = agentProxy;
afterEach(() => { Reflect.set(agentProxy, 'HttpToolsInvoker', Original); });
it('x', () => { agentProxy['HttpToolsInvoker'] = FakeInvoker; });`,
    // An after hook that resets a member to a primitive default undoes the test's write.
    `
import { config } from '../src/config';
afterEach(() => { config.retries = 3; });
it('gives up at once', () => { config.retries = 0; });`,
    // Jest gives each file its own module registry: file-level patches of project modules are the
    // file's baseline (the core-module one is reported, see the invalid cases).
    {
      code: `
const settings = require('../src/settings');
settings.retries = 0;
beforeEach(() => { settings.mode = 'test'; });
it('x', () => {});`,
      filename: jestProject,
    },
    // Put back right after the code under test, before the assertion: only an unexpected throw of \`run\` skips it (hygiene, reported with strict).
    {
      code: `
import * as api from '../src/api';
it('x', () => {
  const original = api.load;
  api.load = () => 1;
  const result = run();
  api.load = original;
  expect(result).toBe(1);
});
it('later', () => {});`,
    },
  ],
  invalid: [
    // The same key with `strict`.
    {
      code: ADDS_OWN_KEY,
      filename: registryProject(),
      options: [{ strict: true }],
      errors: [unrestored(5, 'registry.Types.Int8', { reach: laterTests('Mocha') })],
    },
    // The code under test names the key (it may define and read it): not the test's own.
    {
      code: ADDS_OWN_KEY,
      filename: registryProject('exports.Types = { Int8: null };'),
      errors: [unrestored(5, 'registry.Types.Int8', { reach: laterTests('Mocha') })],
    },
    // Another test file names it.
    {
      code: ADDS_OWN_KEY,
      filename: registryProject(undefined, { 'test/other.test.js': "it('reads', () => require('../lib/registry').use({ t: 'Int8' }));" }),
      errors: [unrestored(5, 'registry.Types.Int8', { reach: laterTests('Mocha') })],
    },
    // A later test of the file reads it without adding it.
    {
      code: `${ADDS_OWN_KEY}\nit('reads', () => { registry.use({ t: 'Int8' }); });`,
      filename: registryProject(),
      errors: [unrestored(5, 'registry.Types.Int8', { reach: laterTests('Mocha') })],
    },
    // A package that is not installed cannot be read: the key may be its own.
    {
      code: ADDS_OWN_KEY.replace("'../lib/registry'", "'not-installed-registry'"),
      filename: registryProject(),
      errors: [unrestored(5, 'registry.Types.Int8', { reach: laterTests('Mocha') })],
    },
    // A member a Node.js built-in has is no new key.
    {
      code: `
const util = require('node:util');
it('x', () => { util.inspect = function inspect() {}; inspect(); });
it('runs next', () => {});`,
      filename: registryProject(),
      errors: [unrestored(3, 'util.inspect', { reach: laterTests('Mocha') })],
    },
    // The incident: a module member replaced in a test and never put back.
    {
      code: `
const agentProxy = require('../src/agent_proxy');
it('records headers', () => {
  agentProxy.HttpToolsInvoker = FakeInvoker;
});
it('runs next', () => {});`,
      errors: [
        {
          messageId: 'unrestoredPatch',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 44,
          data: {
            name: 'agentProxy.HttpToolsInvoker',
            verb: 'replaced',
            where: 'a test',
            reach: `later tests and files (${UNKNOWN_RUNNER_REASON})`,
            remedy: 'save it and put it back in `afterEach`',
          },
        },
      ],
    },
    // ESM namespace, default and named imports.
    {
      code: `
import * as ns from './a';
import def from './b';
import { config } from './c';
it('x', () => {
  ns.value = 1;
  def.value = 2;
  config.baseUrl = 'http://localhost';
});
it('runs next', () => {});`,
      errors: [
        unrestored(6, 'ns.value'),
        unrestored(7, 'def.value'),
        unrestored(8, 'config.baseUrl'),
      ],
    },
    // require with destructuring (nested too), and a member read straight off require().
    {
      code: `
const { config } = require('./c');
const { a: { b } } = require('./d');
it('x', () => {
  config.retries = 0;
  b.c = 1;
  require('./e').settings.mode = 'test';
});
it('runs next', () => {});`,
      errors: [
        unrestored(5, 'config.retries'),
        unrestored(6, 'b.c'),
        unrestored(7, "require('./e').settings.mode"),
      ],
    },
    // Awaited dynamic import, createRequire, jest.requireActual, TS import-equals.
    {
      code: `
import { createRequire } from 'node:module';
import ap = require('./ap');
const load = createRequire(import.meta.url);
it('x', async () => {
  const m = await import('./m');
  m.flag = true;
  load('./n').flag = true;
  jest.requireActual('./o').flag = true;
  ap.flag = true;
});
it('runs next', () => {});`,
      errors: [
        unrestored(7, 'm.flag', { reach: laterTests(), remedy: jestValueRemedy('m', 'flag') }),
        unrestored(8, "load('./n').flag", { reach: laterTests(), remedy: jestValueRemedy("load('./n')", 'flag') }),
        unrestored(9, "jest.requireActual('./o').flag", { reach: laterTests(), remedy: jestValueRemedy("jest.requireActual('./o')", 'flag') }),
        unrestored(10, 'ap.flag', { reach: laterTests(), remedy: jestValueRemedy('ap', 'flag') }),
      ],
    },
    // Aliases through const and let, and TypeScript wrappers.
    {
      code: `
import * as agentProxy from '../src/agent_proxy';
let loaded;
before(() => { loaded = require('../src/agent_proxy'); });
it('x', () => {
  const alias = agentProxy;
  alias.A = 1;
  (agentProxy as any).B = 2;
  (agentProxy as unknown as Record<string, unknown>).C = 3;
  agentProxy!.D = 4;
  (agentProxy satisfies object).E = 5;
  loaded.F = 6;
});
it('runs next', () => {});`,
      errors: [
        unrestored(7, 'alias.A'),
        unrestored(8, 'agentProxy.B'),
        unrestored(9, 'agentProxy.C'),
        unrestored(10, 'agentProxy.D'),
        unrestored(11, 'agentProxy.E'),
        unrestored(12, 'loaded.F'),
      ],
    },
    // Prototypes and statics of imported classes.
    {
      code: `
import { Client } from 'pg';
it('x', () => {
  Client.prototype.query = fakeQuery;
  Client.create = () => new Client();
});
it('runs next', () => {});`,
      errors: [
        unrestored(4, 'Client.prototype.query'),
        unrestored(5, 'Client.create'),
      ],
    },
    // Compound, logical and update writes, and delete.
    {
      code: `
import * as counter from './counter';
it('x', () => {
  counter.count += 1;
  counter.cache ??= {};
  counter.enabled ||= true;
  counter.enabled &&= false;
  counter.count++;
  --counter.count;
  [counter.first] = [1];
});
it('runs next', () => {});`,
      errors: [
        unrestored(4, 'counter.count', { verb: 'changed' }),
        unrestored(5, 'counter.cache', { verb: 'changed' }),
        unrestored(6, 'counter.enabled', { verb: 'changed' }),
        unrestored(7, 'counter.enabled', { verb: 'changed' }),
        unrestored(8, 'counter.count', { verb: 'changed' }),
        unrestored(9, 'counter.count', { verb: 'changed' }),
        unrestored(10, 'counter.first', { verb: 'changed' }),
      ],
    },
    // Object and Reflect writes, computed keys.
    {
      code: `
import * as mod from './mod';
const KEY = 'z';
it('x', (name) => {
  Object.defineProperty(mod, 'a', { value: 1 });
  Object.defineProperties(mod, { b: { value: 2 } });
  Object.assign(mod.settings, { retries: 0 });
  Reflect.set(mod, 'c', 3);
  mod['e'] = 4;
  mod[KEY] = 5;
  mod[name] = 6;
});
it('runs next', () => {});`,
      errors: [
        unrestored(5, 'mod.a'),
        unrestored(6, 'mod.b'),
        unrestored(7, 'mod.settings.retries'),
        unrestored(8, 'mod.c'),
        unrestored(9, 'mod.e'),
        unrestored(10, 'mod.z'),
        unrestored(11, 'mod[name]'),
      ],
    },
    // Describe bodies and the top level run while the file loads, before any test.
    {
      code: `
const agentProxy = require('../src/agent_proxy');
agentProxy.A = 1;
describe('x', () => {
  const original = agentProxy.B;
  agentProxy.B = 2;
  after(() => { agentProxy.B = original; });
  it('y', () => {});
});`,
      errors: [
        collectionTime(3, 'agentProxy.A'),
        collectionTime(6, 'agentProxy.B', { where: 'in a describe body' }),
      ],
    },
    // A restore right after the code under test, before any assertion, is skipped only if that code throws:
    // hygiene, reported with strict (an assertion between is the case above).
    {
      code: `
import * as api from '../src/api';
it('x', () => {
  const original = api.load;
  api.load = () => 1;
  const result = run();
  api.load = original;
  expect(result).toBe(1);
});
it('later', () => {});`,
      options: [{ strict: true }],
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 5, data: { name: 'api.load', line: 7, remedy: GENERIC_REMEDY } }],
    },
    // A restore on the happy path only is skipped when an assertion fails first.
    {
      code: `
const agentProxy = require('../src/agent_proxy');
it('x', () => {
  const original = agentProxy.HttpToolsInvoker;
  agentProxy.HttpToolsInvoker = FakeInvoker;
  assert.equal(run(), 1);
  agentProxy.HttpToolsInvoker = original;
});`,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 5, data: { name: 'agentProxy.HttpToolsInvoker', line: 7, remedy: GENERIC_REMEDY } }],
    },
    // `afterAll` runs after the whole block: the second test inherits the first one's fake.
    {
      code: `
import { config } from './config';
describe('two tests', () => {
  const saved = config.mode;
  afterAll(() => { config.mode = saved; });
  it('x', () => { config.mode = 'test'; });
  it('y', () => {});
});`,
      errors: [{ messageId: 'restoredTooLate', line: 6, data: { name: 'config.mode', line: 5, remedy: GENERIC_REMEDY } }],
    },
    // A \`delete\` of a member the file saves is a real removal: restored on the happy path only here.
    {
      code: `
import { config } from './config';
const saved = config.apiKey;
it('fails without a key', () => {
  delete config.apiKey;
  expect(() => connect()).toThrow();
  config.apiKey = saved;
});`,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 5, data: { name: 'config.apiKey', line: 7, remedy: GENERIC_REMEDY } }],
    },
    // A restore in a sibling describe does not cover the write.
    {
      code: `
import { config } from './config';
const saved = config.mode;
describe('a', () => { afterEach(() => { config.mode = saved; }); it('x', () => {}); });
describe('b', () => { it('y', () => { config.mode = 'test'; }); });
it('runs next', () => {});`,
      errors: [unrestored(5, 'config.mode')],
    },
    // A helper declared in the file is reported at its write, and hooks are named as such.
    {
      code: `
const agentProxy = require('../src/agent_proxy');
function installFake() {
  agentProxy.HttpToolsInvoker = FakeInvoker;
}
beforeEach(() => { agentProxy.Other = 1; });
it('x', () => { installFake(); });
it('runs next', () => {});`,
      errors: [
        unrestored(4, 'agentProxy.HttpToolsInvoker'),
        unrestored(6, 'agentProxy.Other', { where: 'a hook', reach: allTests(UNKNOWN_RUNNER_REASON) }),
      ],
    },
    // Saving a reference to the parent does not undo a write into that same object.
    {
      code: `
import * as settings from './settings';
const saved = settings.http;
afterEach(() => { settings.http = saved; });
it('x', () => { settings.http.timeout = 1; });
it('runs next', () => {});`,
      errors: [unrestored(5, 'settings.http.timeout')],
    },
    // The "restore" puts back another member's value: the target stays replaced.
    {
      code: `
import * as mod from './mod';
const a = mod.a;
it('x', () => {
  mod.b = fake;
  try { run(); } finally { mod.b = a; }
});
it('runs next', () => {});`,
      errors: [unrestored(5, 'mod.b')],
    },
    // Teardown that writes a fake (not a primitive reset, not the saved original) leaves the fake in place.
    {
      code: `
import * as db from './db';
afterEach(() => { db.client = new FakeClient(); });
it('x', () => { db.client = new FailingClient(); });
it('runs next', () => {});`,
      errors: [unrestored(4, 'db.client')],
    },
    // Mocha ignores a function returned from a hook: only Vitest runs it as teardown.
    {
      code: `
const agentProxy = require('../src/agent_proxy');
beforeEach(() => {
  const original = agentProxy.HttpToolsInvoker;
  agentProxy.HttpToolsInvoker = FakeInvoker;
  return () => { agentProxy.HttpToolsInvoker = original; };
});
it('x', () => {});`,
      errors: [unrestored(5, 'agentProxy.HttpToolsInvoker', { where: 'a hook', reach: allTests(UNKNOWN_RUNNER_REASON) })],
    },
    // A plain value under Vitest: `vi.spyOn(settings, 'retries')` would throw ("can only spy on a
    // function"), so the remedy is to save and restore; a changed number likewise.
    {
      code: `
import { it } from 'vitest';
import { settings } from '../src/settings';
it('x', () => { settings.retries = 0; settings.count += 1; });
it('y', () => {});`,
      errors: [
        { messageId: 'unrestoredPatch', data: { name: 'settings.retries', verb: 'replaced', where: 'a test', reach: laterTests(), remedy: GENERIC_REMEDY } },
        { messageId: 'unrestoredPatch', data: { name: 'settings.count', verb: 'changed', where: 'a test', reach: laterTests(), remedy: GENERIC_REMEDY } },
      ],
    },
    // Aliased framework imports are still tests; the remedy follows the framework in use.
    {
      code: `
import { it as check } from 'vitest';
import * as agentProxy from '../src/agent_proxy';
check('x', () => { agentProxy.HttpToolsInvoker = FakeInvoker; });
it('runs next', () => {});`,
      errors: [
        {
          messageId: 'unrestoredPatch',
          data: {
            name: 'agentProxy.HttpToolsInvoker',
            verb: 'replaced',
            where: 'a test',
            reach: laterTests(),
            remedy: "`vi.spyOn(agentProxy, 'HttpToolsInvoker')` and `restoreMocks: true`",
          },
        },
      ],
    },
    // One statement that writes several members is one finding that names them all (jest extend.test.ts).
    {
      code: `
import * as utils from 'jest-matcher-utils';
it('x', () => { Object.assign(utils, { iterableEquality, subsetEquality }); });
it('runs next', () => {});`,
      filename: jestProject,
      errors: [{ messageId: 'unrestoredPatch', line: 3, data: { name: 'utils.{iterableEquality, subsetEquality}', verb: 'replaced', where: 'a test', reach: laterTests(), remedy: "`jest.spyOn(utils, 'iterableEquality')` and `restoreMocks: true`" } }],
    },
    // A primitive made by a built-in replaces a value, not a method: the remedy says `value`, not `fake`.
    {
      code: `
import sinon from 'sinon';
import { vars } from '../src/params';
it('x', () => { vars.value = JSON.stringify({ name: 'test' }); });
it('runs next', () => {});`,
      filename: mochaProject,
      errors: [
        {
          messageId: 'unrestoredPatch',
          data: {
            name: 'vars.value',
            verb: 'replaced',
            where: 'a test',
            reach: laterTests('Mocha'),
            remedy: "`sinon.replace(vars, 'value', value)` and `sinon.restore()` in `afterEach`",
          },
        },
      ],
    },
    // node:test: after() at the top level runs once after every test of the file, not after this one.
    {
      code: `
import { after, test } from 'node:test';
import * as agentProxy from '../src/agent_proxy.js';
const original = agentProxy.HttpToolsInvoker;
after(() => { agentProxy.HttpToolsInvoker = original; });
test('x', () => { agentProxy.HttpToolsInvoker = FakeInvoker; });
test('y', () => {});`,
      errors: [{ messageId: 'restoredTooLate', line: 6 }],
    },
    // node:test: a destructured context after is called without its context and throws: no restore.
    {
      code: `
import { test } from 'node:test';
import * as agentProxy from '../src/agent_proxy.js';
test('x', ({ after }) => {
  const original = agentProxy.HttpToolsInvoker;
  agentProxy.HttpToolsInvoker = FakeInvoker;
  after(() => { agentProxy.HttpToolsInvoker = original; });
});
it('runs next', () => {});`,
      errors: [{ messageId: 'unrestoredPatch', line: 6 }],
    },
    {
      code: `
import test from 'node:test';
import * as agentProxy from '../src/agent_proxy.js';
test('x', () => { agentProxy.HttpToolsInvoker = FakeInvoker; });
it('runs next', () => {});`,
      errors: [
        {
          messageId: 'unrestoredPatch',
          data: {
            name: 'agentProxy.HttpToolsInvoker',
            verb: 'replaced',
            where: 'a test',
            reach: laterTests(),
            remedy: "`t.mock.method(agentProxy, 'HttpToolsInvoker')`",
          },
        },
      ],
    },
    {
      code: `
const agentProxy = require('../src/agent_proxy');
beforeEach(() => jest.clearAllMocks());
it('x', () => { agentProxy.HttpToolsInvoker = jest.fn(); });
it('runs next', () => {});`,
      errors: [
        {
          messageId: 'unrestoredPatch',
          data: { name: 'agentProxy.HttpToolsInvoker', verb: 'replaced', where: 'a test', reach: laterTests(), remedy: jestRemedy('agentProxy', 'HttpToolsInvoker') },
        },
      ],
    },
    // Isolation: under Jest only the core module's file-level patch reaches later files; under
    // Mocha all of them do.
    {
      code: FILE_LEVEL_PATCHES,
      filename: jestProject,
      errors: [
        collectionTime(5, 'os.hostname', {
          reach: allTests(JEST_CORE),
          remedy: jestRemedy('os', 'hostname'),
        }),
      ],
    },
    {
      code: FILE_LEVEL_PATCHES,
      filename: mochaProject,
      errors: [
        collectionTime(4, 'settings.retries', { reach: allTests('Mocha') }),
        collectionTime(5, 'os.hostname', { reach: allTests('Mocha') }),
        unrestored(6, 'settings.mode', { where: 'a hook', reach: allTests('Mocha') }),
      ],
    },
    // The same afterAll under Mocha comes too late: every file is loaded, and its top level run, before any test.
    {
      code: `
const os = require('node:os');
const savedHostname = os.hostname;
os.hostname = () => 'test-host';
after(() => { os.hostname = savedHostname; });
it('x', () => {});`,
      filename: mochaProject,
      errors: [collectionTime(4, 'os.hostname', { reach: allTests('Mocha') })],
    },
    // Test files bundled one per file: each has its own copy of the project's modules; core modules stay shared.
    {
      code: FILE_LEVEL_PATCHES,
      filename: bundledProject(),
      errors: [collectionTime(5, 'os.hostname', { reach: allTests('Mocha') })],
    },
    {
      code: `
const api = require('../src/api');
it('first', () => {});
it('last', () => { api.base = 'http://fake'; });`,
      filename: bundledProject("{ runtimeChunk: 'single' }"),
      errors: [unrestored(4, 'api.base', { reach: 'later files (Mocha)' })],
    },
    // A test file by name, with no framework call: its exported helper's callers are unknown.
    {
      code: `
import { config } from '../src/config';
export function useTestConfig() { config.mode = 'test'; }`,
      filename: projectWith({}, 'test/config.test-helper.test.ts'),
      errors: [unrestored(3, 'config.mode', { where: 'a helper function' })],
    },
  ],
});

// Suggestions, as the rule ships them: what each kind rewrites to. tests/suggestions.test.ts applies
// them to fixtures whose later test fails and runs the result with the real runner.
suggestionTester.run('no-unrestored-module-patch suggestions', rule, {
  valid: [],
  invalid: [
    // A class in nested describes: a function wrapper that returns new FakeClient (RUNTIME-FACTS 7, 13; in TypeScript its arguments typed after FakeClient), the afterEach in the inner describe, vi and afterEach added to the import.
    {
      code: `
import { describe, it } from 'vitest';
import * as api from '../src/api';

class FakeClient {}

describe('outer', () => {
  describe('inner', () => {
    it('replaces a class', () => {
      api.Client = FakeClient;
    });
    it('later', () => {});
  });
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 10, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"vi.spyOn","restore":", and `vi.restoreAllMocks()` in `afterEach`"}, output: `
import { describe, it, vi, afterEach } from 'vitest';
import * as api from '../src/api';

class FakeClient {}

describe('outer', () => {
  describe('inner', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('replaces a class', () => {
      vi.spyOn(api, 'Client').mockImplementation(function (...args: ConstructorParameters<typeof FakeClient>) { return new FakeClient(...args); });
    });
    it('later', () => {});
  });
});
` }] }],
    },
    // A TypeScript cast on the target is kept; a non-function value gets jest.replaceProperty; the existing afterEach is extended.
    {
      code: `
import * as api from '../src/api';

describe('api', () => {
  afterEach(() => {
    jest.clearAllMocks();
  });
  it('replaces a function through a cast', () => {
    (api as any).load = jest.fn();
  });
  it('replaces a value', () => {
    api.retries = 0;
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 9, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.spyOn","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
import * as api from '../src/api';

describe('api', () => {
  afterEach(() => {
    jest.clearAllMocks();
    jest.restoreAllMocks();
  });
  it('replaces a function through a cast', () => {
    jest.spyOn(api as any, 'load').mockImplementation(jest.fn());
  });
  it('replaces a value', () => {
    api.retries = 0;
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 12, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.replaceProperty","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
import * as api from '../src/api';

describe('api', () => {
  afterEach(() => {
    jest.clearAllMocks();
    jest.restoreAllMocks();
  });
  it('replaces a function through a cast', () => {
    (api as any).load = jest.fn();
  });
  it('replaces a value', () => {
    jest.replaceProperty(api, 'retries', 0);
  });
  it('later', () => {});
});
` }] }],
    },
    // A getter (defineProperty) needs judgment: no suggestion. A restore-all already runs after each test: only the rewrite.
    {
      code: `
import * as api from '../src/api';

describe('api', () => {
  afterEach(() => jest.restoreAllMocks());
  it('defines a getter', () => {
    Object.defineProperty(api, 'mode', { get: () => 'fake' });
  });
  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [] }, { messageId: 'unrestoredPatch' as const, line: 10, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.spyOn","restore":""}, output: `
import * as api from '../src/api';

describe('api', () => {
  afterEach(() => jest.restoreAllMocks());
  it('defines a getter', () => {
    Object.defineProperty(api, 'mode', { get: () => 'fake' });
  });
  it('replaces a function', () => {
    jest.spyOn(api, 'load').mockImplementation(() => 1);
  });
  it('later', () => {});
});
` }] }],
    },
    // node:test: the test context, added as `t` where the test takes no parameter.
    {
      code: `
import { test } from 'node:test';
import * as api from '../src/api';

test('replaces a function', async () => {
  api.load = async () => 1;
});
test('later', () => {});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"t.mock.method","restore":""}, output: `
import { test } from 'node:test';
import * as api from '../src/api';

test('replaces a function', async (t) => {
  t.mock.method(api, 'load', async () => 1);
});
test('later', () => {});
` }] }],
    },
    // A saved original at file level that nothing puts back: put back in an afterEach of the block (first), or the scoped helper.
    {
      code: `
const api = require('../src/api');
const originalLoad = api.load;

describe('api', () => {
  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('later', () => {});
});
`,
      filename: jestProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [{ messageId: 'suggestRestoreSaved' as const, data: {"name":"api.load","saved":"originalLoad"}, output: `
const api = require('../src/api');
const originalLoad = api.load;

describe('api', () => {
  afterEach(() => {
    api.load = originalLoad;
  });

  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('later', () => {});
});
` }, { messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.spyOn","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
const api = require('../src/api');
const originalLoad = api.load;

describe('api', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('replaces a function', () => {
    jest.spyOn(api, 'load').mockImplementation(() => 1);
  });
  it('later', () => {});
});
` }] }],
    },
    // Saved in a beforeAll, into a variable of the describe; the existing afterEach is extended. Tricky negatives: a variable the test
    // itself saves into is no saved original (it is written inside a test), nor is one saved from another member.
    {
      code: `
const api = require('../src/api');
const other = api.save;

describe('api', () => {
  let saved;
  let inTest;
  beforeAll(() => {
    saved = api.load;
  });
  afterEach(() => {
    jest.clearAllMocks();
  });
  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('saves in the test', () => {
    inTest = api.read;
    api.read = () => 2;
  });
  it('later', () => {});
});
`,
      filename: jestProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 15, suggestions: [{ messageId: 'suggestRestoreSaved' as const, data: {"name":"api.load","saved":"saved"}, output: `
const api = require('../src/api');
const other = api.save;

describe('api', () => {
  let saved;
  let inTest;
  beforeAll(() => {
    saved = api.load;
  });
  afterEach(() => {
    jest.clearAllMocks();
    api.load = saved;
  });
  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('saves in the test', () => {
    inTest = api.read;
    api.read = () => 2;
  });
  it('later', () => {});
});
` }, { messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.spyOn","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
const api = require('../src/api');
const other = api.save;

describe('api', () => {
  let saved;
  let inTest;
  beforeAll(() => {
    saved = api.load;
  });
  afterEach(() => {
    jest.clearAllMocks();
    jest.restoreAllMocks();
  });
  it('replaces a function', () => {
    jest.spyOn(api, 'load').mockImplementation(() => 1);
  });
  it('saves in the test', () => {
    inTest = api.read;
    api.read = () => 2;
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 19, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"jest.spyOn","restore":", and `jest.restoreAllMocks()` in `afterEach`"}, output: `
const api = require('../src/api');
const other = api.save;

describe('api', () => {
  let saved;
  let inTest;
  beforeAll(() => {
    saved = api.load;
  });
  afterEach(() => {
    jest.clearAllMocks();
    jest.restoreAllMocks();
  });
  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('saves in the test', () => {
    inTest = api.read;
    jest.spyOn(api, 'read').mockImplementation(() => 2);
  });
  it('later', () => {});
});
` }] }],
    },
    // A restore only in afterAll also runs in an afterEach of its block (Mocha's after: afterEach, a global). Tricky negative: a restore
    // that reads a variable of the afterAll itself cannot move.
    {
      code: `
const api = require('../src/api');
const saved = api.load;
const savedRead = api.read;

describe('api', () => {
  after(() => {
    api.load = saved;
  });
  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('later', () => {});
});

describe('a restore that cannot move', () => {
  after(() => {
    const original = savedRead;
    api.read = original;
  });
  it('replaces read', () => {
    api.read = () => 2;
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoredTooLate' as const, line: 11, suggestions: [{ messageId: 'suggestRestoreAfterEach' as const, data: {"line":"8"}, output: `
const api = require('../src/api');
const saved = api.load;
const savedRead = api.read;

describe('api', () => {
  afterEach(() => {
    api.load = saved;
  });

  after(() => {
    api.load = saved;
  });
  it('replaces a function', () => {
    api.load = () => 1;
  });
  it('later', () => {});
});

describe('a restore that cannot move', () => {
  after(() => {
    const original = savedRead;
    api.read = original;
  });
  it('replaces read', () => {
    api.read = () => 2;
  });
  it('later', () => {});
});
` }] }, { messageId: 'restoredTooLate' as const, line: 22, suggestions: [] }],
    },
    // Vitest, a plain value: a getter spy restored by vi.restoreAllMocks(). Tricky negative: a test that writes the member twice
    // gets no getter spy (it has no setter: the second write would throw), but the original saved in the describe and put back in
    // afterEach, or (the first write, with a statement after it) saved in the test and put back in finally.
    {
      code: `
import { describe, it } from 'vitest';
import { settings } from '../src/settings';

describe('settings', () => {
  it('sets a value', () => {
    settings.retries = 0;
  });
  it('sets it twice', () => {
    settings.mode = 'a';
    settings.mode = 'b';
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [{ messageId: 'suggestScopedHelper' as const, data: {"helper":"vi.spyOn","restore":", and `vi.restoreAllMocks()` in `afterEach`"}, output: `
import { describe, it, vi, afterEach } from 'vitest';
import { settings } from '../src/settings';

describe('settings', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('sets a value', () => {
    vi.spyOn(settings, 'retries', 'get').mockReturnValue(0);
  });
  it('sets it twice', () => {
    settings.mode = 'a';
    settings.mode = 'b';
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 10, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
import { describe, it, afterEach } from 'vitest';
import { settings } from '../src/settings';

describe('settings', () => {
  it('sets a value', () => {
    settings.retries = 0;
  });
  const originalMode = settings.mode;
  afterEach(() => {
    settings.mode = originalMode;
  });

  it('sets it twice', () => {
    settings.mode = 'a';
    settings.mode = 'b';
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveRestore' as const, data: {"helper":"finally"}, output: `
import { describe, it } from 'vitest';
import { settings } from '../src/settings';

describe('settings', () => {
  it('sets a value', () => {
    settings.retries = 0;
  });
  it('sets it twice', () => {
    const originalMode = settings.mode;
    settings.mode = 'a';
    try {
      settings.mode = 'b';
    } finally {
      settings.mode = originalMode;
    }
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 11, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
import { describe, it, afterEach } from 'vitest';
import { settings } from '../src/settings';

describe('settings', () => {
  it('sets a value', () => {
    settings.retries = 0;
  });
  const originalMode = settings.mode;
  afterEach(() => {
    settings.mode = originalMode;
  });

  it('sets it twice', () => {
    settings.mode = 'a';
    settings.mode = 'b';
  });
  it('later', () => {});
});
` }] }],
    },
    // node:test, a plain value: saved and put back in the test's t.after (the context added).
    {
      code: `
import { test } from 'node:test';
import { settings } from '../src/settings';

test('sets a value', () => {
  settings.retries = 0;
});
test('later', () => {});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"t.after","restore":""}, output: `
import { test } from 'node:test';
import { settings } from '../src/settings';

test('sets a value', (t) => {
  const originalRetries = settings.retries;
  t.after(() => {
    settings.retries = originalRetries;
  });
  settings.retries = 0;
});
test('later', () => {});
` }] }],
    },
    // A restore that runs only when the test passes moves into finally.
    {
      code: `
import { describe, expect, it } from 'vitest';
import * as api from '../src/api';

describe('api', () => {
  it('restores on the happy path', () => {
    const saved = api.load;
    api.load = () => 1;
    expect(run()).toBe(1);
    api.load = saved;
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'restoreSkippedOnFailure' as const, line: 8, suggestions: [{ messageId: 'suggestFinally' as const, data: {"line":"10"}, output: `
import { describe, expect, it } from 'vitest';
import * as api from '../src/api';

describe('api', () => {
  it('restores on the happy path', () => {
    const saved = api.load;
    api.load = () => 1;
    try {
      expect(run()).toBe(1);
    } finally {
      api.load = saved;
    }
  });
  it('later', () => {});
});
` }] }],
    },
    // Mocha, no mock library (the incident): the original saved in the describe body, which runs while the file loads, before any test,
    // and put back in a new afterEach; or, for this one test, saved before the write and put back in finally around the rest of the test.
    {
      code: `
const agentProxy = require('../src/agent_proxy');

class FakeInvoker {}

describe('agent proxy', () => {
  it('replaces the invoker', () => {
    agentProxy.HttpToolsInvoker = FakeInvoker;
    agentProxy.runAgent({ tool: 'explode' });
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 8, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
const agentProxy = require('../src/agent_proxy');

class FakeInvoker {}

describe('agent proxy', () => {
  const originalHttpToolsInvoker = agentProxy.HttpToolsInvoker;
  afterEach(() => {
    agentProxy.HttpToolsInvoker = originalHttpToolsInvoker;
  });

  it('replaces the invoker', () => {
    agentProxy.HttpToolsInvoker = FakeInvoker;
    agentProxy.runAgent({ tool: 'explode' });
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveRestore' as const, data: {"helper":"finally"}, output: `
const agentProxy = require('../src/agent_proxy');

class FakeInvoker {}

describe('agent proxy', () => {
  it('replaces the invoker', () => {
    const originalHttpToolsInvoker = agentProxy.HttpToolsInvoker;
    agentProxy.HttpToolsInvoker = FakeInvoker;
    try {
      agentProxy.runAgent({ tool: 'explode' });
    } finally {
      agentProxy.HttpToolsInvoker = originalHttpToolsInvoker;
    }
  });
  it('later', () => {});
});
` }] }],
    },
    // Mocha's TDD interface: the hook is `teardown` (TDD has no afterEach), added where missing, extended where there is one; a change made in
    // `setup` gets no finally (that is for one test's own write).
    {
      code: `
const api = require('../src/api');

suite('setup writes', () => {
  setup(() => {
    api.retries = 0;
  });
  test('uses it', () => {});
});

suite('a test writes', () => {
  teardown(() => {
    api.reset();
  });
  test('replaces load', () => {
    api.load = () => 1;
  });
  test('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"teardown"}, output: `
const api = require('../src/api');

suite('setup writes', () => {
  const originalRetries = api.retries;
  teardown(() => {
    api.retries = originalRetries;
  });

  setup(() => {
    api.retries = 0;
  });
  test('uses it', () => {});
});

suite('a test writes', () => {
  teardown(() => {
    api.reset();
  });
  test('replaces load', () => {
    api.load = () => 1;
  });
  test('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 16, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"teardown"}, output: `
const api = require('../src/api');

suite('setup writes', () => {
  setup(() => {
    api.retries = 0;
  });
  test('uses it', () => {});
});

suite('a test writes', () => {
  const originalLoad = api.load;
  teardown(() => {
    api.reset();
    api.load = originalLoad;
  });
  test('replaces load', () => {
    api.load = () => 1;
  });
  test('later', () => {});
});
` }] }],
    },
    // node:test, a value changed in beforeEach (no test context there): afterEach added to the node:test import.
    {
      code: `
import { beforeEach, describe, it } from 'node:test';
import { settings } from '../src/settings';

describe('settings', () => {
  beforeEach(() => {
    settings.retries = 0;
  });
  it('uses them', () => {});
});
it('later', () => {});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
import { beforeEach, describe, it, afterEach } from 'node:test';
import { settings } from '../src/settings';

describe('settings', () => {
  const originalRetries = settings.retries;
  afterEach(() => {
    settings.retries = originalRetries;
  });

  beforeEach(() => {
    settings.retries = 0;
  });
  it('uses them', () => {});
});
it('later', () => {});
` }] }],
    },
    // Jasmine, a value (spyOn replaces functions only): the existing afterEach extended, the original saved before it.
    {
      code: `
const target = require('../src/target');

describe('target', () => {
  afterEach(() => {
    target.reset();
  });

  it('replaces a value', () => {
    target.retries = 0;
    expect(target.retries).toBe(0);
  });
  it('later', () => {});
});
`,
      filename: jasmineProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 10, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
const target = require('../src/target');

describe('target', () => {
  const originalRetries = target.retries;
  afterEach(() => {
    target.reset();
    target.retries = originalRetries;
  });

  it('replaces a value', () => {
    target.retries = 0;
    expect(target.retries).toBe(0);
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveRestore' as const, data: {"helper":"finally"}, output: `
const target = require('../src/target');

describe('target', () => {
  afterEach(() => {
    target.reset();
  });

  it('replaces a value', () => {
    const originalRetries = target.retries;
    target.retries = 0;
    try {
      expect(target.retries).toBe(0);
    } finally {
      target.retries = originalRetries;
    }
  });
  it('later', () => {});
});
` }] }],
    },
    // Tricky negatives: a module loaded in a `before` hook is not there yet when the describe body runs, and a test with a `done` callback
    // goes on after its body returns: neither suggestion. A module required after the describe (not yet loaded when its body runs): only finally.
    {
      code: `
describe('loaded in a hook', () => {
  let api;
  before(() => {
    api = require('../src/api');
  });
  it('replaces load', (done) => {
    api.load = () => 1;
    setTimeout(done, 10);
  });
  it('later', () => {});
});

describe('declared after the block', () => {
  it('replaces load', () => {
    late.load = () => 1;
    late.load();
  });
  it('later', () => {});
});

const late = require('../src/late');
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 8, suggestions: [] }, { messageId: 'unrestoredPatch' as const, line: 16, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"finally"}, output: `
describe('loaded in a hook', () => {
  let api;
  before(() => {
    api = require('../src/api');
  });
  it('replaces load', (done) => {
    api.load = () => 1;
    setTimeout(done, 10);
  });
  it('later', () => {});
});

describe('declared after the block', () => {
  it('replaces load', () => {
    const originalLoad = late.load;
    late.load = () => 1;
    try {
      late.load();
    } finally {
      late.load = originalLoad;
    }
  });
  it('later', () => {});
});

const late = require('../src/late');
` }] }],
    },
    // A change made in `before` (beforeAll) reaches the block's later describes and later files: put back in the block's `after`
    // (Mocha), saved in the describe body, which runs before the hook.
    {
      code: `
const api = require('../src/api');

describe('a value set before the block', () => {
  before(() => {
    api.retries = 0;
  });
  it('uses it', () => {});
});

describe('later', () => {
  it('sees the original', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"after"}, output: `
const api = require('../src/api');

describe('a value set before the block', () => {
  const originalRetries = api.retries;
  after(() => {
    api.retries = originalRetries;
  });

  before(() => {
    api.retries = 0;
  });
  it('uses it', () => {});
});

describe('later', () => {
  it('sees the original', () => {});
});
` }] }],
    },
    // node:test: the block's `after` extended.
    {
      code: `
import { after, before, describe, it } from 'node:test';
import { settings } from '../src/settings';

describe('settings', () => {
  before(() => {
    settings.retries = 0;
  });
  after(() => {
    settings.reset();
  });
  it('uses them', () => {});
});
it('later', () => {});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"after"}, output: `
import { after, before, describe, it } from 'node:test';
import { settings } from '../src/settings';

describe('settings', () => {
  const originalRetries = settings.retries;
  before(() => {
    settings.retries = 0;
  });
  after(() => {
    settings.reset();
    settings.retries = originalRetries;
  });
  it('uses them', () => {});
});
it('later', () => {});
` }] }],
    },
    // Jasmine: `afterAll`.
    {
      code: `
const target = require('../src/target');

describe('a value set before the block', () => {
  beforeAll(() => {
    target.retries = 0;
  });
  it('uses it', () => {});
});

describe('later', () => {
  it('sees the original', () => {});
});
`,
      filename: jasmineProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterAll"}, output: `
const target = require('../src/target');

describe('a value set before the block', () => {
  const originalRetries = target.retries;
  afterAll(() => {
    target.retries = originalRetries;
  });

  beforeAll(() => {
    target.retries = 0;
  });
  it('uses it', () => {});
});

describe('later', () => {
  it('sees the original', () => {});
});
` }] }],
    },
    // A test that returns a promise goes on after its body returns: no finally (it would put the original back too early); an async
    // test that awaits gets one, the await inside the try.
    {
      code: `
const api = require('../src/api');

describe('api', () => {
  it('returns a promise', () => {
    api.load = () => 1;
    return api.run();
  });
  it('awaits', async () => {
    api.save = () => 1;
    await api.run();
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
const api = require('../src/api');

describe('api', () => {
  const originalLoad = api.load;
  afterEach(() => {
    api.load = originalLoad;
  });

  it('returns a promise', () => {
    api.load = () => 1;
    return api.run();
  });
  it('awaits', async () => {
    api.save = () => 1;
    await api.run();
  });
  it('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 10, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
const api = require('../src/api');

describe('api', () => {
  it('returns a promise', () => {
    api.load = () => 1;
    return api.run();
  });
  const originalSave = api.save;
  afterEach(() => {
    api.save = originalSave;
  });

  it('awaits', async () => {
    api.save = () => 1;
    await api.run();
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveRestore' as const, data: {"helper":"finally"}, output: `
const api = require('../src/api');

describe('api', () => {
  it('returns a promise', () => {
    api.load = () => 1;
    return api.run();
  });
  it('awaits', async () => {
    const originalSave = api.save;
    api.save = () => 1;
    try {
      await api.run();
    } finally {
      api.save = originalSave;
    }
  });
  it('later', () => {});
});
` }] }],
    },
    // The name the original would take is in use (the first module's, already put back): the next is numbered. The write is the
    // test's last statement: no finally (nothing would run inside it).
    {
      code: `
const api = require('../src/api');
const other = require('../src/other');

describe('two modules', () => {
  const originalLoad = api.load;
  afterEach(() => {
    api.load = originalLoad;
  });

  it('replaces both', () => {
    api.load = () => 1;
    other.load = () => 2;
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 13, suggestions: [{ messageId: 'suggestSaveRestore' as const, data: {"helper":"afterEach"}, output: `
const api = require('../src/api');
const other = require('../src/other');

describe('two modules', () => {
  const originalLoad = api.load;
  const originalLoad2 = other.load;
  afterEach(() => {
    api.load = originalLoad;
    other.load = originalLoad2;
  });

  it('replaces both', () => {
    api.load = () => 1;
    other.load = () => 2;
  });
  it('later', () => {});
});
` }] }],
    },
  ],
});

/** Library state changed through its API (state-apis.ts): settings, nock's net connect, undici's dispatcher. */
const calledIn = (line: number, name: string, remedy: string, reach = laterTests(UNKNOWN_RUNNER_REASON)) => unrestored(line, name, { verb: 'called', reach, remedy });

ruleTester.run('no-unrestored-module-patch: state changed through library APIs', rule, {
  valid: [
    // The saved setting put back, or the key set again (to its documented default) after each test.
    `
const mongoose = require('mongoose');
let saved;
beforeEach(() => { saved = mongoose.get('strictQuery'); });
afterEach(() => { mongoose.set('strictQuery', saved); });
it('a', () => { mongoose.set('strictQuery', false); });
it('b', () => {});`,
    `
import mongoose from 'mongoose';
afterEach(() => { mongoose.set('debug', false); });
it('a', () => { mongoose.set('debug', true); });
it('b', () => {});`,
    // nock: connections enabled again after each test.
    `
const nock = require('nock');
afterEach(() => { nock.enableNetConnect(); });
it('a', () => { nock.disableNetConnect(); });
it('b', () => {});`,
    // undici: the saved dispatcher put back in a finally (the put-back call is a restore, not a change).
    `
const { getGlobalDispatcher, setGlobalDispatcher, MockAgent } = require('undici');
it('a', async () => {
  const saved = getGlobalDispatcher();
  setGlobalDispatcher(new MockAgent());
  try { await run(); } finally { setGlobalDispatcher(saved); }
});
it('b', () => {});`,
    // nock: a persisted interceptor dropped by `cleanAll()` after each test, through an alias of the import.
    `
import mock from 'nock';
afterEach(() => { mock.cleanAll(); });
it('a', () => { mock('http://h').persist().get('/x').reply(200); });
it('b', () => {});`,
    // nock: an interceptor without persist() is used up by the request the test makes: hygiene, reported with strict.
    `
const nock = require('nock');
it('a', async () => { nock('http://h').get('/x').reply(200); await fetchIt(); });
it('b', () => {});`,
    // Not nock: a local function named nock, and a reply() chain on something else.
    `
const nock = (host) => ({ persist: () => ({ get: () => ({ reply() {} }) }) });
const server = require('./server');
it('a', () => { nock('http://h').persist().get('/x').reply(200); server.route('/x').reply(200); });
it('b', () => {});`,
    // Not the library: a local object with the same method names, and an instance made in the file.
    `
const mongoose = { set() {} };
const { Mongoose } = require('mongoose');
const own = new Mongoose();
it('a', () => { mongoose.set('debug', true); own.set('debug', true); });
it('b', () => {});`,
  ],
  invalid: [
    {
      code: "const mongoose = require('mongoose');\nit('a', () => { mongoose.set('strictQuery', false); });\nit('b', () => {});",
      errors: [calledIn(2, "mongoose.set('strictQuery')", "put the saved `mongoose.get('strictQuery')` back in `afterEach`")],
    },
    // Near miss: another key set again.
    {
      code: `
const mongoose = require('mongoose');
afterEach(() => { mongoose.set('debug', false); });
it('a', () => { mongoose.set('strictQuery', false); });
it('b', () => {});`,
      errors: [calledIn(4, "mongoose.set('strictQuery')", "put the saved `mongoose.get('strictQuery')` back in `afterEach`")],
    },
    // A schema type's default, through a destructured import.
    {
      code: "const { Schema } = require('mongoose');\nit('a', () => { Schema.Types.String.set('trim', true); });\nit('b', () => {});",
      errors: [calledIn(2, "Schema.Types.String.set('trim')", "set 'trim' back with `Schema.Types.String.set()` in `afterEach`")],
    },
    {
      code: "import nock from 'nock';\nit('a', () => { nock.disableNetConnect(); });\nit('b', () => {});",
      errors: [calledIn(2, 'nock.disableNetConnect()', 'call `nock.enableNetConnect()` in `afterEach`')],
    },
    {
      code: "import { setGlobalDispatcher, MockAgent } from 'undici';\nit('a', () => { setGlobalDispatcher(new MockAgent()); });\nit('b', () => {});",
      errors: [calledIn(2, 'setGlobalDispatcher()', 'put the saved `getGlobalDispatcher()` back in `afterEach`')],
    },
    // nock: a persisted interceptor (on the scope, or through a const holding it) answers every later request.
    {
      code: "const nock = require('nock');\nit('a', () => { nock('http://h').persist().get('/x').reply(200).get('/y').reply(404); });\nit('b', () => {});",
      errors: [calledIn(2, "nock('http://h')….reply()", 'call `nock.cleanAll()` in `afterEach`')],
    },
    {
      code: "import nock from 'nock';\nit('a', () => {\n  const scope = nock('http://h').persist();\n  scope.get('/x').replyWithError('down');\n});\nit('b', () => {});",
      errors: [calledIn(4, "nock('http://h')….replyWithError()", 'call `nock.cleanAll()` in `afterEach`')],
    },
    // Near miss: cleanAll at the end of the test, skipped when it fails.
    {
      code: "const nock = require('nock');\nit('a', async () => {\n  nock('http://h').persist().get('/x').reply(200);\n  expect(await run()).toBe(1);\n  nock.cleanAll();\n});\nit('b', () => {});",
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 3 }],
    },
    // With strict: an interceptor the request uses up stays when the test fails first or never makes it.
    {
      code: "const nock = require('nock');\nit('a', async () => { nock('http://h').get('/x').reply(200); await fetchIt(); });\nit('b', () => {});",
      options: [{ strict: true }],
      errors: [calledIn(2, "nock('http://h')….reply()", 'call `nock.cleanAll()` in `afterEach`')],
    },
    // Already reported as a member write of the core module `events`.
    {
      code: "const { EventEmitter } = require('node:events');\nit('a', () => { EventEmitter.defaultMaxListeners = 50; });\nit('b', () => {});",
      errors: [{ messageId: 'unrestoredPatch', line: 2 }],
    },
  ],
});

/** A project whose test functions come from local modules: re-exported, extended with fixtures, re-exported again. */
const LOCAL_TEST_MODULES = {
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'test/fixtures.ts': "import { test as base } from 'vitest';\nexport const test = base.extend<{ db: string }>({ db: async ({}, use) => { await use('db'); } });\nexport { describe, afterEach as cleanUp } from 'vitest';\n",
  'test/index.ts': "export * from './fixtures';\n",
  'test/all.ts': "export * from 'vitest';\n",
  'test/fake.ts': "export const test = (name: string, fn: () => void) => fn;\nexport const describe = { extend: () => null };\n",
};
const localTestModules = (file: string): string => projectWith(LOCAL_TEST_MODULES, file);

ruleTester.run('no-unrestored-module-patch: tests made by a local module', rule, {
  valid: [
    // A hook from the local module (re-exported under another name) puts it back after each test.
    {
      code: "import { test, describe, cleanUp } from './fixtures';\nimport * as api from '../src/api';\nconst real = api.get;\ndescribe('d', () => {\n  cleanUp(() => { api.get = real; });\n  test('a', () => { api.get = () => 'fake'; });\n  test('b', () => {});\n});",
      filename: localTestModules('test/a.test.ts'),
    },
    // Not a test: a local module whose `test` is a function of its own (its callback is a helper, never run by a runner).
    {
      code: "import { test } from './fake';\nimport * as api from '../src/api';\ntest('a', () => { api.get = () => 'fake'; });",
      filename: localTestModules('test/b.test.ts'),
    },
  ],
  invalid: [
    // test.extend in the local fixtures module: its tests are tests, and the later one sees the write.
    {
      code: "import { test } from './fixtures';\nimport * as api from '../src/api';\ntest('a', ({ db }) => { api.get = () => db; });\ntest('b', () => {});",
      filename: localTestModules('test/c.test.ts'),
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
    // Through a barrel (`export * from './fixtures'`), and a module re-exporting the framework whole.
    {
      code: "import { test as check } from './index';\nimport { it, describe } from './all';\nimport * as api from '../src/api';\ndescribe('d', () => {\n  check('a', () => { api.get = () => 'fake'; });\n  it('b', () => { api.put = () => 'fake'; });\n  it('c', () => {});\n});",
      filename: localTestModules('test/d.test.ts'),
      errors: [{ messageId: 'unrestoredPatch', line: 5 }, { messageId: 'unrestoredPatch', line: 6 }],
    },
    // Extended again in the spec file from the local module's test.
    {
      code: "import { test as base } from './fixtures';\nimport * as api from '../src/api';\nconst test = base.extend({ user: 'u' });\ntest('a', () => { api.get = () => 'fake'; });\ntest('b', () => {});",
      filename: localTestModules('test/e.test.ts'),
      errors: [{ messageId: 'unrestoredPatch', line: 4 }],
    },
  ],
});

/**
 * Suggestions for library state changed through its API (the catalogue's undo, after each test or after the block, or
 * in \`finally\`), and for a root \`before\`/\`after\` pair, moved into the file's only describe where that is unambiguous.
 */

/** A root \`before\`/\`after\` pair at the top level of a Mocha spec file (the cases add what makes its move ambiguous). */
const ROOT_PAIR = `const client = require('../src/client');

const realGet = client.get;
before(() => {
  client.get = () => 'fake';
});
after(() => {
  client.get = realGet;
});
`;

suggestionTester.run('no-unrestored-module-patch suggestions: library state and root hook pairs', rule, {
  valid: [],
  invalid: [
    // mongoose: a setting changed in `before` is saved in the describe body and put back in the block's `after` (Mocha).
    {
      code: `
const mongoose = require('mongoose');

describe('queries', () => {
  before(() => {
    mongoose.set('strictQuery', false);
  });
  it('finds', () => {});
});

describe('later', () => {
  it('sees the default', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"mongoose.get('strictQuery')","helper":"after"}, output: `
const mongoose = require('mongoose');

describe('queries', () => {
  const originalStrictQuery = mongoose.get('strictQuery');
  after(() => {
    mongoose.set('strictQuery', originalStrictQuery);
  });

  before(() => {
    mongoose.set('strictQuery', false);
  });
  it('finds', () => {});
});

describe('later', () => {
  it('sees the default', () => {});
});
` }] }],
    },
    // nock under Jest: `nock.enableNetConnect()` in `afterEach`; a schema type's option has no getter to save it with: no rewrite.
    {
      code: `
import nock from 'nock';
import { Schema } from 'mongoose';

describe('client', () => {
  test('refuses connections', () => {
    nock.disableNetConnect();
  });
  test('trims', () => {
    Schema.Types.String.set('trim', true);
  });
  test('later', () => {});
});
`,
      filename: jestProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [{ messageId: 'suggestUndoCall' as const, data: {"call":"nock.enableNetConnect()","helper":"afterEach"}, output: `
import nock from 'nock';
import { Schema } from 'mongoose';

describe('client', () => {
  afterEach(() => {
    nock.enableNetConnect();
  });

  test('refuses connections', () => {
    nock.disableNetConnect();
  });
  test('trims', () => {
    Schema.Types.String.set('trim', true);
  });
  test('later', () => {});
});
` }] }, { messageId: 'unrestoredPatch' as const, line: 10, suggestions: [] }],
    },
    // A persisted nock interceptor: \`nock.cleanAll()\` in \`afterEach\`.
    {
      code: `
import nock from 'nock';

describe('client', () => {
  test('answers from the fake', () => {
    nock('http://h').persist().get('/x').reply(200);
  });
  test('later', () => {});
});
`,
      filename: jestProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestUndoCall' as const, data: {"call":"nock.cleanAll()","helper":"afterEach"}, output: `
import nock from 'nock';

describe('client', () => {
  afterEach(() => {
    nock.cleanAll();
  });

  test('answers from the fake', () => {
    nock('http://h').persist().get('/x').reply(200);
  });
  test('later', () => {});
});
` }] }],
    },
    // undici under Vitest: `getGlobalDispatcher` added to the file's import, `afterEach` to Vitest's.
    {
      code: `
import { describe, it } from 'vitest';
import { setGlobalDispatcher, MockAgent } from 'undici';

describe('client', () => {
  it('mocks the network', async () => {
    setGlobalDispatcher(new MockAgent());
    await run();
  });
  it('later', () => {});
});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"getGlobalDispatcher()","helper":"afterEach"}, output: `
import { describe, it, afterEach } from 'vitest';
import { setGlobalDispatcher, MockAgent, getGlobalDispatcher } from 'undici';

describe('client', () => {
  const originalDispatcher = getGlobalDispatcher();
  afterEach(() => {
    setGlobalDispatcher(originalDispatcher);
  });

  it('mocks the network', async () => {
    setGlobalDispatcher(new MockAgent());
    await run();
  });
  it('later', () => {});
});
` }, { messageId: 'suggestSaveAndUndo' as const, data: {"getter":"getGlobalDispatcher()","helper":"finally"}, output: `
import { describe, it } from 'vitest';
import { setGlobalDispatcher, MockAgent, getGlobalDispatcher } from 'undici';

describe('client', () => {
  it('mocks the network', async () => {
    const originalDispatcher = getGlobalDispatcher();
    setGlobalDispatcher(new MockAgent());
    try {
      await run();
    } finally {
      setGlobalDispatcher(originalDispatcher);
    }
  });
  it('later', () => {});
});
` }] }],
    },
    // node:test: the test's own context name (`ctx.after`), next to the block's `afterEach` and `finally`.
    {
      code: `
import { test } from 'node:test';
import { setGlobalDispatcher, getGlobalDispatcher, MockAgent } from 'undici';

test('mocks the network', async (ctx) => {
  setGlobalDispatcher(new MockAgent());
  await run(ctx);
});
test('later', () => {});
`,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 6, suggestions: [{ messageId: 'suggestSaveAndUndo' as const, data: {"getter":"getGlobalDispatcher()","helper":"afterEach"}, output: `
import { test, afterEach } from 'node:test';
import { setGlobalDispatcher, getGlobalDispatcher, MockAgent } from 'undici';

const originalDispatcher = getGlobalDispatcher();
afterEach(() => {
  setGlobalDispatcher(originalDispatcher);
});

test('mocks the network', async (ctx) => {
  setGlobalDispatcher(new MockAgent());
  await run(ctx);
});
test('later', () => {});
` }, { messageId: 'suggestSaveAndUndo' as const, data: {"getter":"getGlobalDispatcher()","helper":"ctx.after"}, output: `
import { test } from 'node:test';
import { setGlobalDispatcher, getGlobalDispatcher, MockAgent } from 'undici';

test('mocks the network', async (ctx) => {
  const originalDispatcher = getGlobalDispatcher();
  ctx.after(() => {
    setGlobalDispatcher(originalDispatcher);
  });
  setGlobalDispatcher(new MockAgent());
  await run(ctx);
});
test('later', () => {});
` }, { messageId: 'suggestSaveAndUndo' as const, data: {"getter":"getGlobalDispatcher()","helper":"finally"}, output: `
import { test } from 'node:test';
import { setGlobalDispatcher, getGlobalDispatcher, MockAgent } from 'undici';

test('mocks the network', async (ctx) => {
  const originalDispatcher = getGlobalDispatcher();
  setGlobalDispatcher(new MockAgent());
  try {
    await run(ctx);
  } finally {
    setGlobalDispatcher(originalDispatcher);
  }
});
test('later', () => {});
` }] }],
    },
    // Shadowed: the describe declares a `getGlobalDispatcher` of its own, so the saved value would not be undici's: no rewrite.
    {
      code: `
const { setGlobalDispatcher, getGlobalDispatcher, MockAgent } = require('undici');

describe('client', () => {
  const getGlobalDispatcher = () => null;
  it('mocks the network', () => {
    setGlobalDispatcher(new MockAgent());
  });
  it('later', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'unrestoredPatch' as const, line: 7, suggestions: [] }],
    },
    // A root `before`/`after` pair (Mocha makes top-level hooks root hooks): moved into the file's only describe, the `before` first and the `after` last.
    {
      code: `
const client = require('../src/client');

const realGet = client.get;
before(() => {
  client.get = () => 'fake';
});
after(() => {
  client.get = realGet;
});

describe('client', () => {
  after(() => {
    client.close();
  });
  it('gets the fake', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoredAfterWholeRun' as const, line: 6, suggestions: [{ messageId: 'suggestMoveIntoDescribe' as const, data: {"before":"before","after":"after"}, output: `
const client = require('../src/client');

const realGet = client.get;

describe('client', () => {
  before(() => {
    client.get = () => 'fake';
  });
  after(() => {
    client.close();
  });
  it('gets the fake', () => {});
  after(() => {
    client.get = realGet;
  });
});
` }] }],
    },
    // Ambiguous: two top-level describes, a top-level test, or another top-level `before`: no move.
    {
      code: `
${ROOT_PAIR}
describe('one', () => {
  it('a', () => {});
});
describe('two', () => {
  it('b', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoredAfterWholeRun' as const, line: 6, suggestions: [] }],
    },
    {
      code: `
${ROOT_PAIR}it('top', () => {});

describe('one', () => {
  it('a', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoredAfterWholeRun' as const, line: 6, suggestions: [] }],
    },
    {
      code: `
const client = require('../src/client');

const realGet = client.get;
before(() => {
  client.get = () => 'fake';
});
before(() => {
  client.connect();
});
after(() => {
  client.get = realGet;
});

describe('one', () => {
  it('a', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoredAfterWholeRun' as const, line: 6, suggestions: [] }],
    },
    // Shadowed: the describe's own `realGet` would be put back instead: no move.
    {
      code: `
${ROOT_PAIR}
describe('one', () => {
  const realGet = () => 'other';
  it('a', () => {});
});
`,
      filename: mochaProject,
      errors: [{ messageId: 'restoredAfterWholeRun' as const, line: 6, suggestions: [] }],
    },
  ],
});

// Members of objects the tests of a block share (issue 19 item 5): a function put in place of a member
// of a value made once for a describe stays for the describe's later tests that use the value.
const SHARED_KNEX = `const { connect } = require('../src/db');
describe('queries', () => {
  let knex;
  before(() => {
    knex = connect();
  });
  it('fails on a bad response', () => {
    const original = knex.client.config.postProcessResponse;
    knex.client.config.postProcessResponse = () => {
      throw new Error('boom');
    };
    try {
      knex.query();
    } finally {
      knex.client.config.postProcessResponse = original;
    }
  });
  it('queries', () => {
    knex.query();
  });
});`;
const BLOCK_REACH = 'later tests of its describe block';

ruleTester.run('no-unrestored-module-patch: members of objects the tests of a block share', rule, {
  valid: [
    // Put back in `finally` from the saved original.
    { code: SHARED_KNEX, filename: mochaProject },
    // Made before each test: each test's own object.
    { code: SHARED_KNEX.replace('before(() =>', 'beforeEach(() =>').replace(/ {4}try \{\n {6}knex\.query\(\);\n {4}\} finally \{\n.*\n {4}\}\n/, '    knex.query();\n'), filename: mochaProject },
    // Set in a before hook of a nested describe, put back by its after hook from a kept original.
    {
      code: `const { connect } = require('../src/db');
describe('queries', () => {
  let knex;
  before(() => { knex = connect(); });
  describe('with hooks', () => {
    const saved = {};
    before(() => {
      saved.wrap = knex.client.config.wrapIdentifier;
      knex.client.config.wrapIdentifier = (id) => id.slice(0, -4);
    });
    after(() => {
      knex.client.config.wrapIdentifier = saved.wrap;
    });
    it('wraps', () => { knex.query(); });
  });
  it('queries', () => { knex.query(); });
});`,
      filename: mochaProject,
    },
    // The only test of the block, and a later test that does not use the object.
    { code: SHARED_KNEX.replace(/ {2}it\('queries'[^]*?\n {2}\}\);\n/, ''), filename: mochaProject },
    { code: SHARED_KNEX.replace("  it('queries', () => {\n    knex.query();", "  it('queries', () => {\n    expect(1).to.equal(1);"), filename: mochaProject },
    // Data set on the file's own object, a recording fake, a handler named elsewhere: judged with `strict` only.
    { code: SHARED_KNEX.replace('() => {\n      throw new Error(\'boom\');\n    }', 'null').replace('      knex.client.config.postProcessResponse = original;\n', ''), filename: mochaProject },
    { code: `const sinon = require('sinon');\n${SHARED_KNEX.replace('() => {\n      throw new Error(\'boom\');\n    }', 'sinon.spy()').replace('      knex.client.config.postProcessResponse = original;\n', '')}`, filename: mochaProject },
    { code: `function listen() {}\n${SHARED_KNEX.replace('() => {\n      throw new Error(\'boom\');\n    }', 'listen').replace('      knex.client.config.postProcessResponse = original;\n', '')}`, filename: mochaProject },
  ],
  invalid: [
    // The restore in `finally` removed: the next test's query runs with the throwing handler.
    {
      code: SHARED_KNEX.replace('    } finally {\n      knex.client.config.postProcessResponse = original;\n', '    } finally {\n'),
      filename: mochaProject,
      errors: [unrestored(9, 'knex.client.config.postProcessResponse', { reach: BLOCK_REACH })],
    },
    // Restored only when the test passes.
    {
      code: SHARED_KNEX.replace(/ {4}try \{\n {6}knex\.query\(\);\n {4}\} finally \{\n {6}(.*)\n {4}\}\n/, '    knex.query();\n    $1\n'),
      filename: mochaProject,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 9, data: { name: 'knex.client.config.postProcessResponse', line: '13', remedy: GENERIC_REMEDY } }],
    },
    // Data set on the object, with `strict`.
    {
      code: SHARED_KNEX.replace('() => {\n      throw new Error(\'boom\');\n    }', 'null').replace('      knex.client.config.postProcessResponse = original;\n', ''),
      filename: mochaProject,
      options: [{ strict: true }],
      errors: [unrestored(9, 'knex.client.config.postProcessResponse', { reach: BLOCK_REACH })],
    },
  ],
});

/**
 * Helpers of the suite in other files (helper-summaries.ts): a relative-imported helper that
 * replaces a member of a module (its own import, or an object the caller hands it) is reported
 * where it is called, unless the caller restores what it made.
 */
const MAIL_SUPPORT = `import sinon from 'sinon';
import { vi } from 'vitest';
import * as mailer from '../../src/mailer.js';
export function useFakeMailer() {
  mailer.send = async () => {};
}
export function configureInquirerStub(inquirer, answers) {
  sinon.stub(inquirer, 'prompt').resolves(answers);
}
export function stubMailer() {
  return sinon.stub(mailer, 'send');
}
export function stubMailerUntilAfterEach() {
  sinon.stub(mailer, 'send');
  afterEach(() => { sinon.restore(); });
}
export function spyMailer() {
  vi.spyOn(mailer, 'send').mockResolvedValue(undefined);
}
`;
const mailProject = projectWith(
  {
    'package.json': '{ "devDependencies": { "mocha": "^11.0.0", "sinon": "^21.0.0" }, "scripts": { "test": "mocha" } }',
    'test/support/mail.js': MAIL_SUPPORT,
  },
  'test/mail.test.js',
);
const MAIL_HEAD = "import sinon from 'sinon';\nimport inquirer from 'inquirer';\nimport { useFakeMailer, configureInquirerStub, stubMailer, spyMailer, stubMailerUntilAfterEach } from './support/mail.js';\n";

ruleTester.run('no-unrestored-module-patch: helpers of the suite in other files', rule, {
  valid: [
    // The caller restores every Sinon fake after each test: the helper's stub of the argument's member too.
    { code: `${MAIL_HEAD}afterEach(() => { sinon.restore(); });\nit('a', () => { configureInquirerStub(inquirer, { ok: true }); });\nit('b', () => {});`, filename: mailProject },
    { code: `${MAIL_HEAD}afterEach(sinon.restore);\nit('a', () => { configureInquirerStub(inquirer, { ok: true }); });\nit('b', () => {});`, filename: mailProject },
    // The stub it returns, restored through the handle.
    { code: `${MAIL_HEAD}let send;\nbeforeEach(() => { send = stubMailer(); });\nafterEach(() => send.restore());\nit('a', () => {});\nit('b', () => {});`, filename: mailProject },
    // The helper registers its own afterEach, which restores every Sinon fake.
    { code: `${MAIL_HEAD}describe('mail', () => {\n  it('a', () => { stubMailerUntilAfterEach(); });\n  it('b', () => {});\n});`, filename: mailProject },
    // A Jest or Vitest spy inside a helper is not summarised (the spy rule's judgement is not applied to helpers yet).
    { code: `${MAIL_HEAD}it('a', () => { spyMailer(); });\nit('b', () => {});`, filename: mailProject },
    // An object the test makes: nothing shared is stubbed.
    { code: `${MAIL_HEAD}it('a', () => { configureInquirerStub({ prompt() {} }, {}); });\nit('b', () => {});`, filename: mailProject },
  ],
  invalid: [
    {
      code: `${MAIL_HEAD}it('a', () => { useFakeMailer(); });\nit('b', () => {});`,
      filename: mailProject,
      errors: [unrestored(4, 'useFakeMailer()', { verb: 'called', reach: laterTests('Mocha'), remedy: 'put `mailer.send` back in `afterEach`' })],
    },
    // Restoring only the handle of another stub leaves the argument's member stubbed.
    {
      code: `${MAIL_HEAD}let send;\nafterEach(() => send.restore());\nit('a', () => { send = stubMailer(); configureInquirerStub(inquirer, {}); });\nit('b', () => {});`,
      filename: mailProject,
      errors: [unrestored(6, 'configureInquirerStub()', { verb: 'called', reach: laterTests('Mocha'), remedy: 'put `inquirer.prompt` back in `afterEach`' })],
    },
    // The returned stub is dropped.
    {
      code: `${MAIL_HEAD}it('a', () => { stubMailer(); });\nit('b', () => {});`,
      filename: mailProject,
      errors: [unrestored(4, 'stubMailer()', { verb: 'called', reach: laterTests('Mocha'), remedy: 'restore what it returns in `afterEach`' })],
    },
  ],
});

/**
 * Suggestions at a call of the suite's helper that changes members of a module and returns nothing:
 * each member saved and put back through the caller's own binding of the module; none where the
 * caller reaches the module by no name of its own.
 */
const configProject = projectWith(
  {
    'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
    'src/config.js': 'export default { timeout: 1000, retries: 3 };\n',
    'test/support/config.js': "import config from '../../src/config.js';\nexport function useShortTimeouts() {\n  config.timeout = 1;\n  config.retries = 0;\n}\n",
  },
  'test/config.test.js',
);

suggestionTester.run('no-unrestored-module-patch suggestions: helpers of the suite in other files', rule, {
  valid: [],
  invalid: [
    {
      code: `import settings from '../src/config.js';
import { useShortTimeouts } from './support/config.js';
it('a', () => {
  useShortTimeouts();
});
it('b', () => {});`,
      filename: configProject,
      errors: [
        {
          messageId: 'unrestoredPatch',
          line: 4,
          suggestions: [
            {
              messageId: 'suggestSaveRestore',
              data: { helper: 'afterEach' },
              output: `import settings from '../src/config.js';
import { useShortTimeouts } from './support/config.js';
const originalTimeout = settings.timeout;
const originalRetries = settings.retries;
afterEach(() => {
  settings.timeout = originalTimeout;
  settings.retries = originalRetries;
});

it('a', () => {
  useShortTimeouts();
});
it('b', () => {});`,
            },
          ],
        },
      ],
    },
    // The caller does not import the module: it cannot save the members (docs: Not covered).
    {
      code: "import { useShortTimeouts } from './support/config.js';\nit('a', () => { useShortTimeouts(); });\nit('b', () => {});",
      filename: configProject,
      errors: [{ messageId: 'unrestoredPatch', line: 2, suggestions: [] }],
    },
    // A local of the block hides the caller's binding of the module: no rewrite there.
    {
      code: "import settings from '../src/config.js';\nimport { useShortTimeouts } from './support/config.js';\ndescribe('d', () => {\n  const settings = {};\n  it('a', () => { useShortTimeouts(); });\n  it('b', () => {});\n});",
      filename: configProject,
      errors: [{ messageId: 'unrestoredPatch', line: 5, suggestions: [] }],
    },
  ],
});
