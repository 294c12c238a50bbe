/**
 * What is a test's context parameter called (node:test's `t`), and how is one added where the test
 * takes none? Scoped helpers and cleanups reached through the context (`t.mock.method`, `t.after`)
 * need it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { Registration } from '../analysis/runner/test-structure.js';

/** The test's context parameter (node:test `t`), or `t` added where the test takes none and no `t` is in scope. */
export function testContext(sourceCode: TSESLint.SourceCode, registration: Registration, callback: NonNullable<Registration['callback']>): { name: string; add?: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix } | undefined {
  if (registration.role.kind !== 'test') return undefined;
  const first = callback.params[0];
  if (first) return first.type === T.Identifier ? { name: first.name } : undefined;
  const name = 't';
  let scope: TSESLint.Scope.Scope | null = sourceCode.scopeManager?.acquire(callback) ?? null;
  if (!scope) return undefined;
  if (scope.through.some((reference) => reference.identifier.name === name)) return undefined;
  for (; scope; scope = scope.upper) if (scope.set.has(name)) return undefined;
  const tokens = sourceCode.getTokens(callback);
  const open = tokens.find((token) => token.value === '(');
  const close = open && tokens[tokens.indexOf(open) + 1];
  if (close?.value === ')') {
    return { name, add: (fixer) => fixer.insertTextAfter(open as TSESTree.Token, name) };
  }
  return undefined;
}
