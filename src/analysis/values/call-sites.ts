/**
 * Where is a local function called from? The name it is declared as and the calls of that name, or
 * undefined when it escapes (exported, stored, passed to code we cannot see).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import type { FunctionNode } from './file-index.js';

/** The identifier that names a local function, if it is declared so it can be called by name. */
export function helperName(fn: FunctionNode): TSESTree.Identifier | undefined {
  if (fn.type === T.FunctionDeclaration) return fn.id ?? undefined;
  const parent = fn.parent;
  return parent?.type === T.VariableDeclarator && parent.init === fn && parent.id.type === T.Identifier ? parent.id : undefined;
}

/** The variable a local function is declared as (`function f() {}`, `const f = () => {}`). */
export function helperVariable(sourceCode: TSESLint.SourceCode, fn: FunctionNode): TSESLint.Scope.Variable | undefined {
  const name = helperName(fn);
  if (!name) return undefined;
  const declaration = fn.type === T.FunctionDeclaration ? fn : fn.parent;
  return sourceCode.getDeclaredVariables(declaration).find((v) => v.identifiers.includes(name));
}

/**
 * Where a local function is called from: the call expressions, or undefined when it escapes (it is
 * exported, stored or passed to code we cannot see), so its callers are unknown.
 */
export function callSitesOf(sourceCode: TSESLint.SourceCode, helper: FunctionNode): TSESTree.CallExpression[] | undefined {
  const variable = helperVariable(sourceCode, helper);
  if (!variable) return undefined;
  const calls: TSESTree.CallExpression[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    const use = reference.identifier.parent;
    // Called, or passed as a callback (which runs it during that call); anything else lets it escape.
    if (use?.type !== T.CallExpression) return undefined;
    calls.push(use);
  }
  return calls;
}
