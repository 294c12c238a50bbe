/**
 * Which of these files would the project's runners run as tests? For the command's default file
 * set: each candidate is kept when a runner of its project selects it (test-selection.ts), dropped
 * when every runner's selection is read and none selects it, and decided by the fallback (test-like
 * names) when a selection cannot be read. A selection that selects none of the candidates under its
 * project (a runner started on compiled tests in an ignored `dist/`) is taken as unread too: the
 * sources are still the files to check. A nested project (a fixture with a config of its own, run
 * by a test of the outer suite) is left out when the runner started in the working directory
 * matches the file by its patterns and ignores it on purpose (Jest's e2e fixtures: `/e2e/.*\/__tests__`
 * in `testPathIgnorePatterns`) and no other project of that runner selects it or may select it:
 * its tests are fixtures of the outer suite. A nested package the
 * outer runner does not match at all is judged by its own runner. The files that the chosen ones
 * load and that register tests of their own (loaded-tests.ts) are added, when in the same project.
 * Playwright specs are left out unless the test script runs Playwright over them (playwright-specs.ts),
 * and so are the files of a workspace package whose script the working directory's test script,
 * running the workspaces' scripts through a workspace tool, does not run (workspace-reach.ts), unless
 * the working directory's test script starts a runner of its own, whose project they are.
 * What was decided how is kept for `--debug`.
 */
import path from 'node:path';
import { runnerRootOf } from './config-location.js';
import { projectOf } from './project-of-file.js';
import type { ProjectConfig } from './runner-config.js';
import { testsLoadedBy } from './loaded-tests.js';
import { coveredByRun, isPlaywrightSpec, playwrightRunsFrom } from './playwright-specs.js';
import { ignoresOnPurpose, selects, type FileSelection } from './test-selection.js';
import { runnerCommandsOf, testCommandsOf } from './test-script.js';
import { isTypeTestFile } from './type-tests.js';
import { packageScriptsAt, workspaceRunsOf } from './workspace-reach.js';

export interface RunnerFiles {
  readonly files: string[];
  /** One line per project root: how its files were chosen. */
  readonly notes: string[];
}

