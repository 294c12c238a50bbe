import rule from '../../rules/no-unrestored-spy.js';
import { laterTests, UNKNOWN_RUNNER_REASON } from '../patch-messages.js';
import { bundledProject } from '../projects.js';
import { projectWith, ruleTester, suggestionTester } from '../rule-tester.js';

const IN_FILE = 'later tests';
const MOCHA = 'Mocha';
const JEST_FIX_NO_HANDLE = 'call `jest.restoreAllMocks()` in `afterEach`';
const VI_FIX =
  `call \`vi.restoreAllMocks()\` in \`afterEach\``;
const SINON_FIX = 'call `sinon.restore()` in `afterEach`';

function unrestored(line: number, label: string, name: string, fix: string, options: { where?: string; reach?: string } = {}) {
  const { where = 'a test', reach = IN_FILE } = options;
  return { messageId: 'unrestoredSpy' as const, line, data: { label, name, where, reach, fix } };
}

const jestProject = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }' });
/** Jest fake timers turned on in a test, with a later test in the file. */
const JEST_TIMERS = `describe('retries', () => {
  it('backs off', () => {
    jest.useFakeTimers();
    jest.advanceTimersByTime(1000);
  });
  it('runs next', () => {});
});`;
const JEST_TIMERS_RESTORED = `describe('retries', () => {
  it('backs off', () => {
    jest.useFakeTimers();
    try {
      jest.advanceTimersByTime(1000);
    } finally {
      jest.useRealTimers();
    }
  });
  it('runs next', () => {});
});`;
const jestSetupRealTimers = projectWith({
  'package.json': '{ "scripts": { "test": "jest" }, "jest": { "setupFilesAfterEnv": ["<rootDir>/test/setup.js"] } }',
  'test/setup.js': 'afterEach(() => {\n  jest.useRealTimers();\n});\n',
});
/** A fake file system (mock-fs) before each test, put back after each. */
const MOCK_FS_RESTORED = `import mock from 'mock-fs';
beforeEach(() => {
  mock({ '/etc/app.json': '{}' });
});
afterEach(() => {
  mock.restore();
});
it('a', () => {});
it('b', () => {});`;

/** Projects whose config or setup files restore for every test, read statically by the rule. */
const jestRestoreMocks = projectWith({
  'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }',
  'jest.config.js': 'module.exports = { restoreMocks: true };',
});
const jestSetupRestores = projectWith({
  'package.json': '{ "scripts": { "test": "jest" }, "jest": { "setupFilesAfterEnv": ["<rootDir>/test/setup.js"] } }',
  'test/setup.js': 'afterEach(() => {\n  jest.restoreAllMocks();\n});\n',
});
// vue's console guard: the setup file spies console.warn before each test and restores that spy after each.
const VUE_GUARD = `import type { MockInstance } from 'vitest';
let warn: MockInstance;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn');
  warn.mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
});
`;
function vitestWithSetup(setup: string): string {
  return projectWith({
    'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
    'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { globals: true, setupFiles: 'scripts/setup-vitest.ts' } });\n",
    'scripts/setup-vitest.ts': setup,
  });
}
const vitestConsoleGuard = vitestWithSetup(VUE_GUARD);
/** The same guard, from a package installed in node_modules (`setupFiles: ['console-guard/setup']`), read like the project's own. */
function vitestWithPackageSetup(installed: Record<string, string>): string {
  return projectWith({
    'package.json': '{ "devDependencies": { "vitest": "^4.0.0", "console-guard": "1" }, "scripts": { "test": "vitest run" } }',
    'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { globals: true, setupFiles: ['console-guard/setup'] } });\n",
    ...installed,
  });
}
const vitestPackageGuard = vitestWithPackageSetup({
  'node_modules/console-guard/package.json': '{ "name": "console-guard", "exports": { "./setup": { "import": "./dist/setup.mjs", "require": "./dist/setup.cjs" } } }',
  'node_modules/console-guard/dist/setup.cjs': VUE_GUARD.replace("import type { MockInstance } from 'vitest';\n", '').replace('let warn: MockInstance;', 'let warn;'),
});
// Not installed: nothing is known to restore the spy.
const vitestPackageGuardMissing = vitestWithPackageSetup({});
// The same names, but the afterEach restores a variable of its own, and a spy made once at load time.
const vitestGuardShadowed = vitestWithSetup(VUE_GUARD.replace('  warn.mockRestore();', '  const warn = vi.fn();\n  warn.mockRestore();'));
const vitestGuardAtLoad = vitestWithSetup("const warn = vi.spyOn(console, 'warn');\nafterEach(() => {\n  warn.mockRestore();\n});\n");
// eslint's rule-tester.js: the test installs a member, spies on it, and an after hook takes the member away.
const SPIES_OWN_MEMBER = `
const sinon = require('sinon');
const { RuleTester } = require('../lib/rule-tester');
describe('with it.only', () => {
  before(() => {
    RuleTester.it.only = () => {};
    sinon.spy(RuleTester.it, 'only');
  });
  after(() => {
    RuleTester.it.only = void 0;
  });
  it('a', () => {});
});
describe('without', () => { it('b', () => {}); });`;
const SPIES_CONSOLE_WARN = `
it('warns', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  run();
  expect(warn).toHaveBeenCalled();
});
it('runs next', () => {});`;
const vitestPlain = projectWith({ 'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }' });
/** sentry's effect tests: `@effect/vitest` wraps Vitest's `it`; `it.effect(name, fn)` is a Vitest test that runs the file's hooks. */
const EFFECT_TESTS = `
import { describe, it } from '@effect/vitest';
import * as core from '@sentry/core';
import { afterEach, vi } from 'vitest';
describe('tracer', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  it.effect('sends', () => { vi.spyOn(core, 'startSpan').mockReturnValue(span); return run(); });
  it.scoped('runs next', () => run());
});`;
const EFFECT_TESTS_NO_HOOK = EFFECT_TESTS.replace('  afterEach(() => {\n    vi.restoreAllMocks();\n  });\n', '');
/** sentry's trpc tests: the only describe's beforeEach makes the same fake again before each of its tests. */
const SAME_FAKE_EACH_TEST = `
import { beforeEach, describe, it, vi } from 'vitest';
import * as scopes from '../src/scopes';
describe('middleware', () => {
  beforeEach(() => {
    vi.spyOn(scopes, 'getClient').mockReturnValue(client);
  });
  it('a', () => run());
  it('b', () => run());
});`;
/** The same, with a test that asserts on the spy's calls. */
const SAME_FAKE_CALLS_ASSERTED = SAME_FAKE_EACH_TEST.replace("it('b', () => run());", "it('b', () => { run(); expect(scopes.getClient).toHaveBeenCalled(); });");
const vitestUnstub = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { unstubGlobals: true, unstubEnvs: true } });\n",
});
const mochaRootHooks = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0", "sinon": "^21.0.0" }, "scripts": { "test": "mocha" } }',
  '.mocharc.yml': 'require:\n  - ./test/hooks.js\n',
  'test/hooks.js': "const sinon = require('sinon');\nexports.mochaHooks = {\n  afterEach() {\n    sinon.restore();\n  },\n};\n",
});
// Mocha's `file` option: a setup file loaded first, whose top-level afterEach is a root hook (nock's suite).
const mochaSetupFile = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha --recursive tests" } }',
  '.mocharc.js': "module.exports = { file: ['tests/setup.js'] };",
  'tests/setup.js': "const sinon = require('sinon');\nafterEach(function () {\n  sinon.restore();\n});\n",
}, 'tests/example.test.js');
// A spec file of the run whose top-level afterEach is a root hook: it runs around every test of every file.
const mochaSpecRootHook = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^12.0.0", "sinon": "^22.0.0" }, "scripts": { "test": "mocha \'test/**/*.ts\' -r ts-node/register" } }',
  'test/helpers/global.ts': "import sinon from 'sinon';\nafterEach(() => sinon.restore());\n",
}, 'test/example.test.ts');
// The same hook inside a describe, or in a file outside the spec set, restores nothing for other files.
const mochaDescribeHook = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^12.0.0", "sinon": "^22.0.0" }, "scripts": { "test": "mocha \'test/**/*.test.ts\' -r ts-node/register" } }',
  'test/helpers/global.ts': "import sinon from 'sinon';\nafterEach(() => sinon.restore());\n",
  'test/other.test.ts': "import sinon from 'sinon';\ndescribe('x', () => {\n  afterEach(() => sinon.restore());\n});\n",
}, 'test/example.test.ts');
const mochaPlain = projectWith({ 'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }' });

