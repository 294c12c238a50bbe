/**
 * Which restore-all calls do a project's setup files and root hooks make around every test? Jest
 * `setupFiles`/`setupFilesAfterEnv`, Vitest `setupFiles` and Mocha `require` run for every test
 * file; a `jest.restoreAllMocks()` in an `afterEach` there acts like `restoreMocks: true`. The files
 * are parsed, never run, and calls are matched by how they are spelled (`sinon.restore`), inside an
 * `afterEach`/`beforeEach` call or a `mochaHooks` `afterEach`/`beforeEach` property. In a Mocha spec
 * file (`topLevelOnly`), only the hooks written at its top level run around every test.
 */
import { parseSource } from './parse.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { existsSync, readFileSync } from 'node:fs';
import { stampOf, type Stamp } from './freshness.js';

const EACH_HOOKS: ReadonlySet<string> = new Set(['afterEach', 'beforeEach']);
const cache = new Map<string, { readonly found: ReadonlySet<string>; readonly stamp: Stamp }>();

/** The spellings of the calls (`vi.restoreAllMocks`) that the files make around each test. */
export function restoresAroundEachTest(files: readonly string[], topLevelOnly = false): ReadonlySet<string> {
  const found = new Set<string>();
  for (const file of files) for (const spelling of restoresIn(file, topLevelOnly)) found.add(spelling);
  return found;
}

export function clearSetupRestoreCache(): void {
  cache.clear();
}

/** Read again when the file changes: an editor sees a root hook as soon as it is written. */
function restoresIn(file: string, topLevelOnly: boolean): ReadonlySet<string> {
  const key = `${topLevelOnly ? 'top' : 'all'}:${file}`;
  const cached = cache.get(key);
  if (cached?.stamp.isFresh()) return cached.found;
  const stamp = stampOf([file]);
  const found = read(file, topLevelOnly);
  cache.set(key, { found, stamp });
  return found;
}

function read(file: string, topLevelOnly: boolean): ReadonlySet<string> {
  const found = new Set<string>();
  if (!existsSync(file)) return found;
  let program: TSESTree.Program;
  try {
    program = parseSource(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: false, loc: false });
  } catch {
    return found;
  }
  if (!topLevelOnly) {
    visit(program, false, found);
    return found;
  }
  for (const statement of program.body) {
    const call = statement.type === T.ExpressionStatement && statement.expression.type === T.CallExpression ? statement.expression : undefined;
    const name = call ? spelling(call.callee)?.split('.').at(-1) : undefined;
    if (call && name && EACH_HOOKS.has(name)) visit(call, false, found);
  }
  return found;
}

function visit(node: TSESTree.Node, aroundEach: boolean, found: Set<string>): void {
  let inner = aroundEach;
  if (node.type === T.CallExpression) {
    const callee = spelling(node.callee);
    if (aroundEach && callee) found.add(callee);
    const name = callee?.split('.').at(-1);
    if (name && EACH_HOOKS.has(name)) {
      for (const argument of node.arguments) visit(argument, true, found);
      visit(node.callee, aroundEach, found);
      return;
    }
  }
  if (node.type === T.Property && !node.computed && node.key.type === T.Identifier && EACH_HOOKS.has(node.key.name)) inner = true;
  if (node.type === T.MethodDefinition && node.key.type === T.Identifier && EACH_HOOKS.has(node.key.name)) inner = true;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) visit(child, inner, found);
    } else if (isNode(value)) {
      visit(value, inner, found);
    }
  }
}

function isNode(value: unknown): value is TSESTree.Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** `a.b.c` for a chain of plain member accesses on an identifier. */
function spelling(node: TSESTree.Node): string | undefined {
  if (node.type === T.Identifier) return node.name;
  if (node.type === T.MemberExpression && !node.computed && node.property.type === T.Identifier) {
    const object = spelling(node.object);
    return object === undefined ? undefined : `${object}.${node.property.name}`;
  }
  return undefined;
}
