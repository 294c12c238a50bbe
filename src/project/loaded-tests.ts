/**
 * Which other files does a test file load that register tests of their own? A suite file may
 * `require()` files that call `describe`/`it` at their top level, or in a function they
 * export for the suite to call inside a describe (knex's `test/all-tests-suite.js` loads some fifty
 * files so). The runner runs those tests as part of the loading file, in its process and under its
 * config: they are test files of the same run. Read statically, never run: a file's `require` and
 * `import` of a relative path are followed when the path is written out (a string, a template with
 * no expressions, `path.join(__dirname, 'x')` or `path.resolve(__dirname, 'x')`, `__dirname + '/x'`),
 * not when it is computed. `require`, `path` and `__dirname` must be the module's own (no local
 * binding shadows them). A loaded file counts when it calls the test framework's `describe` or `it`
 * itself (a global, or one imported from a framework module). Only the loads of such a file, or of
 * a file of hooks only (root hooks, which is a support file, not a test file: knex's
 * `test/integration/index.js` bridges to the suites), are followed further: the code under test is
 * read once to find that it registers nothing.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { roleOfExport, roleOfGlobal, STRUCTURE_MODIFIERS, structureCallNames } from '../analysis/runner/frameworks.js';
import { cachedPerFile } from './freshness.js';
import { resolveRelativeModule } from './module-file.js';
import { parseWithScope } from './parse.js';
import { walk } from './syntax.js';

/** What one file, read statically, says: whether it registers tests, and the relative paths it loads. */
interface FileLoads {
  /** `tests`: it calls `describe`/`it` (a test file); `hooks`: only hooks (root hooks, a bridge to the files it loads); undefined: neither. */
  readonly registers: 'tests' | 'hooks' | undefined;
  readonly loads: readonly string[];
}

const readPerFile = cachedPerFile(readLoads);
const mayLoadPerFile = cachedPerFile(relativeLoadsByText);
const mayRegisterPerFile = cachedPerFile((file) => MAY_REGISTER.test(textOf(file)));

/**
 * The files that `tests` load, directly or through loaded files that register tests, and that
 * register tests themselves; only files `admit` accepts (the command's candidates: not ignored, in
 * the same project) are read. Never one of `tests` itself. In the order found.
 */
export function testsLoadedBy(tests: readonly string[], admit: (loader: string, loaded: string) => boolean): string[] {
  const known = new Set(tests);
  const found: string[] = [];
  const pending = [...tests];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    // Most test files load only the code under test and helpers: parsed only when a file they may load may register tests.
    const loader = next;
    const worthReading = mayLoadPerFile.get(loader).some((specifier) => {
      const loaded = resolveRelativeModule(loader, specifier);
      return loaded !== undefined && !known.has(loaded) && admit(loader, loaded) && mayRegisterPerFile.get(loaded);
    });
    // A path of several parts (`path.resolve(__dirname, 'a', 'b')`) is not told by the look at the text: read.
    if (!worthReading && !SEVERAL_PARTS.test(textOf(loader))) continue;
    for (const specifier of readPerFile.get(loader).loads) {
      const loaded = resolveRelativeModule(loader, specifier);
      if (loaded === undefined || known.has(loaded) || !admit(loader, loaded)) continue;
      known.add(loaded);
      // The code under test: no call that may register a test, no parse.
      const registers = mayRegisterPerFile.get(loaded) ? readPerFile.get(loaded).registers : undefined;
      if (registers === undefined) continue;
      // A file of hooks only is a support file (its hooks are the run's), not a test file; what it loads is followed.
      if (registers === 'tests') found.push(loaded);
      pending.push(loaded);
    }
  }
  return found;
}

export function clearLoadedTestsCache(): void {
  readPerFile.clear();
  mayLoadPerFile.clear();
  mayRegisterPerFile.clear();
}