ruleTester.run('no-unrestored-spy', rule, {
  valid: [
    // The block's beforeEach puts the same fake back before every test, and no test runs after the block: hygiene (strict).
    { code: SAME_FAKE_EACH_TEST, filename: vitestPlain },
    // A test asserts on its calls, but every mock is cleared first in the hook, or after each test.
    { code: SAME_FAKE_CALLS_ASSERTED.replace('  beforeEach(() => {\n', '  beforeEach(() => {\n    vi.clearAllMocks();\n'), filename: vitestPlain },
    { code: SAME_FAKE_CALLS_ASSERTED.replace('  beforeEach(() => {\n', '  afterEach(() => { vi.resetAllMocks(); });\n  beforeEach(() => {\n'), filename: vitestPlain },
    // ...or the spy itself, through its handle (sentry's request.test.ts: \`afterEach(() => { locationHrefSpy.mockReset() })\`).
    {
      code: SAME_FAKE_CALLS_ASSERTED.replace('  beforeEach(() => {\n    vi.spyOn', '  let spy;\n  afterEach(() => { spy.mockReset(); });\n  beforeEach(() => {\n    spy = vi.spyOn'),
      filename: vitestPlain,
    },
    // Tests made by `@effect/vitest`'s wrapper of Vitest's \`it\` run the describe's afterEach, which restores the spy.
    { code: EFFECT_TESTS, filename: vitestPlain },
    // Taking the member away in an after hook takes the fake with it (also `delete`).
    { code: SPIES_OWN_MEMBER, filename: mochaPlain },
    { code: SPIES_OWN_MEMBER.replace('RuleTester.it.only = void 0;', 'delete RuleTester.it.only;'), filename: mochaPlain },
    { code: SPIES_OWN_MEMBER.replace('sinon.spy', 'sinon.stub'), filename: mochaPlain },
    // The setup file's own spy of console.warn is handed back to the test, and restored after it (Vitest 4, Jest 30).
    { code: SPIES_CONSOLE_WARN, filename: vitestConsoleGuard },
    { code: SPIES_CONSOLE_WARN, filename: vitestPackageGuard },
    // Test files bundled one per file: a fake on the project's own module at file level is that file's baseline.
    {
      code: `
const sinon = require('sinon');
const api = require('../src/api');
sinon.stub(api, 'get');
it('a', () => {});`,
      filename: bundledProject(),
    },
    // Restored through the handle in `finally`, in `afterEach`, or by a restore-all in `afterEach`.
    `
import { it, vi } from 'vitest';
import * as api from '../src/api';
it('a', () => {
  const spy = vi.spyOn(api, 'get');
  try {
    run();
  } finally {
    spy.mockRestore();
  }
});`,
    `
const api = require('../src/api');
let spy;
beforeEach(() => { spy = jest.spyOn(api, 'get').mockResolvedValue({}); });
afterEach(() => { spy.mockRestore(); });
it('a', () => {});`,
    `
import { afterEach, it, vi } from 'vitest';
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  vi.useRealTimers();
});
it('a', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.stubGlobal('fetch', vi.fn());
  vi.stubEnv('API_URL', 'http://localhost');
  vi.useFakeTimers();
});`,
    // `using` restores at block exit.
    `
import { it, vi } from 'vitest';
import * as api from '../src/api';
it('a', () => {
  using spy = vi.spyOn(api, 'get');
});`,
    // Sinon: the default sandbox restored in afterEach, a sandbox of its own, Mocha's this.sandbox.
    `
const sinon = require('sinon');
const api = require('../src/api');
afterEach(() => { sinon.restore(); });
it('a', () => { sinon.stub(api, 'get').resolves({}); sinon.replace(api, 'base', 'http://x'); });`,
    `
import sinon from 'sinon';
import * as api from '../src/api';
describe('api', () => {
  const sandbox = sinon.createSandbox();
  afterEach(() => sandbox.restore());
  it('a', () => { sandbox.stub(api, 'get'); });
});`,
    `
const sinon = require('sinon');
const api = require('../src/api');
describe('api', function () {
  beforeEach(function () { this.sandbox = sinon.createSandbox(); });
  afterEach(function () { this.sandbox.restore(); });
  it('a', function () { this.sandbox.stub(api, 'get'); });
});`,
    // A fake on an object the test made dies with it: a fresh instance, a literal, a parameter.
    `
const sinon = require('sinon');
const { Runner } = require('../src/runner');
let runner;
beforeEach(() => { runner = new Runner(); });
it('a', () => { sinon.spy(runner, 'uncaught'); jest.spyOn({ a() {} }, 'a'); });
function check(client) { sinon.stub(client, 'send'); }
it('b', () => { check(makeClient()); });`,
    // A stub that replaces nothing (no object): a free-standing fake.
    `
const sinon = require('sinon');
it('a', () => { const callback = sinon.stub(); run(callback); });`,
    // node:test: the test context's mock is reset when the test ends; the top-level one restored by hand.
    `
import { afterEach, mock, test } from 'node:test';
import * as api from '../src/api.js';
afterEach(() => mock.restoreAll());
test('a', (t) => { t.mock.method(api, 'get'); t.mock.timers.enable(); });
test('b', () => { mock.method(api, 'post'); });`,
    // testdouble.
    `
const td = require('testdouble');
const api = require('../src/api');
afterEach(() => td.reset());
it('a', () => { td.replace(api, 'get'); });`,
    // Jest and Vitest undo spies when a file ends: a spy made while the file loads (top level, a
    // describe body, a root before hook) is that file's baseline.
    `
const api = require('../src/api');
jest.spyOn(console, 'warn').mockImplementation(() => {});
beforeEach(() => { jest.spyOn(api, 'get'); });
it('a', () => {});`,
    `
import { describe, expect, it, vi } from 'vitest';
describe('client', () => {
  const fetch = vi.spyOn(globalThis, 'fetch');
  it('calls fetch', () => { expect(fetch).toHaveBeenCalled(); });
});`,
    // Restored for every test by the runner config or a setup file.
    { code: `const api = require('../src/api');\nit('a', () => { jest.spyOn(api, 'get'); });`, filename: jestRestoreMocks },
    { code: `const api = require('../src/api');\nit('a', () => { jest.spyOn(api, 'get'); });`, filename: jestSetupRestores },
    {
      code: `import { it, vi } from 'vitest';\nit('a', () => { vi.stubGlobal('fetch', vi.fn()); vi.stubEnv('A', '1'); });`,
      filename: vitestUnstub,
    },
    { code: `const sinon = require('sinon');\nconst api = require('../src/api');\nit('a', () => { sinon.stub(api, 'get'); });`, filename: mochaRootHooks },
    { code: `const sinon = require('sinon');\nconst api = require('../src/api');\nit('a', () => { sinon.stub(api, 'get'); });`, filename: mochaSetupFile },
    // verifyAndRestore restores even when verification throws (a `finally` inside Sinon).
    `
const sinon = require('sinon');
const api = require('../src/api');
describe('api', () => {
  const sandbox = sinon.createSandbox();
  afterEach(() => { sinon.verifyAndRestore(); });
  afterEach(() => sandbox.verifyAndRestore());
  it('a', () => { sinon.stub(api, 'get'); sandbox.stub(api, 'post'); });
});`,
    // A restore-all passed by reference: Sinon's, Jest's and Vitest's still restore when called
    // unbound (fixtures/restore-all-by-reference runs each one).
    `
const sinon = require('sinon');
const api = require('../src/api');
describe('api', () => {
  let sandbox;
  beforeEach(() => { sandbox = sinon.createSandbox(); });
  afterEach(sinon.restore);
  afterEach(sandbox.restore);
  it('a', () => { sinon.stub(api, 'get'); sandbox.stub(api, 'post'); });
});`,
    `
const sinon = require('sinon');
const api = require('../src/api');
const sandbox = sinon.createSandbox();
afterEach(sinon.verifyAndRestore);
afterEach(sandbox.verifyAndRestore);
it('a', () => { sinon.stub(api, 'get'); sandbox.stub(api, 'post'); });`,
    `
const api = require('../src/api');
afterEach(jest.restoreAllMocks);
it('a', () => { jest.spyOn(api, 'get'); });`,
    `
import { afterEach, it, vi } from 'vitest';
import * as api from '../src/api';
afterEach(vi.restoreAllMocks);
afterEach(vi.unstubAllGlobals);
it('a', () => { vi.spyOn(api, 'get'); vi.stubGlobal('fetch', vi.fn()); });`,
    // Restored through the target: the stub's own restore (after hooks, finally), TypeScript casts,
    // non-null and satisfies around the member.
    `
import sinon from 'sinon';
import * as api from '../src/api';
describe('api', () => {
  beforeEach(() => { sinon.stub(api, 'get').resolves({}); sinon.spy(api, 'post'); });
  afterEach(() => {
    (api.get as sinon.SinonStub).restore();
    (api.post as unknown as sinon.SinonSpy)!.restore();
  });
  it('a', () => {});
  it('b', () => {});
});`,
    `
import sinon from 'sinon';
import * as fs from 'node:fs';
it('a', () => {
  const sandbox = sinon.createSandbox();
  sandbox.stub(fs, 'readFileSync').returns('x');
  try {
    run();
  } finally {
    (fs.readFileSync satisfies unknown as sinon.SinonStub).restore();
  }
});`,
    // Jest and Vitest: the spy installed on the member restores itself, read through jest.mocked,
    // vi.mocked, a cast, or directly.
    `
beforeEach(() => { jest.spyOn(console, 'warn').mockImplementation(() => {}); });
afterEach(() => { jest.mocked(console.warn).mockRestore(); });
it('a', () => {});
it('b', () => {});`,
    `
beforeEach(() => {
  jest.spyOn(console, 'warn');
  jest.spyOn(console, 'error');
});
afterEach(() => {
  (console.warn as jest.Mock).mockRestore();
  // @ts-expect-error: not typed as a mock
  console.error.mockRestore();
});
it('a', () => {});
it('b', () => {});`,
    `
import { afterEach, beforeEach, it, vi } from 'vitest';
import * as api from '../src/api';
beforeEach(() => { vi.spyOn(api, 'get'); });
afterEach(() => { vi.mocked(api.get).mockRestore(); });
it('a', () => {});
it('b', () => {});`,
    // node:test: the mocked method's own restore.
    `
import { mock, test } from 'node:test';
import * as api from '../src/api.js';
test('a', () => {
  mock.method(api, 'get');
  try { run(); } finally { api.get.mock.restore(); }
});`,
    // A spy whose member is put back by assigning the saved original (jest's runJest test).
    `
const processErrWriteFn = process.stderr.write;
describe('runJest', () => {
  let stderrSpy;
  beforeEach(() => {
    process.stderr.write = jest.fn();
    stderrSpy = jest.spyOn(process.stderr, 'write');
  });
  afterEach(() => {
    process.stderr.write = processErrWriteFn;
  });
  test('a', () => { expect(stderrSpy).toHaveBeenCalled(); });
  test('b', () => {});
});`,
    // A Sinon stub made in beforeEach and restored in after, with only one test: beforeEach runs once.
    `
const sinon = require('sinon');
const api = require('../src/api');
describe('api', () => {
  beforeEach(() => { sinon.stub(api, 'get'); });
  after(() => { api.get.restore(); });
  it('a', () => {});
});`,
    // Jest re-spying an already spied method returns the existing spy: restoreAllMocks in afterAll is enough.
    `
const api = require('../src/api');
describe('api', () => {
  beforeEach(() => { jest.spyOn(api, 'get'); });
  afterAll(() => { jest.restoreAllMocks(); });
  it('a', () => {});
  it('b', () => {});
});`,
    // Jest fake timers: turned off in a finally, by afterEach (also by reference), or in a setup file's afterEach.
    { code: JEST_TIMERS_RESTORED, filename: jestProject },
    { code: JEST_TIMERS.replace("describe('retries', () => {", "describe('retries', () => {\n  afterEach(jest.useRealTimers);"), filename: jestProject },
    { code: JEST_TIMERS, filename: jestSetupRealTimers },
    // Fake timers in a before hook, at top level or in the file's last test: the file's own baseline (Jest
    // scopes them to the file), like a spy there.
    { code: `beforeEach(() => { jest.useFakeTimers(); });\nit('a', () => {});\nit('b', () => {});`, filename: jestProject },
    { code: `import { beforeEach, it, vi } from 'vitest';\ndescribe('a', () => {\n  beforeEach(() => { vi.useFakeTimers(); });\n  it('a', () => {});\n  it('b', () => {});\n});` },
    { code: `jest.useFakeTimers();\nit('a', () => {});`, filename: jestProject },
    { code: `it('a', () => {});\nit('last', () => { jest.useFakeTimers(); });`, filename: jestProject },
    // mock-fs: mock.restore() in afterEach puts the real file system back after every test (in a Jest project too).
    { code: MOCK_FS_RESTORED, filename: jestProject },
    { code: MOCK_FS_RESTORED.replace("import mock from 'mock-fs';", "const mockFs = require('mock-fs');").replaceAll('mock(', 'mockFs(').replace('mock.restore', 'mockFs.restore') },
    // Its helpers that only build entries of the tree replace nothing.
    `import mock from 'mock-fs';\nit('a', () => { mock.file({ content: 'x' }); mock.directory({ items: {} }); });\nit('b', () => {});`,
    // @sinonjs/fake-timers on its own: the clock install() returns is uninstalled by an after() registered
    // inside the test (node:test runs it when that test ends), or by the block's afterEach.
    `
import { after, test } from 'node:test';
import FakeTimers from '@sinonjs/fake-timers';
test('a', () => {
  const clock = FakeTimers.install({ toFake: ['setTimeout'] });
  after(() => clock.uninstall());
});
test('b', () => {});`,
    `
const FakeTimers = require('@sinonjs/fake-timers');
describe('retries', () => {
  let clock;
  beforeEach(() => { clock = FakeTimers.install(); });
  afterEach(() => { clock.uninstall(); });
  it('a', () => {});
  it('b', () => {});
});`,
    // ...also when a helper that only tests call registers it: it registers on the test running the helper.
    `
const { after, describe, test } = require('node:test');
const FakeTimers = require('@sinonjs/fake-timers');
describe('revalidates', () => {
  async function revalidate() {
    const clock = FakeTimers.install({ now: 1 });
    after(() => clock.uninstall());
  }
  test('etag', async () => await revalidate());
  test('modified-since', async () => await revalidate());
});`,
    // node:test's after() called inside a test runs when that test ends (also in a subtest), like t.after.
    `
import { after, test } from 'node:test';
import * as api from '../src/api.js';
test('a', () => {
  const original = api.get;
  api.get = () => 'fake';
  after(() => { api.get = original; });
});
test('b', async (t) => {
  await t.test('inner', (context) => {
    const sandbox = require('sinon').createSandbox();
    sandbox.stub(api, 'post');
    context.after(() => sandbox.restore());
  });
});`,
    { code: `import sinon from 'sinon';\nimport api from '../src/api';\nit('a', () => { sinon.stub(api, 'get'); });`, filename: mochaSpecRootHook },
    // Local names that are not the frameworks: a parameter `jest`, a local `vi` object.
    `
function setup(jest) { jest.spyOn(api, 'get'); }
it('a', () => {
  const vi = { spyOn() {} };
  vi.spyOn(api, 'get');
  setup({ spyOn() {} });
});`,
    // A fake put back right after the code under test, before the assertion: hygiene, quiet by default.
    {
      code: `
const api = require('../src/api');
it('a', () => {
  const spy = jest.spyOn(api, 'get').mockReturnValue(2);
  const result = run();
  spy.mockRestore();
  expect(result).toBe(1);
});
it('runs next', () => {});`,
    },
  ],
  invalid: [
    { code: SAME_FAKE_EACH_TEST, filename: vitestPlain, options: [{ strict: true }], errors: [unrestored(6, 'vi.spyOn', 'scopes.getClient', VI_FIX, { where: 'a hook' })] },
    // The same spy keeps the calls of the test before: the later test's assertion can pass on them (jest's pTimeout test).
    { code: SAME_FAKE_CALLS_ASSERTED, filename: vitestPlain, errors: [unrestored(6, 'vi.spyOn', 'scopes.getClient', VI_FIX, { where: 'a hook' })] },
    // Another spy cleared through its own handle clears nothing of this one.
    {
      code: SAME_FAKE_CALLS_ASSERTED.replace('  beforeEach(() => {\n', '  const other = vi.fn();\n  afterEach(() => { other.mockClear(); });\n  beforeEach(() => {\n'),
      filename: vitestPlain,
      errors: [unrestored(8, 'vi.spyOn', 'scopes.getClient', VI_FIX, { where: 'a hook' })],
    },
    // Cleared by one test only: the calls of the other tests reach the next one.
    {
      code: SAME_FAKE_CALLS_ASSERTED.replace("it('a', () => run());", "it('a', () => { vi.clearAllMocks(); run(); });"),
      filename: vitestPlain,
      errors: [unrestored(6, 'vi.spyOn', 'scopes.getClient', VI_FIX, { where: 'a hook' })],
    },
    // A test after the block runs with the fake its beforeEach left.
    {
      code: `${SAME_FAKE_EACH_TEST}\nit('after', () => run());`,
      filename: vitestPlain,
      errors: [unrestored(6, 'vi.spyOn', 'scopes.getClient', VI_FIX, { where: 'a hook' })],
    },
    // Where files share globals (\`isolate: false\`), a stubbed global reaches the next file.
    {
      code: SAME_FAKE_EACH_TEST.replace("vi.spyOn(scopes, 'getClient').mockReturnValue(client);", "vi.stubGlobal('fetch', fakeFetch);"),
      filename: projectWith({
        'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
        'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { isolate: false } });\n",
      }),
      errors: [{ messageId: 'unrestoredSpy', line: 6 }],
    },
    // So does one of a later describe (sentry's elementTiming.test.ts:19).
    {
      code: `${SAME_FAKE_EACH_TEST}\ndescribe('later', () => { it('c', () => run()); });`,
      filename: vitestPlain,
      errors: [unrestored(6, 'vi.spyOn', 'scopes.getClient', VI_FIX, { where: 'a hook' })],
    },
    // The same tests without the hook: the spy reaches the next test.
    { code: EFFECT_TESTS_NO_HOOK, filename: vitestPlain, errors: [unrestored(6, 'vi.spyOn', 'core.startSpan', VI_FIX)] },
    // The hook belongs to another describe (\`describe\` from the same package): it does not run around these tests.
    {
      code: EFFECT_TESTS.replace("describe('tracer', () => {\n  afterEach", "describe('other', () => {\n  afterEach").replace('  });\n  it.effect', '  });\n  it.effect(\'x\', () => run());\n});\ndescribe(\'tracer\', () => {\n  it.effect'),
      filename: vitestPlain,
      errors: [unrestored(12, 'vi.spyOn', 'core.startSpan', VI_FIX)],
    },
    // A top-level hook only in a file the run does not load, or only inside another file's describe: no root hook.
    {
      code: `import sinon from 'sinon';\nimport api from '../src/api';\nit('a', () => { sinon.stub(api, 'get'); });\nit('b', () => {});`,
      filename: mochaDescribeHook,
      errors: [{ messageId: 'unrestoredSpy' }],
    },
    // Never restored: reported at the helper call, with the family's own fix.
    {
      code: `
const api = require('../src/api');
it('a', () => {
  jest.spyOn(api, 'get').mockResolvedValue({});
});
it('runs next', () => {});`,
      errors: [unrestored(4, 'jest.spyOn', 'api.get', JEST_FIX_NO_HANDLE)],
    },
    {
      code: `
import { it, vi } from 'vitest';
import * as api from '../src/api';
it('a', () => {
  const spy = vi.spyOn(api, 'get');
  vi.stubGlobal('fetch', vi.fn());
  vi.stubEnv('API_URL', 'x');
  vi.useFakeTimers();
});
it('runs next', () => {});`,
      // A spy that only watches calls / a global name of the file's own is hygiene: reported with `strict`.
      options: [{ strict: true }],
      errors: [
        unrestored(5, 'vi.spyOn', 'api.get', VI_FIX),
        unrestored(6, 'vi.stubGlobal', 'globalThis.fetch', 'call `vi.unstubAllGlobals()` in `afterEach`'),
        unrestored(7, 'vi.stubEnv', 'process.env.API_URL', 'call `vi.unstubAllEnvs()` in `afterEach`'),
        unrestored(8, 'vi.useFakeTimers', 'Date and the timers', 'call `vi.useRealTimers()` in `afterEach`'),
      ],
    },
    // restoreAllMocks does not undo stubbed globals.
    {
      code: `
import { afterEach, it, vi } from 'vitest';
afterEach(() => vi.restoreAllMocks());
it('a', () => { vi.stubGlobal('fetch', vi.fn()); });
it('runs next', () => {});`,
      errors: [
        unrestored(4, 'vi.stubGlobal', 'globalThis.fetch', 'call `vi.unstubAllGlobals()` in `afterEach`'),
      ],
    },
    // A fake restored on the happy path only: the failing assertion before the restore skips it.
    {
      code: `
const api = require('../src/api');
it('a', () => {
  const spy = jest.spyOn(api, 'get').mockReturnValue(2);
  expect(run()).toBe(1);
  spy.mockRestore();
});
it('runs next', () => {});`,
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4, data: { label: 'jest.spyOn', name: 'api.get', line: '6', fix: 'call `jest.restoreAllMocks()` in `afterEach`' } }],
    },
    // The same fake restored right after the code under test, before any assertion: only an unexpected throw skips it (hygiene, strict).
    {
      code: `
const api = require('../src/api');
it('a', () => {
  const spy = jest.spyOn(api, 'get').mockReturnValue(2);
  const result = run();
  spy.mockRestore();
  expect(result).toBe(1);
});
it('runs next', () => {});`,
      options: [{ strict: true }],
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4, data: { label: 'jest.spyOn', name: 'api.get', line: '6', fix: 'call `jest.restoreAllMocks()` in `afterEach`' } }],
    },
    // Restored on the happy path only, or by afterAll after several tests.
    {
      code: `
const api = require('../src/api');
it('a', () => {
  const spy = jest.spyOn(api, 'get');
  expect(run()).toBe(1);
  spy.mockRestore();
});
it('runs next', () => {});`,
      // A call-through spy whose calls nothing outside its test looks at is hygiene: reported with `strict`.
      options: [{ strict: true }],
      errors: [
        {
          messageId: 'restoreSkippedOnFailure',
          line: 4,
          data: { label: 'jest.spyOn', name: 'api.get', line: '6', fix: 'call `jest.restoreAllMocks()` in `afterEach`' },
        },
      ],
    },
    {
      code: `
const sinon = require('sinon');
const api = require('../src/api');
describe('api', () => {
  after(() => sinon.restore());
  it('a', () => { sinon.stub(api, 'get'); });
  it('b', () => {});
});`,
      errors: [{ messageId: 'restoredTooLate', line: 6, data: { label: 'sinon.stub', name: 'api.get', line: '5', fix: SINON_FIX } }],
    },
    // A sandbox's stubs are undone by that sandbox only; another sandbox's restore does not count.
    // (No runner is known here, so later files are assumed to share the process.)
    {
      code: `
import sinon from 'sinon';
import * as api from '../src/api';
const one = sinon.createSandbox();
const two = sinon.createSandbox();
afterEach(() => two.restore());
it('a', () => { one.stub(api, 'get'); sinon.stub(api, 'post'); });
it('runs next', () => {});`,
      errors: [
        unrestored(7, 'one.stub', 'api.get', 'call `one.restore()` in `afterEach`', { reach: laterTests(UNKNOWN_RUNNER_REASON) }),
        unrestored(7, 'sinon.stub', 'api.post', SINON_FIX, { reach: laterTests(UNKNOWN_RUNNER_REASON) }),
      ],
    },
    // Jest fake timers turned on in a test and never turned off: the file's later tests see them
    // (also with restoreMocks, which leaves timers alone).
    {
      code: JEST_TIMERS,
      filename: jestProject,
      errors: [unrestored(3, 'jest.useFakeTimers', 'Date and the timers', 'call `jest.useRealTimers()` in `afterEach`')],
    },
    {
      code: JEST_TIMERS.replace('jest.useFakeTimers()', "jest.useFakeTimers({ now: 0 })").replace("describe('retries', () => {", "import { describe, it, jest } from '@jest/globals';\ndescribe('retries', () => {"),
      filename: jestRestoreMocks,
      errors: [unrestored(4, 'jest.useFakeTimers', 'Date and the timers', 'call `jest.useRealTimers()` in `afterEach`')],
    },
    // ...and a beforeEach install does reach the tests after its block, which no hook installs them for.
    {
      code: `describe('a', () => {\n  beforeEach(() => { jest.useFakeTimers(); });\n  it('x', () => {});\n});\nit('outside', () => {});`,
      filename: jestProject,
      errors: [unrestored(2, 'jest.useFakeTimers', 'Date and the timers', 'call `jest.useRealTimers()` in `afterEach`', { where: 'a hook' })],
    },
    // mock-fs replaces the fs bindings: under Jest they are the worker's (a core module), so a fake file
    // system nothing restores reaches later files, even from the file's last test.
    {
      code: MOCK_FS_RESTORED.replace(/afterEach\(\(\) => \{\n {2}mock\.restore\(\);\n\}\);\n/, ''),
      filename: jestProject,
      errors: [unrestored(3, 'mock-fs', 'fs', 'call `mock.restore()` in `afterEach`', { where: 'a hook', reach: 'later tests and files (Jest: shared core modules)' })],
    },
    {
      code: `import mock from 'mock-fs';\nit('a', () => {});\nit('last', () => { mock({ '/etc/app.json': '{}' }); });`,
      filename: jestProject,
      errors: [unrestored(3, 'mock-fs', 'fs', 'call `mock.restore()` in `afterEach`', { reach: 'later files (Jest: shared core modules)' })],
    },
    // @sinonjs/fake-timers: a clock nothing uninstalls, and one whose uninstall is on another clock.
    {
      code: `
const FakeTimers = require('@sinonjs/fake-timers');
describe('retries', () => {
  let clock;
  let other;
  it('a', () => { FakeTimers.install(); });
  it('b', () => { clock = FakeTimers.install(); other = FakeTimers.install(); });
  afterEach(() => { if (clock) clock.uninstall(); });
  it('c', () => {});
});`,
      errors: [
        unrestored(6, 'FakeTimers.install', 'Date and the timers', 'call `uninstall()` on its clock in `afterEach`', { reach: laterTests(UNKNOWN_RUNNER_REASON) }),
        unrestored(7, 'FakeTimers.install', 'Date and the timers', 'call `uninstall()` on its clock in `afterEach`', { reach: laterTests(UNKNOWN_RUNNER_REASON) }),
      ],
    },
    // The same helper under Mocha: its global after(), called inside a running test, is added to the root
    // suite and runs only when the whole run ends, so the clock stays fake for the later tests.
    {
      code: `
const FakeTimers = require('@sinonjs/fake-timers');
describe('revalidates', () => {
  async function revalidate() {
    const clock = FakeTimers.install({ now: 1 });
    after(() => clock.uninstall());
  }
  it('etag', async () => await revalidate());
  it('modified-since', async () => await revalidate());
});`,
      errors: [{ messageId: 'restoredTooLate', line: 5 }],
    },
    // node:test's top-level mock is not reset after each test.
    {
      code: `
import { mock, test } from 'node:test';
import * as api from '../src/api.js';
test('a', () => { mock.method(api, 'get'); });
it('runs next', () => {});`,
      // A spy that only watches calls / a global name of the file's own is hygiene: reported with `strict`.
      options: [{ strict: true }],
      errors: [
        unrestored(4, 'mock.method', 'api.get', 'use `t.mock` or call `mock.restoreAll()` in `afterEach`'),
      ],
    },
    // Passed by reference, node:test's mock.restoreAll, mock.reset and mock.timers.reset are called
    // without their object and throw (fixtures/restore-all-by-reference): nothing is restored.
    {
      code: `
import { afterEach, describe, it, mock } from 'node:test';
import * as api from '../src/api.js';
describe('api', () => {
  afterEach(mock.restoreAll);
  afterEach(mock.reset);
  afterEach(mock.timers.reset);
  it('a', () => { mock.method(api, 'get'); });
});
it('runs next', () => {});`,
      // A spy that only watches calls / a global name of the file's own is hygiene: reported with `strict`.
      options: [{ strict: true }],
      errors: [
        { messageId: 'unboundRestoreAll', line: 5, column: 13, data: { name: 'mock.restoreAll', hook: 'afterEach' } },
        { messageId: 'unboundRestoreAll', line: 6, column: 13, data: { name: 'mock.reset', hook: 'afterEach' } },
        { messageId: 'unboundRestoreAll', line: 7, column: 13, data: { name: 'mock.timers.reset', hook: 'afterEach' } },
        unrestored(8, 'mock.method', 'api.get', 'use `t.mock` or call `mock.restoreAll()` in `afterEach`'),
      ],
    },
    // Restored through the target, but only the member wrapped: another member's restore, or a
    // restore of a different object's same-named member, does not count.
    {
      code: `
import sinon from 'sinon';
import * as api from '../src/api';
import * as other from '../src/other';
afterEach(() => {
  (api.post as sinon.SinonStub).restore();
  other.get.restore();
});
it('a', () => { sinon.stub(api, 'get'); });
it('runs next', () => {});`,
      errors: [unrestored(9, 'sinon.stub', 'api.get', SINON_FIX, { reach: laterTests(UNKNOWN_RUNNER_REASON) })],
    },
    // The target's restore on the happy path only.
    {
      code: `
beforeEach(() => {});
it('a', () => {
  jest.spyOn(console, 'warn');
  run();
  jest.mocked(console.warn).mockRestore();
});
it('runs next', () => {});`,
      // A spy that only watches calls / a global name of the file's own is hygiene: reported with `strict`.
      options: [{ strict: true }],
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 4, data: { label: 'jest.spyOn', name: 'console.warn', line: '6', fix: JEST_FIX_NO_HANDLE } }],
    },
    // Must still catch: a Sinon stub made in beforeEach and restored only in after, with several
    // tests: the second beforeEach throws "already wrapped". A new sandbox per test does not help.
    {
      code: `
const sinon = require('sinon');
const api = require('../src/api');
describe('per-test sandbox', () => {
  let sandbox;
  beforeEach(() => {
    sandbox = sinon.createSandbox();
    sandbox.stub(api, 'get');
  });
  after(() => sandbox.restore());
  it('a', () => {});
  it('b', () => {});
});
describe('classic restore', () => {
  beforeEach(() => { sinon.stub(api, 'post'); });
  after(() => { api.post.restore(); });
  it('a', () => {});
  it('b', () => {});
});`,
      errors: [
        { messageId: 'rewrappedBeforeEach', line: 8, data: { label: 'sandbox.stub', name: 'api.get', line: '10', fix: 'call `sandbox.restore()` in `afterEach`' } },
        { messageId: 'rewrappedBeforeEach', line: 15, data: { label: 'sinon.stub', name: 'api.post', line: '16', fix: SINON_FIX } },
      ],
    },
    // node:test: a destructured context `after` is called unbound and throws: not a restore.
    {
      code: `
import { test } from 'node:test';
import sinon from 'sinon';
import * as api from '../src/api.js';
test('a', ({ after }) => {
  sinon.stub(api, 'get');
  after(() => sinon.restore());
});
it('runs next', () => {});`,
      errors: [unrestored(6, 'sinon.stub', 'api.get', SINON_FIX)],
    },
    // Without it, the fake stays for the later files.
    {
      code: SPIES_OWN_MEMBER.replace('sinon.spy', 'sinon.stub').replace('RuleTester.it.only = void 0;', ''),
      filename: mochaPlain,
      errors: [unrestored(7, 'sinon.stub', 'RuleTester.it.only', SINON_FIX, { where: 'a hook', reach: `later tests and files (${MOCHA})` })],
    },
    // The guard restores console.warn only: a spy of console.error stays.
    {
      code: SPIES_CONSOLE_WARN.replaceAll('warn', 'error'),
      filename: vitestConsoleGuard,
      errors: [unrestored(3, 'vi.spyOn', 'console.error', VI_FIX, { reach: IN_FILE })],
    },
    // An afterEach that restores a variable of its own, or a guard spy made once at load time, restores nothing of the test's.
    { code: SPIES_CONSOLE_WARN, filename: vitestGuardShadowed, errors: [unrestored(3, 'vi.spyOn', 'console.warn', VI_FIX, { reach: IN_FILE })] },
    { code: SPIES_CONSOLE_WARN, filename: vitestGuardAtLoad, errors: [unrestored(3, 'vi.spyOn', 'console.warn', VI_FIX, { reach: IN_FILE })] },
    { code: SPIES_CONSOLE_WARN, filename: vitestPackageGuardMissing, errors: [unrestored(3, 'vi.spyOn', 'console.warn', VI_FIX, { reach: IN_FILE })] },
    // Under Mocha a Sinon fake at file level reaches the next files; a Jest spy there would not.
    {
      code: `
const sinon = require('sinon');
const api = require('../src/api');
sinon.stub(api, 'get');
it('a', () => {});`,
      filename: mochaPlain,
      errors: [unrestored(4, 'sinon.stub', 'api.get', SINON_FIX, { where: 'top-level code', reach: `all tests and files (${MOCHA})` })],
    },
    // Bundled one per file, the files still share the process's globals.
    {
      code: `
const sinon = require('sinon');
sinon.stub(console, 'warn');
it('a', () => {});`,
      filename: bundledProject(),
      errors: [unrestored(3, 'sinon.stub', 'console.warn', SINON_FIX, { where: 'top-level code', reach: `all tests and files (${MOCHA})` })],
    },
    // Config restores before each test: a spy made once, before the first test, is already gone.
    {
      code: `
const api = require('../src/api');
jest.spyOn(api, 'get').mockReturnValue(1);
describe('api', () => {
  beforeAll(() => { jest.spyOn(api, 'post'); });
  it('a', () => {});
});`,
      filename: jestRestoreMocks,
      errors: [
        { messageId: 'ineffectiveMock', line: 3, data: { label: 'jest.spyOn', name: 'api.get', where: 'at the top level of the file', source: '`restoreMocks: true` (jest.config.js)' } },
        { messageId: 'ineffectiveMock', line: 5, data: { label: 'jest.spyOn', name: 'api.post', where: 'in a `beforeAll` hook', source: '`restoreMocks: true` (jest.config.js)' } },
      ],
    },
  ],
});

