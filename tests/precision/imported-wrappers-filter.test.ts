/**
 * Which imported modules are parsed for test wrappers: those naming a framework module, calling a
 * global registration name, or re-exporting a relative module. A member of the same name
 * (`/x/.test(s)`, `t.context`) is no reason to parse the code under test.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayRegisterTests } from '../../src/analysis/runner/imported-wrappers.js';

describe('imported modules parsed for test wrappers', () => {
  it('a global registration name called or extended, a framework module, a relative re-export', () => {
    for (const text of [
      "export function withServer(fn) {\n  it('serves', fn);\n}",
      'export const suite = (name, fn) => describe.each([1])(name, fn);',
      'before(() => start());',
      "const { test } = require('node:test');",
      "import { vi } from 'vitest';",
      "export * from './support';",
      'function wrap(fn) { return test(fn) }',
    ]) {
      assert.equal(mayRegisterTests(text), true, text);
    }
  });

  it('members of the same names are not: a regular expression test, a context, a method', () => {
    for (const text of [
      'module.exports = (name) => /^x/.test(name);',
      'const port = t.context.port;\nexports.setup = function () { return this.setup(); };',
      'if (pattern?.test(file)) run();',
      'const $test = (x) => x;\n$test(1);',
      'module.exports = { after: 1, before: 2 };',
    ]) {
      assert.equal(mayRegisterTests(text), false, text);
    }
  });
});
