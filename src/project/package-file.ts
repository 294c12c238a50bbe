/**
 * Which file does a package specifier (`console-fail-test/setup`, `@acme/jest-preset/jest-preset`)
 * name, when the package is installed? Looked up as Node looks it up from a directory: the nearest
 * node_modules holding the package, then its `exports` for the subpath asked (a string, or the
 * first of the `node`, `require`, `import`, `default` conditions), else the path inside the
 * package (with the usual endings, or its index file), or its `main` for the bare name. Read
 * statically, nothing is run; undefined when the package is not installed or names no such file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isFile, isDirectory } from './file-kind.js';

const ENDINGS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.json'];
const CONDITIONS = ['node', 'require', 'import', 'default'];

/** The file `specifier` names when required from `fromDir`, or undefined. */
export function installedPackageFile(specifier: string, fromDir: string, endings: readonly string[] = ENDINGS): string | undefined {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.some((part) => part === '' || part === '.' || part === '..')) return undefined;
  const packageDir = installedPackageDirectory(parts.slice(0, nameLength).join('/'), fromDir);
  return packageDir === undefined ? undefined : fileInPackage(packageDir, parts.slice(nameLength).join('/'), endings);
}

/** The nearest `node_modules/<name>` directory at or above `fromDir`, as Node looks a package up. */
export function installedPackageDirectory(name: string, fromDir: string): string | undefined {
  for (let dir = path.resolve(fromDir); ; dir = path.dirname(dir)) {
    const packageDir = path.join(dir, 'node_modules', name);
    if (isDirectory(packageDir)) return packageDir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function fileInPackage(packageDir: string, subpath: string, endings: readonly string[]): string | undefined {
  const manifest = readManifest(path.join(packageDir, 'package.json'));
  const exports = manifest?.exports;
  if (exports !== undefined && exports !== null) {
    const target = exportTarget(exports, subpath === '' ? '.' : `./${subpath}`);
    return target === undefined ? undefined : existingFile(path.join(packageDir, target), ['']);
  }
  if (subpath !== '') return existingFile(path.join(packageDir, subpath), endings);
  const main = typeof manifest?.main === 'string' ? manifest.main : 'index';
  return existingFile(path.join(packageDir, main), endings);
}

/** The target of `key` in a package's `exports`: a string for `.` alone, or a map of subpaths (no patterns). */
function exportTarget(exports: unknown, key: string): string | undefined {
  if (typeof exports === 'string') return key === '.' ? exports : undefined;
  if (typeof exports !== 'object' || exports === null || Array.isArray(exports)) return undefined;
  const entries = exports as Record<string, unknown>;
  const subpaths = Object.keys(entries).some((k) => k.startsWith('.'));
  return conditional(subpaths ? entries[key] : key === '.' ? entries : undefined);
}

function conditional(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const conditions = value as Record<string, unknown>;
  for (const condition of CONDITIONS) {
    const found = conditional(conditions[condition]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function readManifest(file: string): { exports?: unknown; main?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof parsed === 'object' && parsed !== null ? (parsed as { exports?: unknown; main?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

function existingFile(base: string, endings: readonly string[]): string | undefined {
  const candidates = [...endings.map((ending) => base + ending), ...endings.filter((ending) => ending !== '').map((ending) => path.join(base, `index${ending}`))];
  return candidates.find(isFile);
}
