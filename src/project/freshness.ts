/**
 * Is a cached answer about the project still true? An answer keeps the modification times of the
 * files it read and of the directories it looked into (a directory's time changes when a file is
 * added to it or removed), and is stale when one of them changed. The check costs one `stat` per
 * path, and is made at most once per `RECHECK_MS` (half a second) for each answer, so that the rules linting
 * one file, or a burst of files, do not stat the same config again and again; an editor that lints
 * again after a config change sees the change.
 */
import { statSync } from 'node:fs';

/** How often a stamp looks at the disk again: an editor sees a config change within this long. */
export const RECHECK_MS = 500;

export interface Stamp {
  /** True while no path it covers has changed (checked at most once per `RECHECK_MS`). */
  isFresh(): boolean;
}

/** A stamp of `paths` as they are now. */
export function stampOf(paths: Iterable<string>): Stamp {
  const times = new Map<string, number>();
  for (const file of paths) times.set(file, modified(file));
  let checkedAt = Date.now();
  let fresh = true;
  return {
    isFresh() {
      if (!fresh) return false;
      const now = Date.now();
      if (now - checkedAt < RECHECK_MS) return true;
      checkedAt = now;
      for (const [file, time] of times) {
        if (modified(file) !== time) {
          fresh = false;
          break;
        }
      }
      return fresh;
    },
  };
}

/** The modification time in milliseconds, or -1 when the path does not exist. */
function modified(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** Answers about single files, each read once and again only after its file changed. */
export interface PerFile<T> {
  get(file: string): T;
  clear(): void;
}

/** Keeps what `read` answers for each file until that file changes (a helper module, a setup file). */
export function cachedPerFile<T>(read: (file: string) => T): PerFile<T> {
  const answers = new Map<string, { readonly value: T; readonly stamp: Stamp }>();
  return {
    get(file) {
      const cached = answers.get(file);
      if (cached?.stamp.isFresh()) return cached.value;
      // Stamped before reading: a change made while reading shows up on the next question.
      const stamp = stampOf([file]);
      const value = read(file);
      answers.set(file, { value, stamp });
      return value;
    },
    clear() {
      answers.clear();
    },
  };
}
