/**
 * What does the analysis assume when a reader of the project throws (a runner config, a setup file,
 * a helper module laid out as no one foresaw)? What it assumes when the answer is unknown: the
 * reader's `unknown` value, chosen by each caller as the reading that misses no leak. The failure
 * is kept for `--debug` (one line per reader and cause), and the lint of the file goes on.
 */
import { causeOf } from '../rule/internal-error.js';

interface Failure {
  readonly what: string;
  readonly subject: string;
  readonly cause: string;
  others: number;
}

const failures = new Map<string, Failure>();

/** What `read` answers, or `unknown` when it throws; `what` and `subject` name it for `--debug` ("the runner config", a file). */
export function readOrUnknown<T>(what: string, subject: string, read: () => T, unknown: T): T {
  try {
    return read();
  } catch (error) {
    const cause = causeOf(error);
    const key = `${what}\0${cause}`;
    const known = failures.get(key);
    if (known) known.others++;
    else failures.set(key, { what, subject, cause, others: 0 });
    return unknown;
  }
}

/** For `--debug`: each reader that failed, with its cause, once. */
export function readFailures(): string[] {
  return [...failures.values()].map(({ what, subject, cause, others }) => {
    const more = others > 0 ? ` and ${others} more time${others === 1 ? '' : 's'}` : '';
    return `could not read ${what} for ${subject}${more}: ${cause}; taken as unknown (internal error; please report)`;
  });
}

/** For tests: forget the failures seen. */
export function clearReadFailures(): void {
  failures.clear();
}
