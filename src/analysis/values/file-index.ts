/**
 * Which nodes of a file can matter to us? One traversal per file, shared by every rule through a
 * cache keyed on the SourceCode object, so three rules cost one walk.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';

export type FunctionNode = TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;

export interface FileIndex {
  readonly calls: readonly TSESTree.CallExpression[];
  readonly assignments: readonly TSESTree.AssignmentExpression[];
  readonly updates: readonly TSESTree.UpdateExpression[];
  readonly deletes: readonly TSESTree.UnaryExpression[];
  readonly imports: readonly TSESTree.ImportDeclaration[];
}

const cache = new WeakMap<TSESLint.SourceCode, FileIndex>();

export function indexOf(sourceCode: TSESLint.SourceCode): FileIndex {
  let index = cache.get(sourceCode);
  if (!index) {
    index = build(sourceCode);
    cache.set(sourceCode, index);
  }
  return index;
}

function build(sourceCode: TSESLint.SourceCode): FileIndex {
  const calls: TSESTree.CallExpression[] = [];
  const assignments: TSESTree.AssignmentExpression[] = [];
  const updates: TSESTree.UpdateExpression[] = [];
  const deletes: TSESTree.UnaryExpression[] = [];
  const imports: TSESTree.ImportDeclaration[] = [];
  const keys = sourceCode.visitorKeys;
  const stack: TSESTree.Node[] = [sourceCode.ast];
  while (stack.length > 0) {
    const node = stack.pop() as TSESTree.Node;
    switch (node.type) {
      case T.CallExpression:
        calls.push(node);
        break;
      case T.AssignmentExpression:
        assignments.push(node);
        break;
      case T.UpdateExpression:
        updates.push(node);
        break;
      case T.UnaryExpression:
        if (node.operator === 'delete') deletes.push(node);
        break;
      case T.ImportDeclaration:
        imports.push(node);
        break;
      default:
        break;
    }
    const childKeys = keys[node.type] ?? [];
    for (let k = childKeys.length - 1; k >= 0; k--) {
      const value = (node as unknown as Record<string, unknown>)[childKeys[k] as string];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pushChild(stack, value[i], node);
      } else {
        pushChild(stack, value, node);
      }
    }
  }
  // The walk pops in reverse; keep source order, which later steps rely on.
  const bySource = (a: TSESTree.Node, b: TSESTree.Node): number => a.range[0] - b.range[0];
  return {
    calls: calls.sort(bySource),
    assignments: assignments.sort(bySource),
    updates: updates.sort(bySource),
    deletes: deletes.sort(bySource),
    imports: imports.sort(bySource),
  };
}

function pushChild(stack: TSESTree.Node[], value: unknown, parent: TSESTree.Node): void {
  if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') {
    const child = value as TSESTree.Node;
    // ESLint sets `parent` before rules run; set it anyway for callers that lint without ESLint.
    if (!child.parent) (child as unknown as { parent: TSESTree.Node }).parent = parent;
    stack.push(child);
  }
}

export function isFunction(node: TSESTree.Node): node is FunctionNode {
  return (
    node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression
  );
}

/** The innermost function around a node, or undefined at the top level. */
export function enclosingFunction(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunction(current)) return current;
  }
  return undefined;
}

/** The function whose `this` a node sees: the innermost one that is not an arrow function. */
export function thisBinder(node: TSESTree.Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === T.FunctionDeclaration || current.type === T.FunctionExpression) return current;
  }
  return undefined;
}

export function contains(outer: TSESTree.Node, inner: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}
