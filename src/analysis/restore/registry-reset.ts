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
import { cachedPerFile } from '../../project/freshness.js';
import { isRelativeSpecifier, resolveRelativeModule } from '../../project/module-file.js';
import { parseWithScope } from '../../project/parse.js';
import { walk, withoutTypeWrappers } from '../../project/syntax.js';
import { originOf } from '../values/binding.js';
import { indexOf } from '../values/file-index.js';
import type { Write } from '../writes/patch-write.js';

interface ModuleSummary {
  /** Exported `const x = factory(...)`: the factory's module (as imported) and export name. */
  readonly madeBy: ReadonlyMap<string, { readonly source: string; readonly name: string }>;
  /** Exported factories: the collection each product is pushed into, the method set on it and the keys that method writes. */
  readonly factories: ReadonlyMap<string, readonly { readonly collection: string; readonly method: string; readonly keys: ReadonlySet<string> }[]>;
  /** Exported resets: `collection.method` pairs called on every element. */
  readonly resets: ReadonlyMap<string, ReadonlySet<string>>;
}

const summaries = cachedPerFile((file) => read(file));
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
  return summaries.get(file);
}

type Variable = TSESLint.Scope.Variable;
/** The variable a name refers to (or declares) in the module read; null for a global, undefined when it is no name. */
type Resolve = (node: TSESTree.Node) => Variable | null | undefined;

function read(file: string): ModuleSummary {
  try {
    const text = readFileSync(file, 'utf8');
    if (!/\bexport\b/.test(text)) return EMPTY;
    const { ast: program, scopeManager } = parseWithScope(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: false, jsx: /x$/.test(file) });
    if (!scopeManager) return EMPTY;
    const resolve = resolverOf(scopeManager);
    const madeBy = new Map<string, { source: string; name: string }>();
    const collections = new Set<Variable>();
    const factories = new Map<string, { collection: string; method: string; keys: Set<string> }[]>();
    const resets = new Map<string, Set<string>>();
    for (const statement of program.body) {
      const declaration = statement.type === T.ExportNamedDeclaration ? statement.declaration : statement;
      if (declaration?.type !== T.VariableDeclaration) continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== T.Identifier || !declarator.init) continue;
        const init = unwrapped(declarator.init);
        const variable = resolve(declarator.id);
        if (variable && isEmptyCollection(init, resolve)) collections.add(variable);
        const maker = init.type === T.CallExpression ? importedAs(resolve(unwrapped(init.callee))) : undefined;
        if (maker && statement.type === T.ExportNamedDeclaration) madeBy.set(declarator.id.name, maker);
      }
    }
    const collectionOf = (node: TSESTree.Node): string | undefined => {
      const variable = resolve(node);
      return variable && collections.has(variable) ? variable.name : undefined;
    };
    for (const statement of program.body) {
      if (statement.type !== T.ExportNamedDeclaration || statement.declaration?.type !== T.FunctionDeclaration || !statement.declaration.id) continue;
      const fn = statement.declaration;
      const name = fn.id?.name ?? '';
      const products = productsOf(fn, collectionOf, resolve);
      if (products.length > 0) factories.set(name, products);
      const resetPairs = resetPairsOf(fn, collectionOf, resolve);
      if (resetPairs.size > 0) resets.set(name, resetPairs);
    }
    return { madeBy, factories, resets };
  } catch {
    return EMPTY;
  }
}

/** Every name of the module, resolved through its scopes: references to what they read, declarations to what they declare. */
function resolverOf(scopeManager: TSESLint.Scope.ScopeManager): Resolve {
  const names = new Map<TSESTree.Node, Variable | null>();
  for (const scope of scopeManager.scopes) {
    for (const reference of scope.references) names.set(reference.identifier, reference.resolved);
    for (const variable of scope.variables) for (const def of variable.defs) names.set(def.name, variable);
  }
  return (node) => names.get(node);
}