export function runnerTestFiles(cwd: string, candidates: readonly string[], fallback: ReadonlySet<string>): RunnerFiles {
  const outerRoot = runnerRootOf(cwd);
  const outer = outerRoot.declared ? projectOf(path.join(cwd, 'outer')) : undefined;
  const outerReadable = outer !== undefined && outer.selections.length > 0 && !outer.selections.includes('unknown');
  let nested = 0;
  const byRoot = new Map<string | undefined, { project: ProjectConfig; files: string[] }>();
  for (const file of candidates) {
    const project = projectOf(file);
    const group = byRoot.get(project.root) ?? { project, files: [] };
    group.files.push(file);
    byRoot.set(project.root, group);
  }
  const usable = selectingSome([...byRoot.values()].flatMap(({ project }) => project.selections), candidates);
  const files: string[] = [];
  const notes: string[] = [];
  for (const [root, { project, files: under }] of byRoot) {
    // No runner, or a runner whose selection names no source file: test-like names decide for all the project's files.
    const unread = project.selections.length === 0 || project.selections.some((selection) => !usable.has(selection) && (selection === 'unknown' || selection.kind !== 'unread'));
    let bySelection = 0;
    let byFallback = 0;
    for (const file of under) {
      if (
        outerReadable &&
        root !== outer.root &&
        outer.selections.some((selection) => ignoresOnPurpose(selection, file)) &&
        // A project of the outer `projects` list whose config cannot be read may own the file (jest's examples/angular, a spread preset).
        !outer.selections.some((selection) => selects(selection, file) !== false)
      ) {
        nested++;
        continue;
      }
      // A project with projects gives each file the same selections: the root's.
      if (project.selections.some((selection) => usable.has(selection) && selects(selection, file) === true)) {
        files.push(file);
        bySelection++;
      } else if ((unread || project.selections.some((selection) => selects(selection, file) === undefined)) && fallback.has(file)) {
        files.push(file);
        byFallback++;
      }
    }
    const where = root === undefined ? '(no project)' : path.relative(process.cwd(), root) || '.';
    const runners = [...project.runners].join(', ') || 'no runner';
    notes.push(
      byFallback > 0 || unread
        ? `${where} [${runners}]: ${bySelection} files selected by the runner, ${byFallback} by test-like names (a runner's file selection could not be read or selects no source file)`
        : `${where} [${runners}]: ${bySelection} files selected by the runner`,
    );
  }
  if (nested > 0) notes.push(`${nested} files of nested projects left out: the runner started here ignores them on purpose (fixtures of its tests)`);
  // A workspace package whose script the root's workspace command does not run (none of that name, or a filter leaves it out).
  const outerDir = outerRoot.root ?? cwd;
  const workspaces = workspaceReachOf(outerDir);
  // The root's own runner, when its test script starts one, runs the files it selects wherever they are.
  const rootRunsSome = runnerCommandsOf(packageScriptsAt(outerDir)).length > 0;
  const unreached = files.filter((file) => workspaces.get(deepestContaining(workspaces, file) ?? '') === false && !(rootRunsSome && projectOf(file).root === outerDir));
  if (unreached.length > 0) {
    const gone = new Set(unreached);
    files.splice(0, files.length, ...files.filter((file) => !gone.has(file)));
    notes.push(`${unreached.length} files of workspace packages left out: the test script's workspace command does not run their script (none of that name, or its filter leaves them out)`);
  }
  // Playwright specs only where the test script runs Playwright over them.
  const playwrightRuns = playwrightRunsFrom(outerRoot.root ?? cwd);
  const playwrightOnly = files.filter((file) => isPlaywrightSpec(file, cwd) && !coveredByRun(file, playwrightRuns));
  if (playwrightOnly.length > 0) {
    const left = new Set(playwrightOnly);
    files.splice(0, files.length, ...files.filter((file) => !left.has(file)));
    notes.push(`${playwrightOnly.length} Playwright specs left out (they import @playwright/test, or a playwright.config selects them): the test script runs no \`playwright test\` over them`);
  }
  // Files the selected ones load that register tests: run by the same runner, in the same project.
  const candidateSet = new Set(candidates);
  const loaded = testsLoadedBy(files, (loader, file) => candidateSet.has(file) && !isTypeTestFile(file) && projectOf(file).root === projectOf(loader).root);
  if (loaded.length > 0) {
    const sample = loaded.slice(0, 3).map((file) => path.relative(process.cwd(), file));
    notes.push(`${loaded.length} files that test files load (require/import) and that register tests of their own, checked as tests of the loading file's run: ${sample.join(', ')}${loaded.length > 3 ? ', ...' : ''}`);
  }
  return { files: [...files, ...loaded], notes };
}

/** Each workspace package the working directory's test script runs a workspace command over, and whether the command reaches it; empty when it runs none. */
function workspaceReachOf(root: string): Map<string, boolean> {
  const reach = new Map<string, boolean>();
  for (const run of workspaceRunsOf(testCommandsOf(packageScriptsAt(root)), root)) {
    for (const workspace of run.packages) reach.set(workspace.dir, reach.get(workspace.dir) === true || workspace.reached);
  }
  return reach;
}

/** The deepest of the directories that holds `file`: the workspace package it belongs to. */
function deepestContaining(dirs: ReadonlyMap<string, boolean>, file: string): string | undefined {
  let found: string | undefined;
  for (const dir of dirs.keys()) if (file.startsWith(dir + path.sep) && (found === undefined || dir.length > found.length)) found = dir;
  return found;
}

/**
 * The selections that select at least one of the candidates, in one pass over the candidates (a
 * project of a Jest `projects` list may select files of a nested package, so every candidate is
 * asked); a selection leaves the question once it has selected a file.
 */
function selectingSome(selections: readonly FileSelection[], candidates: readonly string[]): Set<FileSelection> {
  const found = new Set<FileSelection>();
  const pending = new Set(selections.filter((selection) => selection !== 'unknown' && selection.kind !== 'unread'));
  for (const file of candidates) {
    if (pending.size === 0) break;
    for (const selection of pending) {
      if (selects(selection, file) === true) {
        found.add(selection);
        pending.delete(selection);
      }
    }
  }
  return found;
}
