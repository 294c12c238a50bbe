/**
 * Does a call reset a registry that the written member belongs to? Projects that keep state in
 * module-level objects often make them with a factory that remembers each object it makes, and
 * export a reset for tests (firebase-tools' VS Code extension):
 *
 *     const globals = [];
 *     export function globalSignal(initial) {
 *       const s = signal(initial);
 *       s.reset = () => { s.value = initial; };
 *       globals.push(s);
 *       return s;
 *     }
 *     export function resetGlobals() { globals.forEach((g) => g.reset()); }
 *
 * With `export const firebaseConfig = globalSignal(...)` in another module, a test's
 * `teardown(() => resetGlobals())` puts `firebaseConfig.value` back. The modules are read
 * statically (parsed once per process, again when they change), only through relative imports:
 * the member's module, to find the factory that made its object, and the factory's module, to
 * find the method that writes the member and a reset exported beside it that calls that method on
 * every object the factory remembered.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stampOf, type Stamp } from '../project/freshness.js';
import { isRelativeSpecifier, resolveRelativeModule } from '../project/module-file.js';
import { parseSource } from '../project/parse.js';
import { walk, withoutTypeWrappers } from '../project/syntax.js';
import { originOf } from './binding.js';
import { indexOf } from './file-index.js';
import type { Write } from './patch-write.js';

interface ModuleSummary {
  /** Exported `const x = factory(...)`: the factory's module (as imported) and export name. */
  readonly madeBy: ReadonlyMap<string, { readonly source: string; readonly name: string }>;
  /** Exported factories: the collection each product is pushed into, the method set on it and the keys that method writes. */
  readonly factories: ReadonlyMap<string, readonly { readonly collection: string; readonly method: string; readonly keys: ReadonlySet<string> }[]>;
  /** Exported resets: `collection.method` pairs called on every element. */
  readonly resets: ReadonlyMap<string, ReadonlySet<string>>;
}

const cache = new Map<string, { readonly summary: ModuleSummary; readonly stamp: Stamp }>();
const EMPTY: ModuleSummary = { madeBy: new Map(), factories: new Map(), resets: new Map() };

/** The calls in the file that reset the member `write` writes. */
export function registryResets(sourceCode: TSESLint.SourceCode, filename: string, write: Write): TSESTree.CallExpression[] {
  const target = write.target;
  if (target?.kind !== 'module' || target.path.length !== 2 || !path.isAbsolute(filename)) return [];
  const [exported, key] = target.path as [string, string];
  const calls = resetCandidatesOf(sourceCode);
  if (calls.length === 0) return [];
  const memberModule = resolveRelativeModule(filename, target.source);
  const maker = memberModule ? summaryOf(memberModule).madeBy.get(exported) : undefined;
  const factoryModule = maker && memberModule ? resolveRelativeModule(memberModule, maker.source) : undefined;
  if (!maker || !factoryModule) return [];
  const summary = summaryOf(factoryModule);
  const products = summary.factories.get(maker.name)?.filter((product) => product.keys.has(key)) ?? [];
  if (products.length === 0) return [];
  return calls.filter((call) => {
    const origin = originOf(sourceCode, call.callee);
    if (origin.kind !== 'module' || resolveRelativeModule(filename, origin.source) !== factoryModule) return false;
    const resets = summary.resets.get(origin.path[0] ?? '');
    return !!resets && products.some((product) => resets.has(`${product.collection}.${product.method}`));
  });
}

const candidates = new WeakMap<TSESLint.SourceCode, readonly TSESTree.CallExpression[]>();

/** Only a call with no arguments of a function imported by relative path can be such a reset. */
function resetCandidatesOf(sourceCode: TSESLint.SourceCode): readonly TSESTree.CallExpression[] {
  let calls = candidates.get(sourceCode);
  if (!calls) {
    calls = indexOf(sourceCode).calls.filter((call) => {
      if (call.arguments.length > 0) return false;
      const origin = originOf(sourceCode, call.callee);
      return origin.kind === 'module' && origin.path.length === 1 && isRelativeSpecifier(origin.source);
    });
    candidates.set(sourceCode, calls);
  }
  return calls;
}

function summaryOf(file: string): ModuleSummary {
  const cached = cache.get(file);
  if (cached?.stamp.isFresh()) return cached.summary;
  const summary = read(file);
  cache.set(file, { summary, stamp: stampOf([file]) });
  return summary;
}

