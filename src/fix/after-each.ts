/**
 * Where does a restore-all go so that it runs after every test of a block, and is one already there?
 * The block is the describe (or the file) that holds the test or hook which makes the change: an
 * `afterEach` registered there, or in a describe around it, runs after each of its tests.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { originOf, unwrap } from '../analysis/values/binding.js';
import { contains } from '../analysis/values/file-index.js';
import { exportedHookName, globalHookName, TDD_INTERFACE, type FrameworkId, type HookKind, type OriginPattern } from '../analysis/runner/frameworks.js';
import { restoreReferencesOf, scopedHelpersOf, type RestoreCall } from '../analysis/writes/scoped-helpers.js';
import { hooksIn, type Registration, type TestStructure } from '../analysis/runner/test-structure.js';
import { reachExport, reachFixes, type ExportReach } from './reach-export.js';

const HOOK = 'afterEach';

/** Is `registration` (a test or `beforeEach`) followed, after each test, by a restore-all of `group` written in this file? */
export function restoreAllRunsAfterEach(sourceCode: TSESLint.SourceCode, structure: TestStructure, registration: Registration, group: string): boolean {
  // The hooks registered in the block, in each describe around it, and at the top level of the file.
  const hooks: Registration[] = [];
  for (let scope = registration.parent; ; scope = scope.parent) {
    hooks.push(...hooksIn(structure, scope, HOOK));
    if (!scope) break;
  }
  if (hooks.length === 0) return false;
  const calls = restoresOfGroup(scopedHelpersOf(sourceCode).restores, group);
  if (calls.some((restore) => hooks.some((hook) => hook.callback && contains(hook.callback, restore.call)))) return true;
  return restoreReferencesOf(sourceCode, structure).some((reference) => reference.works && reference.group === group && hooks.includes(reference.registration));
}

const byGroupCache = new WeakMap<readonly RestoreCall[], Map<string | undefined, RestoreCall[]>>();

/** The restore calls of a file that undo `group`, grouped once per file. */
function restoresOfGroup(restores: readonly RestoreCall[], group: string): readonly RestoreCall[] {
  let byGroup = byGroupCache.get(restores);
  if (!byGroup) {
    byGroup = new Map();
    for (const restore of restores) {
      const list = byGroup.get(restore.group);
      if (list) list.push(restore);
      else byGroup.set(restore.group, [restore]);
    }
    byGroupCache.set(restores, byGroup);
  }
  return byGroup.get(group) ?? [];
}

/** A plan to run a statement after each test of the block holding `registration`: the edits, made only when asked. */
export interface AfterEachPlan {
  /** The hook as the file names it where the statement goes: `afterEach`, `teardown`, an alias. */
  readonly hook: string;
  /** Where a declaration the hook reads is inserted: the start of the first statement of the block that holds the hook or the test. */
  readonly declaredAt: number;
  fix(fixer: TSESLint.RuleFixer): TSESLint.RuleFix[];
}

/**
 * The `afterEach` of the block extended with `call` (its callback has a block body), or a new one
 * written before the statement that registers the test. Undefined when the block is not a describe
 * written here, or the hook cannot be named in this file. A `declaration` (a statement the hook
 * reads, `const original = mod.x;`) goes before the hook or the test, whichever comes first.
 */
export function afterEachWith(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  registration: Registration,
  call: string,
  reaches: readonly ExportReach[] = [],
  declaration?: string,
): AfterEachPlan | undefined {
  return afterHookWith(sourceCode, structure, registration, HOOK, call, reaches, declaration);
}

/**
 * The same for the block's hook of `kind`: `afterAll` (`after` in Mocha and node:test,
 * `suiteTeardown` in Mocha's TDD interface) undoes what a `beforeAll` of the block did.
 */
