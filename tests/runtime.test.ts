/**
 * The fixtures, run with their real test runners in one process: the leak is not a theory. The
 * incident's contract test fails after the leaking file, passes alone and passes when it runs first;
 * every fixed variant passes in one process.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jasmine, jest, mocha, nodeTest, vitest } from './run-fixture.js';

const CONTRACT = 'agent proxy: header precedence contract merges environment and request headers, the request winning';
const LEAKING_FILE = 'test/agent_proxy_headers_and_errors.test.js';
const CONTRACT_FILE = 'test/agent_proxy_validation_errors.test.js';

describe('the incident, run with Mocha in one process', { timeout: 60_000 }, () => {
  it('fails the header contract when the leaking file runs first', async () => {
    assert.deepEqual(await mocha('fake-invoker'), { passed: 2, failed: [CONTRACT] });
  });

  it('passes the contract alone', async () => {
    assert.deepEqual(await mocha('fake-invoker', [CONTRACT_FILE]), { passed: 1, failed: [] });
  });

  it('passes everything when the contract runs before the leaking file', async () => {
    assert.deepEqual(await mocha('fake-invoker', [CONTRACT_FILE, LEAKING_FILE]), { passed: 3, failed: [] });
  });
});

describe('every fixed variant passes in one process', { timeout: 60_000 }, () => {
  for (const variant of ['finally', 'aftereach', 'sinon']) {
    it(`fake-invoker-fixed-${variant} (Mocha)`, async () => {
      assert.deepEqual(await mocha(`fake-invoker-fixed-${variant}`), { passed: 3, failed: [] });
    });
  }

  it('fake-invoker-fixed-node-test (node:test, both files in one process)', async () => {
    assert.deepEqual(await nodeTest('fake-invoker-fixed-node-test', 'test/all.js'), { passed: 3, failed: [] });
  });

  it('fake-invoker-fixed-vitest-ts (Vitest, isolate: false)', async () => {
    assert.deepEqual(await vitest('fake-invoker-fixed-vitest-ts'), { passed: 3, failed: [] });
  });
});

describe('every remedy the messages suggest runs: in place during the test, gone in the next', { timeout: 120_000 }, () => {
  it('Jest (restoreMocks): spyOn on a function and a class, replaceProperty on a value and a global, save and restore for env', async () => {
    assert.deepEqual(await jest('remedies-jest'), { passed: 2, failed: [] });
  });

  it('Vitest (restoreMocks, unstubGlobals, unstubEnvs): spyOn, stubGlobal on a function and a value, stubEnv', async () => {
    assert.deepEqual(await vitest('remedies-vitest'), { passed: 2, failed: [] });
  });

  it('Mocha + Sinon: sinon.replace on a function, a class, a value and a global, sinon.restore() in afterEach', async () => {
    assert.deepEqual(await mocha('remedies-sinon'), { passed: 2, failed: [] });
  });

  it('node:test: t.mock.method on a member and a global, save and restore in t.after() for a value and env', async () => {
    assert.deepEqual(await nodeTest('remedies-node-test', 'test/remedies.test.js'), { passed: 2, failed: [] });
  });

  it('Jasmine: spyOn on a function, a class, a global function and Date.now; save and restore in afterEach for a value, a global value and env', async () => {
    assert.deepEqual(await jasmine('remedies-jasmine'), { passed: 2, failed: [] });
  });

  it('Mocha + testdouble: td.replace on a function, a class and Date.now, td.reset() in afterEach; save and restore for the rest', async () => {
    assert.deepEqual(await mocha('remedies-testdouble'), { passed: 2, failed: [] });
  });
});

describe('taking a fake away, run with Mocha in one process', { timeout: 60_000 }, () => {
  it('deleting a fake of an own member, or storing undefined over the prototype one, loses the original; the other take-aways put it back', async () => {
    assert.deepEqual(await mocha('take-away-mocha'), {
      passed: 9,
      failed: ['b sees the real os.hostname', 'b sees the real os.uptime', 'b sees the real process.listenerCount'],
    });
  });
});
