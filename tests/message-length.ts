/**
 * Every message a rule reports stays short: what leaks, where, who sees it and the shortest scoped
 * fix. The why (how the runner was found, what `restoreAllMocks` skips) lives in the rule docs, which
 * ESLint links from each finding.
 *
 * The bound: 175 characters, names included, with a name (`name`, `label`, `hook`, the object in a
 * remedy) counted as at most NAME_ALLOWANCE characters: a long name makes a long message however
 * terse the text around it is. The longest template (a Sinon fix that still has to name
 * `sinon.restore()` in `afterEach`, and a reach with its reason, `later tests and files (runner
 * unknown)`) comes to 174 with short names (`Date.now`). A fix drops the restore half when the file
 * already runs it after every test, which is what keeps real messages near 160: on the four
 * development suites every message whose target is named in under 16 characters is at most 158
 * characters long (the longest, 180, names `executionVarsJSON.value` twice).
 */
import type { TSESLint } from '@typescript-eslint/utils';

export const MESSAGE_BOUND = 175;
/** A suggestion's description, in the editor's quick-fix menu, stays under this many characters. */
export const SUGGESTION_BOUND = 100;
/** Names up to this long count in full; longer ones count as this long. */
export const NAME_ALLOWANCE = 16;

/** The message as ESLint renders it from its template and data. */
export function render(template: string, data: Readonly<Record<string, unknown>> = {}): string {
  return template.replace(/\{\{\s*([^{}]+?)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The length that counts against the bound: the user's long names (`name`, `label`, `hook`) count as NAME_ALLOWANCE. */
export function countedLength(message: string, data: Readonly<Record<string, unknown>> = {}): number {
  let length = message.length;
  const name = typeof data.name === 'string' ? data.name : '';
  // The object of `name` (`agentProxy` in `agentProxy.HttpToolsInvoker`) comes back in the remedy.
  const object = name.slice(0, Math.max(0, name.lastIndexOf('.')));
  for (const value of [data.name, data.label, data.hook, object]) {
    if (typeof value !== 'string' || value.length <= NAME_ALLOWANCE) continue;
    const occurrences = message.split(value).length - 1 - (value === object ? message.split(name).length - 1 : 0);
    length -= occurrences * (value.length - NAME_ALLOWANCE);
  }
  return length;
}

/**
 * The rule, with every report checked against the bound: a case whose message is too long fails
 * with the message in the error.
 */
export function withMessageBound<M extends string, O extends readonly unknown[]>(rule: TSESLint.RuleModule<M, O>): TSESLint.RuleModule<M, O> {
  return {
    ...rule,
    create(context) {
      const report = (descriptor: TSESLint.ReportDescriptor<M>): void => {
        const data = (descriptor.data ?? {}) as Record<string, unknown>;
        const message = render(rule.meta.messages[descriptor.messageId], data);
        const length = countedLength(message, data);
        if (length > MESSAGE_BOUND) throw new Error(`message of ${length} characters (bound ${MESSAGE_BOUND}): ${message}`);
        for (const suggestion of descriptor.suggest ?? []) {
          if (!('messageId' in suggestion)) continue;
          const desc = render(rule.meta.messages[suggestion.messageId], (suggestion.data ?? {}) as Record<string, unknown>);
          if (desc.length >= SUGGESTION_BOUND) throw new Error(`suggestion of ${desc.length} characters (bound ${SUGGESTION_BOUND}): ${desc}`);
        }
        context.report(descriptor);
      };
      return rule.create(Object.create(context, { report: { value: report } }) as typeof context);
    },
  };
}
