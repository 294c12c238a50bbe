/** Settings problems: a wrong `settings['patch-leak']` is one finding per problem and file, whichever rules run. */
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import plugin from '../src/index.js';

const linter = new Linter({ configType: 'flat' });
const CODE = `it('x', () => { globalThis.fetch = fakeFetch; });`;

function settingsMessages(config: Linter.Config[], settings: unknown): Linter.LintMessage[] {
  const messages = linter.verify(CODE, [...config, { settings: { 'patch-leak': settings } }], 'a.test.js');
  return messages.filter((m) => m.messageId === 'invalidSettings');
}

describe("settings['patch-leak']", () => {
  it('reports each problem once per file with all three rules enabled', () => {
    const messages = settingsMessages([plugin.configs.recommended as Linter.Config], { isolaton: 'file', isolation: 'worker' });
    assert.deepEqual(
      messages.map((m) => m.message),
      [
        "Invalid patch-leak setting: settings['patch-leak'] has an unknown key 'isolaton' (known: isolation).",
        `Invalid patch-leak setting: settings['patch-leak'].isolation must be one of 'auto', 'file', 'process', got "worker".`,
      ],
    );
    assert.equal(new Set(messages.map((m) => m.ruleId)).size, 1);
  });

  it('reports them from whichever rule is enabled', () => {
    for (const rule of Object.keys(plugin.rules)) {
      const config: Linter.Config = { plugins: { 'patch-leak': plugin as never }, rules: { [`patch-leak/${rule}`]: 'error' } };
      const messages = settingsMessages([config], 'file');
      assert.deepEqual(messages.map((m) => m.ruleId), [`patch-leak/${rule}`]);
    }
  });

  it('reports nothing for valid settings', () => {
    assert.deepEqual(settingsMessages([plugin.configs.recommended as Linter.Config], { isolation: 'file' }), []);
  });
});
