import type { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';
import { rules, type RuleName } from '../rules/index.js';

const { name, version } = createRequire(import.meta.url)('../../package.json') as { name: string; version: string };

const recommendedRules = Object.fromEntries(
  (Object.keys(rules) as RuleName[])
    .filter((rule) => rules[rule].meta.docs?.recommended)
    .map((rule) => [`patch-leak/${rule}`, 'error']),
) as Record<`patch-leak/${RuleName}`, TSESLint.SharedConfig.RuleEntry>;

const plugin = {
  meta: { name, version, namespace: 'patch-leak' },
  rules,
  configs: {} as { recommended: TSESLint.FlatConfig.Config; strict: TSESLint.FlatConfig.Config },
};

plugin.configs.recommended = {
  name: 'patch-leak/recommended',
  plugins: { 'patch-leak': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: recommendedRules,
};

/** Every rule, with the hygiene findings too (`strict: true`). */
plugin.configs.strict = {
  name: 'patch-leak/strict',
  plugins: { 'patch-leak': plugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: Object.fromEntries((Object.keys(rules) as RuleName[]).map((rule) => [`patch-leak/${rule}`, ['error', { strict: true }]])),
};

export default plugin;
export { rules };
export type { RuleName };
