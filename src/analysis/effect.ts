/**
 * Does a write or a fake change anything that later tests share? Not when it cannot happen (it is
 * the whole body of a function that the test expects to throw), when it changes a private copy of a
 * module (loaded inside `jest.isolateModules`), when it runs in a browser page rather than in the
 * test process (`page.evaluate(() => ...)`), or when it only empties an array (`calls.length = 0`).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { matchesAny, originOf, unwrap, variableOf } from './binding.js';
import { isFunction } from './file-index.js';
import { EXPECTED_THROWS, MODULE_ISOLATORS, PAGE_CALLBACK_METHODS } from './frameworks.js';
import type { Write } from './patch-write.js';

/** Is this write a change that no later test can share? */
export function writeHasNoSharedEffect(sourceCode: TSESLint.SourceCode, write: Write): boolean {
  if (write.key === 'length' && write.form === 'assign' && write.value) {
    const value = unwrap(write.value);
    if (value.type === T.Literal && value.value === 0) return true;
  }
  return callHasNoSharedEffect(sourceCode, write.node) || inIsolatedModules(sourceCode, write.object);
}

/** Does this code (a write or a helper call) run where it changes nothing shared? */
export function callHasNoSharedEffect(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  return expectedToThrow(sourceCode, node) || inPageCallback(node);
}

/** `expect(() => jest.spyOn(obj, 'missing')).toThrow()`: the node is the whole body of a function expected to throw. */
function expectedToThrow(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  let body: TSESTree.Node = node;
  while (body.parent && (body.parent.type === T.ExpressionStatement || body.parent.type === T.ChainExpression)) body = body.parent;
  let fn: TSESTree.Node | undefined = body.parent;
  if (fn?.type === T.BlockStatement && fn.body.length === 1) fn = fn.parent;
  if (!fn || !isFunction(fn)) return false;
  const call = fn.parent;
  if (call?.type !== T.CallExpression || call.arguments[0] !== fn) return false;
  const callee = originOf(sourceCode, call.callee);
  if (matchesAny(callee, EXPECTED_THROWS.calls)) return true;
  if (!matchesAny(callee, EXPECTED_THROWS.expect)) return false;
  // Walk the chain: expect(fn).not.toThrow() still calls fn; any matcher named like a throw counts.
  for (let link: TSESTree.Node = call; link.parent?.type === T.MemberExpression && link.parent.object === link; link = link.parent) {
    const property = link.parent.property;
    if (!link.parent.computed && property.type === T.Identifier && EXPECTED_THROWS.matchers.has(property.name)) return true;
  }
  return false;
}

/** Inside a callback that a browser driver runs in the page. */
function inPageCallback(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== T.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
    const callee = unwrap(call.callee);
    if (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && PAGE_CALLBACK_METHODS.has(callee.property.name)) {
      return true;
    }
  }
  return false;
}

/** The written object is a module loaded inside `jest.isolateModules(() => ...)`: a private copy. */
function inIsolatedModules(sourceCode: TSESLint.SourceCode, object: TSESTree.Node): boolean {
  let root = unwrap(object);
  while (root.type === T.MemberExpression) root = unwrap(root.object);
  if (root.type === T.CallExpression) return insideIsolator(sourceCode, root);
  if (root.type !== T.Identifier) return false;
  const variable = variableOf(sourceCode, root);
  const writes = variable?.references.filter((r) => r.isWrite()) ?? [];
  return writes.length > 0 && writes.every((r) => insideIsolator(sourceCode, r.identifier));
}

function insideIsolator(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type === T.CallExpression && call.arguments[0] === current && matchesAny(originOf(sourceCode, call.callee), MODULE_ISOLATORS)) return true;
  }
  return false;
}
