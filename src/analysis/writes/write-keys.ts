/**
 * Which keys can a computed write reach? `delete process.env[name]` in a loop over a literal list
 * (`for (const name of VARS)`, `VARS.forEach((name) => ...)`) writes exactly the names of the list;
 * any other computed key may be any key.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { ANY_KEY, staticKey, unwrap, variableOf } from '../values/binding.js';
import type { Write } from './patch-write.js';

/** Array methods whose callback's first parameter is each element in turn. */
const ELEMENT_CALLBACKS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every']);

/** Can `reset` write the member that `write` writes? Both already have the same origin up to a computed key. */
export function keysMatch(sourceCode: TSESLint.SourceCode, reset: Write, write: Write): boolean {
  if (reset.key !== ANY_KEY) return true;
  if (write.key === ANY_KEY) return !differentImportedKeys(sourceCode, keyNodeOf(reset), keyNodeOf(write));
  const keyNode = keyNodeOf(reset);
  const keys = keyNode ? possibleKeys(sourceCode, keyNode) : undefined;
  return keys === undefined || keys.includes(write.key);
}

/**
 * `process.env[FDC_APP_FOLDER]` and `process.env[FDC_SDK_PLATFORM_ENV]`: keys named by two different
 * exports (imported constants whose values are not in this file) are taken as different keys.
 */
function differentImportedKeys(sourceCode: TSESLint.SourceCode, a: TSESTree.Node | undefined, b: TSESTree.Node | undefined): boolean {
  const first = a && importedName(sourceCode, a);
  const second = b && importedName(sourceCode, b);
  return first !== undefined && second !== undefined && first !== second;
}

/** `source#name` of the export an identifier is imported as. */
function importedName(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string | undefined {
  const expr = unwrap(node);
  if (expr.type !== T.Identifier) return undefined;
  const def = variableOf(sourceCode, expr)?.defs[0];
  if (def?.type !== 'ImportBinding' || def.node.type !== T.ImportSpecifier || def.parent.type !== T.ImportDeclaration) return undefined;
  const imported = def.node.imported.type === T.Identifier ? def.node.imported.name : def.node.imported.value;
  return `${def.parent.source.value}#${imported}`;
}

/** The expression a write's key is computed from. */
function keyNodeOf(write: Write): TSESTree.Node | undefined {
  const node = write.node;
  let member: TSESTree.Node | undefined;
  if (node.type === T.AssignmentExpression) member = unwrap(node.left);
  else if (node.type === T.UnaryExpression) member = unwrap(node.argument);
  else if (node.type === T.CallExpression) return node.arguments[1];
  return member?.type === T.MemberExpression && member.computed ? member.property : undefined;
}

/** The keys an expression can hold: a static key, or an element of a literal list it iterates; undefined when unknown. */
function possibleKeys(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string[] | undefined {
  const key = staticKey(sourceCode, node);
  if (key !== undefined) return [key];
  const expr = unwrap(node);
  if (expr.type !== T.Identifier) return undefined;
  const variable = variableOf(sourceCode, expr);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || !def) return undefined;
  if (variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  if (def.type === 'Variable' && def.node.id.type === T.Identifier) {
    const loop = def.parent.parent;
    if (loop?.type === T.ForOfStatement && loop.left === def.parent) return listItems(sourceCode, loop.right);
    return undefined;
  }
  if (def.type === 'Parameter') {
    const fn = def.node;
    if ((fn.type !== T.ArrowFunctionExpression && fn.type !== T.FunctionExpression) || fn.params[0] !== def.name) return undefined;
    const call = fn.parent;
    if (call?.type !== T.CallExpression || call.arguments[0] !== fn) return undefined;
    const callee = unwrap(call.callee);
    if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier) return undefined;
    return ELEMENT_CALLBACKS.has(callee.property.name) ? listItems(sourceCode, callee.object) : undefined;
  }
  return undefined;
}

/** The strings of a literal array, directly or through a `const` (`as const` allowed). */
function listItems(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, depth = 0): string[] | undefined {
  const expr = unwrap(node);
  if (expr.type === T.Identifier && depth < 4) {
    const variable = variableOf(sourceCode, expr);
    const def = variable?.defs[0];
    if (variable?.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return undefined;
    return listItems(sourceCode, def.node.init, depth + 1);
  }
  if (expr.type !== T.ArrayExpression) return undefined;
  const items: string[] = [];
  for (const element of expr.elements) {
    const key = element && element.type !== T.SpreadElement ? staticKey(sourceCode, element) : undefined;
    if (key === undefined) return undefined;
    items.push(key);
  }
  return items;
}
