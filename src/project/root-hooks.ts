/**
 * Which files of a Mocha run declare root hooks? Mocha loads every spec file before it runs a test,
 * and a `beforeEach`/`afterEach` written at the top level of one of them (outside any `describe`)
 * belongs to the root suite: it runs around every test of every file (RUNTIME-FACTS 32), exactly
 * like a hook loaded through `--require`. The spec set is listed once per project config (globbed,
 * then matched against the run's selection) and each file is looked into cheaply: only a file with
 * a hook call at the start of a line is parsed (by setup-restores.ts). The answer is read again when
 * a spec file, or a directory holding one, changes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { filesUnder, oncePerRealFile } from './files-under.js';
import { stampOf, type Stamp } from './freshness.js';
import type { MochaConfig } from './runner-config.js';
import { selects } from './test-selection.js';

const SPEC_SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;
const HOOK_AT_LINE_START = /^(?:afterEach|beforeEach)\s*\(/m;
const cache = new WeakMap<MochaConfig, { readonly found: readonly string[]; readonly stamp: Stamp }>();

/** The spec files of the run that may declare top-level each-test hooks (to be read with `topLevelOnly`). */
export function specFilesWithRootHooks(root: string | undefined, mocha: MochaConfig | undefined): readonly string[] {
  if (root === undefined || mocha === undefined || mocha.selection === 'unknown') return [];
  const cached = cache.get(mocha);
  if (cached?.stamp.isFresh()) return cached.found;
  const specs = specFiles(root, mocha);
  const stamp = stampOf([...specs, ...new Set(specs.map((file) => path.dirname(file)))]);
  const found = specs.filter((file) => {
    try {
      return HOOK_AT_LINE_START.test(readFileSync(file, 'utf8'));
    } catch {
      return false;
    }
  });
  cache.set(mocha, { found, stamp });
  return found;
}

function specFiles(root: string, mocha: MochaConfig): string[] {
  const candidates = filesUnder(root, { gitignoreFrom: root, names: (name) => SPEC_SOURCE.test(name) && !/\.d\.[cm]?ts$/.test(name) });
  return oncePerRealFile(candidates, (file) => selects(mocha.selection, file) === true);
}
