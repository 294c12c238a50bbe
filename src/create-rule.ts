import { ESLintUtils } from '@typescript-eslint/utils';

export interface PatchLeakDocs {
  /** Part of `configs.recommended`. */
  recommended: boolean;
}

export const REPOSITORY_URL = 'https://github.com/patch-leak/eslint-plugin-patch-leak';

export const createRule = ESLintUtils.RuleCreator<PatchLeakDocs>(
  (name) => `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`,
);
