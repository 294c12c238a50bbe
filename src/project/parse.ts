/**
 * Parses a config or setup file with the TypeScript-ESTree parser, loaded on first use: most lint
 * runs never read a config file in TypeScript, and loading TypeScript costs half a second of
 * startup that a pre-commit hook on one JavaScript file should not pay.
 */
import type { parse as Parse, parseForESLint as ParseForESLint } from '@typescript-eslint/parser';
import { TSESLint } from '@typescript-eslint/utils';
import { createRequire } from 'node:module';

let parser: { parse: typeof Parse; parseForESLint: typeof ParseForESLint } | undefined;

function load(): NonNullable<typeof parser> {
  parser ??= createRequire(import.meta.url)('@typescript-eslint/parser') as NonNullable<typeof parser>;
  return parser;
}

export function parseSource(...args: Parameters<typeof Parse>): ReturnType<typeof Parse> {
  return load().parse(...args);
}

/** The same, with ESLint's scope analysis of the file: a helper module's names resolved as in a linted file. */
export function parseWithScope(...args: Parameters<typeof ParseForESLint>): ReturnType<typeof ParseForESLint> {
  return load().parseForESLint(...args);
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
