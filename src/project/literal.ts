/**
 * What does a config file export, as far as it can be known without running it? Parses the file and
 * evaluates only literals: objects, arrays, strings, numbers, booleans, null, plain templates,
 * `const` names bound to literals in the same file, spreads of literals, and `defineConfig(...)`-like
 * wrappers. Everything else is `UNKNOWN`, for the key it sits under only. Nothing is executed.
 */
import { parseSource } from './parse.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';

export const UNKNOWN = Symbol('unknown');

/** An object literal; `open` when a spread of unknown keys may have set keys not listed. */
export interface LiteralObject {
  readonly kind: 'object';
  readonly entries: ReadonlyMap<string, Literal>;
  readonly open: boolean;
}

export type Literal = string | number | boolean | null | readonly Literal[] | LiteralObject | typeof UNKNOWN;

/** Calls that only type their argument: `defineConfig({...})` from vitest/config, vite, jest. */
const CONFIG_WRAPPERS: ReadonlySet<string> = new Set(['defineConfig', 'defineProject', 'defineWorkspace']);

/** The default export (`export default`, `module.exports =`) of a JavaScript or TypeScript file. */
export function exportedLiteral(code: string, filename: string): Literal {
  const program = parseSource(code, { ecmaVersion: 'latest', sourceType: 'module', jsx: false, filePath: filename, range: true, loc: false });
  const consts = new Map<string, TSESTree.Expression>();
  const wrappers = new Set<string>();
  let exported: TSESTree.Node | undefined;
  for (const statement of program.body) {
    if (statement.type === T.ImportDeclaration) {
      for (const specifier of statement.specifiers) {
        if (specifier.type === T.ImportSpecifier && specifier.imported.type === T.Identifier && CONFIG_WRAPPERS.has(specifier.imported.name)) {
          wrappers.add(specifier.local.name);
        }
      }
    }
    const declaration = statement.type === T.ExportNamedDeclaration ? statement.declaration : statement;
    if (declaration?.type === T.VariableDeclaration && declaration.kind === 'const') {
      for (const declarator of declaration.declarations) {
        if (declarator.id.type === T.Identifier && declarator.init) consts.set(declarator.id.name, declarator.init);
      }
    }
    if (statement.type === T.ExportDefaultDeclaration) exported = statement.declaration;
    if (statement.type === T.ExpressionStatement && isModuleExports(statement.expression)) exported = statement.expression.right;
  }
  return exported ? evaluate(exported, { consts, wrappers, seen: new Set() }) : UNKNOWN;
}

function isModuleExports(node: TSESTree.Node): node is TSESTree.AssignmentExpression {
  return (
    node.type === T.AssignmentExpression &&
    node.operator === '=' &&
    node.left.type === T.MemberExpression &&
    node.left.object.type === T.Identifier &&
    node.left.object.name === 'module' &&
    !node.left.computed &&
    node.left.property.type === T.Identifier &&
    node.left.property.name === 'exports'
  );
}

interface Scope {
  readonly consts: ReadonlyMap<string, TSESTree.Expression>;
  readonly wrappers: ReadonlySet<string>;
  readonly seen: Set<string>;
}

function evaluate(node: TSESTree.Node, scope: Scope): Literal {
  switch (node.type) {
    case T.Literal:
      return typeof node.value === 'string' || typeof node.value === 'number' || typeof node.value === 'boolean' || node.value === null
        ? node.value
        : UNKNOWN;
    case T.TemplateLiteral:
      return node.expressions.length === 0 ? (node.quasis[0]?.value.cooked ?? UNKNOWN) : UNKNOWN;
    case T.TSAsExpression:
    case T.TSSatisfiesExpression:
    case T.TSNonNullExpression:
    case T.TSTypeAssertion:
      return evaluate(node.expression, scope);
    case T.UnaryExpression:
      if (node.operator === '!' && node.argument.type === T.Literal && typeof node.argument.value === 'number') return !node.argument.value;
      if (node.operator === '-' && node.argument.type === T.Literal && typeof node.argument.value === 'number') return -node.argument.value;
      return UNKNOWN;
    case T.Identifier: {
      const init = scope.consts.get(node.name);
      if (!init || scope.seen.has(node.name)) return UNKNOWN;
      scope.seen.add(node.name);
      const value = evaluate(init, scope);
      scope.seen.delete(node.name);
      return value;
    }
    case T.CallExpression: {
      const [argument] = node.arguments;
      const wrapped = node.callee.type === T.Identifier && scope.wrappers.has(node.callee.name);
      return wrapped && node.arguments.length === 1 && argument && argument.type !== T.SpreadElement ? evaluate(argument, scope) : UNKNOWN;
    }
    case T.ArrayExpression:
      return node.elements.some((element) => element === null || element.type === T.SpreadElement)
        ? UNKNOWN
        : node.elements.map((element) => evaluate(element as TSESTree.Expression, scope));
    case T.ObjectExpression:
      return evaluateObject(node, scope);
    default:
      return UNKNOWN;
  }
}

function evaluateObject(node: TSESTree.ObjectExpression, scope: Scope): LiteralObject {
  const entries = new Map<string, Literal>();
  let open = false;
  for (const property of node.properties) {
    if (property.type === T.SpreadElement) {
      const spread = evaluate(property.argument, scope);
      if (isObject(spread)) {
        for (const [key, value] of spread.entries) entries.set(key, value);
        open ||= spread.open;
      } else {
        // Keys written before an unknown spread may be overridden by it.
        for (const key of entries.keys()) entries.set(key, UNKNOWN);
        open = true;
      }
      continue;
    }
    const key = propertyKey(property);
    if (key === undefined) {
      open = true;
      continue;
    }
    entries.set(key, property.kind === 'init' && !property.method ? evaluate(property.value, scope) : UNKNOWN);
  }
  return { kind: 'object', entries, open };
}

function propertyKey(property: TSESTree.Property): string | undefined {
  if (!property.computed && property.key.type === T.Identifier) return property.key.name;
  if (property.key.type === T.Literal && (typeof property.key.value === 'string' || typeof property.key.value === 'number')) {
    return String(property.key.value);
  }
  return undefined;
}

export function isObject(value: Literal | undefined): value is LiteralObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as LiteralObject).kind === 'object';
}

/** A JSON value (package.json, .mocharc.json) as a literal. */
export function fromJson(value: unknown): Literal {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(fromJson);
  if (typeof value === 'object') {
    return { kind: 'object', entries: new Map(Object.entries(value).map(([k, v]) => [k, fromJson(v)])), open: false };
  }
  return UNKNOWN;
}

/**
 * The value at `path`: undefined when it is certainly absent, `UNKNOWN` when it cannot be known
 * (a computed value on the way, or an object that may hold unlisted keys).
 */
export function valueAt(value: Literal | undefined, path: readonly string[]): Literal | undefined {
  let current = value;
  for (const key of path) {
    if (current === undefined) return undefined;
    if (current === UNKNOWN) return UNKNOWN;
    if (!isObject(current)) return undefined;
    current = current.entries.has(key) ? current.entries.get(key) : current.open ? UNKNOWN : undefined;
  }
  return current;
}
