/**
 * The project a linted file belongs to, as the analysis sees it: what its runner configs, test
 * script and dependencies declare, read statically (runner-config.ts), or a project of
 * which nothing is known when reading them fails (read-failures.ts). An unknown project
 * declares no runner (so later files are taken to share the process), selects no files (so
 * test-like names decide) and has no setup files (so nothing is restored for the tests).
 */
import path from 'node:path';
import { readOrUnknown } from './read-failures.js';
import { projectConfigOf, runsAsTest, type ProjectConfig } from './runner-config.js';

export const UNKNOWN_PROJECT: ProjectConfig = {
  root: undefined,
  runners: new Set(),
  jest: undefined,
  vitest: undefined,
  mocha: undefined,
  nodeTest: undefined,
  testBundles: undefined,
  notes: [],
  selections: [],
};

/** The configuration governing `filename`; never throws. */
export function projectOf(filename: string): ProjectConfig {
  const file = path.resolve(filename);
  return readOrUnknown('the project config', path.dirname(file), () => projectConfigOf(file), UNKNOWN_PROJECT);
}

/** Does the project's runner run `filename` as a test file? undefined when unknown; never throws. */
export function runByProject(filename: string): boolean | undefined {
  const file = path.resolve(filename);
  return readOrUnknown('the project config', path.dirname(file), () => runsAsTest(file), undefined);
}
