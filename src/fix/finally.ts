/**
 * Can a restore that runs only when the test passes move into `finally`? When the change and its
 * restore are statements of the same block, the statements between them become the `try` block and
 * the restore its `finally`, unless something declared between them is used after the restore.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { contains } from '../analysis/file-index.js';
import { indentOf } from './after-each.js';

/** The fix that wraps what runs between `change` and `restore` in `try` and moves `restore` into `finally`. */
export function restoreInFinally(sourceCode: TSESLint.SourceCode, change: TSESTree.Node, restore: TSESTree.Node): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) | undefined {
  let changeStatement: TSESTree.Node = change;
  while (changeStatement.parent && changeStatement.parent.type !== T.BlockStatement) {
    if (changeStatement.parent.type === T.Program || isFunctionLike(changeStatement.parent)) return undefined;
    changeStatement = changeStatement.parent;
  }
  const statements = statementsOf(changeStatement.parent);
  if (!statements) return undefined;
  const from = statements.indexOf(changeStatement as TSESTree.Statement);
  const to = statements.findIndex((statement) => contains(statement, restore));
  const restoreStatement = statements[to];
  if (from < 0 || to <= from + 1 || restoreStatement?.type !== T.ExpressionStatement || !contains(restoreStatement.expression, restore)) return undefined;
  const between = statements.slice(from + 1, to);
  const first = between[0];
  const last = between.at(-1);
  if (!first || !last) return undefined;
  // A `const` declared in the `try` block is gone after it: only when nothing after the restore reads it.
  const range: [number, number] = [first.range[0], last.range[1]];
  for (const statement of between) {
    for (const variable of sourceCode.getDeclaredVariables(statement)) {
      if (variable.references.some((reference) => reference.identifier.range[0] < range[0] || reference.identifier.range[1] > range[1])) return undefined;
    }
  }
  const indent = indentOf(sourceCode, changeStatement);
  // Statements one per line, as formatters write them; anything else is left to the user.
  if (first.loc.start.line === changeStatement.loc.end.line || first.loc.start.column !== indent.length) return undefined;
  const lineStart = first.range[0] - first.loc.start.column;
  const body = sourceCode.text
    .slice(lineStart, last.range[1])
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `  ${line}`))
    .join('\n');
  const text = `try {\n${body}\n${indent}} finally {\n${indent}  ${sourceCode.getText(restoreStatement)}\n${indent}}`;
  return (fixer) => fixer.replaceTextRange([first.range[0], restoreStatement.range[1]], text);
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression;
}

function statementsOf(node: TSESTree.Node | undefined): readonly TSESTree.Statement[] | undefined {
  if (node?.type === T.BlockStatement) return node.body;
  return undefined;
}
