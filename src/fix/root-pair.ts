/**
 * Can a root `before`/`after` pair move into a describe? At the top level of a spec file, Mocha makes
 * them root hooks: the fake lives from before the first test of the whole run to after its last. Inside
 * the file's describe they wrap that block's tests only. The move is unambiguous only where the file's
 * top level holds one describe, no test, and no other `before`/`after` hook: every test the pair
 * wrapped in this file is then in that describe, and no other hook of the file relied on the order;
 * and the describe declares none of the names the hooks read.
 * The `before` goes first in the describe's body and the `after` last, so that each still runs before
 * (and after) the describe's own hooks of the same kind, as the root hooks did.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { contains } from '../analysis/values/file-index.js';
import { hooksIn, type Registration, type TestStructure } from '../analysis/runner/test-structure.js';
import { indentOf } from './after-each.js';
import type { Suggestion } from './messages.js';

/** The suggestion that moves the root pair (the hook making `change`, the one holding `restore`) into the file's only describe. */
export function rootPairIntoDescribe(sourceCode: TSESLint.SourceCode, structure: TestStructure, change: TSESTree.Node, restore: TSESTree.Node): Suggestion | undefined {
  const top = structure.registrations.filter((r) => r.parent === undefined);
  const describes = top.filter((r) => r.role.kind === 'describe');
  const [describe] = describes;
  const [before] = hooksIn(structure, undefined, 'beforeAll');
  const [after] = hooksIn(structure, undefined, 'afterAll');
  if (describes.length !== 1 || !describe || top.some((r) => r.role.kind === 'test')) return undefined;
  if (!before || !after || hooksIn(structure, undefined, 'beforeAll').length !== 1 || hooksIn(structure, undefined, 'afterAll').length !== 1) return undefined;
  if (!before.callback || !after.callback || !contains(before.callback, change) || !contains(after.callback, restore)) return undefined;
  const body = describe.callback?.body;
  if (body?.type !== T.BlockStatement) return undefined;
  const first = body.body[0];
  const last = body.body.at(-1);
  if (!first || !last) return undefined;
  const indent = indentOf(sourceCode, first);
  const declared = sourceCode.scopeManager?.acquire(describe.callback as TSESTree.Node)?.set;
  if (!declared) return undefined;
  const moved = [before, after].map((hook) => movable(sourceCode, hook, declared, indent));
  const [beforeMove, afterMove] = moved;
  if (!beforeMove || !afterMove) return undefined;
  return {
    messageId: 'suggestMoveIntoDescribe',
    data: { before: sourceCode.getText(before.call.callee), after: sourceCode.getText(after.call.callee) },
    fix: (fixer) => [
      fixer.removeRange(beforeMove.lines),
      fixer.removeRange(afterMove.lines),
      fixer.insertTextBefore(first, `${beforeMove.text}\n${indent}`),
      fixer.insertTextAfter(last, `\n${indent}${afterMove.text}`),
    ],
  };
}

/**
 * The hook's statement, re-indented for the describe's body, and the whole lines it takes at the top
 * level: when it is a statement of its own lines, holds no multi-line template, and every name it reads
 * means the same inside the describe.
 */
function movable(sourceCode: TSESLint.SourceCode, hook: Registration, declared: ReadonlyMap<string, unknown>, indent: string): { text: string; lines: [number, number] } | undefined {
  const statement = hook.call.parent;
  if (statement?.type !== T.ExpressionStatement || statement.parent.type !== T.Program) return undefined;
  if ([...namesReadFromOutside(sourceCode, statement)].some((name) => declared.has(name))) return undefined;
  const own = indentOf(sourceCode, statement);
  const start = statement.range[0] - statement.loc.start.column;
  const lineEnd = sourceCode.text.indexOf('\n', statement.range[1]);
  const end = lineEnd < 0 ? sourceCode.text.length : lineEnd + 1;
  if (sourceCode.text.slice(start, statement.range[0]).trim() !== '' || sourceCode.text.slice(statement.range[1], end).trim() !== '' || !indent.startsWith(own)) return undefined;
  if (sourceCode.getTokens(statement).some((token) => token.type === 'Template' && token.value.includes('\n'))) return undefined;
  const extra = indent.slice(own.length);
  const text = sourceCode
    .getText(statement)
    .split('\n')
    .map((line, i) => (i === 0 || line.trim() === '' ? line : `${extra}${line}`))
    .join('\n');
  return { text, lines: [start, end] };
}

/** The names `node` reads that it does not declare itself (`client`, `realGet`): the describe must not declare them again. */
function namesReadFromOutside(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Set<string> {
  const names = new Set<string>();
  const scopes = [sourceCode.getScope(node)];
  for (let i = 0; i < scopes.length; i++) {
    for (const child of scopes[i]?.childScopes ?? []) if (contains(node, child.block)) scopes.push(child);
  }
  for (const scope of scopes) {
    for (const reference of scope.references) {
      const variable = reference.resolved;
      if (contains(node, reference.identifier) && !(variable && contains(node, variable.scope.block))) names.add(reference.identifier.name);
    }
  }
  return names;
}