/** The export an imported name stands for: `{ source: '../utils/globals', name: 'globalSignal' }`. */
function importedAs(variable: Variable | null | undefined): { source: string; name: string } | undefined {
  const def = variable?.defs[0];
  if (def?.type !== 'ImportBinding' || def.node.type !== T.ImportSpecifier || def.parent.type !== T.ImportDeclaration) return undefined;
  const name = def.node.imported.type === T.Identifier ? def.node.imported.name : def.node.imported.value;
  return { source: def.parent.source.value, name };
}

/** `[]`, `new Array()` or `new Set()` with the global constructors (unresolved, or TypeScript's implicit lib variables). */
function isEmptyCollection(node: TSESTree.Node, resolve: Resolve): boolean {
  if (node.type === T.ArrayExpression) return node.elements.length === 0;
  if (node.type !== T.NewExpression || node.callee.type !== T.Identifier || !['Set', 'Array'].includes(node.callee.name) || node.arguments.length > 0) return false;
  const constructor = resolve(node.callee);
  return constructor === null || constructor?.defs.length === 0;
}

/** `collection.push(x)` with `x.method = () => { x.key = ... }` in the same factory. */
function productsOf(fn: TSESTree.FunctionDeclaration, collectionOf: (node: TSESTree.Node) => string | undefined, resolve: Resolve): { collection: string; method: string; keys: Set<string> }[] {
  const pushed = new Map<Variable, string>();
  const methods = new Map<Variable, Map<string, Set<string>>>();
  walk(fn.body, (node) => {
    if (node.type === T.CallExpression && node.arguments.length === 1) {
      const callee = unwrapped(node.callee);
      const argument = node.arguments[0] && unwrapped(node.arguments[0]);
      const collection = callee.type === T.MemberExpression && !callee.computed ? collectionOf(callee.object) : undefined;
      const product = argument && resolve(argument);
      if (collection && product && callee.type === T.MemberExpression && callee.property.type === T.Identifier && ['push', 'add'].includes(callee.property.name)) {
        pushed.set(product, collection);
      }
    }
    if (node.type === T.AssignmentExpression && node.operator === '=') {
      const left = node.left;
      const right = unwrapped(node.right);
      if (left.type !== T.MemberExpression || left.computed || left.property.type !== T.Identifier) return;
      if (right.type !== T.ArrowFunctionExpression && right.type !== T.FunctionExpression) return;
      const product = resolve(left.object);
      if (!product) return;
      const keys = new Set<string>();
      walk(right.body, (inner) => {
        if (inner.type !== T.AssignmentExpression) return;
        const written = inner.left;
        if (written.type === T.MemberExpression && !written.computed && written.property.type === T.Identifier && resolve(written.object) === product) keys.add(written.property.name);
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
function resetPairsOf(fn: TSESTree.FunctionDeclaration, collectionOf: (node: TSESTree.Node) => string | undefined, resolve: Resolve): Set<string> {
  const pairs = new Set<string>();
  const methodCalledOn = (body: TSESTree.Node, element: Variable, collection: string): void => {
    walk(body, (node) => {
      if (node.type !== T.CallExpression) return;
      const callee = unwrapped(node.callee);
      if (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && resolve(callee.object) === element) {
        pairs.add(`${collection}.${callee.property.name}`);
      }
    });
  };
  walk(fn.body, (node) => {
    if (node.type === T.CallExpression) {
      const callee = unwrapped(node.callee);
      const callback = node.arguments[0];
      const collection = callee.type === T.MemberExpression && !callee.computed ? collectionOf(callee.object) : undefined;
      const element = (callback?.type === T.ArrowFunctionExpression || callback?.type === T.FunctionExpression) && callback.params[0] ? resolve(callback.params[0]) : undefined;
      if (collection && element && callback && 'body' in callback && callee.type === T.MemberExpression && callee.property.type === T.Identifier && callee.property.name === 'forEach') {
        methodCalledOn(callback.body, element, collection);
      }
    }
    if (node.type === T.ForOfStatement && node.left.type === T.VariableDeclaration) {
      const collection = collectionOf(node.right);
      const id = node.left.declarations[0]?.id;
      const element = id && resolve(id);
      if (collection && element) methodCalledOn(node.body, element, collection);
    }
  });
  return pairs;
}

const unwrapped = (node: TSESTree.Node): TSESTree.Node => withoutTypeWrappers(node);
