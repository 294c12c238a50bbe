// What users write in eslint.config.ts, type-checked against ESLint's own types through the
// published declarations (tests/types.test.ts runs tsc on this folder; the install test does the
// same with ESLint 9 and 10 installed).
import type { ESLint, Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import patchLeak from 'eslint-plugin-patch-leak';

export const viaDefineConfig = defineConfig(patchLeak.configs.recommended);
export const viaDefineConfigArray = defineConfig([patchLeak.configs['flat/recommended'], { files: ['**/*.test.ts'] }]);

export const asConfigArray: Linter.Config[] = [
  patchLeak.configs.recommended,
  { files: ['**/*.test.ts'], settings: { 'patch-leak': { isolation: 'file' } } },
];

export const ownPlugins: Linter.Config = {
  files: ['test/**/*.ts'],
  plugins: { 'patch-leak': patchLeak },
  rules: { 'patch-leak/no-unrestored-spy': 'warn', 'patch-leak/no-unrestored-module-patch': ['error'] },
};

export const asPlugin: ESLint.Plugin = patchLeak;
export const ruleNames: string[] = Object.keys(patchLeak.rules);
