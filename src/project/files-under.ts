/**
 * Which files are under a directory? The one walk the command and the project readers share. It
 * never enters `node_modules` or `.git`, nor (unless `dot`) an entry whose name starts with a dot,
 * nor a directory `.gitignore` ignores or the caller prunes: an ignored directory is left out
 * before it is read. Symbolic links are followed, but each real directory is entered once (by its
 * real path), and a link to a directory that holds it (`test/loop -> ..`) is a loop, not followed:
 * the walk ends instead of repeating the tree until the path is too long, and a walk started in
 * `test/` does not climb out of it through the loop. A link to a file is listed at its own path, with the real
 * path it leads to, so that the caller, who knows which path a runner selects, checks the file once
 * (`oncePerRealFile`). Plain directories are walked before links are followed, so a directory's
 * files are listed by their own paths when the tree holds them. `.gitignore` files apply from the
 * repository root (the directory holding `.git`) down, as git reads them (outside a repository,
 * from the working directory down); each is read when the walk enters its directory, and a path is
 * tested against the files of its own ancestors only.
 */
import { isGitIgnoredSync } from 'globby';
import { existsSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { stampOf, type Stamp } from './freshness.js';

export interface WalkOptions {
  /** Enter directories and list files whose name starts with a dot (never `.git`). */
  readonly dot?: boolean;
  /** Leave out what `.gitignore` files ignore: the repository's, or outside a repository those under this directory (the working directory). */
  readonly gitignoreFrom?: string;
  /** A directory (absolute path as reached) not to enter. */
  readonly prune?: (directory: string) => boolean;
  /** Told of each link to a directory that is not followed: it leads to a directory read already, or to one holding the link. */
  readonly onLinkNotFollowed?: (link: string) => void;
  /**
   * Only files whose name (the entry's own name, a link's name for a link) this accepts are
   * listed: the others are not tested against `.gitignore` at all, which is most of a walk's work
   * in a tree of fixtures.
   */
  readonly names?: (name: string) => boolean;
}

const NEVER_ENTERED = new Set(['node_modules', '.git']);

export interface ReachedFile {
  /** The path the walk reached it by (absolute). */
  readonly path: string;
  /** Its real path: the same as `path` unless a link led to it. */
  readonly real: string;
}

/** What the `.gitignore` files that apply to a directory ignore, each read once; a path is tested against those of its own ancestors only. */
type Ignores = readonly ((file: string) => boolean)[];

/** The files under `start`, in no particular order. */
export function filesUnder(start: string, options: WalkOptions = {}): ReachedFile[] {
  const gitignore = options.gitignoreFrom !== undefined;
  const skipName = (name: string) => NEVER_ENTERED.has(name) || (!options.dot && name.startsWith('.'));
  const listed = options.names ?? (() => true);
  const ignoredBy = (ignores: Ignores, file: string) => ignores.some((ignored) => ignored(file));
  const entered = new Set<string>();
  const files: ReachedFile[] = [];
  const directories: { readonly reached: string; readonly real: string; readonly ignores: Ignores }[] = [];
  try {
    directories.push({ reached: start, real: realpathSync(start), ignores: gitignore ? ignoresAbove(start, options.gitignoreFrom as string) : [] });
  } catch {
    return [];
  }
  const prune = (directory: string, ignores: Ignores) => options.prune?.(directory) === true || ignoredBy(ignores, directory + path.sep);
  let links: { readonly link: string; readonly parent: string; readonly ignores: Ignores }[] = [];
  while (directories.length > 0) {
    // Plain directories first, then the links met on the way, which may lead to more directories.
    while (directories.length > 0) {
      const { reached, real, ignores: above } = directories.pop() as (typeof directories)[number];
      if (entered.has(real)) continue;
      entered.add(real);
      let entries: Dirent[];
      try {
        entries = readdirSync(reached, { withFileTypes: true });
      } catch {
        continue;
      }
      const ignores = gitignore && entries.some((entry) => entry.name === '.gitignore' && !entry.isDirectory()) ? [...above, gitignoreOf(reached)] : above;
      // What `path.join(directory, name)` gives for any entry's name (no separator, never `.` or `..`), worked out once per directory, not per entry.
      const reachedPrefix = joinPrefix(reached);
      const realPrefix = joinPrefix(real);
      for (const entry of entries) {
        const name = entry.name;
        if (skipName(name)) continue;
        if (entry.isDirectory()) {
          const file = reachedPrefix + name;
          if (!prune(file, ignores)) directories.push({ reached: file, real: realPrefix + name, ignores });
        } else if (entry.isFile()) {
          if (!listed(name)) continue;
          const file = reachedPrefix + name;
          if (!ignoredBy(ignores, file)) files.push({ path: file, real: realPrefix + name });
        } else if (entry.isSymbolicLink()) links.push({ link: reachedPrefix + name, parent: real, ignores });
      }
    }
    const followed = links;
    links = [];
    for (const { link, parent, ignores } of followed) {
      let real: string;
      let isDirectory: boolean;
      try {
        real = realpathSync(link);
        isDirectory = statSync(real).isDirectory();
      } catch {
        // A broken link, or a loop the system itself refuses: nothing to read.
        continue;
      }
      if (!isDirectory) {
        if (listed(path.basename(link)) && !ignoredBy(ignores, link)) files.push({ path: link, real });
      }
      // A link to a directory holding it is a loop: what it leads to is its own tree, entered already or to come.
      else if (entered.has(real) || isWithin(parent, real)) options.onLinkNotFollowed?.(link);
      else if (!prune(link, ignores)) directories.push({ reached: link, real, ignores });
    }
  }
  return files;
}

/** The paths of `files` that `keep` keeps, each real file once: by its own path when that is kept, else by the first link kept. */
export function oncePerRealFile(files: readonly ReachedFile[], keep: (file: string) => boolean = () => true): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  const ownPathsFirst = [...files.filter((file) => file.path === file.real), ...files.filter((file) => file.path !== file.real)];
  for (const file of ownPathsFirst) {
    if (seen.has(file.real) || !keep(file.path)) continue;
    seen.add(file.real);
    kept.push(file.path);
  }
  return kept;
}

