/**
 * Do later test files see what this file leaves behind? That depends on the runner: Jest and Vitest
 * give each file fresh modules and globals, Mocha loads every file into one process. The runner is
 * taken from the `isolation` setting, else from the file's own framework imports and globals, else
 * from what the project declares (package.json, runner configs, read statically). An unknown runner
 * is assumed to share one process: the reading that misses no leak.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { projectConfigOf, type ProjectConfig, type RunnerId } from '../project/runner-config.js';
import type { IsolationSetting } from '../settings.js';
import type { SharedOrigin } from './binding.js';
import { RUNNER_ISOLATION, type FrameworkId } from './frameworks.js';

export interface Isolation {
  /** The runner the file runs under, when known: it also picks the remedy to suggest. */
  readonly runner: RunnerId | undefined;
  readonly scope: 'file' | 'process';
  readonly sharedCoreModules: boolean;
  /** Why, in words that fit after "because": `Mocha runs all test files in one process`. */
  readonly reason: string;
}

export const UNKNOWN_RUNNER_REASON =
  "the test runner could not be determined, so test files are assumed to share one process; set `settings['patch-leak'].isolation` to 'file' if they do not";

const UNKNOWN_RUNNER: Isolation = { runner: undefined, scope: 'process', sharedCoreModules: true, reason: UNKNOWN_RUNNER_REASON };

export function isolationOf(setting: IsolationSetting, frameworks: ReadonlySet<FrameworkId>, filename: string): Isolation {
  const project = projectConfigOf(path.resolve(filename));
  const runner = runnerOf(frameworks, project);
  if (setting === 'process') {
    return { runner, scope: 'process', sharedCoreModules: true, reason: "`settings['patch-leak'].isolation` is 'process'" };
  }
  if (setting === 'file') {
    // Even an isolating runner may share core modules (Jest does): keep reporting those.
    return { runner, scope: 'file', sharedCoreModules: true, reason: "`settings['patch-leak'].isolation` is 'file'" };
  }
  return runner ? isolationOfRunner(runner, project) : UNKNOWN_RUNNER;
}

/** The runner of this file: what the file itself uses, else the project's only declared runner. */
function runnerOf(frameworks: ReadonlySet<FrameworkId>, project: ProjectConfig): RunnerId | undefined {
  // Jest still defines a `jasmine` global in some setups: Jest wins when the project declares it.
  const used = [...frameworks].map((f): RunnerId => (f === 'jasmine' && project.runners.has('jest') ? 'jest' : f));
  const candidates = used.length > 0 ? used : [...project.runners];
  const distinct = [...new Set(candidates)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

function isolationOfRunner(runner: RunnerId, project: ProjectConfig): Isolation {
  const { label, scope, sharedCoreModules } = RUNNER_ISOLATION[runner];
  if (runner === 'vitest') {
    const isolate = project.vitest?.isolate ?? true;
    if (isolate === false) {
      return { runner, scope: 'process', sharedCoreModules: true, reason: `Vitest runs with \`isolate: false\`${where(project.vitest?.file)}, so test files share modules and globals` };
    }
    if (isolate === 'unknown') {
      return {
        runner,
        scope: 'process',
        sharedCoreModules: true,
        reason: `Vitest's \`isolate\` could not be read statically${whyUnread(project.vitest?.file, project.notes)}, so test files are assumed to share modules and globals`,
      };
    }
  }
  if (runner === 'node-test' && project.nodeTest?.isolation === 'none') {
    return { runner, scope: 'process', sharedCoreModules: true, reason: 'node:test runs with `--test-isolation=none`, so test files share one process' };
  }
  if (scope === 'process') return { runner, scope, sharedCoreModules, reason: `${label} runs all test files in one process` };
  return {
    runner,
    scope,
    sharedCoreModules,
    reason: sharedCoreModules
      ? `${label} isolates test files but shares Node core modules between the files of a worker`
      : `${label} isolates test files`,
  };
}

/** ` (vitest.config.ts: exports a computed config; ...)`: the config's own note when there is one, else its name. */
function whyUnread(file: string | undefined, notes: readonly string[]): string {
  const note = file ? notes.find((line) => line.startsWith(`${file}: `)) : undefined;
  return note && file ? ` (${path.basename(file)}${note.slice(file.length)})` : where(file);
}

function where(file: string | undefined): string {
  return file ? ` (${path.basename(file)})` : '';
}

/** Why an unrestored change of `target` reaches the test files run after this one, or undefined when it does not. */
export function laterFilesReason(isolation: Isolation, target: SharedOrigin): string | undefined {
  if (isolation.scope === 'process') return isolation.reason;
  if (!isolation.sharedCoreModules || target.kind !== 'module' || !isBuiltin(target.source)) return undefined;
  return isolation.reason.startsWith('`settings')
    ? `\`${target.source}\` is a Node core module, which runners that isolate test files can still share, as Jest does`
    : isolation.reason;
}

/** Does a hook at the top level of a test file run around every test of every file (Mocha's root hooks)? */
export function rootHooksRunForEveryFile(isolation: Isolation): boolean {
  return isolation.runner !== undefined && RUNNER_ISOLATION[isolation.runner].rootHooksForEveryFile;
}