function read(file: string): ModuleSummary {
  let program: TSESTree.Program;
  try {
    const text = readFileSync(file, 'utf8');
    if (!/\bexport\b/.test(text)) return EMPTY;
    program = parseSource(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: false, loc: false, jsx: /x$/.test(file) });
    const madeBy = new Map<string, { source: string; name: string }>();
    const imports = new Map<string, { source: string; name: string }>();
    for (const statement of program.body) {
      if (statement.type !== T.ImportDeclaration) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === T.ImportSpecifier) {
          const name = specifier.imported.type === T.Identifier ? specifier.imported.name : specifier.imported.value;
          imports.set(specifier.local.name, { source: statement.source.value, name });
        }
      }
    }
    const collections = new Set<string>();
    const factories = new Map<string, { collection: string; method: string; keys: Set<string> }[]>();
    const resets = new Map<string, Set<string>>();
    for (const statement of program.body) {
      const declaration = statement.type === T.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type === T.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type !== T.Identifier || !declarator.init) continue;
          const init = unwrapped(declarator.init);
          if (isEmptyCollection(init)) collections.add(declarator.id.name);
          const callee = init.type === T.CallExpression ? unwrapped(init.callee) : undefined;
          const maker = callee?.type === T.Identifier ? imports.get(callee.name) : undefined;
          if (maker && statement.type === T.ExportNamedDeclaration) madeBy.set(declarator.id.name, maker);
        }
      }
    }
    for (const statement of program.body) {
      if (statement.type !== T.ExportNamedDeclaration || statement.declaration?.type !== T.FunctionDeclaration || !statement.declaration.id) continue;
      const fn = statement.declaration;
      const name = fn.id?.name ?? '';
      const products = productsOf(fn, collections);
      if (products.length > 0) factories.set(name, products);
      const resetPairs = resetPairsOf(fn, collections);
      if (resetPairs.size > 0) resets.set(name, resetPairs);
    }
    return { madeBy, factories, resets };
  } catch {
    return EMPTY;
  }
}

function isEmptyCollection(node: TSESTree.Node): boolean {
  if (node.type === T.ArrayExpression) return node.elements.length === 0;
  return node.type === T.NewExpression && node.callee.type === T.Identifier && ['Set', 'Array'].includes(node.callee.name) && node.arguments.length === 0;
}

/** `collection.push(x)` with `x.method = () => { x.key = ... }` in the same factory. */
function productsOf(fn: TSESTree.FunctionDeclaration, collections: ReadonlySet<string>): { collection: string; method: string; keys: Set<string> }[] {
  const pushed = new Map<string, string>();
  const methods = new Map<string, Map<string, Set<string>>>();
  walk(fn.body, (node) => {
    if (node.type === T.CallExpression && node.arguments.length === 1) {
      const callee = unwrapped(node.callee);
      const argument = node.arguments[0] && unwrapped(node.arguments[0]);
      if (
        callee.type === T.MemberExpression && !callee.computed && callee.object.type === T.Identifier && collections.has(callee.object.name) &&
        callee.property.type === T.Identifier && ['push', 'add'].includes(callee.property.name) && argument?.type === T.Identifier
      ) {
        pushed.set(argument.name, callee.object.name);
      }
    }
    if (node.type === T.AssignmentExpression && node.operator === '=') {
      const left = node.left;
      const right = unwrapped(node.right);
      if (left.type !== T.MemberExpression || left.computed || left.object.type !== T.Identifier || left.property.type !== T.Identifier) return;
      if (right.type !== T.ArrowFunctionExpression && right.type !== T.FunctionExpression) return;
      const product = left.object.name;
      const keys = new Set<string>();
      walk(right.body, (inner) => {
        if (inner.type !== T.AssignmentExpression) return;
        const written = inner.left;
        if (written.type === T.MemberExpression && !written.computed && written.object.type === T.Identifier && written.object.name === product && written.property.type === T.Identifier) {
          keys.add(written.property.name);
        }
      });
      const byMethod = methods.get(product) ?? new Map<string, Set<string>>();
      methods.set(product, byMethod);
      byMethod.set(left.property.name, keys);
    }
  });
  const products: { collection: string; method: string; keys: Set<string> }[] = [];
  for (const [product, collection] of pushed) {
    for (const [method, keys] of methods.get(product) ?? []) products.push({ collection, method, keys });
  }
  return products;
}

/** `collection.forEach((x) => x.method())` or `for (const x of collection) x.method()`: `collection.method`. */
function resetPairsOf(fn: TSESTree.FunctionDeclaration, collections: ReadonlySet<string>): Set<string> {
  const pairs = new Set<string>();
  const methodCalledOn = (body: TSESTree.Node, element: string, collection: string): void => {
    walk(body, (node) => {
      if (node.type !== T.CallExpression) return;
      const callee = unwrapped(node.callee);
      if (callee.type === T.MemberExpression && !callee.computed && callee.object.type === T.Identifier && callee.object.name === element && callee.property.type === T.Identifier) {
        pairs.add(`${collection}.${callee.property.name}`);
      }
    });
  };
  walk(fn.body, (node) => {
    if (node.type === T.CallExpression) {
      const callee = unwrapped(node.callee);
      const callback = node.arguments[0];
      if (
        callee.type === T.MemberExpression && !callee.computed && callee.object.type === T.Identifier && collections.has(callee.object.name) &&
        callee.property.type === T.Identifier && callee.property.name === 'forEach' &&
        (callback?.type === T.ArrowFunctionExpression || callback?.type === T.FunctionExpression) && callback.params[0]?.type === T.Identifier
      ) {
        methodCalledOn(callback.body, callback.params[0].name, callee.object.name);
      }
    }
    if (node.type === T.ForOfStatement && node.right.type === T.Identifier && collections.has(node.right.name) && node.left.type === T.VariableDeclaration) {
      const id = node.left.declarations[0]?.id;
      if (id?.type === T.Identifier) methodCalledOn(node.body, id.name, node.right.name);
    }
  });
  return pairs;
}

const unwrapped = (node: TSESTree.Node): TSESTree.Node => withoutTypeWrappers(node);
