/**
 * Parses a config, setup or helper file that no ESLint run holds. A JavaScript file is read by
 * ESLint's own parser and scope analysis (espree and eslint-scope, the pair ESLint lints `.js`
 * files with, loaded with ESLint already); the TypeScript-ESTree parser reads TypeScript files, and
 * a JavaScript file espree rejects (Flow or TypeScript annotations, a top-level `return`, `with`:
 * what only a script or another dialect allows), as it read every file before. It is loaded on
 * first use: loading TypeScript costs most of a second that a run over JavaScript files only, or a
 * pre-commit hook on one file, should not pay.
 */
import type { parse as Parse, parseForESLint as ParseForESLint } from '@typescript-eslint/parser';
import { TSESLint } from '@typescript-eslint/utils';
import type { analyze as Analyze } from 'eslint-scope';
import type * as Espree from 'espree';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Required, not imported: the CommonJS builds ESLint itself runs, one copy of each in the process (an import would load their ES module builds, and acorn's, a second time).
const espree = require('espree') as typeof Espree;
const { analyze } = require('eslint-scope') as { analyze: typeof Analyze };

type Options = NonNullable<Parameters<typeof Parse>[1]>;
type Parsed = ReturnType<typeof ParseForESLint>;

let parser: { parse: typeof Parse; parseForESLint: typeof ParseForESLint } | undefined;

/**
 * The files the TypeScript parser was asked to read: what a run over JavaScript only should keep at
 * zero. Read (and reset) by the parser-choice spec only; nothing else reads it.
 */
export const typescriptParses = { count: 0 };

function load(): NonNullable<typeof parser> {
  typescriptParses.count++;
  parser ??= require('@typescript-eslint/parser') as NonNullable<typeof parser>;
  return parser;
}

const JAVASCRIPT_FILE = /\.[cm]?jsx?$/;

/** Whether espree reads the file: JavaScript by its name (a file with no name is taken as TypeScript, as the TypeScript parser takes it). */
function isJavaScript(options: Options): boolean {
  return typeof options.filePath === 'string' && JAVASCRIPT_FILE.test(options.filePath);
}

/**
 * The file read by espree as the TypeScript parser reads a JavaScript file: JSX allowed whatever
 * the name (TypeScript parses JSX in every `.js` file), the latest syntax. Throws when espree
 * cannot read it.
 */
function espreeProgram(code: string, options: Options): Parsed['ast'] {
  return espree.parse(code, {
    ecmaVersion: 'latest',
    sourceType: options.sourceType === 'script' ? 'script' : 'module',
    range: options.range === true,
    loc: options.loc === true,
    tokens: options.tokens === true,
    comment: options.comment === true,
    ecmaFeatures: { jsx: true },
  }) as unknown as Parsed['ast'];
}

export function parseSource(code: string, options: Options): ReturnType<typeof Parse> {
  if (isJavaScript(options)) {
    try {
      return espreeProgram(code, options);
    } catch {
      // Not ESLint's JavaScript: the TypeScript parser, as before.
    }
  }
  return load().parse(code, options);
}

/** The same, with ESLint's scope analysis of the file: a helper module's names resolved as in a linted file. */
export function parseWithScope(code: string, options: Options): Parsed {
  if (isJavaScript(options)) {
    let ast: Parsed['ast'] | undefined;
    try {
      // Scope analysis needs the ranges, as in ESLint's own runs.
      ast = espreeProgram(code, { ...options, range: true });
    } catch {
      // Not ESLint's JavaScript: the TypeScript parser, as before.
    }
    if (ast !== undefined) {
      const scopeManager = analyze(ast as never, {
        ignoreEval: true,
        ecmaVersion: espree.latestEcmaVersion,
        sourceType: options.sourceType === 'script' ? 'script' : 'module',
        childVisitorKeys: espree.VisitorKeys,
        fallback: 'iteration',
        jsx: true,
      }) as unknown as TSESLint.Scope.ScopeManager;
      return { ast, scopeManager, visitorKeys: espree.VisitorKeys, services: {} } as unknown as Parsed;
    }
  }
  return load().parseForESLint(code, options);
}

/**
 * Another file of the project as ESLint would hand it to a rule (tokens, comments, scopes), for the
 * same analysis as a linted file: a helper module, another test file. Throws when it does not parse.
 */
export function sourceCodeOf(text: string, file: string): TSESLint.SourceCode | undefined {
  const { ast, scopeManager, visitorKeys, services } = parseWithScope(text, {
    ecmaVersion: 'latest',
    sourceType: 'module',
    filePath: file,
    range: true,
    loc: true,
    tokens: true,
    comment: true,
    jsx: /x$/.test(file),
  });
  if (!scopeManager) return undefined;
  return new TSESLint.SourceCode({ text, ast, scopeManager, visitorKeys: visitorKeys as TSESLint.SourceCode.VisitorKeys, parserServices: services });
}
