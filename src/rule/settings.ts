/**
 * What the user configured under `settings['patch-leak']` in their ESLint config. Settings are not
 * validated by ESLint, so a wrong value is returned as a problem for the rules to report, never
 * thrown.
 */
import type { TSESLint } from '@typescript-eslint/utils';

export const ISOLATION_SETTINGS = ['auto', 'file', 'process'] as const;
export type IsolationSetting = (typeof ISOLATION_SETTINGS)[number];

export interface PatchLeakSettings {
  /** auto: infer the runner and its isolation; file: test files never share modules or globals; process: they do. */
  readonly isolation: IsolationSetting;
  /** One line per invalid setting, for the rules to report. */
  readonly problems: readonly string[];
}

export const SETTINGS_KEY = 'patch-leak';
const KNOWN_KEYS: ReadonlySet<string> = new Set(['isolation']);

export function settingsOf(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): PatchLeakSettings {
  const raw: unknown = context.settings[SETTINGS_KEY];
  const problems: string[] = [];
  let isolation: IsolationSetting = 'auto';
  if (raw !== undefined && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    problems.push(`settings['${SETTINGS_KEY}'] must be an object, got ${JSON.stringify(raw)}`);
  } else if (raw !== undefined) {
    for (const key of Object.keys(raw)) {
      if (!KNOWN_KEYS.has(key)) problems.push(`settings['${SETTINGS_KEY}'] has an unknown key '${key}' (known: ${[...KNOWN_KEYS].join(', ')})`);
    }
    const value = (raw as Record<string, unknown>).isolation;
    if ((ISOLATION_SETTINGS as readonly unknown[]).includes(value)) isolation = value as IsolationSetting;
    else if (value !== undefined) {
      problems.push(`settings['${SETTINGS_KEY}'].isolation must be one of ${ISOLATION_SETTINGS.map((s) => `'${s}'`).join(', ')}, got ${JSON.stringify(value)}`);
    }
  }
  return { isolation, problems };
}

/** The files whose settings problems a rule has already reported (all rules of a file share one SourceCode). */
const reportedIn = new WeakSet<object>();

/**
 * The settings problems this rule should report: all of them for the first rule that asks while a
 * file is linted, none for the others, so that one typo is one finding per file, whichever of the
 * rules are enabled.
 */
export function settingsProblemsToReport(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): readonly string[] {
  const { problems } = settingsOf(context);
  if (problems.length === 0 || reportedIn.has(context.sourceCode)) return [];
  reportedIn.add(context.sourceCode);
  return problems;
}
