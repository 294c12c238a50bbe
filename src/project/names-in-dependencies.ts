/**
 * Does an installed package that the tests load name this word? A variable a dependency reads
 * (`nock` reads `NOCK_OFF` on every request) is configuration, not a name the test made up, even
 * when no file of the project names it. The packages are the ones the test file imports and the
 * `dependencies` of the package the test file belongs to (what the code under test can load),
 * each found as Node finds it from the test's directory. Their script files are read when a
 * question is first asked (only findings ask), bounded in number and size, and never parsed: a
 * package that spells the word as a whole word names it. A package too large to read: named.
 */
import { readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { filesUnder, oncePerRealFile } from './files-under.js';
import { readOrUnknown } from './read-failures.js';
import { isFile } from './file-kind.js';
import { installedPackageDirectory } from './package-file.js';

/** More script files than a library has: a toolchain or a bundle of many packages, taken as naming every word. */
const MAX_FILES_PER_PACKAGE = 3_000;
/** Larger files are data or bundles of other packages. */
const MAX_FILE_BYTES = 2_000_000;
const SCRIPT_FILE = /\.[cm]?js$/;

/** Per package directory: its script files, or undefined when it has too many to read. */
const scriptsOf = new Map<string, readonly string[] | undefined>();
/** Per package directory and word: does the package name it? */
const answers = new Map<string, boolean>();

/** True when one of the packages `imported` by the test file, or a dependency of its package, names `word`. */
export function namedByDependencies(filename: string, word: string, imported: readonly string[]): boolean {
  return readOrUnknown('the installed packages', path.resolve(filename), () => dependenciesName(path.resolve(filename), word, imported), true);
}

function dependenciesName(filename: string, word: string, imported: readonly string[]): boolean {
  const from = path.dirname(filename);
  const names = new Set([...imported.map(packageNameOf).filter((name) => name !== undefined), ...declaredDependencies(from)]);
  for (const name of names) {
    const dir = installedPackageDirectory(name, from);
    if (dir !== undefined && packageNames(dir, word)) return true;
  }
  return false;
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for a relative path, a URL or a Node built-in. */
function packageNameOf(specifier: string): string | undefined {
  if (/^[./]|^[a-z]+:/i.test(specifier) || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  const name = parts.slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
  return name === '' ? undefined : name;
}

/** The `dependencies`, `peerDependencies` and `optionalDependencies` of the nearest package.json above `from`. */
function declaredDependencies(from: string): string[] {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (isFile(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
      return ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => {
        const declared = parsed[field];
        return typeof declared === 'object' && declared !== null ? Object.keys(declared) : [];
      });
    }
    if (path.dirname(dir) === dir) return [];
  }
}

function packageNames(dir: string, word: string): boolean {
  const key = `${dir}\0${word}`;
  let named = answers.get(key);
  if (named === undefined) {
    if (!scriptsOf.has(dir)) {
      const scripts = oncePerRealFile(filesUnder(dir, { names: (name) => SCRIPT_FILE.test(name) }));
      scriptsOf.set(dir, scripts.length > MAX_FILES_PER_PACKAGE ? undefined : scripts);
    }
    const scripts = scriptsOf.get(dir);
    named = scripts === undefined || scripts.some((file) => fileNames(file, word));
    answers.set(key, named);
  }
  return named;
}

const WORD_CHARACTER = /[\w$]/;

function fileNames(file: string, word: string): boolean {
  let text: string;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return false;
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHARACTER.test(at > 0 ? (text[at - 1] ?? '') : '') && !WORD_CHARACTER.test(text[at + word.length] ?? '')) return true;
  }
  return false;
}
