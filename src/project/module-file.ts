/**
 * Which file does a relative import name? `./base`, `./base.js` (TypeScript's spelling of
 * `./base.ts`) and `./helpers` (a directory with an index file) resolve as Node, bundlers and
 * TypeScript resolve them. Package imports are not followed: the rules read the project's own files.
 */
import path from 'node:path';
import { isFile } from './file-kind.js';

/** Endings tried for `./base`, in the order Node and bundlers commonly resolve them. */
const IMPORT_ENDINGS = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json'];

/** TypeScript's reading of an import: `./base.mjs` is `./base.mts` on disk when only that exists. */
const TS_SOURCE_OF: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

export function isRelativeSpecifier(source: string): boolean {
  return source.startsWith('./') || source.startsWith('../') || source === '.' || source === '..';
}

/** Answers are kept this long: a rule asks about the same import for every call of the file. */
const CACHE_MS = 2000;
const cache = new Map<string, { readonly file: string | undefined; readonly at: number }>();

/** The file `source`, imported from `fromFile`, names; undefined when it is no relative import or no such file exists. */
export function resolveRelativeModule(fromFile: string, source: string): string | undefined {
  if (!isRelativeSpecifier(source)) return undefined;
  const key = `${path.dirname(fromFile)}\0${source}`;
  const cached = cache.get(key);
  const now = Date.now();
  if (cached && now - cached.at < CACHE_MS) return cached.file;
  const file = resolve(fromFile, source);
  cache.set(key, { file, at: now });
  return file;
}

function resolve(fromFile: string, source: string): string | undefined {
  const base = path.resolve(path.dirname(fromFile), source);
  const extension = path.extname(base);
  const tsSources = (TS_SOURCE_OF[extension] ?? []).map((ending) => base.slice(0, -extension.length) + ending);
  const candidates = [...IMPORT_ENDINGS.map((ending) => base + ending), ...tsSources, ...IMPORT_ENDINGS.slice(1).map((ending) => path.join(base, `index${ending}`))];
  return candidates.find(isFile);
}
