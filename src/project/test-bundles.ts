/**
 * Are the test files run as bundles, one per file? A test script that builds the tests with webpack
 * before the runner starts (`pretest:unit: webpack --config src/test/webpack.test.js`) may give each
 * test file an entry of its own. Each entry then carries its own webpack runtime and module cache:
 * the project's modules are instantiated once per test file, even where a shared chunk holds their
 * code, so a write to one of them is seen by that file's tests only. Node's core modules, the
 * packages left external and the globals are still one per process. `optimization.runtimeChunk:
 * 'single'` (or a named runtime) shares one module cache between the entries, and a single entry
 * bundles every test together: in both cases the test files share the project's modules again.
 *
 * The webpack config is read statically, never run: it counts when its `entry` is an object with
 * several entries or is computed, it names test files (a string such as `'**∕*.test.ts'`), and
 * its `runtimeChunk` is absent, `false`, `true` or `'multiple'`. Verified with webpack 5 and Mocha: see
 * the "Runners" section of docs/accuracy.md.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseSource } from './parse.js';
import { walk } from './syntax.js';
import { argumentsAfter, optionValues } from './test-script.js';

/** The executables that run webpack, by name or path (`node ./node_modules/webpack/bin/webpack.js`). */
const WEBPACK_COMMANDS: readonly string[] = ['webpack', 'webpack-cli', 'webpack.js'];
/** What webpack reads when no `--config` is given, in its order. */
const DEFAULT_CONFIGS: readonly string[] = ['webpack.config.js', 'webpack.config.cjs', 'webpack.config.mjs', 'webpack.config.ts', 'webpack.config.cts', 'webpack.config.mts'];
/** A string in a config that names test files: a glob or path with `.test.`/`.spec.`, or a test directory. */
const NAMES_TEST_FILES = /\.(?:test|spec)\b|(?:^|\/)(?:__tests__|tests?|specs?)\//;

/** The webpack configs the test commands build with (relative to `root`, where npm runs scripts). */
export function webpackConfigsOf(commands: readonly (readonly string[])[], root: string): string[] {
  const configs: string[] = [];
  for (const words of commands) {
    const args = webpackArguments(words);
    if (!args) continue;
    const given = optionValues(args, ['--config', '-c']);
    if (given.length > 0) configs.push(...given.map((file) => path.resolve(root, file)));
    else {
      const found = DEFAULT_CONFIGS.map((name) => path.join(root, name)).find((file) => existsSync(file));
      if (found) configs.push(found);
    }
  }
  return configs;
}

/** The first config of `configs` that bundles each test file on its own, else undefined. */
export function perFileBundleConfig(configs: readonly string[]): string | undefined {
  return configs.find((file) => bundlesEachTestFile(file));
}

function webpackArguments(words: readonly string[]): string[] | undefined {
  const args = argumentsAfter(words, WEBPACK_COMMANDS);
  if (!args) return undefined;
  const executable = words[words.length - args.length - 1] ?? '';
  // `webpack.js` counts only as webpack's own bin (`node ./node_modules/webpack/bin/webpack.js`).
  if (executable.endsWith('.js') && !/(?:^|\/)webpack\/bin\/webpack\.js$/.test(executable)) return undefined;
  // `webpack serve` and `webpack watch` do not build for a test run.
  return args[0] === 'serve' || args[0] === 'watch' ? undefined : args;
}

function bundlesEachTestFile(file: string): boolean {
  let program: TSESTree.Program;
  try {
    program = parseSource(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: false, loc: false });
  } catch {
    return false;
  }
  let entries: 'several' | 'one' | undefined;
  let sharedRuntime = false;
  let namesTests = false;
  walk(program, (node) => {
    if (node.type === T.Literal && typeof node.value === 'string' && NAMES_TEST_FILES.test(node.value)) namesTests = true;
    if (node.type === T.TemplateElement && NAMES_TEST_FILES.test(node.value.cooked ?? node.value.raw)) namesTests = true;
    if (node.type !== T.Property || node.computed) return;
    const key = node.key.type === T.Identifier ? node.key.name : node.key.type === T.Literal ? String(node.key.value) : undefined;
    if (key === 'entry') entries = entries === 'several' ? 'several' : entryCount(node.value);
    if (key === 'runtimeChunk') sharedRuntime ||= !(node.value.type === T.Literal && (node.value.value === false || node.value.value === true || node.value.value === 'multiple'));
  });
  return entries === 'several' && namesTests && !sharedRuntime;
}

/** `'./test/index.js'` and `['./a.js', './b.js']` are one bundle; an object of two entries, or a computed entry, may be one per test. */
function entryCount(value: TSESTree.Node): 'several' | 'one' {
  if (value.type === T.Literal || value.type === T.TemplateLiteral || value.type === T.ArrayExpression) return 'one';
  if (value.type === T.ObjectExpression) return value.properties.length > 1 || value.properties.some((property) => property.type === T.SpreadElement) ? 'several' : 'one';
  return 'several';
}
