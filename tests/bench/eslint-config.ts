/** What a user of the plugin would write to lint the fixtures with plain `eslint`: the bench's baseline for the command. */
import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';
import plugin from '../../src/index.js';

export default [
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser as Linter.Parser } },
  plugin.configs.recommended as Linter.Config,
] satisfies Linter.Config[];
