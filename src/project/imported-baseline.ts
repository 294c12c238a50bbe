/**
 * Which global values do a file's own helper modules set for the whole process when they load?
 * A helper that a test file imports from a relative path may set a baseline at its top level
 * (astro's test-utils: `process.env.ASTRO_NODE_AUTOSTART = 'disabled'`). A test that writes the
 * same literal again changes nothing: the value was already there before any test ran.
 *
 * Only unconditional statements at the helper's top level count, writing a literal (a string, a
 * number, a boolean, `null`) to a member chain on a global object (`process.env.X`, `globalThis.x`),
 * the chain's root resolved through the helper's own scopes. The helper is parsed statically, once
 * per process and again when it changes, and only when its text names the member written; imports
 * are followed one level deep.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import { GLOBAL_OBJECT_NAMES } from '../analysis/runner/frameworks.js';
import { cachedPerFile } from './freshness.js';
import { resolveRelativeModule } from './module-file.js';
import { parseWithScope } from './parse.js';
import { readOrUnknown } from './read-failures.js';
import { withoutTypeWrappers } from './syntax.js';

/** A literal value, and the global member chain it is written to: `process.env.X`. */
type Baselines = ReadonlyMap<string, TSESTree.Literal['value']>;

/** Unknown (a module laid out as no one foresaw): it sets nothing. */
const baselines = cachedPerFile((file) => readOrUnknown('an imported module', file, () => baselinesIn(file), new Map<string, TSESTree.Literal['value']>()));

/**
 * Does a module imported from `fromFile` by one of `sources` set the global member `chain`
 * (`['process', 'env', 'X']`) to `value` while it loads?
 */
export function importSetsBaseline(fromFile: string, sources: readonly string[], chain: readonly string[], value: TSESTree.Literal['value']): boolean {
  const key = chain.join('.');
  return sources.some((source) => {
    const file = resolveRelativeModule(fromFile, source);
    if (!file || file.endsWith('.json')) return false;
    const set = baselines.get(file);
    return set.has(key) && set.get(key) === value;
  });
}

/**
 * Can `text` hold a baseline: an unindented statement (a top-level one) writing a literal to a
 * member chain? Most imports are the code under test, and almost every CommonJS module has such a
 * write of another value (`module.exports = ...`, `exports.f = f`): only the modules this finds
 * are parsed. A literal as the baseline reads it: a string, a number, a boolean, `null`, maybe in
 * parentheses (a template or `-1` is no literal there).
 */
export function mayWriteLiteralAtTopLevel(text: string): boolean {
  return /^[A-Za-z_$][\w$]*(?:\.[\w$]+|\[['"][^'"\n]+['"]\])+[ \t]*=\s*\(*\s*(?:['"\d.]|(?:true|false|null)(?![\w$]))/m.test(text);
}

function baselinesIn(file: string): Baselines {
  const found = new Map<string, TSESTree.Literal['value']>();
  let parsed: ReturnType<typeof parseWithScope>;
  try {
    const text = readFileSync(file, 'utf8');
    if (!mayWriteLiteralAtTopLevel(text)) return found;
    parsed = parseWithScope(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: true, loc: false, jsx: /\.[jt]sx$/.test(file) });
  } catch {
    return found;
  }
  const unresolved = new Set<TSESTree.Node>();
  for (const reference of parsed.scopeManager?.globalScope?.through ?? []) unresolved.add(reference.identifier);
  for (const statement of parsed.ast.body) {
    if (statement.type !== T.ExpressionStatement || statement.expression.type !== T.AssignmentExpression || statement.expression.operator !== '=') continue;
    const value = withoutTypeWrappers(statement.expression.right);
    if (value.type !== T.Literal || value.value instanceof RegExp || typeof value.value === 'bigint') continue;
    const chain = chainOf(statement.expression.left, unresolved);
    // `globalThis.x` is the global `x`, as the rules name it.
    const named = chain && chain.length > 1 && GLOBAL_OBJECT_NAMES.has(chain[0] ?? '') ? chain.slice(1) : chain;
    if (named) found.set(named.join('.'), value.value);
  }
  return found;
}

/** `process.env.X` (also `process.env['X']`) as its names, when its root is a global of the module. */
function chainOf(node: TSESTree.Node, globals: ReadonlySet<TSESTree.Node>): string[] | undefined {
  const expression = withoutTypeWrappers(node);
  if (expression.type === T.Identifier) return globals.has(expression) ? [expression.name] : undefined;
  if (expression.type !== T.MemberExpression) return undefined;
  const key = !expression.computed && expression.property.type === T.Identifier ? expression.property.name : expression.property.type === T.Literal && typeof expression.property.value === 'string' ? expression.property.value : undefined;
  const object = key === undefined ? undefined : chainOf(expression.object, globals);
  return object && key !== undefined ? [...object, key] : undefined;
}
