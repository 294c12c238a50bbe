/** Expected findings of the patch rules, spelled the way their messages read. */
import { GENERIC_REMEDY } from '../src/analysis/runner/frameworks.js';
import { UNKNOWN_RUNNER_REASON } from '../src/analysis/runner/isolation.js';

export { GENERIC_REMEDY, UNKNOWN_RUNNER_REASON };

/** Who sees a patch made in a test: the file's later tests, and later files when `laterFilesBecause` is given. */
export function laterTests(laterFilesBecause?: string): string {
  return `later tests${laterFiles(laterFilesBecause)}`;
}

/** Who sees a patch made while the file loads: all of its tests, and later files when `laterFilesBecause` is given. */
export function allTests(laterFilesBecause?: string): string {
  return `all tests${laterFiles(laterFilesBecause)}`;
}

function laterFiles(because: string | undefined): string {
  return because ? ` and files (${because})` : '';
}

interface Options {
  readonly where?: string;
  readonly verb?: 'replaced' | 'changed' | 'deleted' | 'called';
  readonly reach?: string;
  readonly remedy?: string;
}

/**
 * An `unrestoredPatch` finding. Defaults: in a test, replaced, in a project whose runner is unknown
 * (so later files are assumed to see it), with the generic remedy.
 */
export function unrestored(line: number, name: string, options: Options = {}) {
  const { where = 'a test', verb = 'replaced', reach = laterTests(UNKNOWN_RUNNER_REASON), remedy = GENERIC_REMEDY } = options;
  return { messageId: 'unrestoredPatch' as const, line, data: { name, verb, where, reach, remedy } };
}

/** A `collectionTimePatch` finding: written at the top level or in a describe body. */
export function collectionTime(line: number, name: string, options: Options = {}) {
  const { where = 'at top level', verb = 'replaced', reach = allTests(UNKNOWN_RUNNER_REASON), remedy = GENERIC_REMEDY } = options;
  return { messageId: 'collectionTimePatch' as const, line, data: { name, verb, where, reach, remedy } };
}
