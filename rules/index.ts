import type { TSESLint } from '@typescript-eslint/utils';
import noUnrestoredGlobalPatch from './no-unrestored-global-patch.js';
import noUnrestoredModulePatch from './no-unrestored-module-patch.js';
import noUnrestoredSpy from './no-unrestored-spy.js';

/** Every rule of the plugin, by name. The docs, tests and configs are checked against this list. */
export const rules = {
  'no-unrestored-module-patch': noUnrestoredModulePatch,
  'no-unrestored-global-patch': noUnrestoredGlobalPatch,
  'no-unrestored-spy': noUnrestoredSpy,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[]>>;

export type RuleName = keyof typeof rules;
