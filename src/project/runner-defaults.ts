/**
 * Which files a runner selects when its config says nothing, as the runner's source defines it.
 * Written once: the selection reads it (test-selection.ts), and so does the config reader, where
 * a config imports the runner's own constants (`exclude: [...defaultExclude, 'e2e/**']`, literal.ts).
 */

/** Vitest 4 `defaultInclude` and `defaultExclude` (`packages/vitest/src/defaults.ts`). */
export const VITEST_DEFAULT_INCLUDE: readonly string[] = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];
export const VITEST_DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**'];
