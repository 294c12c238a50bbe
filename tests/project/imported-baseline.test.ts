/**
 * Which imported modules are parsed for a baseline: only those with a top-level write of a
 * literal to a member chain. A CommonJS module's `module.exports = ...` is no reason to parse it
 * (node-gyp's tests import a dozen such modules: parsing them all was a third of the run).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mayWriteLiteralAtTopLevel } from '../../src/project/imported-baseline.js';

describe('imported modules parsed for a baseline', () => {
  it('a top-level write of a string, a number, a boolean or null to a member chain is parsed', () => {
    for (const text of [
      "process.env.AUTOSTART = 'disabled';",
      'process.env.AUTOSTART = "disabled"',
      "import x from 'y';\nprocess.env['NODE_ENV'] = 'test';",
      'globalThis.__TEST__ = true;',
      'global.retries=3',
      'window.flag = false;',
      'process.env.TOKEN = null;',
      "process.env.A = ('x');",
      'globalThis.ratio = .5;',
      "process.env.LONG_NAME =\n  'disabled';",
    ]) {
      assert.equal(mayWriteLiteralAtTopLevel(text), true, text);
    }
  });

  it('exports, writes of other values, indented writes and comparisons are not', () => {
    for (const text of [
      "module.exports = function build() {};\nexports.configure = configure;\nmodule.exports.Gyp = Gyp;",
      'module.exports = { a: 1 };',
      "process.env.A = `x`;",
      'process.env.A = process.env.B;',
      'globalThis.count = -1;',
      'globalThis.enabled = trueish;',
      "function f() {\n  process.env.A = 'x';\n}",
      "if (process.env.A === 'x') run();",
      "x = 'not a member';",
    ]) {
      assert.equal(mayWriteLiteralAtTopLevel(text), false, text);
    }
  });
});
