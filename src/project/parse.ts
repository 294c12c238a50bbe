/**
 * Parses a config or setup file with the TypeScript-ESTree parser, loaded on first use: most lint
 * runs never read a config file in TypeScript, and loading TypeScript costs half a second of
 * startup that a pre-commit hook on one JavaScript file should not pay.
 */
import type { parse as Parse } from '@typescript-eslint/parser';
import { createRequire } from 'node:module';

let parse: typeof Parse | undefined;

export function parseSource(...args: Parameters<typeof Parse>): ReturnType<typeof Parse> {
  parse ??= (createRequire(import.meta.url)('@typescript-eslint/parser') as { parse: typeof Parse }).parse;
  return parse(...args);
}
