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
