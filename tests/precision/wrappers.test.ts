/**
 * Project helpers that wrap the framework: `firebaseTest(name, fn)` from the suite's own
 * `test_hooks.ts` registers Mocha's `test(name, async () => { await fn() })`. The callback handed
 * to such a helper runs as a test (or a describe body), so its writes are judged as a test's, with
 * the hooks of the describe the helper makes. The helper module is read statically; only what it
 * exports and registers through the framework's own names counts.
 */
import moduleRule from '../../rules/no-unrestored-module-patch.js';
import { collectionTime, laterTests, unrestored } from '../patch-messages.js';
import { projectWith, ruleTester } from '../rule-tester.js';

/** Mocha's TDD interface through a helper module, as firebase-tools' VS Code extension writes it. */
const TDD_HOOKS = `
import * as Mocha from 'mocha';
export function firebaseTest(description: string, cb: () => void | Promise<void>) {
  setup(async function () {});
  test(description, async function () {
    await cb();
  });
}
export function firebaseSuite(description: string, cb: () => void) {
  suite(description, function (this: Mocha.Suite) {
    try {
      cb();
    } finally {
      // scoped setups are put back here
    }
  });
}
export function notAWrapper(description: string, cb: () => void) {
  cb();
}
`;

const mochaTdd = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha --ui tdd" } }',
  'test/utils/test_hooks.ts': TDD_HOOKS,
  // The same helpers in CommonJS, with BDD names imported from the framework's module.
  'test/utils/bdd.js': `const { it, describe } = require('mocha');\nfunction check(name, fn) { it(name, () => fn()); }\nexports.check = check;\n`,
  'test/utils/esm-bdd.mjs': `import { it as mochaIt } from 'mocha';\nexport const check = (name, fn) => mochaIt(name, fn);\n`,
});
const jest = projectWith({
  'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }',
  'test/helpers/index.ts': `export function scenario(name: string, fn: () => void) {\n  describe(name, () => {\n    it('runs', fn);\n  });\n}\n`,
});

const IMPORTS = `import { config } from '../src/config';\nimport { firebaseSuite, firebaseTest, notAWrapper } from './utils/test_hooks';\n`;

ruleTester.run('helpers that wrap the framework', moduleRule, {
  valid: [
    // The wrapped suite's teardown puts the member back after each wrapped test.
    {
      code: `${IMPORTS}const saved = config.value;\nfirebaseSuite('s', () => {\n  teardown(() => { config.value = saved; });\n  firebaseTest('a', () => { config.value = 1; });\n  firebaseTest('b', () => {});\n});`,
      filename: mochaTdd,
    },
    // A wrapped test is a test: in a Jest file (isolated), the file's last test leaks to no one.
    {
      code: `import { config } from '../src/config';\nimport { scenario } from './helpers';\nit('a', () => {});\nscenario('b', () => { config.value = 1; });`,
      filename: jest,
    },
  ],
  invalid: [
    // A write in a wrapped test that nothing restores: later tests see it (not "at top level").
    {
      code: `${IMPORTS}firebaseSuite('s', () => {\n  firebaseTest('a', () => { config.value = 1; });\n  firebaseTest('b', () => {});\n});`,
      filename: mochaTdd,
      errors: [unrestored(4, 'config.value', { reach: laterTests('Mocha'), remedy: 'save it and put it back in `afterEach`' })],
    },
    // A helper that only calls its callback registers nothing: its callback runs while the file loads.
    {
      code: `${IMPORTS}notAWrapper('s', () => { config.value = 1; });\ntest('b', () => {});`,
      filename: mochaTdd,
      errors: [collectionTime(3, 'config.value', { where: 'at top level', reach: 'all tests and files (Mocha)', remedy: 'save it and put it back in `afterEach`' })],
    },
    // CommonJS and ESM helpers whose `it` is imported from the framework's module.
    {
      code: `const { config } = require('../src/config');\nconst { check } = require('./utils/bdd');\ncheck('a', () => { config.value = 1; });\ncheck('b', () => {});`,
      filename: mochaTdd,
      errors: [unrestored(3, 'config.value', { reach: laterTests('Mocha'), remedy: 'save it and put it back in `afterEach`' })],
    },
    {
      code: `import { config } from '../src/config';\nimport { check } from './utils/esm-bdd.mjs';\ncheck('a', () => { config.value = 1; });\ncheck('b', () => {});`,
      filename: mochaTdd,
      errors: [unrestored(3, 'config.value', { reach: laterTests('Mocha'), remedy: 'save it and put it back in `afterEach`' })],
    },
    // Wrapped in Jest, with a later test in the file: later tests of the file see it.
    {
      code: `import { config } from '../src/config';\nimport { scenario } from './helpers';\nscenario('a', () => { config.value = 1; });\nit('b', () => {});`,
      filename: jest,
      errors: [{ messageId: 'unrestoredPatch', line: 3 }],
    },
  ],
});