function textOf(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Every string after `require(`, `import`, `from`, or `__dirname,`/`__dirname +` that may be a relative path: more than the file loads, never less. */
const SPECIFIERS = /(?:\brequire\s*\(\s*|\bimport\s*\(?\s*|\bfrom\s*|\b__dirname\s*(?:,|\+)\s*)(['"`])([^'"`\n]*)\1/g;

const SEVERAL_PARTS = /\b__dirname\s*,\s*['"`][^'"`\n]*['"`]\s*,/;

function relativeLoadsByText(file: string): string[] {
  const found: string[] = [];
  for (const match of textOf(file).matchAll(SPECIFIERS)) {
    const [, quote, text = ''] = match;
    if (quote === undefined) continue;
    // `__dirname, 'x'` and `__dirname + '/x'` name a path below the file's directory.
    const specifier = match[0].includes('__dirname') ? `./${text.replace(/^\/+/, '')}` : text;
    found.push(specifier);
  }
  return found;
}

/**
 * A call that may register tests, for a cheap look at the text before parsing (most loaded files
 * are the code under test): a test, describe or hook name and its modifiers (`.only`, `.each`),
 * both from the catalogue, and an opening parenthesis right after, followed by what such a call
 * takes first (a title, a function, a table) rather than a parameter list (`setup(client) {` is
 * a method of the code under test), or `.each` with a template table. More than the calls, never
 * less.
 */
const MAY_REGISTER = new RegExp(
  String.raw`(?<![\w$.])(?:${structureCallNames().join('|')})` +
    String.raw`(?:\s*\.\s*(?:${[...STRUCTURE_MODIFIERS].join('|')}))*(?:\s*\.\s*each\s*\x60|\(\s*(?:['"\x60[(]|function\b|async\b|[\w$.]+\s*(?:=>|,)))`,
);

function readLoads(file: string): FileLoads {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { registers: undefined, loads: [] };
  }
  let parsed: ReturnType<typeof parseWithScope>;
  try {
    parsed = parseWithScope(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: false, jsx: /\.[jt]sx$/.test(file) });
  } catch {
    return { registers: undefined, loads: [] };
  }
  const globals = new Set<TSESTree.Node>();
  for (const reference of parsed.scopeManager?.globalScope?.through ?? []) globals.add(reference.identifier);
  const variables = new Map<TSESTree.Node, TSESLint.Scope.Variable>();
  for (const scope of parsed.scopeManager?.scopes ?? []) for (const reference of scope.references) if (reference.resolved) variables.set(reference.identifier, reference.resolved);
  const imported = frameworkImports(parsed.scopeManager);
  const isGlobal = (node: TSESTree.Node, name: string) => node.type === T.Identifier && node.name === name && globals.has(node);
  const scope: ScopeFacts = { isGlobal, isPathModule: (node) => isPathModule(variables.get(node), isGlobal) };
  let registers: FileLoads['registers'];
  const loads: string[] = [];
  walk(parsed.ast, (node) => {
    if (node.type === T.ImportDeclaration || node.type === T.ExportAllDeclaration || (node.type === T.ExportNamedDeclaration && node.source)) {
      const typeOnly = node.type === T.ImportDeclaration ? node.importKind === 'type' : node.exportKind === 'type';
      if (node.source && !typeOnly) loads.push(node.source.value);
    } else if (node.type === T.ImportExpression) {
      const specifier = pathOf(node.source, scope);
      if (specifier !== undefined) loads.push(specifier);
    } else if (node.type === T.CallExpression) {
      const [argument] = node.arguments;
      if (isGlobal(node.callee, 'require') && argument) {
        const specifier = pathOf(argument, scope);
        if (specifier !== undefined) loads.push(specifier);
      }
      if (registers !== 'tests') {
        const root = calleeRoot(node.callee);
        const role = root === undefined ? undefined : globals.has(root) ? roleOfGlobal(root.name) : imported.get(root);
        if (role?.kind === 'test' || role?.kind === 'describe') registers = 'tests';
        else if (role?.kind === 'hook') registers = 'hooks';
      }
    }
  });
  return { registers, loads };
}

/** The role of each identifier bound to a framework's export (`import { describe } from 'vitest'`), by the identifier that uses it. */
function frameworkImports(scopeManager: TSESLint.Scope.ScopeManager | null): Map<TSESTree.Node, NonNullable<ReturnType<typeof roleOfExport>>> {
  const roles = new Map<TSESTree.Node, NonNullable<ReturnType<typeof roleOfExport>>>();
  const moduleScope = scopeManager?.scopes.find((scope) => scope.type === 'module');
  for (const variable of moduleScope?.variables ?? []) {
    const definition = variable.defs[0];
    if (definition?.type !== 'ImportBinding' || definition.node.type !== T.ImportSpecifier || definition.parent.type !== T.ImportDeclaration) continue;
    const imported = definition.node.imported;
    const role = roleOfExport(definition.parent.source.value, imported.type === T.Identifier ? imported.name : String(imported.value));
    if (role) for (const reference of variable.references) roles.set(reference.identifier, role);
  }
  return roles;
}

/** `describe` of `describe.only.each(...)`, `it` of `it.skip(...)`, `test` of ``test.each`table` ``. */
function calleeRoot(callee: TSESTree.Node): TSESTree.Identifier | undefined {
  let node = callee;
  while (node.type === T.MemberExpression || node.type === T.CallExpression || node.type === T.TaggedTemplateExpression) {
    node = node.type === T.MemberExpression ? node.object : node.type === T.CallExpression ? node.callee : node.tag;
  }
  return node.type === T.Identifier ? node : undefined;
}

/**
 * The relative path an argument spells out: `'./x'`, `` `./x` ``, `path.join(__dirname, 'x')`,
 * `path.resolve(__dirname, 'x', 'y')`, `__dirname + '/x'` (as `./x`). undefined when computed.
 */
function pathOf(node: TSESTree.Node, { isGlobal, isPathModule: isPath }: ScopeFacts): string | undefined {
  const text = literalText(node);
  if (text !== undefined) return text;
  if (node.type === T.BinaryExpression && node.operator === '+' && isGlobal(node.left, '__dirname')) {
    const rest = literalText(node.right);
    return rest?.startsWith('/') ? `.${rest}` : undefined;
  }
  if (node.type !== T.CallExpression || node.callee.type !== T.MemberExpression || node.callee.computed || node.callee.property.type !== T.Identifier) return undefined;
  if (!['join', 'resolve'].includes(node.callee.property.name) || !isPath(node.callee.object)) return undefined;
  const [first, ...rest] = node.arguments;
  if (!first || !isGlobal(first, '__dirname')) return undefined;
  const parts = rest.map(literalText);
  if (parts.some((part) => part === undefined || path.isAbsolute(part))) return undefined;
  const joined = path.posix.join('.', ...(parts as string[]));
  return joined.startsWith('.') ? (joined === '.' || joined.startsWith('../') || joined === '..' ? joined : `./${joined}`) : `./${joined}`;
}

/** A string or a template literal with no expressions. */
function literalText(node: TSESTree.Node): string | undefined {
  if (node.type === T.Literal && typeof node.value === 'string') return node.value;
  if (node.type === T.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** What a file's scopes say about an identifier. */
interface ScopeFacts {
  /** Is it the global (no binding in the file) of this name? */
  readonly isGlobal: (node: TSESTree.Node, name: string) => boolean;
  /** Is it bound to Node's path module? */
  readonly isPathModule: (node: TSESTree.Node) => boolean;
}

const PATH_MODULES: ReadonlySet<string> = new Set(['path', 'node:path']);

/** Is the variable Node's path module: `const path = require('path')`, `import path from 'node:path'`, `import * as path from 'path'`? */
function isPathModule(variable: TSESLint.Scope.Variable | undefined, isGlobal: (node: TSESTree.Node, name: string) => boolean): boolean {
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.type === 'ImportBinding') {
    return definition.parent.type === T.ImportDeclaration && PATH_MODULES.has(definition.parent.source.value) && definition.node.type !== T.ImportSpecifier;
  }
  if (definition?.type !== 'Variable' || definition.node.id.type !== T.Identifier || definition.parent.kind !== 'const') return false;
  const init = definition.node.init;
  const [argument] = init?.type === T.CallExpression ? init.arguments : [];
  return init?.type === T.CallExpression && isGlobal(init.callee, 'require') && argument !== undefined && PATH_MODULES.has(literalText(argument) ?? '');
}
