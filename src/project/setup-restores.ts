/**
 * Which restore-all calls do a project's setup files and root hooks make around every test? Jest
 * `setupFiles`/`setupFilesAfterEnv`, Vitest `setupFiles` and Mocha `require` run for every test
 * file; a `jest.restoreAllMocks()` in an `afterEach` there acts like `restoreMocks: true`. The files
 * are parsed, never run, and calls are matched by how they are spelled (`sinon.restore`), inside an
 * `afterEach`/`beforeEach` call or a `mochaHooks` `afterEach`/`beforeEach` property. In a Mocha spec
 * file (`topLevelOnly`), only the hooks written at its top level run around every test.
 */
import { parseSource, parseWithScope } from './parse.js';
import { walk } from './syntax.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { existsSync, readFileSync } from 'node:fs';
import { cachedPerFile } from './freshness.js';

const EACH_HOOKS: ReadonlySet<string> = new Set(['afterEach', 'beforeEach']);
/** Read again when a file changes: an editor sees a root hook as soon as it is written. */
const restoresByFile = { all: cachedPerFile((file) => read(file, false)), top: cachedPerFile((file) => read(file, true)) };

/** The spellings of the calls (`vi.restoreAllMocks`) that the files make around each test. */
export function restoresAroundEachTest(files: readonly string[], topLevelOnly = false): ReadonlySet<string> {
  const found = new Set<string>();
  for (const file of files) for (const spelling of restoresByFile[topLevelOnly ? 'top' : 'all'].get(file)) found.add(spelling);
  return found;
}

export function clearSetupRestoreCache(): void {
  restoresByFile.all.clear();
  restoresByFile.top.clear();
  spiesByFile.clear();
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

/** A spy a setup file makes before each test and restores through its handle after each (`warn = vi.spyOn(console, 'warn')`, `warn.mockRestore()`). */
export interface SpyAroundEachTest {
  /** The spy call as written: `vi.spyOn`. */
  readonly spy: string;
  /** The global member spied, as written: `console.warn`. */
  readonly target: string;
  /** The handle's method called in `afterEach`: `mockRestore`. */
  readonly restore: string;
}

const spiesByFile = cachedPerFile(readSpies);

/**
 * The spies on global members that the files make in a `beforeEach` and restore through the same
 * variable in an `afterEach` (vue's console.warn guard). The variable is resolved through the
 * file's own scopes; the spied object must be a global (no binding in the file).
 */
export function spiesAroundEachTest(files: readonly string[]): SpyAroundEachTest[] {
  return files.flatMap((file) => spiesByFile.get(file));
}

function readSpies(file: string): SpyAroundEachTest[] {
  if (!existsSync(file)) return [];
  let parsed: ReturnType<typeof parseWithScope>;
  try {
    parsed = parseWithScope(readFileSync(file, 'utf8'), { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: false });
  } catch {
    return [];
  }
  const resolved = new Map<TSESTree.Node, unknown>();
  for (const scope of parsed.scopeManager?.scopes ?? []) for (const reference of scope.references) resolved.set(reference.identifier, reference.resolved);
  const made = new Map<unknown, { spy: string; target: string }>();
  const restored: { variable: unknown; method: string }[] = [];
  walk(parsed.ast, (node) => {
    if (node.type !== T.CallExpression) return;
    const hook = spelling(node.callee)?.split('.').at(-1);
    const callback = node.arguments[0];
    if ((hook !== 'beforeEach' && hook !== 'afterEach') || !callback || (callback.type !== T.ArrowFunctionExpression && callback.type !== T.FunctionExpression)) return;
    walk(callback.body, (inner) => {
      if (hook === 'beforeEach' && inner.type === T.AssignmentExpression && inner.operator === '=' && inner.left.type === T.Identifier) {
        const spied = spyCallOf(inner.right, resolved);
        const variable = resolved.get(inner.left);
        if (spied && variable) made.set(variable, spied);
      }
      if (hook === 'afterEach' && inner.type === T.CallExpression && inner.callee.type === T.MemberExpression && !inner.callee.computed && inner.callee.property.type === T.Identifier && inner.callee.object.type === T.Identifier) {
        const variable = resolved.get(inner.callee.object);
        if (variable) restored.push({ variable, method: inner.callee.property.name });
      }
    });
  });
  return restored.flatMap(({ variable, method }) => {
    const spied = made.get(variable);
    return spied ? [{ ...spied, restore: method }] : [];
  });
}

/** `vi.spyOn(console, 'warn')`, also with a configuring call after it (`.mockImplementation(() => {})`), on a global object. */
function spyCallOf(node: TSESTree.Node, resolved: ReadonlyMap<TSESTree.Node, unknown>): { spy: string; target: string } | undefined {
  let call: TSESTree.Node = node;
  // `.mockImplementation(...)` and friends return the spy itself.
  while (call.type === T.CallExpression && call.callee.type === T.MemberExpression && call.callee.object.type === T.CallExpression) call = call.callee.object;
  if (call.type !== T.CallExpression) return undefined;
  const spy = spelling(call.callee);
  const [object, key] = call.arguments;
  const objectName = object && spelling(object);
  const root = object ? rootIdentifier(object) : undefined;
  if (!spy || !objectName || !root || resolved.get(root) !== null || key?.type !== T.Literal || typeof key.value !== 'string') return undefined;
  return { spy, target: `${objectName}.${key.value}` };
}

function rootIdentifier(node: TSESTree.Node): TSESTree.Identifier | undefined {
  if (node.type === T.Identifier) return node;
  return node.type === T.MemberExpression ? rootIdentifier(node.object) : undefined;
}
