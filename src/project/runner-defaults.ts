/**
 * Which files a runner selects when its config says nothing, as the runner's source defines it.
 * Written once: the selection reads it (test-selection.ts), and so does the config reader, where
 * a config imports the runner's own constants (`exclude: [...defaultExclude, 'e2e/**']`, literal.ts).
 * It imports nothing, so the modules that read scripts, configs and selections can all name a
 * runner without importing one another.
 */

/** The runners whose files and isolation the project readers know. */
export type RunnerId = 'jest' | 'vitest' | 'mocha' | 'node-test' | 'jasmine' | 'ava' | 'bun' | 'qunit';

/** Vitest 4 `defaultInclude` and `defaultExclude` (`packages/vitest/src/defaults.ts`). */
export const VITEST_DEFAULT_INCLUDE: readonly string[] = ['**/*.{test,spec}.?(c|m)[jt]s?(x)'];
export const VITEST_DEFAULT_EXCLUDE: readonly string[] = ['**/node_modules/**', '**/.git/**'];
