/**
 * What did a member of one of the project's own modules hold when the module loaded? Teardown that
 * writes a primitive puts a member back only when that is what it held (`settings.timeout = 1000`),
 * and emptying a list (`plugins.length = 0`) is a reset only when the module starts it empty: a list
 * the module fills when it loads loses its defaults.
 *
 * Read statically, from a module the test file imports by a relative path: its top-level
 * `exports.x = ...`, `module.exports.x = ...`, `module.exports = { ... }`, `export const x = ...`,
 * `export { x }` and `export default { ... }`, followed into object literals and the module's
 * top-level `const`s. Each module is parsed once per process and again when it changes. Anything
 * else (a package, a computed export, a value built by a call) is unknown.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import { cachedPerFile } from './freshness.js';
import { resolveRelativeModule } from './module-file.js';
import { parseSource } from './parse.js';
import { readOrUnknown } from './read-failures.js';
import { withoutTypeWrappers } from './syntax.js';

/** A primitive written as a literal, or an array literal and how many elements it has. */
export type InitialValue = { readonly kind: 'primitive'; readonly value: string | number | boolean | null } | { readonly kind: 'array'; readonly length: number };

interface ModuleExports {
  /** Each exported name's value, the last top-level statement that sets it winning. */
  readonly exports: ReadonlyMap<string, TSESTree.Node>;
  /** The module's top-level `const` declarations, by name. */
  readonly constants: ReadonlyMap<string, TSESTree.Node>;
  /** Whether the module names a default export of its own (`export default`); otherwise `default` is the CommonJS `module.exports`. */
  readonly hasDefault: boolean;
}

const NOTHING: ModuleExports = { exports: new Map(), constants: new Map(), hasDefault: false };

const modules = cachedPerFile((file) => readOrUnknown('an imported module', file, () => exportsOf(file), NOTHING));

/**
 * The value the member at `path` of the module `source` (imported from `fromFile`) held when the
 * module loaded; undefined when it cannot be told.
 */
export function initialValueOf(fromFile: string, source: string, path: readonly string[]): InitialValue | undefined {
  const file = resolveRelativeModule(fromFile, source);
  if (!file || file.endsWith('.json')) return undefined;
  const module = modules.get(file);
  // `import registry from './registry'` of a CommonJS module: `default` is `module.exports`.
  const keys = path[0] === 'default' && !module.hasDefault ? path.slice(1) : path;
  const [first, ...rest] = keys;
  let value = first === undefined ? undefined : resolved(module, module.exports.get(first));
  for (const key of rest) value = value?.type === T.ObjectExpression ? resolved(module, propertyValue(value, key)) : undefined;
  return value && valueOf(value);
}

