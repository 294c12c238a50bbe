/**
 * Do later test files see what this file leaves behind? That depends on the runner: Jest and Vitest
 * give each file fresh modules and globals, Mocha loads every file into one process. The runner is
 * taken from the `isolation` setting, else from the file's own framework imports and globals, else
 * from what the project declares (package.json, runner configs, read statically). A known runner's
 * setting that is not set or cannot be read is the runner's documented default (Vitest isolates
 * files unless a config read says `isolate: false`): a message claims that later files see a write
 * only from what was read. An unknown runner is assumed to share one process: the reading that
 * misses no leak. Test files that the test script
 * bundles one per file (test-bundles.ts) each have their own copy of the project's modules.
 */
import { isBuiltin } from 'node:module';
import { isRelativeSpecifier } from '../../project/module-file.js';
import type { ProjectConfig } from '../../project/runner-config.js';
import type { RunnerId } from '../../project/runner-defaults.js';
import type { IsolationSetting } from '../../rule/settings.js';
import type { SharedOrigin } from '../values/binding.js';
import { projectOf } from '../../project/project-of-file.js';
import { FRAMEWORKS, isProcessStreamMember, RUNNER_ISOLATION, type FrameworkId } from './frameworks.js';

export interface Isolation {
  /** The runner the file runs under, when known: it also picks the remedy to suggest. */
  readonly runner: RunnerId | undefined;
  readonly scope: 'file' | 'process';
  readonly sharedCoreModules: boolean;
  /**
   * The files share one process, but each has its own instance of the project's modules, while core
   * modules, packages and globals stay shared: webpack bundles, one per test file
   * (project/test-bundles.ts), or Vitest 1-3 `singleThread`/`singleFork` with isolation on.
   */
  readonly bundledPerFile: boolean;
  /** Why, in words that fit after "because": `Mocha runs all test files in one process`. */
  readonly reason: string;
}

/** Short, for messages; the docs' "Messages" sections say how to set the `isolation` setting. */
export const UNKNOWN_RUNNER_REASON = 'runner unknown';

const UNKNOWN_RUNNER: RunnerIsolationOf = { runner: undefined, scope: 'process', sharedCoreModules: true, reason: UNKNOWN_RUNNER_REASON };

export function isolationOf(setting: IsolationSetting, frameworks: ReadonlySet<FrameworkId>, filename: string): Isolation {
  const project = projectOf(filename);
  const runner = runnerOf(frameworks, project);
  if (setting === 'process') {
    return { runner, scope: 'process', sharedCoreModules: true, bundledPerFile: false, reason: "setting 'process'" };
  }
  if (setting === 'file') {
    // Even an isolating runner may share core modules (Jest does): keep reporting those.
    return { runner, scope: 'file', sharedCoreModules: true, bundledPerFile: false, reason: "setting 'file'" };
  }
  const found = runner ? isolationOfRunner(runner, project) : UNKNOWN_RUNNER;
  return { ...found, bundledPerFile: (project.testBundles !== undefined || found.ownModulesPerFile === true) && found.scope === 'process' };
}

/** Does the runner of this file run a describe's own tests before its nested describes (Mocha)? */
export function runsOwnTestsFirst(frameworks: ReadonlySet<FrameworkId>, filename: string): boolean {
  const runner = runnerOf(frameworks, projectOf(filename));
  return runner !== undefined && RUNNER_ISOLATION[runner].ownTestsBeforeNestedDescribes;
}

/** The runner of this file: what the file itself uses, else the project's only declared runner. */
function runnerOf(frameworks: ReadonlySet<FrameworkId>, project: ProjectConfig): RunnerId | undefined {
  // Jest still defines a `jasmine` global in some setups: Jest wins when the project declares it.
  // A framework that is not a runner (tape) says nothing of how its files run: the project's runner does.
  const runners = [...frameworks].filter((f): f is Exclude<FrameworkId, 'tape'> => !FRAMEWORKS.find((spec) => spec.id === f)?.notARunner);
  const used = runners.map((f): RunnerId => (f === 'jasmine' && project.runners.has('jest') ? 'jest' : f));
  const candidates = used.length > 0 ? used : [...project.runners];
  const distinct = [...new Set(candidates)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/** What the runner itself decides; whether the test files are bundled one per file comes from the project. */
type RunnerIsolationOf = Omit<Isolation, 'bundledPerFile'> & { readonly ownModulesPerFile?: boolean };

function isolationOfRunner(runner: RunnerId, project: ProjectConfig): RunnerIsolationOf {
  const { label, scope, sharedCoreModules } = RUNNER_ISOLATION[runner];
  // Only a config read as `isolate: false` shares the process: where `isolate` is not set or
  // cannot be read, Vitest's default (`isolate: true`) holds, and `--debug` names the assumption.
  if (runner === 'vitest' && project.vitest?.isolate === false) {
    return { runner, scope: 'process', sharedCoreModules: true, reason: 'Vitest isolate: false' };
  }
  // Vitest 1-3 `singleThread`/`singleFork`: one worker for every file, which loads the project's modules afresh per file
  // but keeps its globals, `process.env`, core modules and packages (RUNTIME-FACTS 24).
  const single = runner === 'vitest' ? project.vitest?.singleWorker : undefined;
  if (single) {
    return { runner, scope: 'process', sharedCoreModules: true, reason: `Vitest ${single}`, ownModulesPerFile: true };
  }
  if (runner === 'node-test' && project.nodeTest?.isolation === 'none') {
    return { runner, scope: 'process', sharedCoreModules: true, reason: '`--test-isolation=none`' };
  }
  // Short, for messages (`later files (Mocha) see it`): the docs' "Messages" sections say each runner shares one process.
  if (scope === 'process') return { runner, scope, sharedCoreModules, reason: label };
  return {
    runner,
    scope,
    sharedCoreModules,
    reason: sharedCoreModules ? `${label}: shared core modules` : `${label} isolates files`,
  };
}

/** Why an unrestored change of `target` reaches the test files run after this one, or undefined when it does not. */
export function laterFilesReason(isolation: Isolation, target: SharedOrigin): string | undefined {
  // A bundle per test file: the project's own modules are that file's copy; the rest is shared.
  if (isolation.bundledPerFile && target.kind === 'module' && isRelativeSpecifier(target.source)) return undefined;
  if (isolation.scope === 'process') return isolation.reason;
  if (!isolation.sharedCoreModules || !isCoreOwned(target)) return undefined;
  return isolation.reason.startsWith('setting') ? 'core modules may be shared' : isolation.reason;
}

/** A member of a Node core module, or of a process stream, which Jest's per-file copy of `process` still shares. */
function isCoreOwned(target: SharedOrigin): boolean {
  return target.kind === 'module' ? isBuiltin(target.source) : isProcessStreamMember(target);
}

/** Does a hook at the top level of a test file run around every test of every file (Mocha's root hooks)? */
export function rootHooksRunForEveryFile(isolation: Isolation): boolean {
  return isolation.runner !== undefined && RUNNER_ISOLATION[isolation.runner].rootHooksForEveryFile;
}

/** Are a file's after hooks done before the next file loads (Jest, Vitest)? Mocha and Jasmine load every file first. */
export function afterHooksRunBeforeLaterFiles(isolation: Isolation): boolean {
  return isolation.runner !== undefined && RUNNER_ISOLATION[isolation.runner].loadsFilesOneByOne;
}
