/**
 * What happens when the analysis of one file fails? The rule reports it once on that file, naming
 * the cause, and the lint run goes on with the next file: an unexpected input (a parser's unusual
 * tree, a project laid out as no one foresaw) costs one file's findings, never the whole run.
 */
import type { TSESLint } from '@typescript-eslint/utils';

export const INTERNAL_ERROR_MESSAGES = {
  internalError: 'patch-leak could not analyse this file: {{cause}} (internal error; please report).',
} as const;

export type InternalErrorId = keyof typeof INTERNAL_ERROR_MESSAGES;

/** Longer causes are cut: a message stays one short line. */
const CAUSE_LENGTH = 120;

/** The first line of an error's message, short enough for a finding. */
export function causeOf(error: unknown): string {
  const text = (error instanceof Error ? error.message : String(error)).split('\n')[0]?.trim() || (error instanceof Error ? error.name : 'unknown error');
  return text.length > CAUSE_LENGTH ? `${text.slice(0, CAUSE_LENGTH - 1)}…` : text;
}

type Reporter = Readonly<Pick<TSESLint.RuleContext<InternalErrorId, readonly unknown[]>, 'report'>>;

/**
 * The rule's listeners for one file, each made unable to throw: the first error (in `create` or in
 * any listener) is reported on the file's first line, and the rule does nothing more for that file.
 */
export function guarded(context: Reporter, create: () => TSESLint.RuleListener): TSESLint.RuleListener {
  let failed = false;
  const fail = (error: unknown): void => {
    if (failed) return;
    failed = true;
    context.report({ loc: { line: 1, column: 0 }, messageId: 'internalError', data: { cause: causeOf(error) } });
  };
  let listeners: TSESLint.RuleListener;
  try {
    listeners = create();
  } catch (error) {
    return { Program: () => fail(error) };
  }
  const safe: Record<string, (...args: never[]) => void> = {};
  for (const [selector, listener] of Object.entries(listeners)) {
    if (typeof listener !== 'function') continue;
    const run = listener as (...args: never[]) => void;
    safe[selector] = (...args) => {
      if (failed) return;
      try {
        run(...args);
      } catch (error) {
        fail(error);
      }
    };
  }
  return safe as TSESLint.RuleListener;
}
