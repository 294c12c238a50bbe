/**
 * Which scoped helpers does the project undo around every test without the test file asking: a
 * runner config flag (`restoreMocks`, `unstubGlobals`, `unstubEnvs`) or a restore-all call in an
 * `afterEach` of a setup file, a root hook plugin (Mocha `require`), a file Mocha loads first
 * (`file`, whose top-level hooks are root hooks) or a spec file of the run with a top-level hook?
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cachedPerFile } from '../../project/freshness.js';
import { readOrUnknown } from '../../project/read-failures.js';
import type { Known, ProjectConfig } from '../../project/runner-config.js';
import { installedPackageFile } from '../../project/package-file.js';
import { specFilesWithRootHooks } from '../../project/root-hooks.js';
import { restoresAroundEachTest, spiesAroundEachTest } from '../../project/setup-restores.js';
import type { SharedOrigin } from '../values/binding.js';
import { HELPER_FAMILIES, type HelperFamily } from '../runner/frameworks.js';
import { projectOf } from '../../project/project-of-file.js';

export interface AutoRestore {
  /** config: before every test, by the runner; setup: by a hook in a setup file or root hook plugin. */
  readonly by: 'config' | 'setup';
  /** For messages: `restoreMocks: true` (jest.config.js), or the setup files read. */
  readonly source: string;
}

/** Unknown (a setup file that cannot be read): nothing is restored for the tests. */
export function autoRestoresOf(filename: string): ReadonlyMap<HelperFamily, AutoRestore> {
  return readOrUnknown('the setup files', path.resolve(filename), () => autoRestoresIn(projectOf(filename)), new Map());
}

function autoRestoresIn(project: ProjectConfig): ReadonlyMap<HelperFamily, AutoRestore> {
  const found = new Map<HelperFamily, AutoRestore>();
  const specHooks = specFilesWithRootHooks(project.root, project.mocha);
  const spellings = new Set([...restoresAroundEachTest(setupFilesOf(project)), ...restoresAroundEachTest(specHooks, true)]);
  const setupFiles = [...setupFilesOf(project), ...specHooks.filter((file) => restoresAroundEachTest([file], true).size > 0)];
  for (const spec of Object.values(HELPER_FAMILIES)) {
    const config = spec.config;
    const runnerConfig = config ? project[config.runner] : undefined;
    if (config && runnerConfig && (runnerConfig as unknown as Record<string, Known<boolean>>)[config.key] === true) {
      const file = runnerConfig.file ? ` (${path.basename(runnerConfig.file)})` : '';
      found.set(spec.family, { by: 'config', source: `\`${config.key}: true\`${file}` });
    } else if (spec.restoreAllSpellings.some((spelling) => spellings.has(spelling))) {
      found.set(spec.family, { by: 'setup', source: setupFiles.map((f) => path.relative(project.root ?? '', f)).join(', ') });
    }
  }
  return found;
}

/**
 * Does a setup file restore this family's spy of `target` around every test? It does when it spies
 * the same global member in `beforeEach` and restores that spy through its handle in `afterEach`:
 * Jest and Vitest hand the test the setup's spy when it spies the member again (checked with both).
 */
export function setupRestoresSpyOf(filename: string, family: HelperFamily, target: SharedOrigin | undefined): AutoRestore | undefined {
  const spec = HELPER_FAMILIES[family];
  if (!spec.respySpellings || target?.kind !== 'global' || target.path.length !== 1) return undefined;
  const spelled = `${target.name}.${target.path[0] ?? ''}`;
  // Unknown (a setup file that cannot be read): the spy is not restored.
  return readOrUnknown('the setup files', path.resolve(filename), () => {
    const project = projectOf(filename);
    const files = setupFilesOf(project);
    const restoring = spiesAroundEachTest(files).find(
      (found) => spec.respySpellings?.includes(found.spy) && found.target === spelled && spec.handleRestores.some((restore) => restore.length === 1 && restore[0] === found.restore),
    );
    return restoring ? { by: 'setup' as const, source: files.map((f) => path.relative(project.root ?? '', f)).join(', ') } : undefined;
  }, undefined);
}

/**
 * Does a setup file of the project name `word` (a global it may define before every test file)?
 * Unknown (a setup file that cannot be read): it does.
 */
export function setupFilesName(filename: string, word: string): boolean {
  const pattern = new RegExp(`(?<![\\w$])${word.replace(/[$]/g, '\\$&')}(?![\\w$])`);
  return readOrUnknown('the setup files', path.resolve(filename), () => setupFilesOf(projectOf(filename)).some((file) => pattern.test(setupTexts.get(file))), true);
}

/** Read again when a setup file changes. */
const setupTexts = cachedPerFile((file) => readFileSync(file, 'utf8'));

const EXTENSIONS = ['', '.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'];

/**
 * Setup files and root hook modules that exist on disk: the project's own, and those a package
 * installed in node_modules provides (`setupFiles: ['console-fail-test/setup']`), read the same way.
 */
function setupFilesOf(project: ProjectConfig): string[] {
  const lists: Known<readonly string[]>[] = [
    project.jest?.setupFiles ?? [],
    project.jest?.setupFilesAfterEnv ?? [],
    project.vitest?.setupFiles ?? [],
    project.mocha?.require ?? [],
    project.mocha?.files ?? [],
  ];
  const files: string[] = [];
  for (const list of lists) {
    if (list === 'unknown') continue;
    for (const entry of list) {
      const file = path.isAbsolute(entry)
        ? EXTENSIONS.map((ext) => entry + ext).find((candidate) => existsSync(candidate))
        : project.root === undefined
          ? undefined
          : installedPackageFile(entry, project.root);
      if (file) files.push(file);
    }
  }
  return files;
}
