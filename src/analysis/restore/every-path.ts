/**
 * Does a restore run on every way out of some code, without a `finally`? A restore written at the
 * end of a `try` block and again first in its `catch` runs whether the block completes or throws;
 * so does one at the end of `.then(A)` and first in the `.catch(B)` chained on it. These functions
 * answer the path questions on the syntax tree; which statements restore is the caller's to say.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isFunction } from '../values/file-index.js';

/** The statement a restore is written as (`stub.restore();`, `await x.restore();`, `mod.f = saved;`), when it is one. */
export function statementOf(run: TSESTree.Node): TSESTree.Statement | undefined {
  let node: TSESTree.Node = run;
  while (
    node.parent &&
    (node.parent.type === T.ChainExpression || node.parent.type === T.AwaitExpression || node.parent.type === T.TSNonNullExpression || node.parent.type === T.TSAsExpression)
  ) {
    node = node.parent;
  }
  return node.parent?.type === T.ExpressionStatement ? node.parent : undefined;
}

/**
 * Does this failure handler run a restore before anything that may throw? Its statements up to the
 * restore may only be other plain restores (`a.restore(); b.restore();`, `mod.x = saved;`).
 */
export function restoresFirst(handler: TSESTree.BlockStatement, restores: ReadonlySet<TSESTree.Node>): boolean {
  for (const statement of handler.body) {
    if (restores.has(statement)) return true;
    if (!isPlainRestore(statement)) return false;
  }
  return false;
}

/** `o.m()` without arguments, or an assignment or delete of a member from a name: a restore of something else. */
function isPlainRestore(statement: TSESTree.Statement): boolean {
  if (statement.type !== T.ExpressionStatement) return false;
  const expr = statement.expression;
  if (expr.type === T.CallExpression) return expr.arguments.length === 0 && expr.callee.type === T.MemberExpression;
  if (expr.type === T.AssignmentExpression) return expr.left.type === T.MemberExpression && (expr.right.type === T.Identifier || expr.right.type === T.MemberExpression);
  return expr.type === T.UnaryExpression && expr.operator === 'delete';
}

/**
 * The failure handler a throw from `node` lands in, within its function: the `catch` of the
 * nearest `try` whose block holds it, or, at the function's top, the `.catch(B)` callback chained
 * on `.then(fn)`. Undefined when the throw leaves uncaught (or only a `finally` sees it).
 */
export function handlerOf(node: TSESTree.Node): TSESTree.BlockStatement | undefined {
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === T.TryStatement && current.block === child) return current.handler?.body;
    if (isFunction(current)) return chainedCatch(current);
  }
  return undefined;
}

/** `x.then(fn).catch(B)`: B's body, when `fn` is the fulfilment callback and B is written there. */
function chainedCatch(fn: TSESTree.Node): TSESTree.BlockStatement | undefined {
  return catchChainedOn(fn)?.handler;
}

/** `x.then(fn).catch(B)`: the `.catch` call and B's body, when `fn` is the fulfilment callback and B is written there. */
export function catchChainedOn(fn: TSESTree.Node): { call: TSESTree.CallExpression; handler: TSESTree.BlockStatement } | undefined {
  const then = fn.parent;
  if (then?.type !== T.CallExpression || then.arguments[0] !== fn || !isMethodCall(then, 'then')) return undefined;
  const member = then.parent;
  if (member?.type !== T.MemberExpression || member.object !== then) return undefined;
  const call = member.parent;
  if (call?.type !== T.CallExpression || call.callee !== member || !isMethodCall(call, 'catch')) return undefined;
  const handler = call.arguments[0];
  return handler && isFunction(handler) && handler.body.type === T.BlockStatement ? { call, handler: handler.body } : undefined;
}

/** Is this block a failure handler: a `catch` clause, the callback of `.catch(B)`, or the rejection callback of `.then(A, B)`? */
export function isFailureHandler(block: TSESTree.BlockStatement): boolean {
  const owner = block.parent;
  if (owner?.type === T.CatchClause) return true;
  if (!owner || !isFunction(owner)) return false;
  const call = owner.parent;
  if (call?.type !== T.CallExpression) return false;
  return (call.arguments[0] === owner && isMethodCall(call, 'catch')) || (call.arguments[1] === owner && isMethodCall(call, 'then'));
}

function isMethodCall(call: TSESTree.CallExpression, name: string): boolean {
  const callee = call.callee;
  return callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && callee.property.name === name;
}

/** Can a statement leave its block early (`return`, `break`, `continue`), outside the functions it holds? */
export function mayLeave(statement: TSESTree.Node): boolean {
  let found = false;
  const visit = (node: TSESTree.Node): void => {
    if (found) return;
    if (node.type === T.ReturnStatement || node.type === T.BreakStatement || node.type === T.ContinueStatement) {
      found = true;
      return;
    }
    if (isFunction(node)) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(value)) for (const item of value) if (item && typeof item.type === 'string') visit(item as TSESTree.Node);
      if (value && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string') visit(value as TSESTree.Node);
    }
  };
  visit(statement);
  return found;
}
