/**
 * Rules never throw on parseable input: every source of this repository and of the fixtures, judged
 * as a test file. And when an analysis throws all the same, the lint run goes on: one report on the
 * file naming the cause, or, for a reader of the project, the project taken as unknown.
 */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import fs, { readdirSync, readFileSync, statSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { describe, it, mock } from 'node:test';
import plugin from '../src/index.js';
import { clearConfigLocationCache } from '../src/project/config-location.js';
import { readFailures } from '../src/project/read-failures.js';
import { clearProjectConfigCache } from '../src/project/runner-config.js';
import { brokenScopes, SCOPE_FAILURE } from './broken-scopes.js';
import { ROOT } from './paths.js';
import { projectWith } from './projects.js';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(full).isDirectory()) return sourcesUnder(full);
    return /\.[cm]?[jt]s$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const EDGE_CASES = [
  'it()',
  'describe("x")',
  'it("x", 1)',
  'describe.each`a`("x", () => {})',
  'test.each([[1]])("x", (a) => { a.b = 1 })',
  'const m = require(); m.x = 1; it("x", () => {})',
  'const m = require(`./${x}`); m.x = 1; it("x", () => {})',
  'let a = b, b = a; a.x = 1; it("x", () => {})',
  'const { ...rest } = require("m"); rest.x = 1; it("x", () => {})',
  'Object.defineProperty(); Object.assign(); Reflect.set(); it("x", () => {})',
  'Object.defineProperties(require("m"), x); Object.assign(require("m"), ...y); it("x", () => {})',
  'function f() { return f; } f()().x = 1; it("x", () => { f(); })',
  'function h() { h(); require("m").x = 1 } it("x", () => { h() })',
  'it("x", async ({ onTestFinished: [a] }) => { a(() => {}) })',
  'class A { static { require("m").x = 1 } } it("x", () => {})',
  'it("x", () => { for (require("m").x of [1]) ; [require("m").y = 2] = []; })',
  // A variable whose new value is loaded through its old value (found in @jest/transform: `t = await t.create()`).
  'it("x", async () => { let t = require("m"); t = await t.create(); t = t.load(); t.x = 1 })',
  // Babel's lazy require: a function that replaces itself.
  'function path() { const data = require("node:path"); path = function () { return data; }; return data; } it("x", () => { path().x = 1 })',
  // Member chains far deeper than real code.
  `const m = require("m"); it("x", () => { m${'.a'.repeat(3000)} = 1 })`,
  `let a = require("m"); ${Array.from({ length: 400 }, (_, i) => `const a${i} = ${i === 0 ? 'a' : `a${i - 1}`};`).join(' ')} it("x", () => { a399.x = 1 })`,
  'import * as m from "m"; with_(m); it("x", function () { m[Symbol.iterator] = null; m[1] = 2; m[`k`] = 3 })',
];

const linter = new Linter({ configType: 'flat' });
const config: Linter.Config[] = [
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser as Linter.Parser } },
  { files: ['**/*.js'], languageOptions: { sourceType: 'module' } },
  plugin.configs.recommended as Linter.Config,
];

describe('robustness', () => {
  it('runs every rule over every source file of the repository (as a test file) without throwing', () => {
    const files = sourcesUnder(ROOT);
    assert.ok(files.length > 10, 'found too few sources');
    for (const file of files) {
      const asTest = file.replace(/(\.[cm]?[jt]s)$/, '.test$1');
      assert.doesNotThrow(() => linter.verify(readFileSync(file, 'utf8'), config, asTest), file);
    }
  });

  for (const code of EDGE_CASES) {
    // A timeout: an analysis that recurses without bound fails here instead of hanging the suite.
    it(`does not throw on: ${code.slice(0, 160)}`, { timeout: 20_000 }, () => {
      const messages = linter.verify(code, config, 'edge.test.js');
      assert.deepEqual(messages.filter((m) => m.fatal).map((m) => m.message), []);
    });
  }
});

describe('an analysis that throws', () => {
  const code = "const config = require('../src/config');\nconst sinon = require('sinon');\nit('x', () => { config.mode = 'test'; process.env.API_URL = 'x'; sinon.stub(console, 'log'); });\n";
  // Mocha runs every file in one process: each rule reports this code.
  const mochaTest = projectWith({ 'package.json': JSON.stringify({ scripts: { test: 'mocha' } }) }, 'test/leak.test.js');
  const inMocha = new Linter({ configType: 'flat', cwd: path.dirname(path.dirname(mochaTest)) });
  const ruleNames = Object.keys(plugin.rules);
  const only = (rule: string, parser: Linter.Parser): Linter.Config[] => [
    { files: ['**/*.js'], languageOptions: { parser } },
    { plugins: { 'patch-leak': plugin as never }, rules: { [`patch-leak/${rule}`]: 'warn' } },
  ];

  for (const rule of ruleNames) {
    it(`${rule}: one report on the file, naming the cause, and no throw`, () => {
      // With a working parser the rule reports this code: the failure is what silences it.
      assert.ok(inMocha.verify(code, only(rule, tsParser as Linter.Parser), mochaTest).some((m) => m.ruleId === `patch-leak/${rule}`), 'no finding without the failure');
      let messages: Linter.LintMessage[] = [];
      assert.doesNotThrow(() => (messages = inMocha.verify(code, only(rule, brokenScopes), mochaTest)));
      assert.deepEqual(
        messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, line: m.line, column: m.column, severity: m.severity, message: m.message })),
        [{ ruleId: `patch-leak/${rule}`, messageId: 'internalError', line: 1, column: 1, severity: 1, message: `patch-leak could not analyse this file: ${SCOPE_FAILURE} (internal error; please report).` }],
      );
    });
  }

  it('a reader of the project that throws: the project is unknown (its runner too), the file is still judged, and --debug can say why', () => {
    const file = projectWith({ 'package.json': JSON.stringify({ scripts: { test: 'jest' } }) }, 'test/last.test.js');
    const root = path.dirname(path.dirname(file));
    const inProject = new Linter({ configType: 'flat', cwd: root });
    const leak = "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n";
    const config = only('no-unrestored-module-patch', tsParser as Linter.Parser);
    // Jest gives every file fresh modules: no later test sees what the file's last test leaves.
    assert.deepEqual(inProject.verify(leak, config, file), []);
    clearProjectConfigCache();
    clearConfigLocationCache();
    const existsSync = fs.existsSync;
    const failing = mock.method(fs, 'existsSync', (candidate: fs.PathLike) => {
      if (String(candidate).startsWith(root)) throw new Error('the disk failed');
      return existsSync(candidate);
    });
    syncBuiltinESMExports();
    let messages: Linter.LintMessage[];
    try {
      messages = inProject.verify(leak, config, file);
    } finally {
      failing.mock.restore();
      syncBuiltinESMExports();
      clearProjectConfigCache();
      clearConfigLocationCache();
    }
    // An unknown runner is taken to share one process: the reading that misses no leak.
    assert.deepEqual(
      messages.map((m) => m.message),
      ["`config.mode` is replaced in a test, never restored: later files (runner unknown) see it. Fix: save it and put it back in `afterEach`."],
    );
    assert.ok(
      readFailures().some((line) => line.startsWith(`could not read the project config for ${path.dirname(file)}`) && line.endsWith(': the disk failed; taken as unknown (internal error; please report)')),
      readFailures().join('\n'),
    );
  });
});
