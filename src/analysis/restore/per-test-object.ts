/**
 * Does a write land in an object that is thrown away before the next test? A `beforeEach` that
 * replaces a whole container with a fresh object (`process.env = {}`, `process.env = { ...saved }`,
 * `Object.defineProperty(process, 'env', { value: {} })`) gives every test an object of its own:
 * what a test (or a `beforeEach` that runs after the replacement) writes into a member of that
 * container goes into that test's object, and the next test's `beforeEach` drops it. The member
 * write is then no leak of its own; the replacement is judged by itself (put back in an after hook,
 * or reported).
 *
 * Not so when the replacement runs in `beforeAll` (one object shared by every test of the block),
 * when it does not run before every test that the write reaches (a `beforeEach` of a sibling block,
 * one registered after the writing hook, one behind an `if`), or when it installs the same object
 * each time (`process.env = saved`: the writes go into `saved` and stay there).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isPrefixOrigin, originOf, sameOrigin, unwrap, variableOf, type SharedOrigin } from '../values/binding.js';
import { enclosingFunction, isFunction } from '../values/file-index.js';
import type { Write } from '../writes/patch-write.js';
import type { Placement } from '../runner/placement.js';
import type { Registration } from '../runner/test-structure.js';
import { isWithin } from '../runner/test-order.js';

/**
 * Is `target` a member (at any depth) of an object that a `beforeEach` covering `registration`
 * replaces with a fresh object before `site` runs, on every run? `writes` are the file's writes.
 */
export function inPerTestObject(
  sourceCode: TSESLint.SourceCode,
  writes: readonly Write[],
  target: SharedOrigin,
  site: TSESTree.Node,
  registration: Registration,
  placeOf: (node: TSESTree.Node) => Placement,
): boolean {
  if (registration.role.kind !== 'test' && !(registration.role.kind === 'hook' && registration.role.hook === 'beforeEach')) return false;
  return replacementsOf(sourceCode, writes, placeOf).some(
    ({ write, replaced, hook }) => !sameOrigin(replaced, target) && isPrefixOrigin(replaced, target) && runsBefore(hook, write.node, registration, site),
  );
}

interface Replacement {
  readonly write: Write;
  readonly replaced: SharedOrigin;
  readonly hook: Registration;
}

/** The file's writes found once per file: each asked-about write would otherwise scan them all again. */
const replacementsByWrites = new WeakMap<readonly Write[], readonly Replacement[]>();

/** The writes that install a fresh object, on every run, from a `beforeEach` registered unconditionally. */
function replacementsOf(sourceCode: TSESLint.SourceCode, writes: readonly Write[], placeOf: (node: TSESTree.Node) => Placement): readonly Replacement[] {
  const cached = replacementsByWrites.get(writes);
  if (cached) return cached;
  const found: Replacement[] = [];
  for (const write of writes) {
    const replaced = write.target;
    if (!replaced || write.wholeObject) continue;
    const value = installedValue(write);
    if (!value || !freshEachRun(sourceCode, value, write.node)) continue;
    const place = placeOf(write.node);
    if (place.kind !== 'registration' || place.registration.role.kind !== 'hook' || place.registration.role.hook !== 'beforeEach') continue;
    const hook = place.registration;
    if (!alwaysRuns(write.node, hook) || !registeredUnconditionally(hook)) continue;
    found.push({ write, replaced, hook });
  }
  replacementsByWrites.set(writes, found);
  return found;
}

/** The object a write installs: the assigned value, or the `value` of a descriptor written as a literal. */
export function installedValue(write: Write): TSESTree.Node | undefined {
  if (!write.value) return undefined;
  if (write.form === 'assign') return write.value;
  if (write.form !== 'define') return undefined;
  const descriptor = unwrap(write.value);
  if (descriptor.type !== T.ObjectExpression) return undefined;
  for (const property of descriptor.properties) {
    if (property.type === T.SpreadElement) return undefined;
    if (!property.computed && property.key.type === T.Identifier && property.key.name === 'value') return property.value;
  }
  return undefined;
}

/**
 * Does evaluating `value` make a new object every time (`{}`, `{ ...saved }`, `[]`, `new Map()`,
 * `structuredClone(saved)`, a `const` of the same function holding one)? A name bound outside the
 * function (`saved`) is one object, installed again and again.
 */
export function freshEachRun(sourceCode: TSESLint.SourceCode, value: TSESTree.Node, at: TSESTree.Node): boolean {
  const expr = unwrap(value);
  switch (expr.type) {
    case T.ObjectExpression:
    case T.ArrayExpression:
    case T.NewExpression:
      return true;
    case T.CallExpression: {
      const origin = originOf(sourceCode, expr);
      return origin.kind === 'copy' || origin.kind === 'local';
    }
    case T.Identifier: {
      const variable = variableOf(sourceCode, expr);
      const def = variable?.defs[0];
      if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.parent.kind !== 'const' || !def.node.init) return false;
      const declaredIn = enclosingFunction(def.node);
      return declaredIn !== undefined && declaredIn === enclosingFunction(at) && def.node.range[1] <= at.range[0] && freshEachRun(sourceCode, def.node.init, at);
    }
    default:
      return false;
  }
}

/** Does `node` run on every run of the hook's callback: written in its body, behind no condition, loop or `try`? */
function alwaysRuns(node: TSESTree.Node, hook: Registration): boolean {
  const callback = hook.callback;
  if (!callback) return false;
  for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
    if (current === callback) return true;
    if (isFunction(current)) return false;
    switch (current.type) {
      case T.ExpressionStatement:
      case T.BlockStatement:
      case T.AwaitExpression:
      case T.SequenceExpression:
      case T.VariableDeclaration:
      case T.VariableDeclarator:
      case T.TSAsExpression:
      case T.TSNonNullExpression:
        continue;
      default:
        return false;
    }
  }
  return false;
}

/** Is the hook registered on every run of its block: its call a statement of the describe body (or the file)? */
function registeredUnconditionally(hook: Registration): boolean {
  const statement = hook.call.parent;
  if (statement?.type !== T.ExpressionStatement) return false;
  const body = statement.parent;
  if (body.type === T.Program) return hook.parent === undefined;
  return body.type === T.BlockStatement && hook.parent?.callback !== undefined && body.parent === hook.parent.callback;
}

/**
 * Does the hook run, with the replacement, before `site` on every test the write is made in? A test
 * of the hook's block (at any depth); a `beforeEach` of a nested block, or registered after the hook
 * in the same block; the same hook when the replacement comes first.
 */
function runsBefore(hook: Registration, replacement: TSESTree.Node, registration: Registration, site: TSESTree.Node): boolean {
  if (registration === hook) return replacement.range[1] <= site.range[0] && enclosingFunction(replacement) === enclosingFunction(site);
  if (!isWithin(registration, hook.parent)) return false;
  if (registration.role.kind === 'test') return true;
  // Another beforeEach: one of a nested block runs after the outer ones; in the same block, in registration order.
  if (registration.parent !== hook.parent) return true;
  return hook.call.range[1] <= registration.call.range[0];
}
