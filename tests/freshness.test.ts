/**
 * The editor keeps one ESLint instance for hours: a verdict that depends on the project's config
 * must change when the config does, without restarting anything.
 */
import { ESLint, type Linter } from 'eslint';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { RECHECK_MS } from '../src/project/freshness.js';
import { describe, it } from 'node:test';
import plugin from '../src/index.js';
import { projectWith } from './projects.js';

const SPY = "const api = require('../src/api');\nit('a', () => { jest.spyOn(api, 'get').mockReturnValue(1); });\nit('b', () => {});\n";

describe('freshness of project verdicts', () => {
  it('one ESLint instance sees restoreMocks added to the Jest config, and a root hook added to a Mocha spec file', async () => {
    // Temporary projects live under the system's temporary directory: the instance's base path.
    const eslint = new ESLint({ cwd: os.tmpdir(), overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as Linter.Config] });
    const ruleIds = async (code: string, filePath: string) => (await eslint.lintText(code, { filePath }))[0]?.messages.map((m) => m.ruleId) ?? [];

    const jestFile = projectWith({ 'package.json': '{ "devDependencies": { "jest": "^30.0.0" }, "scripts": { "test": "jest" } }' }, 'test/example.test.js');
    assert.deepEqual(await ruleIds(SPY, jestFile), ['patch-leak/no-unrestored-spy']);
    writeFileSync(path.join(path.dirname(path.dirname(jestFile)), 'jest.config.js'), 'module.exports = { restoreMocks: true };\n');
    await sleep(RECHECK_MS + 50);
    assert.deepEqual(await ruleIds(SPY, jestFile), []);

    const sinonCode = "const sinon = require('sinon');\nconst api = require('../src/api');\nit('a', () => { sinon.stub(api, 'get'); });\nit('b', () => {});\n";
    const mochaFile = projectWith(
      { 'package.json': '{ "scripts": { "test": "mocha" } }', 'test/global.js': "const sinon = require('sinon');\n" },
      'test/example.js',
    );
    assert.deepEqual(await ruleIds(sinonCode, mochaFile), ['patch-leak/no-unrestored-spy']);
    const global = path.join(path.dirname(mochaFile), 'global.js');
    writeFileSync(global, `${readFileSync(global, 'utf8')}afterEach(() => sinon.restore());\n`);
    await sleep(RECHECK_MS + 50);
    assert.deepEqual(await ruleIds(sinonCode, mochaFile), []);
  });
});