// Suggestions, as the rule ships them: what each kind rewrites to. tests/suggestions.test.ts applies
// them to fixtures whose later test fails and runs the result with the real runner.
suggestionTester.run('no-unrestored-spy suggestions', rule, {
  valid: [],
  invalid: [
    // Mocha's TDD interface has no afterEach: the hook added is its `teardown`.
    {
      code: `
import sinon from 'sinon';
import * as api from '../src/api';

suite('api', () => {
  setup(() => {
    sinon.stub(api, 'load');
  });
  test('first', () => {});
  test('second', () => {});
});
`,
      errors: [{ messageId: 'unrestoredSpy' as const, line: 7, suggestions: [{ messageId: 'suggestRestoreAll' as const, data: { call: 'sinon.restore()' }, output: `
import sinon from 'sinon';
import * as api from '../src/api';

suite('api', () => {
  teardown(() => {
    sinon.restore();
  });

  setup(() => {
    sinon.stub(api, 'load');
  });
  test('first', () => {});
  test('second', () => {});
});
` }] }],
    },
    // A sandbox made at the top level: its own restore, in an afterEach of the block of the beforeEach.
    {
      code: `
import sinon from 'sinon';
import * as api from '../src/api';

const sandbox = sinon.createSandbox();

describe('api', () => {
  beforeEach(() => {
    sandbox.stub(api, 'load');
  });
  it('first', () => {});
  it('second', () => {});
});
`,
      errors: [{ messageId: 'unrestoredSpy' as const, line: 9, suggestions: [{ messageId: 'suggestRestoreAll' as const, data: {"call":"sandbox.restore()"}, output: `
import sinon from 'sinon';
import * as api from '../src/api';

const sandbox = sinon.createSandbox();

describe('api', () => {
  afterEach(() => {
    sandbox.restore();
  });

  beforeEach(() => {
    sandbox.stub(api, 'load');
  });
  it('first', () => {});
  it('second', () => {});
});
` }] }],
    },
  ],
});

