/**
 * The command's built-in ESLint config for runs without TypeScript files: the recommended rules,
 * JSX enabled, and the internal blast-radius rules. Passed to ESLint as a file path, so ESLint can
 * load it in its worker threads. (eslint-config.ts adds the TypeScript parser, which costs half a
 * second to load.)
 */
import type { TSESLint } from '@typescript-eslint/utils';
import plugin from '../index.js';
import { CLI_NAMESPACE, cliPlugin } from './blast-radius.js';

export const SOURCE_FILES = ['**/*.js', '**/*.jsx', '**/*.mjs', '**/*.cjs', '**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'];

/** The internal rules, added to a user's config too (`--config`). */
export const internalConfig: TSESLint.FlatConfig.Config = {
  name: 'patch-leak/cli-internal',
  files: SOURCE_FILES,
  plugins: { [CLI_NAMESPACE]: cliPlugin as unknown as TSESLint.FlatConfig.Plugin },
  rules: { [`${CLI_NAMESPACE}/targets`]: 'warn', [`${CLI_NAMESPACE}/imports`]: 'warn' },
};

/**
 * `eslint-env` block comments, ignored: ESLint 9 warns about them in flat config and ESLint 10
 * reports them as fatal errors, though the file parses. Blanked with spaces, so positions stay.
 */
const eslintEnvIgnored: TSESLint.Linter.Processor = {
  meta: { name: 'patch-leak/eslint-env-ignored' },
  preprocess: (text) => [text.replace(/\/\*\s*eslint-env\s[^]*?\*\//g, (comment) => comment.replace(/[^\r\n]/g, ' '))],
  postprocess: (messages) => messages.flat(),
  supportsAutofix: true,
};

export const javascriptConfig: TSESLint.FlatConfig.ConfigArray = [
  {
    name: 'patch-leak/cli-files',
    files: SOURCE_FILES,
    processor: eslintEnvIgnored,
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    // Disable comments for the project's other rules are not ours to judge.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  { ...plugin.configs.recommended, files: SOURCE_FILES },
  internalConfig,
];

export default javascriptConfig;
