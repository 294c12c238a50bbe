import type { TSESLint } from '@typescript-eslint/utils';

/** What each suggestion says in the editor's quick-fix menu: short (under 100 characters), naming the rewrite. */
export const SUGGESTION_MESSAGES = {
  suggestScopedHelper: 'Replace with `{{helper}}`{{restore}}.',
  suggestRestoreAll: 'Call `{{call}}` in `afterEach`.',
  suggestFinally: 'Move the restore on line {{line}} into `finally`.',
  suggestRestoreSaved: 'Put `{{name}}` back from `{{saved}}` in `afterEach`.',
  suggestRestoreAfterEach: 'Run the restore on line {{line}} in `afterEach` too.',
  suggestSaveRestore: 'Save the original and put it back in `{{helper}}`.',
  suggestDeleteNewKey: 'Delete the new key `{{name}}` in `{{helper}}`.',
  suggestUndoCall: 'Call `{{call}}` in `{{helper}}`.',
  suggestSaveAndUndo: 'Save `{{getter}}` and put it back in `{{helper}}`.',
  suggestRunReturned: 'Run {{returned}} in `{{helper}}`: it puts `{{members}}` back.',
  suggestMoveIntoDescribe: 'Move the `{{before}}` and `{{after}}` hooks into the file’s only `describe`.',
} as const;

export type SuggestionMessageId = keyof typeof SUGGESTION_MESSAGES;

/** The `restore` part of `suggestScopedHelper`: what the suggestion adds so the helper is undone. */
export function restoreClause(call: string | undefined): string {
  return call ? `, and \`${call}\` in \`afterEach\`` : '';
}

/** One editor suggestion: what it says, and the edit it makes. */
export interface Suggestion {
  readonly messageId: SuggestionMessageId;
  readonly data: Record<string, string>;
  fix(fixer: TSESLint.RuleFixer): TSESLint.RuleFix | TSESLint.RuleFix[] | null;
}
