/**
 * Is an object shared by the tests of one block, and does a later test of that block use it? A
 * value made once for a block (at the file's top level or in a describe body, in a `before`/
 * `beforeAll` hook of that block, or a member of what a hook wrapper that exposes its callback's
 * result hands back: `const vars = beforeAll2(() => ({ TestModel }))`) is one object for every test
 * of the block, so a fake left on one of its members by a test is still there when the block's
 * later tests run. A value made in a `beforeEach` is each test's own; nothing outside the block
 * (another file) can reach it.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { ANY_KEY, memberKey, originOf, unwrap, variableOf, writesOf } from '../values/binding.js';
import { destructuredKey } from '../restore/handles.js';
import { contains, indexOf, thisBinder } from '../values/file-index.js';
import { hasSharedThisContext } from '../runner/frameworks.js';
import { placementOf } from '../runner/placement.js';
import { walk } from '../../project/syntax.js';
import type { Registration, TestStructure } from '../runner/test-structure.js';
import { isWithin, runsSeveralTests, testsRunAfterWhere } from '../runner/test-order.js';

type Variable = TSESLint.Scope.Variable;

export interface BlockValue {
  /** The describe whose tests share the value; undefined: every test of the file. */
  readonly block: Registration | undefined;
  /** Where the tests read it from: a variable, or a member of Mocha's `this`, shared by a describe's hooks and tests. */
  readonly holder: { readonly variable: Variable } | { readonly context: string };
}

/** How many aliases (`const { TestModel } = vars`) are followed back to the value's maker. */
const MAX_ALIASES = 8;

/**
 * The value made once per block that `node` (an object whose member is faked) is, or is part of,
 * with the keys read from it (`knex.client`: `['client']`; `TestModel` from `const { TestModel } = vars`: `['TestModel']`).
 */
export function blockValueOf(sourceCode: TSESLint.SourceCode, structure: TestStructure, node: TSESTree.Node, depth = 0): (BlockValue & { readonly path: readonly string[] }) | undefined {
  if (depth > MAX_ALIASES) return undefined;
  const keys: string[] = [];
  let expr = unwrap(node);
  while (expr.type === T.MemberExpression) {
    const object = unwrap(expr.object);
    if (object.type === T.ThisExpression) {
      if (expr.computed || expr.property.type !== T.Identifier) return undefined;
      const value = contextValue(sourceCode, structure, expr.property.name);
      return value && { ...value, path: keys };
    }
    keys.unshift(memberKey(sourceCode, expr));
    expr = object;
  }
  if (expr.type !== T.Identifier) return undefined;
  const variable = variableOf(sourceCode, expr);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
  const declared = placementOf(structure, sourceCode, def.name);
  if (declared.kind === 'registration' && declared.registration.role.kind !== 'describe') {
    // Declared in a test or hook: an alias read from a block's value (`const { TestModel } = vars`), or the run's own object.
    const init = def.node.init;
    const loop = def.parent.parent;
    const inLoop = (loop.type === T.ForOfStatement || loop.type === T.ForInStatement) && loop.left === def.parent;
    if (!init || inLoop || def.parent.kind !== 'const' || !isRead(init)) return undefined;
    const key = def.node.id.type === T.ObjectPattern ? destructuredKey(sourceCode, def.node.id, def.name) : def.node.id === def.name ? undefined : ANY_KEY;
    const value = blockValueOf(sourceCode, structure, init, depth + 1);
    return value && { ...value, path: [...value.path, ...(key === undefined ? [] : [key]), ...keys] };
  }
  if (declared.kind !== 'file' && declared.kind !== 'registration') return undefined;
  const block = declared.kind === 'registration' ? declared.registration : undefined;
  const writes = writesOf(variable);
  const made = writes.length > 0 && writes.every((write) => write.writeExpr && madeOnceFor(sourceCode, structure, write.identifier, write.writeExpr, block));
  return made ? { block, holder: { variable }, path: keys } : undefined;
}

/** A member named by the object it is read from and its key (`ANY_KEY` when computed). */
export interface MemberRead {
  readonly object: TSESTree.Node;
  readonly key: string;
}

/** The member a member expression reads. */
export function memberRead(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): MemberRead | undefined {
  const expr = unwrap(node);
  return expr.type === T.MemberExpression ? { object: expr.object, key: memberKey(sourceCode, expr) } : undefined;
}

/** Are two members the same member of one block value (`knex.client.x` faked, `knex.client.x.restore()` undoing it)? */
export function sameBlockMember(sourceCode: TSESLint.SourceCode, structure: TestStructure, a: MemberRead, b: MemberRead): boolean {
  if (a.key === ANY_KEY || a.key !== b.key) return false;
  const one = blockValueOf(sourceCode, structure, a.object);
  const other = one && blockValueOf(sourceCode, structure, b.object);
  if (!one || !other || one.block !== other.block) return false;
  const sameHolder = 'variable' in one.holder ? 'variable' in other.holder && one.holder.variable === other.holder.variable : 'context' in other.holder && one.holder.context === other.holder.context;
  return sameHolder && one.path.length === other.path.length && one.path.every((key, i) => key !== ANY_KEY && key === other.path[i]);
}

