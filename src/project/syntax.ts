/**
 * Walking a syntax tree that no ESLint run holds: a helper module, a registry, another project file
 * read statically. Such trees have no parent links, so walks go down only, to a bounded depth.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';

/** How deep a walk goes; real code is far shallower, and deeper input is not walked further. */
export const MAX_WALK_DEPTH = 200;

/** Calls `visit` on `node` and every node below it, parents first, in source order; not into nodes `skip` accepts. */
export function walk(node: TSESTree.Node, visit: (node: TSESTree.Node) => void, depth = 0, skip?: (node: TSESTree.Node) => boolean): void {
  if (depth > MAX_WALK_DEPTH || skip?.(node)) return;
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, visit, depth + 1, skip);
    } else if (isNode(value)) {
      walk(value, visit, depth + 1, skip);
    }
  }
}

export function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The expression under TypeScript's casts and non-null assertions (and `await`, when asked). */
export function withoutTypeWrappers(node: TSESTree.Node, { await: throughAwait = false } = {}): TSESTree.Node {
  let current = node;
  for (let i = 0; i < MAX_WALK_DEPTH; i++) {
    if (throughAwait && current.type === T.AwaitExpression) current = current.argument;
    else if (current.type === T.TSAsExpression || current.type === T.TSNonNullExpression || current.type === T.TSSatisfiesExpression || current.type === T.TSTypeAssertion) current = current.expression;
    else break;
  }
  return current;
}
