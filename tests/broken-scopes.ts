/**
 * A parser whose scope analysis fails when it is used, as a third-party parser's can: the tree
 * parses and ESLint runs, and the first look of a rule at the file's bindings throws. It injects
 * an unexpected error into every rule's analysis without a hook in the plugin.
 */
import tsParser from '@typescript-eslint/parser';
import type { Linter } from 'eslint';

export const SCOPE_FAILURE = 'scope analysis failed';

export const brokenScopes: Linter.Parser = {
  meta: { name: 'broken-scopes' },
  parseForESLint(code: string, options?: Record<string, unknown>) {
    const result = tsParser.parseForESLint(code, options);
    // ESLint reads `scopes[0]` (the global scope); walking every scope, as the rules do, fails.
    Object.defineProperty(result.scopeManager.scopes, Symbol.iterator, {
      value() {
        throw new Error(SCOPE_FAILURE);
      },
    });
    return result as unknown as Linter.ESLintParseResult;
  },
};