/**
 * Where a fake's handle is kept (handles.ts): Mocha's `this` context, members of an object a hook
 * wrapper hands back, collections. Each shape next to its near-miss that stays reported.
 */
const SUPPORT = `export function beforeAll2(cb) {
  const out = {};
  before(async () => {
    const result = await cb();
    Object.assign(out, result);
  });
  return out;
}
export function beforeEach2(cb) {
  const out = {};
  beforeEach(async () => { Object.assign(out, await cb()); });
  return out;
}
export function beforeOnly(cb) {
  const out = {};
  before(async () => { await cb(); });
  return out;
}
`;
const mochaSupport = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
  'test/support/index.js': SUPPORT,
  // Re-exported as sequelize's integration support does.
  'test/integration/support.js': "export * from '../support/index.js';\n",
}, 'test/integration/example.test.js');
const HEAD = "import sinon from 'sinon';\nimport * as api from '../../src/api.js';\n";
const THIS_STUB = `${HEAD}describe('api', function () {
  before(function () { this.stub = sinon.stub(api, 'get'); });
  after(function () { this.stub.restore(); });
  it('a', function () {});
  it('b', function () {});
});
describe('later', () => { it('c', () => {}); });`;
const LOOP = `${HEAD}describe('api', () => {
  let stubs = [];
  afterEach(() => {
    for (const stub of stubs) stub.restore();
    stubs = [];
  });
  it('a', () => { stubs.push(sinon.stub(api, 'get').resolves(1)); });
  it('b', () => {});
});`;
const WRAPPED = `${HEAD}import { beforeAll2, beforeEach2 } from './support.js';
describe('api', () => {
  const vars = beforeAll2(() => ({ stub: sinon.stub(api, 'get'), clock: sinon.useFakeTimers() }));
  after(() => {
    vars.stub.restore();
    vars.clock.restore();
  });
  const spies = beforeEach2(() => ({ post: sinon.stub(api, 'post'), put: sinon.stub(api, 'put') }));
  afterEach(() => {
    for (const spy of Object.values(spies)) spy.restore();
  });
  it('a', () => {});
  it('b', () => {});
});`;