export function afterHookWith(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  registration: Registration,
  kind: 'afterEach' | 'afterAll',
  call: string | readonly string[],
  reaches: readonly ExportReach[] = [],
  declaration?: string | readonly string[],
  frameworks: ReadonlySet<FrameworkId> = structure.frameworks,
): AfterEachPlan | undefined {
  // Several statements (members put back one by one) go one per line, at the hook's indentation.
  const calls = typeof call === 'string' ? [call] : call;
  const declarations = declaration === undefined ? [] : typeof declaration === 'string' ? [declaration] : declaration;
  const block = registration.parent;
  if (block && (block.role.kind !== 'describe' || block.callback?.body.type !== T.BlockStatement)) return undefined;
  const owner = block ? (block.callback?.body as TSESTree.BlockStatement) : sourceCode.ast;
  const anchor = statementIn(owner, registration.call);
  if (!anchor) return undefined;
  const existing = hooksIn(structure, block, kind).find((r) => r.callback?.body.type === T.BlockStatement && r.call.arguments.length === 1);
  if (existing?.callback?.body.type === T.BlockStatement) {
    const hookBody = existing.callback.body;
    const last = hookBody.body.at(-1);
    const indent = last ? indentOf(sourceCode, last) : `${indentOf(sourceCode, existing.call)}  `;
    const hookStatement = statementIn(owner, existing.call);
    const first = hookStatement && hookStatement.range[0] < anchor.range[0] ? hookStatement : anchor;
    return {
      hook: sourceCode.getText(existing.call.callee),
      declaredAt: first.range[0],
      fix: (fixer) => [
        ...reachFixes(fixer, reaches),
        ...(declarations.length > 0 ? [fixer.insertTextBefore(first, declarations.map((text) => `${text}\n${indentOf(sourceCode, first)}`).join(''))] : []),
        last
          ? fixer.insertTextAfter(last, calls.map((text) => `\n${indent}${text};`).join(''))
          : fixer.insertTextBeforeRange([hookBody.range[1] - 1, hookBody.range[1] - 1], `${calls.map((text) => `\n${indent}${text};`).join('')}\n${indentOf(sourceCode, existing.call)}`),
      ],
    };
  }
  const hook = hookReach(sourceCode, structure, registration, kind, frameworks);
  if (!hook) return undefined;
  const indent = indentOf(sourceCode, anchor);
  const text = `${declarations.map((line) => `${line}\n${indent}`).join('')}${hook.text}(() => {\n${calls.map((line) => `${indent}  ${line};\n`).join('')}${indent}});\n\n${indent}`;
  return { hook: hook.text, declaredAt: anchor.range[0], fix: (fixer) => [...reachFixes(fixer, [...reaches, hook]), fixer.insertTextBefore(anchor, text)] };
}

/** The statement of `owner` (a block or the program) that holds `node`: found from the node up, not by a scan of the block. */
function statementIn(owner: TSESTree.BlockStatement | TSESTree.Program, node: TSESTree.Node): TSESTree.Node | undefined {
  for (let current: TSESTree.Node = node; current.parent; current = current.parent) {
    if (current.parent === owner) return current;
  }
  return undefined;
}

/**
 * The hook of `kind` named the way the file names its tests: a global where `it` is one (`teardown`
 * in a file written for Mocha's TDD interface, which has no `afterEach`; the global the file's
 * framework exports for it, `after` in Mocha), else from the same module.
 */
function hookReach(sourceCode: TSESLint.SourceCode, structure: TestStructure, registration: Registration, kind: HookKind, frameworks: ReadonlySet<FrameworkId>): ExportReach | undefined {
  const origin = originOf(sourceCode, rootCallee(registration));
  let patterns: OriginPattern[];
  if (origin.kind === 'global') {
    const name = usesTddInterface(sourceCode, structure) ? TDD_INTERFACE.hooks[kind] : globalHookName(frameworks, kind);
    if (!name) return undefined;
    patterns = [{ global: name, path: [] }];
  } else if (origin.kind === 'module') {
    const name = exportedHookName(origin.source, kind);
    if (!name) return undefined;
    patterns = [{ module: origin.source, path: [name] }];
  } else return undefined;
  return reachExport(sourceCode, patterns);
}

/** `it` in `it.only(...)` or `describe.each(t)(...)`: the name a registration is made through. */
function rootCallee(registration: Registration): TSESTree.Node {
  let callee: TSESTree.Node = unwrap(registration.call.callee);
  while (callee.type === T.MemberExpression || callee.type === T.CallExpression) callee = unwrap(callee.type === T.MemberExpression ? callee.object : callee.callee);
  return callee;
}

const tddCache = new WeakMap<TestStructure, boolean>();

/** Does the file register through a global only Mocha's TDD interface defines (`suite`, `setup`, `teardown`...)? Answered once per file. */
function usesTddInterface(sourceCode: TSESLint.SourceCode, structure: TestStructure): boolean {
  let uses = tddCache.get(structure);
  if (uses === undefined) {
    uses = structure.registrations.some((registration) => {
      const origin = originOf(sourceCode, rootCallee(registration));
      return origin.kind === 'global' && origin.path.length === 0 && TDD_INTERFACE.markers.has(origin.name);
    });
    tddCache.set(structure, uses);
  }
  return uses;
}

/** The leading whitespace of the line a node starts on. */
export function indentOf(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): string {
  return /^\s*/.exec(sourceCode.lines[node.loc.start.line - 1] ?? '')?.[0] ?? '';
}
