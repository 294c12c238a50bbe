/**
 * Which nodes of a file can matter to us? Collected once per file, shared by every rule through a
 * cache keyed on the SourceCode object, so three rules cost one walk. Inside ESLint the index is
 * filled from ESLint's own traversal (`indexListeners`, added to each rule by create-rule.ts), so
 * the AST is not walked a second time; a file analysed outside a lint (a helper module read from
 * disk) is walked here.
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

interface Collected {
  readonly calls: TSESTree.CallExpression[];
  readonly assignments: TSESTree.AssignmentExpression[];
  readonly updates: TSESTree.UpdateExpression[];
  readonly deletes: TSESTree.UnaryExpression[];
  readonly imports: TSESTree.ImportDeclaration[];
}

/** Files whose index ESLint's traversal is filling: the first rule to start on a file collects for all of them. */
const collecting = new WeakMap<TSESLint.SourceCode, Collected>();

export function indexOf(sourceCode: TSESLint.SourceCode): FileIndex {
  let index = cache.get(sourceCode);
  if (!index) {
    // Asked before the traversal ended (no rule asks before `Program:exit`), or outside a lint: walk.
    index = build(sourceCode);
    cache.set(sourceCode, index);
  }
  return index;
}

/**
 * Listeners that fill the file's index during ESLint's traversal, for the first rule that starts
 * on the file (the others get none: one index per file). Its `Program:exit` runs before the
 * rule's own (`withIndexListeners`), and rules run their `Program:exit` in the order they started.
 * The lists come out as the walk in `build` makes them: the same nodes, sorted by position.
 */
export function indexListeners(sourceCode: TSESLint.SourceCode): TSESLint.RuleListener {
  if (cache.has(sourceCode) || collecting.has(sourceCode)) return {};
  const found: Collected = { calls: [], assignments: [], updates: [], deletes: [], imports: [] };
  collecting.set(sourceCode, found);
  return {
    CallExpression: (node) => void found.calls.push(node),
    AssignmentExpression: (node) => void found.assignments.push(node),
    UpdateExpression: (node) => void found.updates.push(node),
    UnaryExpression: (node) => {
      if (node.operator === 'delete') found.deletes.push(node);
    },
    ImportDeclaration: (node) => void found.imports.push(node),
    'Program:exit': () => {
      collecting.delete(sourceCode);
      if (!cache.has(sourceCode)) cache.set(sourceCode, sorted(found));
    },
  };
}

/** A rule's listeners with the index listeners of `sourceCode` running first on each shared selector. */
export function withIndexListeners(sourceCode: TSESLint.SourceCode, listeners: TSESLint.RuleListener): TSESLint.RuleListener {
  const index = indexListeners(sourceCode) as Record<string, ((node: never) => void) | undefined>;
  const own = listeners as Record<string, ((node: never) => void) | undefined>;
  const merged: Record<string, (node: never) => void> = {};
  for (const selector of new Set([...Object.keys(index), ...Object.keys(own)])) {
    const first = index[selector];
    const second = own[selector];
    if (first && second) {
      merged[selector] = (node) => {
        first(node);
        second(node);
      };
    } else {
      const only = first ?? second;
      if (only) merged[selector] = only;
    }
  }
  return merged as TSESLint.RuleListener;
}

function sorted(found: Collected): FileIndex {
  const bySource = (a: TSESTree.Node, b: TSESTree.Node): number => a.range[0] - b.range[0];
  return {
    calls: found.calls.sort(bySource),
    assignments: found.assignments.sort(bySource),
    updates: found.updates.sort(bySource),
    deletes: found.deletes.sort(bySource),
    imports: found.imports.sort(bySource),
  };
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