ruleTester.run('no-unrestored-spy: where handles are kept', rule, {
  valid: [
    // Mocha's `this` in a describe's hooks is one context object: the after hook restores the stub the before hook kept there.
    { code: THIS_STUB, filename: mochaSupport },
    // Fake timers on the context, restored per test; an arrow function inside the hook sees the hook's `this`.
    {
      code: `${HEAD}describe('clock', function () {
  beforeEach(function () { this.clock = sinon.useFakeTimers(); this.stubs = [sinon.stub(api, 'get')]; });
  afterEach(function () {
    this.clock.restore();
    this.stubs.forEach((stub) => stub.restore());
  });
  it('a', function () {});
  it('b', function () {});
});`,
      filename: mochaSupport,
    },
    // A sandbox kept on the context restores every fake made through it.
    {
      code: `${HEAD}describe('api', function () {
  beforeEach(function () { this.sinon = sinon.createSandbox(); });
  afterEach(function () { this.sinon.restore(); });
  it('a', function () { this.sinon.stub(api, 'get'); });
  it('b', function () {});
});`,
      filename: mochaSupport,
    },
    // A loop over the collection the stub was pushed into restores it.
    { code: LOOP, filename: mochaSupport },
    // A hook wrapper hands back what its callback returned: `vars.stub`, and every member of `spies` in a loop over its values.
    { code: WRAPPED, filename: mochaSupport },
    // ...also read through destructuring.
    {
      code: `${HEAD}import { beforeAll2 } from './support.js';
describe('api', () => {
  const vars = beforeAll2(() => ({ stub: sinon.stub(api, 'get') }));
  after(() => {
    const { stub } = vars;
    stub.restore();
  });
  it('a', () => {});
});
describe('later', () => { it('b', () => {}); });`,
      filename: mochaSupport,
    },
    // Stubs made by a callback of \`map\` are the elements of the mapped array.
    {
      code: `${HEAD}describe('api', () => {
  let stubs = [];
  beforeEach(() => { stubs = ['get', 'post'].map((name) => sinon.stub(api, name)); });
  afterEach(() => stubs.forEach((stub) => stub.restore()));
  it('a', () => {});
  it('b', () => {});
});`,
      filename: mochaSupport,
    },
    // A callback handed the collection by a library function (lodash's \`_.forEach\`), or with the
    // collection after it (Ramda's order), or by a local helper: it may be called with each element.
    {
      code: `${HEAD}import _ from 'lodash';
describe('api', () => {
  const stubs = [];
  afterEach(() => { _.forEach(stubs, (stub) => stub.restore()); });
  it('a', () => { stubs.push(sinon.stub(api, 'get')); });
  it('b', () => {});
});`,
      filename: mochaSupport,
    },
    {
      code: `${HEAD}const forEach = (fn, list) => { for (const x of list) fn(x); };
describe('api', () => {
  const spies = {};
  afterEach(() => forEach((stub) => stub.restore(), Object.values(spies)));
  it('a', () => { spies.get = sinon.stub(api, 'get'); });
  it('b', () => {});
});`,
      filename: mochaSupport,
    },
    // A local helper's returned stub, kept in a variable.
    {
      code: `${HEAD}const stubGet = () => sinon.stub(api, 'get');
describe('api', () => {
  let stub;
  beforeEach(() => { stub = stubGet(); });
  afterEach(() => stub.restore());
  it('a', () => {});
  it('b', () => {});
});`,
      filename: mochaSupport,
    },
    // mongoose: \`this\` in an arrow describe is the enclosing describe's suite, and \`this.afterEach\` registers a hook on it.
    {
      code: `${HEAD}describe('schema', function () {
  describe('reserved keys', () => {
    this.afterEach(() => sinon.restore());
    it('a', () => { sinon.stub(process, 'emitWarning'); });
    it('b', () => {});
  });
});`,
      filename: mochaSupport,
    },
  ],
  invalid: [
    // The after hook restores a different member of the context.
    {
      code: THIS_STUB.replace('this.stub.restore()', 'this.other.restore()'),
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 4 }],
    },
    // A test's `this` is its describe's context: the stub a test of the inner describe keeps there is not on the outer one.
    {
      code: `${HEAD}describe('outer', function () {
  afterEach(function () { this.stub?.restore(); });
  describe('inner', function () {
    it('a', function () { this.stub = sinon.stub(api, 'get'); });
  });
  it('b', function () {});
});`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 6 }],
    },
    // An after hook of another describe does not run around the stub's hook.
    {
      code: `${HEAD}describe('a', function () {
  before(function () { this.stub = sinon.stub(api, 'get'); });
  it('a', function () {});
});
describe('b', function () {
  after(function () { this.stub.restore(); });
  it('b', function () {});
});`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 4 }],
    },
    // A loop over another collection.
    {
      code: LOOP.replace('for (const stub of stubs)', 'for (const stub of spies)').replace('let stubs = [];', 'let stubs = [];\n  const spies = [];'),
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 10 }],
    },
    // A loop over the values of another object, and a member the wrapper's result does not have.
    {
      code: WRAPPED.replace('Object.values(spies)', 'Object.values(others)').replace('vars.clock.restore()', 'vars.timers.restore()').replace('describe(\'api\', () => {', 'describe(\'api\', () => {\n  const others = {};'),
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 6 }, { messageId: 'unrestoredSpy', line: 11 }, { messageId: 'unrestoredSpy', line: 11 }],
    },
    // The elements of another array.
    {
      code: `${HEAD}describe('api', () => {
  let stubs = [];
  const spies = [];
  beforeEach(() => { stubs = ['get', 'post'].map((name) => sinon.stub(api, name)); });
  afterEach(() => spies.forEach((stub) => stub.restore()));
  it('a', () => {});
  it('b', () => {});
});`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 6 }],
    },
    // A library function handed another collection: the callback's elements are not the stubs.
    {
      code: `${HEAD}import _ from 'lodash';
describe('api', () => {
  const stubs = [];
  const spies = [];
  afterEach(() => { _.forEach(spies, (stub) => stub.restore()); });
  it('a', () => { stubs.push(sinon.stub(api, 'get')); });
  it('b', () => {});
});`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 8 }],
    },
    // The callback's first parameter is the index, not an element: a name, not the handle.
    {
      code: `${HEAD}import _ from 'lodash';
describe('api', () => {
  const stubs = [];
  afterEach(() => { _.times(stubs.length, (i) => i.restore()); });
  it('a', () => { stubs.push(sinon.stub(api, 'get')); });
  it('b', () => {});
});`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 7 }],
    },
    // A wrapper that registers the hook but hands back nothing of the callback's result.
    {
      code: `${HEAD}import { beforeOnly } from '../support/index.js';
describe('api', () => {
  const vars = beforeOnly(() => ({ stub: sinon.stub(api, 'get') }));
  after(() => { vars.stub.restore(); });
  it('a', () => {});
});
describe('later', () => { it('b', () => {}); });`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 5 }],
    },
    // The wrapper calls its callback without Mocha's context: \`this\` there is not the describe's.
    {
      code: `${HEAD}import { beforeAll2 } from './support.js';
describe('api', function () {
  beforeAll2(function () { this.stub = sinon.stub(api, 'get'); return {}; });
  after(function () { this.stub.restore(); });
  it('a', function () {});
});
describe('later', () => { it('b', () => {}); });`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 5 }],
    },
    // \`this.afterEach\` of a sibling describe's suite does not run around these tests.
    {
      code: `${HEAD}describe('schema', function () {
  describe('one', function () {
    this.afterEach(() => sinon.restore());
    it('a', () => {});
  });
  describe('two', () => {
    it('b', () => { sinon.stub(process, 'emitWarning'); });
    it('c', () => {});
  });
});`,
      filename: mochaSupport,
      errors: [{ messageId: 'unrestoredSpy', line: 9 }],
    },
  ],
});


