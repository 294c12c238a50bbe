/**
 * The fixtures, run with their real test runners in one process: the leak is not a theory. The
 * incident's contract test fails after the leaking file, passes alone and passes when it runs first;
 * every fixed variant passes in one process.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { FIXTURES, ROOT } from './paths.js';

const MOCHA = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const CONTRACT = 'agent proxy: header precedence contract merges environment and request headers, the request winning';
const LEAKING_FILE = 'test/agent_proxy_headers_and_errors.test.js';
const CONTRACT_FILE = 'test/agent_proxy_validation_errors.test.js';

interface Outcome {
  readonly passed: number;
  readonly failed: readonly string[];
}

/** Runs node with `args` in a fixture folder, without a shell, and returns stdout whatever the exit code. */
function run(fixture: string, args: readonly string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.MINI_AGENT_TOOL_HTTP_HEADERS;
  delete env.NODE_OPTIONS;
  delete env.NODE_TEST_CONTEXT; // set when this file itself runs under `node --test`
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: path.join(FIXTURES, fixture), env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(new Error(`${fixture}: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function mocha(fixture: string, files: readonly string[] = []): Promise<Outcome> {
  const report = JSON.parse(await run(fixture, [MOCHA, '--reporter', 'json', ...files])) as {
    stats: { passes: number };
    failures: { fullTitle: string }[];
  };
  return { passed: report.stats.passes, failed: report.failures.map((failure) => failure.fullTitle) };
}

async function nodeTest(fixture: string, entry: string): Promise<Outcome> {
  const tap = await run(fixture, ['--test-reporter=tap', entry]);
  const passed = Number(/^# pass (\d+)$/m.exec(tap)?.[1]);
  const failed = [...tap.matchAll(/^\s*not ok \d+ - (.*)$/gm)].map((match) => match[1] ?? '');
  return { passed, failed };
}

async function vitest(fixture: string): Promise<Outcome> {
  const output = await run(fixture, [VITEST, 'run', '--reporter=json']);
  const report = JSON.parse(output.slice(output.indexOf('{'))) as {
    numPassedTests: number;
    testResults: { assertionResults: { fullName: string; status: string }[] }[];
  };
  const failed = report.testResults.flatMap((file) => file.assertionResults.filter((test) => test.status === 'failed').map((test) => test.fullName));
  return { passed: report.numPassedTests, failed };
}

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
