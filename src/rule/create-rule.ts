import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { guarded, INTERNAL_ERROR_MESSAGES, type InternalErrorId } from './internal-error.js';
import { withIndexListeners } from '../analysis/values/file-index.js';

export interface PatchLeakDocs {
  /** Part of `configs.recommended`. */
  recommended: boolean;
}

export const REPOSITORY_URL = 'https://github.com/patch-leak/eslint-plugin-patch-leak';

const ruleCreator = ESLintUtils.RuleCreator<PatchLeakDocs>((name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);

/** A rule of the plugin: its docs URL set, and its analysis of a file unable to throw (internal-error.ts). */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  rule: Readonly<ESLintUtils.RuleWithMetaAndName<Options, MessageIds, PatchLeakDocs>>,
): TSESLint.RuleModule<MessageIds | InternalErrorId, Options, PatchLeakDocs> & { name: string } {
  return ruleCreator<Options, MessageIds | InternalErrorId>({
    ...rule,
    meta: { ...rule.meta, messages: { ...rule.meta.messages, ...INTERNAL_ERROR_MESSAGES } },
    // The file's index (file-index.ts) is filled from ESLint's traversal instead of a walk of its own.
    create: (context, options) =>
      withIndexListeners(
        context.sourceCode,
        guarded(context, () => rule.create(context as Readonly<TSESLint.RuleContext<MessageIds, Options>>, options)),
      ),
  });
}