/** sequelize's hook wrapper, re-exported by the integration tests' own support module. */
const mochaHookWrapper = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha" } }',
  'test/support.js': 'export function beforeAll2(cb) {\n  const out = {};\n  before(async () => { Object.assign(out, await cb()); });\n  return out;\n}\n',
  'test/integration/support.js': "export * from '../support.js';\n",
}, 'test/integration/example.test.js');
const HOOK_WRAPPED = `import { config } from '../../src/config';
import { beforeAll2 } from './support.js';
describe('a', () => {
  const saved = config.value;
  beforeAll2(() => { config.value = 1; });
  after(() => { config.value = saved; });
  it('a', () => {});
});
describe('b', () => { it('b', () => {}); });`;

ruleTester.run('helpers that wrap a hook', moduleRule, {
  valid: [
    // The re-exported wrapper's callback is a `before` hook of the describe: its `after` puts the member back.
    { code: HOOK_WRAPPED, filename: mochaHookWrapper },
  ],
  invalid: [
    // Without the after hook, the describe's later tests and the next describe see it: a write in a hook, not in the describe body.
    {
      code: HOOK_WRAPPED.replace('  after(() => { config.value = saved; });\n', ''),
      filename: mochaHookWrapper,
      errors: [unrestored(5, 'config.value', { where: 'a hook', reach: laterTests('Mocha'), remedy: 'save it and put it back in `afterEach`' })],
    },
  ],
});

/** firebase-tools' VS Code extension: signals made by a factory that remembers them, and a reset for tests. */
const GLOBALS = `import { signal } from '@preact/signals-core';
const globals: Array<{ reset(): void }> = [];
export function resetGlobals() {
  globals.forEach((g) => g.reset());
}
export function globalSignal<T>(initialData: T) {
  const s: any = signal(initialData);
  s.reset = () => {
    s.value = initialData;
  };
  globals.push(s);
  return s;
}
export function plainSignal<T>(initialData: T) {
  return signal(initialData);
}
export function forget() {}
export function resetShadowed() {
  const globals: Array<{ reset(): void }> = [];
  globals.forEach((g) => g.reset());
}
`;
const registry = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha --ui tdd" } }',
  'src/utils/globals.ts': GLOBALS,
  'src/core/config.ts': `import { globalSignal, plainSignal } from '../utils/globals';\nexport const firebaseConfig = globalSignal<object | undefined>(undefined);\nexport const counter = plainSignal(0);\n`,
  'test/utils/test_hooks.ts': TDD_HOOKS,
});
// The same registry reset with `for...of` over a Set the factory adds to.
const registryForOf = projectWith({
  'package.json': '{ "devDependencies": { "mocha": "^11.0.0" }, "scripts": { "test": "mocha --ui tdd" } }',
  'src/utils/globals.ts': GLOBALS.replace('const globals: Array<{ reset(): void }> = [];', 'const globals = new Set<{ reset(): void }>();')
    .replace('globals.forEach((g) => g.reset());', 'for (const g of globals) g.reset();')
    .replace('globals.push(s);', 'globals.add(s);'),
  'src/core/config.ts': `import { globalSignal, plainSignal } from '../utils/globals';\nexport const firebaseConfig = globalSignal<object | undefined>(undefined);\nexport const counter = plainSignal(0);\n`,
  'test/utils/test_hooks.ts': TDD_HOOKS,
});
const REGISTRY_IMPORTS = `import { firebaseConfig, counter } from '../src/core/config';\nimport { resetGlobals, forget, resetShadowed } from '../src/utils/globals';\nimport { firebaseSuite, firebaseTest } from './utils/test_hooks';\n`;

