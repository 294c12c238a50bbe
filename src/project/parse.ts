/**
 * Parses a config or setup file with the TypeScript-ESTree parser, loaded on first use: most lint
 * runs never read a config file in TypeScript, and loading TypeScript costs half a second of
 * startup that a pre-commit hook on one JavaScript file should not pay.
 */
import type { parse as Parse, parseForESLint as ParseForESLint } from '@typescript-eslint/parser';
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
