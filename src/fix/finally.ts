/**
 * Can a restore run in `finally`? When the change and its restore are statements of the same block
 * (a restore that runs only when the test passes), the statements between them become the `try`
 * block and the restore its `finally`, unless something declared between them is used after the
 * restore. When the change is a statement of the test's own body with none to undo it, the rest of
 * the test becomes the `try` block and the undo its `finally` (what it needs saved, saved just before).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { contains, isFunction } from '../analysis/values/file-index.js';
import type { Registration } from '../analysis/runner/test-structure.js';
import { walk } from '../project/syntax.js';
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
  const text = `try {\n${indented(sourceCode, lineStart, last.range[1])}\n${indent}} finally {\n${indent}  ${sourceCode.getText(restoreStatement)}\n${indent}}`;
  return (fixer) => fixer.replaceTextRange([first.range[0], restoreStatement.range[1]], text);
}

/**
 * The fix that puts `declaration` (a save) just before `statement`, the rest of the test in `try` and
 * `restore` in `finally`: when `statement` is a statement of the test's own body with statements after
 * it, and the test ends when its body does (no `done` callback, no promise returned from a `try`).
 */
export function restOfTestInFinally(
  sourceCode: TSESLint.SourceCode,
  registration: Registration,
  statement: TSESTree.Node,
  declaration: string | undefined,
  restore: string,
): ((fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) | undefined {
  const callback = registration.callback;
  if (registration.role.kind !== 'test' || !callback || callback.body.type !== T.BlockStatement || statement.type !== T.ExpressionStatement || statement.parent !== callback.body) return undefined;
  // A parameter may be a `done` callback: the test would go on after the body returns.
  if (!callback.async && callback.params.length > 0) return undefined;
  const statements = callback.body.body;
  const rest = statements.slice(statements.indexOf(statement) + 1);
  const first = rest[0];
  const last = rest.at(-1);
  if (!first || !last || returnsValue(callback)) return undefined;
  const indent = indentOf(sourceCode, statement);
  // Statements one per line, as formatters write them; anything else is left to the user.
  if (first.loc.start.line === statement.loc.end.line || rest.some((s) => s.loc.start.column !== indent.length || indentOf(sourceCode, s) !== indent)) return undefined;
  const lineStart = first.range[0] - first.loc.start.column;
  const text = `try {\n${indented(sourceCode, lineStart, last.range[1])}\n${indent}} finally {\n${indent}  ${restore};\n${indent}}`;
  return (fixer) => [...(declaration ? [fixer.insertTextBefore(statement, `${declaration}\n${indent}`)] : []), fixer.replaceTextRange([first.range[0], last.range[1]], text)];
}

/** The source from `from` to `to`, each line that is not blank indented two more spaces. */
function indented(sourceCode: TSESLint.SourceCode, from: number, to: number): string {
  return sourceCode.text
    .slice(from, to)
    .split('\n')
    .map((line) => (line.trim() === '' ? line : `  ${line}`))
    .join('\n');
}

/** Does `callback` return a value of its own (a promise the runner awaits after the body ends)? */
function returnsValue(callback: NonNullable<Registration['callback']>): boolean {
  let found = false;
  walk(
    callback.body,
    (node) => {
      if (node.type === T.ReturnStatement && node.argument) found = true;
    },
    0,
    (node) => isFunction(node),
  );
  return found;
}

function isFunctionLike(node: TSESTree.Node): boolean {
  return node.type === T.FunctionDeclaration || node.type === T.FunctionExpression || node.type === T.ArrowFunctionExpression;
}

function statementsOf(node: TSESTree.Node | undefined): readonly TSESTree.Statement[] | undefined {
  if (node?.type === T.BlockStatement) return node.body;
  return undefined;
}