function exportsOf(file: string): ModuleExports {
  const text = readFileSync(file, 'utf8');
  const ast = parseSource(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: false, jsx: /\.[jt]sx$/.test(file) });
  const exports = new Map<string, TSESTree.Node>();
  const constants = new Map<string, TSESTree.Node>();
  let hasDefault = false;
  const declare = (declaration: TSESTree.VariableDeclaration, exported: boolean): void => {
    if (declaration.kind !== 'const') return;
    for (const declarator of declaration.declarations) {
      if (declarator.id.type !== T.Identifier || !declarator.init) continue;
      constants.set(declarator.id.name, declarator.init);
      if (exported) exports.set(declarator.id.name, declarator.init);
    }
  };
  for (const statement of ast.body) {
    if (statement.type === T.VariableDeclaration) declare(statement, false);
    else if (statement.type === T.ExportNamedDeclaration) {
      if (statement.declaration?.type === T.VariableDeclaration) declare(statement.declaration, true);
      for (const specifier of statement.source ? [] : statement.specifiers) {
        const local = specifier.local.type === T.Identifier ? constants.get(specifier.local.name) : undefined;
        const name = specifier.exported.type === T.Identifier ? specifier.exported.name : specifier.exported.value;
        if (local) exports.set(name, local);
        if (name === 'default') hasDefault = true;
      }
    } else if (statement.type === T.ExportDefaultDeclaration) {
      hasDefault = true;
      exports.set('default', statement.declaration);
    } else if (statement.type === T.ExpressionStatement && statement.expression.type === T.AssignmentExpression && statement.expression.operator === '=') {
      const { left, right } = statement.expression;
      const chain = chainOf(left);
      if (chain?.length === 2 && chain[0] === 'module' && chain[1] === 'exports') {
        // `module.exports = { ... }` replaces every export set before.
        exports.clear();
        const object = withoutTypeWrappers(right);
        const value = object.type === T.Identifier ? constants.get(object.name) : object;
        if (value?.type !== T.ObjectExpression) continue;
        for (const property of value.properties) {
          const key = property.type === T.Property && !property.computed ? keyName(property.key) : undefined;
          if (property.type === T.Property && key !== undefined) exports.set(key, property.value);
        }
      } else if (chain?.length === 2 && chain[0] === 'exports') exports.set(chain[1] ?? '', right);
      else if (chain?.length === 3 && chain[0] === 'module' && chain[1] === 'exports') exports.set(chain[2] ?? '', right);
    }
  }
  return { exports, constants, hasDefault };
}

/** `module.exports.x` as its names; undefined for anything but a chain of names. */
function chainOf(node: TSESTree.Node): string[] | undefined {
  const expression = withoutTypeWrappers(node);
  if (expression.type === T.Identifier) return [expression.name];
  if (expression.type !== T.MemberExpression) return undefined;
  const key = expression.computed ? (expression.property.type === T.Literal ? keyName(expression.property) : undefined) : keyName(expression.property);
  const object = key === undefined ? undefined : chainOf(expression.object);
  return object && key !== undefined ? [...object, key] : undefined;
}

function keyName(key: TSESTree.Node): string | undefined {
  if (key.type === T.Identifier) return key.name;
  return key.type === T.Literal && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : undefined;
}

/** The value of `key` in an object literal: its last property of that name, unless a spread after it may replace it. */
function propertyValue(object: TSESTree.ObjectExpression, key: string): TSESTree.Node | undefined {
  let value: TSESTree.Node | undefined;
  for (const property of object.properties) {
    if (property.type === T.SpreadElement) value = undefined;
    else if (!property.computed && keyName(property.key) === key) value = property.value;
  }
  return value;
}

/** The expression itself, or the module's `const` it names. */
function resolved(module: ModuleExports, node: TSESTree.Node | undefined): TSESTree.Node | undefined {
  const expression = node && withoutTypeWrappers(node);
  return expression?.type === T.Identifier ? module.constants.get(expression.name) : expression;
}

function valueOf(node: TSESTree.Node): InitialValue | undefined {
  if (node.type === T.ArrayExpression) return node.elements.some((element) => element?.type === T.SpreadElement) ? undefined : { kind: 'array', length: node.elements.length };
  const value = literalValue(node);
  return value === undefined ? undefined : { kind: 'primitive', value: value.value };
}

/**
 * The primitive a literal expression writes (`3`, `'fast'`, `-1`, `` `x` ``, `null`, `true`), as a
 * one-field record so that `null` is an answer; undefined for anything else.
 */
export function literalValue(node: TSESTree.Node): { readonly value: string | number | boolean | null } | undefined {
  const expression = withoutTypeWrappers(node);
  if (expression.type === T.Literal) return expression.value instanceof RegExp || typeof expression.value === 'bigint' ? undefined : { value: expression.value };
  if (expression.type === T.TemplateLiteral && expression.expressions.length === 0) return { value: expression.quasis[0]?.value.cooked ?? '' };
  if (expression.type === T.UnaryExpression && expression.operator === '-' && expression.argument.type === T.Literal && typeof expression.argument.value === 'number') return { value: -expression.argument.value };
  return undefined;
}