/**
 * The `.gitignore` files of the directories above `start` that apply to it: from the repository
 * root (the directory holding `.git`), else from `from` (the working directory), down to `start`'s parent.
 */
function ignoresAbove(start: string, from: string): Ignores {
  const top = repositoryRootOf(start) ?? path.resolve(from);
  const dirs: string[] = [];
  for (let dir = path.dirname(path.resolve(start)); isWithin(dir, top); dir = path.dirname(dir)) {
    dirs.unshift(dir);
    if (dir === top || path.dirname(dir) === dir) break;
  }
  return dirs.filter((dir) => existsSync(path.join(dir, '.gitignore'))).map(gitignoreOf);
}

const matchers = new Map<string, { readonly ignored: (file: string) => boolean; readonly stamp: Stamp }>();
/** How many times a directory's `.gitignore` was read. Read (and reset) by the walk's spec only; nothing else reads it. */
export const gitignoreReads = { count: 0 };

/**
 * What the `.gitignore` file of `dir` ignores (paths absolute; a directory's with a trailing
 * separator). Read once for all the walks of a run (the command's, the scripts searched for a
 * name, the root hooks'), and again when one of the files it reads changed: `dir`'s own
 * `.gitignore`, those above it up to the repository root, and the repository's `info/exclude`.
 */
function gitignoreOf(dir: string): (file: string) => boolean {
  const cached = matchers.get(dir);
  if (cached?.stamp.isFresh()) return cached.ignored;
  const stamp = stampOf(ignoreFilesFor(dir));
  let ignored: (file: string) => boolean;
  gitignoreReads.count++;
  try {
    ignored = isGitIgnoredSync({ cwd: dir, deep: 0, suppressErrors: true });
  } catch {
    ignored = () => false;
  }
  matchers.set(dir, { ignored, stamp });
  return ignored;
}

/** The files the `.gitignore` reading of `dir` depends on. */
function ignoreFilesFor(dir: string): string[] {
  const top = repositoryRootOf(dir);
  const files: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    files.push(path.join(current, '.gitignore'));
    if (current === top || path.dirname(current) === current) break;
  }
  if (top !== undefined) files.push(path.join(top, '.git', 'info', 'exclude'), path.join(top, '.git'));
  return files;
}

function joinPrefix(dir: string): string {
  return path.join(dir, '_').slice(0, -1);
}

function isWithin(dir: string, ancestor: string): boolean {
  return dir === ancestor || dir.startsWith(ancestor.endsWith(path.sep) ? ancestor : ancestor + path.sep);
}

function repositoryRootOf(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}
