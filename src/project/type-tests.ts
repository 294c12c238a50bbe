/**
 * Is a file a type test? `*.test-d.ts` and `*.spec-d.ts` (Vitest's `typecheck.include`, tsd) and
 * `*.tst.ts` (TSTyche) are checked by the type checker, never run by a test runner: nothing in them
 * executes, so nothing in them can leak. They are left out of every file selection, the runners'
 * and the test-like names alike.
 */
const TYPE_TEST_FILE = /\.(?:test|spec)-d\.[cm]?[jt]sx?$|\.tst\.[cm]?[jt]sx?$/;

export function isTypeTestFile(file: string): boolean {
  return TYPE_TEST_FILE.test(file);
}
