/** Rules never throw on parseable input: every source of this repository and of the fixtures, judged as a test file. */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import plugin from '../src/index.js';
import { ROOT } from './paths.js';

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
