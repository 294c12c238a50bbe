/**
 * When does a piece of code run? In a test, a hook, a describe body (collection time), at file
 * level, in teardown code, or in a helper that runs wherever it is called from.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { enclosingFunction, isFunction, type FunctionNode } from '../values/file-index.js';
import { matchesAny, originOf } from '../values/binding.js';
import { DISPOSERS, isAfterHook } from './frameworks.js';
import { callSitesOf, helperName, helperVariable } from '../values/call-sites.js';

export { callSitesOf };
import type { Registration, TestStructure } from './test-structure.js';

export type Placement =
  /** Inside the callback of a test, hook, describe or cleanup registration. */
  | { readonly kind: 'registration'; readonly registration: Registration }
  /**
   * Inside a function handed back to the caller to undo something: `return () => restore()`.
   * `disposer`: the `[Symbol.dispose]()` method of an object returned (`return { [Symbol.dispose]() { restore() } }`),
   * which runs only where the caller declares the result with `using`.
   */
  | { readonly kind: 'teardown'; readonly returnedBy: FunctionNode; readonly disposer?: boolean }
  /** Inside a local function: it runs where it is called. */
  | { readonly kind: 'helper'; readonly helper: FunctionNode }
  /** At the top level of the file: runs when the file is loaded. */
  | { readonly kind: 'file' };

/** Does `node` run directly in an after hook's callback (`afterEach`, `afterAll`)? */
export function inAfterHook(structure: TestStructure, sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const placement = placementOf(structure, sourceCode, node);
  return placement.kind === 'registration' && isAfterHook(placement.registration.role);
}

/** The nearest function around `node` that decides when it runs. */
export function placementOf(structure: TestStructure, sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Placement {
  // A function handed to a hook by reference (`afterEach(sinon.restore)`) runs in that hook.
  const parent = node.parent;
  if (parent?.type === T.CallExpression && parent.callee !== node && (node.type === T.MemberExpression || node.type === T.Identifier)) {
    const registration = structure.registrations.find((r) => r.call === parent);
    if (registration) return { kind: 'registration', registration };
  }
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const registration = structure.byCallback.get(current)?.[0];
    if (registration) return { kind: 'registration', registration };
    const returnedBy = returningFunction(sourceCode, current);
    if (returnedBy) return { kind: 'teardown', returnedBy };
    const disposedFor = disposerReturnedBy(sourceCode, current);
    if (disposedFor) return { kind: 'teardown', returnedBy: disposedFor, disposer: true };
    if (helperName(current)) return { kind: 'helper', helper: current };
  }
  return { kind: 'file' };
}



/** The function that returns `fn`, directly (`return () => ...`, an arrow body) or through a `const`. */
function returningFunction(sourceCode: TSESLint.SourceCode, fn: FunctionNode): FunctionNode | undefined {
  const parent = fn.parent;
  if (parent?.type === T.ReturnStatement) return enclosingFunction(parent);
  if (parent && isFunction(parent) && parent.body === fn) return parent;
  if (fn.type === T.FunctionDeclaration) return undefined;
  for (const reference of helperVariable(sourceCode, fn)?.references ?? []) {
    const use = reference.identifier.parent;
    if (use?.type === T.ReturnStatement) return enclosingFunction(use);
  }
  return undefined;
}

/** The function that returns an object whose `[Symbol.dispose]`/`[Symbol.asyncDispose]` method is `fn`. */
function disposerReturnedBy(sourceCode: TSESLint.SourceCode, fn: FunctionNode): FunctionNode | undefined {
  const property = fn.parent;
  if (property?.type !== T.Property || property.value !== fn || !property.computed || !matchesAny(originOf(sourceCode, property.key), DISPOSERS)) return undefined;
  const object = property.parent;
  const use = object?.parent;
  if (use?.type === T.ReturnStatement) return enclosingFunction(use);
  return use && isFunction(use) && use.body === object ? use : undefined;
}

/** Is every call of `fn` the value of a `using` / `await using` declaration (`using restore = stubEnv()`)? Its block's exit disposes the result. */
export function alwaysDisposed(sourceCode: TSESLint.SourceCode, fn: FunctionNode): boolean {
  const calls = callSitesOf(sourceCode, fn);
  return calls !== undefined && calls.length > 0 && calls.every((call) => {
    const value = call.parent?.type === T.AwaitExpression ? call.parent : call;
    const declarator = value.parent;
    const declaration = declarator?.parent;
    return declarator?.type === T.VariableDeclarator && declarator.init === value && declaration?.type === T.VariableDeclaration && (declaration.kind === 'using' || declaration.kind === 'await using');
  });
}