ruleTester.run('a reset of the registry the member belongs to', moduleRule, {
  valid: [
    // firebase-vscode core/config.test.ts: `teardown(() => resetGlobals())` puts every global signal back.
    {
      code: `${REGISTRY_IMPORTS}firebaseSuite('s', () => {\n  teardown(() => resetGlobals());\n  firebaseTest('a', () => { firebaseConfig.value = { x: 1 }; });\n  firebaseTest('b', () => {});\n});`,
      filename: registry,
    },
    {
      code: `${REGISTRY_IMPORTS}firebaseSuite('s', () => {\n  teardown(() => resetGlobals());\n  firebaseTest('a', () => { firebaseConfig.value = { x: 1 }; });\n  firebaseTest('b', () => {});\n});`,
      filename: registryForOf,
    },
  ],
  invalid: [
    // A write of a member the reset method does not write back.
    {
      code: `${REGISTRY_IMPORTS}firebaseSuite('s', () => {\n  teardown(() => resetGlobals());\n  firebaseTest('a', () => { firebaseConfig.peek = () => 1; });\n  firebaseTest('b', () => {});\n});`,
      filename: registry,
      errors: [{ messageId: 'unrestoredPatch', line: 6 }],
    },
    // A reset whose list is a local of the same name resets other objects (resolved through scope, not by name).
    {
      code: `${REGISTRY_IMPORTS}firebaseSuite('s', () => {\n  teardown(() => resetShadowed());\n  firebaseTest('a', () => { firebaseConfig.value = { x: 1 }; });\n  firebaseTest('b', () => {});\n});`,
      filename: registry,
      errors: [{ messageId: 'unrestoredPatch', line: 6 }],
    },
    // A signal the factory does not remember is not reset.
    {
      code: `${REGISTRY_IMPORTS}firebaseSuite('s', () => {\n  teardown(() => resetGlobals());\n  firebaseTest('a', () => { counter.value = 1; });\n  firebaseTest('b', () => {});\n});`,
      filename: registry,
      errors: [{ messageId: 'unrestoredPatch', line: 6 }],
    },
    // Another export of the module resets nothing.
    {
      code: `${REGISTRY_IMPORTS}firebaseSuite('s', () => {\n  teardown(() => forget());\n  firebaseTest('a', () => { firebaseConfig.value = { x: 1 }; });\n  firebaseTest('b', () => {});\n});`,
      filename: registry,
      errors: [{ messageId: 'unrestoredPatch', line: 6 }],
    },
    // The reset runs only once the whole suite is done: too late for the next test.
    {
      code: `${REGISTRY_IMPORTS}firebaseSuite('s', () => {\n  suiteTeardown(() => resetGlobals());\n  firebaseTest('a', () => { firebaseConfig.value = { x: 1 }; });\n  firebaseTest('b', () => {});\n});`,
      filename: registry,
      errors: [{ messageId: 'restoredTooLate', line: 6 }],
    },
  ],
});

/** vite's module-runner tests: a helper sets up hooks and returns Vitest's `test` extended with fixtures. */
const TESTER = `
import { beforeEach, test } from 'vitest';
export async function createTester(config = {}) {
  beforeEach(async (t) => { t.server = await start(config); });
  return test.extend({ runner: async ({}, use) => { await use(makeRunner()); } });
}
export function createServer() {
  return { close() {} };
}
export const plainTest = () => test;
`;
const vitestTester = projectWith({
  'package.json': '{ "devDependencies": { "vitest": "^4.0.0" }, "scripts": { "test": "vitest run" } }',
  'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { isolate: false } });\n",
  'test/utils.ts': TESTER,
}, 'test/hmr.spec.ts');
const USES_TESTER = (make: string) => `import { describe, onTestFinished } from 'vitest';
import * as api from '../src/api';
import { ${make} } from './utils';
describe('hmr', async () => {
  const it = await ${make}();
  it('a', () => {
    api.mode = 'race';
    onTestFinished(() => { api.mode = 'normal'; });
  });
  it('b', () => {});
});`;

ruleTester.run('test functions returned by project helpers', moduleRule, {
  valid: [
    // The returned function registers tests: the write is a test's, put back by its onTestFinished.
    { code: USES_TESTER('createTester'), filename: vitestTester },
    { code: USES_TESTER('plainTest'), filename: vitestTester },
  ],
  invalid: [
    // A helper that returns something else: its `it` registers nothing the rule knows, so the write runs with the describe body.
    { code: USES_TESTER('createServer'), filename: vitestTester, errors: [{ messageId: 'collectionTimePatch', line: 7 }] },
  ],
});