ruleTester.run('no-unrestored-spy: fakes used up, or made again before use (hygiene)', rule, {
  valid: [
    // The only fake is a Once the test uses up: what stays calls through (reported with `strict`).
    `
import { it, vi } from 'vitest';
import * as core from '../src/core';
import { handleError } from '../src/handler';
it('a', () => {
  vi.spyOn(core, 'getClient').mockReturnValueOnce(undefined);
  handleError(new Error('x'));
});
it('b', () => { handleError(new Error('y')); });`,
    // The same through the handle.
    `
import { it, vi } from 'vitest';
import * as core from '../src/core';
import { handleError } from '../src/handler';
it('a', () => {
  const spy = vi.spyOn(core, 'getClient');
  spy.mockReturnValueOnce(undefined);
  handleError(new Error('x'));
});
it('b', () => { handleError(new Error('y')); });`,
    // Every later test that calls validate() fakes debug.warn again first: the first fake is never used.
    `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('c', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});`,
    // What the new fake's implementation calls runs only when the fake is called, after it is in place (sentry's nuxt utils test).
    `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  vi.spyOn(debug, 'warn').mockImplementation((message) => { record(message.trim()); });
  validate();
});`,
    // console.error, which neither runner reads between tests, silenced again first; a test between that runs nothing of the file.
    `
import { it, vi } from 'vitest';
import { report } from '../src/report';
it('a', () => {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
  report('x');
  expect(spy).toHaveBeenCalled();
  spy.mockRestore();
});
it('between', () => { expect(1 + 1).toBe(2); });
it('b', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  report('y');
});`,
    // Fake timers installed again first (Jest starts each clock afresh); a hook that only calls the framework runs between.
    `
import { report } from '../src/report';
afterEach(() => { jest.clearAllMocks(); });
it('a', () => {
  jest.useFakeTimers();
  report('x');
  jest.runAllTimers();
});
it('b', () => {
  jest.useFakeTimers();
  report('y');
});`,
    // An it.each whose every run fakes it first, then a later test that does too.
    `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it.each([1, 2])('a %i', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});`,
    // A skipped test between runs nothing.
    `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it.skip('skipped', () => { validate(); });
it('b', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});`,
  ],
  invalid: [
    // Reported with strict.
    {
      code: `
import { it, vi } from 'vitest';
import * as core from '../src/core';
import { handleError } from '../src/handler';
it('a', () => {
  vi.spyOn(core, 'getClient').mockReturnValueOnce(undefined);
  handleError(new Error('x'));
});
it('b', () => { handleError(new Error('y')); });`,
      options: [{ strict: true }],
      errors: [unrestored(6, 'vi.spyOn', 'core.getClient', VI_FIX)],
    },
    // The test never calls the code under test after the Once: the fake is still waiting for the next test.
    {
      code: `
import { it, vi } from 'vitest';
import * as core from '../src/core';
import { handleError } from '../src/handler';
it('a', () => {
  vi.spyOn(core, 'getClient').mockReturnValueOnce(undefined);
});
it('b', () => { handleError(new Error('y')); });`,
      errors: [unrestored(6, 'vi.spyOn', 'core.getClient', VI_FIX)],
    },
    // The Once is set only in a branch, and so may not be used up.
    {
      code: `
import { it, vi } from 'vitest';
import * as core from '../src/core';
import { handleError } from '../src/handler';
it('a', () => {
  const spy = vi.spyOn(core, 'getClient');
  if (process.env.CI) spy.mockReturnValueOnce(undefined);
  handleError(new Error('x'));
});
it('b', () => { handleError(new Error('y')); });`,
      errors: [unrestored(6, 'vi.spyOn', 'core.getClient', VI_FIX)],
    },
    // Two Onces, one call after them: one fake is left for the next test.
    {
      code: `
import { it, vi } from 'vitest';
import * as core from '../src/core';
import { handleError } from '../src/handler';
it('a', () => {
  vi.spyOn(core, 'getClient').mockReturnValueOnce(undefined).mockReturnValueOnce(undefined);
  handleError(new Error('x'));
});
it('b', () => { handleError(new Error('y')); });`,
      errors: [unrestored(6, 'vi.spyOn', 'core.getClient', VI_FIX)],
    },
    // A lasting fake besides the Once.
    {
      code: `
import { it, vi } from 'vitest';
import * as core from '../src/core';
import { handleError } from '../src/handler';
it('a', () => {
  const spy = vi.spyOn(core, 'getClient').mockReturnValueOnce(undefined);
  spy.mockReturnValue(undefined);
  handleError(new Error('x'));
});
it('b', () => { handleError(new Error('y')); });`,
      errors: [unrestored(6, 'vi.spyOn', 'core.getClient', VI_FIX)],
    },
    // Made again before use: reported with strict.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});`,
      options: [{ strict: true }],
      errors: [unrestored(6, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // The later test's spy sets no behaviour of its own: it hands back the leftover, fake and all.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  const spy = vi.spyOn(debug, 'warn');
  validate();
  expect(spy).toHaveBeenCalled();
});`,
      errors: [unrestored(6, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // A test that reads console before it silences it again.
    {
      code: `
import { it, vi } from 'vitest';
import { report } from '../src/report';
it('a', () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  report('x');
});
it('b', () => {
  console.error('visible?');
  vi.spyOn(console, 'error').mockImplementation(() => {});
  report('y');
});`,
      errors: [unrestored(5, 'vi.spyOn', 'console.error', VI_FIX)],
    },
    // A beforeEach that runs the file's code before the next test fakes it again.
    {
      code: `
import { beforeEach, it, vi } from 'vitest';
import { debug } from '../src/debug';
import { reset, validate } from '../src/validate';
beforeEach(() => { reset(); });
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});`,
      errors: [unrestored(7, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // The code under test built with \`new\` before the fake is put in again.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { Validator } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  new Validator().run();
});
it('b', () => {
  const validator = new Validator();
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validator.run();
});`,
      errors: [unrestored(6, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // The only later test that fakes it again may be skipped by its condition; the one after it runs the code first.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it.skipIf(process.platform === 'win32')('b', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('c', () => { validate(); });`,
      errors: [unrestored(6, 'vi.spyOn', 'debug.warn', VI_FIX), unrestored(10, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // An it.each run that calls the code before it fakes it again sees the last run's fake.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it.each([1, 2])('a %i', () => {
  validate();
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
});`,
      errors: [unrestored(7, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // Vitest keeps the time a test set on its fake clock when the next test installs one again.
    {
      code: `
import { it, vi } from 'vitest';
import { stamp } from '../src/report';
it('a', () => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
  stamp();
});
it('b', () => {
  vi.useFakeTimers();
  stamp();
});`,
      errors: [unrestored(5, 'vi.useFakeTimers', 'Date and the timers', 'call `vi.useRealTimers()` in `afterEach`')],
    },
    // A global the runner and the assertions read between tests: the next test fakes it again too late.
    {
      code: `
import { it, vi } from 'vitest';
import { copy } from '../src/copy';
it('a', () => {
  vi.spyOn(Array, 'isArray').mockImplementation(() => true);
  copy([]);
});
it('b', () => {
  vi.spyOn(Array, 'isArray').mockImplementation(() => true);
  copy([]);
});`,
      errors: [unrestored(5, 'vi.spyOn', 'Array.isArray', VI_FIX)],
    },
    // One later test calls validate() without faking debug.warn first: it runs with the first test's fake.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  validate();
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
});`,
      errors: [unrestored(6, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // A call in the new fake's implementation is no use before it; a call of the file's code before the new fake is.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  validate();
  vi.spyOn(debug, 'warn').mockImplementation((message) => { record(message.trim()); });
});`,
      errors: [unrestored(6, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
    // The later test fakes it only in a branch.
    {
      code: `
import { it, vi } from 'vitest';
import { debug } from '../src/debug';
import { validate } from '../src/validate';
it('a', () => {
  vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});
it('b', () => {
  if (process.env.CI) vi.spyOn(debug, 'warn').mockImplementation(() => {});
  validate();
});`,
      errors: [unrestored(6, 'vi.spyOn', 'debug.warn', VI_FIX)],
    },
  ],
});

ruleTester.run('no-unrestored-spy: a spy on the file’s own mock function (hygiene)', rule, {
  valid: [
    // The factory makes `get` a mock function: vi.spyOn hands it back, and the fake stays on the file's own mock.
    `
import { it, vi } from 'vitest';
import * as m from '../src/m';
vi.mock('../src/m', () => ({ get: vi.fn() }));
it('a', () => { vi.spyOn(m, 'get').mockReturnValue(1); });
it('b', () => { m.get(); });`,
    // A factory with a block body, the real module spread under it, and a nested member.
    `
import { it, vi } from 'vitest';
import { debug } from '@acme/core';
vi.mock('@acme/core', async () => {
  const actual = await vi.importActual('@acme/core');
  return { ...actual, debug: { warn: vi.fn() } };
});
it('a', () => { vi.spyOn(debug, 'warn').mockImplementation(() => {}); });
it('b', () => { debug.warn('x'); });`,
    // A mock function given its fake in the factory's own chain (sentry's turbopack config test), and a returned const.
    `
import { it, vi } from 'vitest';
import * as path from 'path';
vi.mock('path', async () => {
  const actual = await vi.importActual('path');
  const mocked = { ...actual, resolve: vi.fn().mockImplementation((...args) => args.join('/')) };
  return mocked;
});
it('a', () => { vi.spyOn(path, 'resolve').mockReturnValue('/x'); });
it('b', () => { path.resolve('y'); });`,
  ],
  invalid: [
    {
      code: `
import { it, vi } from 'vitest';
import * as m from '../src/m';
vi.mock('../src/m', () => ({ get: vi.fn() }));
it('a', () => { vi.spyOn(m, 'get').mockReturnValue(1); });
it('b', () => { m.get(); });`,
      options: [{ strict: true }],
      errors: [unrestored(5, 'vi.spyOn', 'm.get', VI_FIX)],
    },
    // The factory keeps the real `other` (a spread of the module): the spy replaces it.
    {
      code: `
import { it, vi } from 'vitest';
import * as m from '../src/m';
vi.mock('../src/m', async () => ({ ...(await vi.importActual('../src/m')), get: vi.fn() }));
it('a', () => { vi.spyOn(m, 'other').mockReturnValue(1); });
it('b', () => { m.other(); });`,
      errors: [unrestored(5, 'vi.spyOn', 'm.other', VI_FIX)],
    },
    // A spread after the mock function brings the real member back.
    {
      code: `
import { it, vi } from 'vitest';
import * as m from '../src/m';
vi.mock('../src/m', async () => ({ get: vi.fn(), ...(await vi.importActual('../src/m')) }));
it('a', () => { vi.spyOn(m, 'get').mockReturnValue(1); });
it('b', () => { m.get(); });`,
      errors: [unrestored(5, 'vi.spyOn', 'm.get', VI_FIX)],
    },
    // One of the factory's returns keeps the real member.
    {
      code: `
import { it, vi } from 'vitest';
import * as m from '../src/m';
vi.mock('../src/m', async () => {
  const actual = await vi.importActual('../src/m');
  if (process.env.REAL) return actual;
  return { ...actual, get: vi.fn() };
});
it('a', () => { vi.spyOn(m, 'get').mockReturnValue(1); });
it('b', () => { m.get(); });`,
      errors: [unrestored(9, 'vi.spyOn', 'm.get', VI_FIX)],
    },
    // A plain function in the factory is not a mock function: spyOn wraps it.
    {
      code: `
import { it, vi } from 'vitest';
import * as m from '../src/m';
vi.mock('../src/m', () => ({ get: () => 0 }));
it('a', () => { vi.spyOn(m, 'get').mockReturnValue(1); });
it('b', () => { m.get(); });`,
      errors: [unrestored(5, 'vi.spyOn', 'm.get', VI_FIX)],
    },
  ],
});

ruleTester.run('no-unrestored-spy: call-through spies faked by a wrapper, or whose calls a later test reads', rule, {
  valid: [
    // Only called by later tests, its calls never read after its test: hygiene.
    `
import { it, vi } from 'vitest';
import * as api from '../src/api';
it('a', () => { vi.spyOn(api, 'get'); api.run(); });
it('b', () => { api.get('/x'); });`,
    // A local function named when is no fake: the spy still calls through.
    `
import { it, vi } from 'vitest';
import * as api from '../src/api';
const when = (spy) => spy;
it('a', () => { when(vi.spyOn(api, 'get')); api.run(); });
it('b', () => { api.get('/x'); });`,
    // The wrapper's fake is restored after each test.
    `
import { afterEach, it, vi } from 'vitest';
import { when } from 'vitest-when';
import * as api from '../src/api';
afterEach(() => { vi.restoreAllMocks(); });
it('a', () => { when(vi.spyOn(api, 'get')).calledWith('/x').thenReturn('fake'); });
it('b', () => {});`,
  ],
  invalid: [
    // vitest-when and jest-when set the spy's implementation: a fake, as mockReturnValue is (through an alias and a handle too).
    {
      code: `
import { it, vi } from 'vitest';
import { when } from 'vitest-when';
import * as api from '../src/api';
it('a', () => { when(vi.spyOn(api, 'get')).calledWith('/x').thenReturn('fake'); });
it('b', () => {});`,
      errors: [unrestored(5, 'vi.spyOn', 'api.get', VI_FIX)],
    },
    {
      code: `
const { when: whenCalled } = require('jest-when');
const api = require('../src/api');
it('a', () => {
  const spy = jest.spyOn(api, 'get');
  whenCalled(spy).calledWith('/x').mockReturnValue('fake');
});
it('b', () => {});`,
      errors: [unrestored(5, 'jest.spyOn', 'api.get', JEST_FIX_NO_HANDLE)],
    },
    // Calls read by a later test, through a view of the spy or its record, in any assertion: it sees this test's calls.
    {
      code: `
const assert = require('node:assert');
const api = require('../src/api');
it('a', () => { jest.spyOn(api, 'get'); jest.spyOn(api, 'put'); api.run(); });
it('b', () => {
  const calls = jest.mocked(api.get).mock.calls;
  assert.equal(calls.length, 1);
  assert.equal(api.put.mock.calls.length, 1);
});`,
      errors: [unrestored(4, 'jest.spyOn', 'api.get', JEST_FIX_NO_HANDLE), unrestored(4, 'jest.spyOn', 'api.put', JEST_FIX_NO_HANDLE)],
    },
  ],
});

// Objects shared by the tests of a block (issue 19 item 5): a value made once for a describe (its
// body, a `before` hook, what a hook wrapper hands back) lives on between its tests; one made in
// `beforeEach` is each test's own. A fake left on it reaches the block's later tests that use it.
const BLOCK_CLIENT = `const sinon = require('sinon');
const { Client } = require('../src/client');
describe('client', () => {
  let client;
  before(() => { client = new Client(); });
  it('stubs', () => {
    sinon.stub(client, 'send').returns(1);
  });
  it('sends', () => {
    client.send();
  });
});`;
/** sequelize's `beforeAll2`/`beforeEach2`: hook wrappers that hand back what their callback returned. */
const hookWrappers = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0", "sinon": "^21.0.0" }, "scripts": { "test": "mocha" } }',
  'test/support.ts': `export function beforeAll2(cb) { const out = {}; before(async () => { Object.assign(out, await cb()); }); return out; }
export function beforeEach2(cb) { const out = {}; beforeEach(async () => { Object.assign(out, await cb()); }); return out; }
`,
});
const WRAPPED_MODEL = `import sinon from 'sinon';
import { beforeAll2 } from './support';
import { define } from '../src/models';
describe('Model#findCreateFind', () => {
  const vars = beforeAll2(() => {
    const TestModel = define('TestModel');
    return { TestModel };
  });
  beforeEach(function () {
    this.sinon = sinon.createSandbox();
  });
  it('finds', async function () {
    const { TestModel } = vars;
    this.sinon.stub(TestModel, 'findOne').resolves({});
  });
  it('creates', async function () {
    const { TestModel } = vars;
    this.sinon.stub(TestModel, 'findOne').resolves(null);
  });
});`;
const BLOCK_REACH = 'later tests of its describe block';

ruleTester.run('no-unrestored-spy: objects shared by the tests of a block', rule, {
  valid: [
    // Made in beforeEach: each test stubs its own client.
    BLOCK_CLIENT.replace('before(() =>', 'beforeEach(() =>'),
    // Restored after each test, by a restore-all or through the member itself.
    BLOCK_CLIENT.replace("  it('stubs'", "  afterEach(() => sinon.restore());\n  it('stubs'"),
    BLOCK_CLIENT.replace("  it('stubs'", "  afterEach(() => { client.send.restore(); });\n  it('stubs'"),
    // Only one test in the block: no later test.
    BLOCK_CLIENT.replace(/ {2}it\('sends'[^]*?\n {2}\}\);\n/, ''),
    // The later test does not use the client.
    BLOCK_CLIENT.replace('client.send();', 'expect(1).to.equal(1);'),
    // The later test's `client` is its own (shadowed): the block's client is not used there.
    BLOCK_CLIENT.replace('client.send();', 'const client = new Client();\n    client.send();'),
    // Stubbed while the block is set up (its own before hook): the block's baseline, the same for every test.
    BLOCK_CLIENT.replace("    sinon.stub(client, 'send').returns(1);", '    client.send();').replace('client = new Client();', "client = new Client(); sinon.stub(client, 'send').returns(1);"),
    // A Sinon spy that calls through and is never wrapped again: hygiene (reported with `strict`).
    BLOCK_CLIENT.replace("sinon.stub(client, 'send').returns(1);", "sinon.spy(client, 'send');"),
    // The hook wrapper fills its result anew before each test (`beforeEach2`): each test's own model.
    { code: WRAPPED_MODEL.replaceAll('beforeAll2', 'beforeEach2'), filename: hookWrappers },
    // The sequelize shape, restored after each test.
    { code: WRAPPED_MODEL.replace("  it('finds'", "  afterEach(function () {\n    this.sinon.restore();\n  });\n  it('finds'"), filename: hookWrappers },
  ],
  invalid: [
    // Made in before, stubbed in one test, used by a later one: the block's later tests only, never other files.
    {
      code: BLOCK_CLIENT,
      errors: [unrestored(7, 'sinon.stub', 'client.send', SINON_FIX, { reach: BLOCK_REACH })],
    },
    // Made in the describe body: the same.
    {
      code: BLOCK_CLIENT.replace("  let client;\n  before(() => { client = new Client(); });", '  const client = new Client();'),
      errors: [unrestored(6, 'sinon.stub', 'client.send', SINON_FIX, { reach: BLOCK_REACH })],
    },
    // Made at the top level of the file: every later test of the file.
    {
      code: `const sinon = require('sinon');
const { Client } = require('../src/client');
const client = new Client();
it('stubs', () => { sinon.stub(client, 'send'); });
it('sends', () => { client.send(); });`,
      errors: [unrestored(4, 'sinon.stub', 'client.send', SINON_FIX, { reach: 'later tests of the file' })],
    },
    // Through a member and an alias: `knex.client` of the describe's `knex`.
    {
      code: BLOCK_CLIENT.replace("sinon.stub(client, 'send')", "const inner = client.pool;\n    sinon.stub(inner, 'send')"),
      errors: [unrestored(8, 'sinon.stub', 'inner.send', SINON_FIX, { reach: BLOCK_REACH })],
    },
    // Mocha's `this`, set in a before hook and shared by the describe's tests.
    {
      code: `const sinon = require('sinon');
const { Client } = require('../src/client');
describe('client', function () {
  before(function () { this.client = new Client(); });
  it('stubs', function () { sinon.stub(this.client, 'send'); });
  it('sends', function () { this.client.send(); });
});`,
      errors: [unrestored(5, 'sinon.stub', 'this.client.send', SINON_FIX, { reach: BLOCK_REACH })],
    },
    // Restored only when the test passes.
    {
      code: BLOCK_CLIENT.replace("sinon.stub(client, 'send').returns(1);", "const stub = sinon.stub(client, 'send').returns(1);\n    client.send();\n    stub.restore();"),
      errors: [{ messageId: 'restoreSkippedOnFailure', line: 7, data: { label: 'sinon.stub', name: 'client.send', line: '9', fix: SINON_FIX } }],
    },
    // sequelize's shape: the model handed back by `beforeAll2`, stubbed through a sandbox on Mocha's `this` that nothing restores.
    {
      code: WRAPPED_MODEL,
      filename: hookWrappers,
      errors: [
        { messageId: 'unrestoredSpy', line: 14, data: { label: 'this.sinon.stub', name: 'TestModel.findOne', where: 'a test', reach: BLOCK_REACH, fix: 'call `this.sinon.restore()` in `afterEach`' } },
      ],
    },
  ],
});
