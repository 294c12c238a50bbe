/**
 * The plugin entry. Its public types are ESLint's own (`ESLint.Plugin`, `Linter.Config`,
 * `Rule.RuleModule`), so a user's `defineConfig(...)`, `Linter.Config[]` or `plugins: { ... }`
 * type-checks against whichever ESLint 9 or 10 they have; nothing internal is part of them.
 */
import type { Linter, Rule } from 'eslint';
import { createRequire } from 'node:module';
import { rules as ruleModules } from '../rules/index.js';

/** The rules of the plugin (tests/plugin.test.ts checks this list against the rules index). */
export type RuleName = 'no-unrestored-module-patch' | 'no-unrestored-global-patch' | 'no-unrestored-spy';

export interface PatchLeakPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleName, Rule.RuleModule>;
  configs: {
    /** The recommended rules, as a flat config named `patch-leak/recommended`, with no `files` glob. */
    recommended: Linter.Config;
    /** The same object as `recommended`, under the name eslint-plugin-jest and eslint-plugin-n use. */
    'flat/recommended': Linter.Config;
    /** Every rule with `strict: true`: the hygiene findings too. Named `patch-leak/strict`. */
    strict: Linter.Config;
  };
}

const { name, version } = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

// typescript-eslint's rule type is stricter than ESLint's; at runtime they are the same objects.
const rules = ruleModules as unknown as Record<RuleName, Rule.RuleModule>;

const plugin: PatchLeakPlugin = {
  meta: { name, version, namespace: 'patch-leak' },
  rules,
  configs: {} as PatchLeakPlugin['configs'],
};

const recommended: Linter.Config = {
  name: 'patch-leak/recommended',
  plugins: { 'patch-leak': plugin },
  rules: Object.fromEntries(
    (Object.keys(ruleModules) as RuleName[]).filter((rule) => ruleModules[rule].meta.docs?.recommended).map((rule) => [`patch-leak/${rule}`, 'error']),
  ),
};
plugin.configs.recommended = recommended;
plugin.configs['flat/recommended'] = recommended;
plugin.configs.strict = {
  name: 'patch-leak/strict',
  plugins: { 'patch-leak': plugin },
  rules: Object.fromEntries((Object.keys(ruleModules) as RuleName[]).map((rule) => [`patch-leak/${rule}`, ['error', { strict: true }]])),
};

export default plugin;
export { rules };