/** A read of a value that exists already: a name or a member chain (`vars`, `ctx.db`), not a call or a literal. */
function isRead(node: TSESTree.Node): boolean {
  let expr = unwrap(node);
  while (expr.type === T.MemberExpression) expr = unwrap(expr.object);
  return expr.type === T.Identifier || expr.type === T.ThisExpression;
}

/**
 * Does this write give the variable a value made once for the block: written where the block is
 * set up (its describe body, the file's top level, or one of its `beforeAll` hooks), a value the
 * file makes (not a module's or a global's, judged as such elsewhere), and not the result of a
 * hook wrapper that fills it anew before each test (`beforeEach2`)?
 */
function madeOnceFor(sourceCode: TSESLint.SourceCode, structure: TestStructure, at: TSESTree.Node, value: TSESTree.Node, block: Registration | undefined): boolean {
  const placement = placementOf(structure, sourceCode, at);
  const where = placement.kind === 'registration' ? placement.registration : undefined;
  if (placement.kind !== 'file' && placement.kind !== 'registration') return false;
  if (where !== block && !(where?.role.kind === 'hook' && where.role.hook === 'beforeAll' && where.parent === block)) return false;
  const expr = unwrap(value);
  const wrapper = expr.type === T.CallExpression ? structure.registrations.find((r) => r.call === expr) : undefined;
  if (wrapper) return wrapper.role.kind === 'hook' && wrapper.role.hook === 'beforeAll';
  const origin = originOf(sourceCode, expr);
  return origin.kind === 'local' || origin.kind === 'unknown';
}

/** `this.name` under Mocha, when every `this.name = ...` of the file is in `before` hooks of one describe. */
function contextValue(sourceCode: TSESLint.SourceCode, structure: TestStructure, name: string): BlockValue | undefined {
  if (!hasSharedThisContext(structure.frameworks)) return undefined;
  let block: Registration | undefined | null = null;
  for (const assignment of indexOf(sourceCode).assignments) {
    const left = unwrap(assignment.left);
    if (left.type !== T.MemberExpression || unwrap(left.object).type !== T.ThisExpression || left.computed || left.property.type !== T.Identifier || left.property.name !== name) continue;
    const placement = placementOf(structure, sourceCode, assignment);
    const hook = placement.kind === 'registration' ? placement.registration : undefined;
    if (hook?.role.kind !== 'hook' || hook.role.hook !== 'beforeAll' || (block !== null && hook.parent !== block)) return undefined;
    if (!madeOnceFor(sourceCode, structure, assignment, assignment.right, hook.parent)) return undefined;
    block = hook.parent;
  }
  return block === null ? undefined : { block, holder: { context: name } };
}

/**
 * Does a test of the value's block run after the test or hook where `node` fakes a member of the
 * value, and use the value? A fake in a helper function is not judged here. A fake made in a
 * `beforeEach`/`afterEach` carries over to the next test of the hook's block when two of them use
 * the value (a spy made again over the last one, or Sinon's "already wrapped"); a write there is
 * written again before each test (`eachHookCarriesOver` false) and reaches only the tests after the block. A fake made while the block is set up (its describe body, its own
 * `beforeAll`) is the block's baseline, not a leak; one made in a `beforeEach` or `afterEach`
 * reaches the block's next test when two tests under that hook use the value.
 */
export function laterTestUses(sourceCode: TSESLint.SourceCode, structure: TestStructure, value: BlockValue, node: TSESTree.Node, eachHookCarriesOver = true): boolean {
  const placement = placementOf(structure, sourceCode, node);
  if (placement.kind !== 'registration') return false;
  const site = placement.registration;
  if (site.role.kind === 'describe' || site.role.kind === 'cleanup' || !isWithin(site, value.block)) return false;
  const uses = (test: Registration): boolean => isWithin(test, value.block) && usesValue(sourceCode, test, value);
  if (eachHookCarriesOver && site.role.kind === 'hook' && (site.role.hook === 'beforeEach' || site.role.hook === 'afterEach')) {
    return runsSeveralTests(structure, site.parent) && structure.registrations.filter((r) => r.role.kind === 'test' && isWithin(r, site.parent) && uses(r)).length > 1;
  }
  return testsRunAfterWhere(structure, site, uses);
}

/** Does the test's own function read the value? */
function usesValue(sourceCode: TSESLint.SourceCode, test: Registration, value: BlockValue): boolean {
  const callback = test.callback;
  if (!callback) return false;
  const holder = value.holder;
  if ('variable' in holder) return holder.variable.references.some((reference) => contains(callback, reference.identifier));
  let found = false;
  walk(callback, (node) => {
    if (found || node.type !== T.MemberExpression || node.computed || node.property.type !== T.Identifier || node.property.name !== holder.context) return;
    found = unwrap(node.object).type === T.ThisExpression && thisBinder(node) === callback;
  });
  return found;
}
