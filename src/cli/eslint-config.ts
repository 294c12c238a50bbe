/** The command's built-in ESLint config when TypeScript files are checked: eslint-config-js.ts plus the TypeScript parser. */
import tsParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { javascriptConfig } from './eslint-config-js.js';

const config: TSESLint.FlatConfig.ConfigArray = [
  ...javascriptConfig,
  { name: 'patch-leak/cli-typescript', files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser } },
];

export default config;
