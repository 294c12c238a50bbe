/**
 * Which expressions may hold a fake's handle? A fake (a stub, a spy, fake timers) is a value: a
 * test keeps it in a variable, a member of an object, an element of a collection, Mocha's shared
 * `this` context, or gets it back from a helper that wraps a hook (`const vars = beforeAll2(() =>
 * ({ stub: sinon.stub(...) }))`). Where it is kept is a slot: a root (a variable, or the `this`
 * context of a describe) and a path of member keys below it. A restore called on an expression
 * that may read a slot the fake was put in restores that fake.
 *
 * Values are followed through this file only (and the result a relative-imported hook wrapper
 * exposes). An element read from a collection (`for (const s of stubs)`, `Object.values(spies)`,
 * `stubs.forEach(s => ...)`) may be any element: its key is unknown, and it may hold every fake
 * put in that collection. A callback handed a collection by any call (`_.forEach(stubs, (s) =>
 * s.restore())`) is taken to be called with its elements: the iterating function is not read, and
 * a restore there counts for every fake the collection may hold.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import path from 'node:path';
import { withoutTypeWrappers } from '../../project/syntax.js';
import { ANY_KEY, isGlobal, memberKey, originOf, staticKey, unwrap, variableOf } from '../values/binding.js';
import { enclosingFunction, indexOf, isFunction, thisBinder, type FunctionNode } from '../values/file-index.js';
import { hasSharedThisContext } from '../runner/frameworks.js';
import { exposesHookResult } from '../runner/imported-wrappers.js';
import { callSitesOf } from '../runner/placement.js';
import { roleOfCall, type Registration, type TestStructure } from '../runner/test-structure.js';
import { isWithin } from '../runner/test-order.js';

type Variable = TSESLint.Scope.Variable;

/** Mocha's `this` in the hooks and tests of a describe (null: the root suite, hooks at file level). */
interface ThisContext {
  readonly describe: Registration | null;
}

/** A place a value is kept: a root and the member keys below it (`ANY_KEY`: an element whose key is not known). */
export interface Slot {
  readonly root: Variable | ThisContext;
  readonly path: readonly string[];
}

export interface Handles {
  /** The slots the value of this expression (a helper call) is kept in. */
  storedIn(node: TSESTree.Node): readonly Slot[];
  /** The slots an expression (a restore's receiver) may read its value from. */
  readFrom(node: TSESTree.Node): readonly Slot[];
  /**
   * The values assigned in this file to a slot the expression may read (`this.original =
   * fs.readFile` for `this.original`, `saved.readFile = fs.readFile` for `saved.readFile`);
   * undefined when it reads none that assignments fill.
   */
  valuesKeptIn(node: TSESTree.Node): readonly TSESTree.Node[] | undefined;
}

/** Does a slot read hold what was stored in the other slot? Same root (or a context that inherits it) and matching keys. */
export function mayHold(read: Slot, stored: Slot): boolean {
  if (read.path.length !== stored.path.length) return false;
  for (let i = 0; i < read.path.length; i++) {
    const a = read.path[i];
    const b = stored.path[i];
    if (a !== b && a !== ANY_KEY && b !== ANY_KEY) return false;
  }
  if (read.root === stored.root) return true;
  if (!isContext(read.root) || !isContext(stored.root)) return false;
  // A nested describe's context has its parent's as prototype: it reads what a hook of an enclosing describe set.
  const from = stored.root.describe;
  const at = read.root.describe;
  return from === null || (at !== null && isWithin(at, from));
}

function isContext(root: Slot['root']): root is ThisContext {
  return 'describe' in root;
}

/** How many steps (aliases, members, helper results) one value is followed. */
const MAX_DEPTH = 6;

/** Collection methods that put their argument in the collection. */
const ADDERS: ReadonlySet<string> = new Set(['push', 'unshift', 'add', 'set']);
/** Collection methods whose callback gets each element as its first parameter. */
const ITERATORS: ReadonlySet<string> = new Set(['forEach', 'map', 'flatMap', 'filter', 'some', 'every', 'find']);
/** Collection methods whose result holds what their callback returns. */
const MAPPERS: ReadonlySet<string> = new Set(['map', 'flatMap']);
/** `Object` functions that hand back the values of an object. */
const VALUE_LISTS: ReadonlySet<string> = new Set(['values']);

const cache = new WeakMap<TSESLint.SourceCode, Handles>();

export function handlesOf(sourceCode: TSESLint.SourceCode, structure: TestStructure): Handles {
  let handles = cache.get(sourceCode);
  if (!handles) {
    handles = new HandleFinder(sourceCode, structure, structure.filename);
    cache.set(sourceCode, handles);
  }
  return handles;
}

class HandleFinder implements Handles {
  private readonly contexts = new Map<Registration | null, ThisContext>();
  private readonly sharedThis: boolean;
  /** Assignments of the file by the root of the slot they fill (`this` contexts under one key), built on first use. */
  private kept: Map<Variable | 'this', { slots: readonly Slot[]; value: TSESTree.Node }[]> | undefined;

  constructor(
    private readonly sourceCode: TSESLint.SourceCode,
    private readonly structure: TestStructure,
    private readonly filename: string,
  ) {
    this.sharedThis = hasSharedThisContext(structure.frameworks);
  }

  storedIn(node: TSESTree.Node): readonly Slot[] {
    return this.stored(node, 0, new Set());
  }

  readFrom(node: TSESTree.Node): readonly Slot[] {
    return this.read(node, 0);
  }

  valuesKeptIn(node: TSESTree.Node): readonly TSESTree.Node[] | undefined {
    const reads = this.read(node, 0);
    if (reads.length === 0) return undefined;
    const kept = this.keptByRoot();
    const values = new Set<TSESTree.Node>();
    for (const read of reads) {
      for (const entry of kept.get(isContext(read.root) ? 'this' : read.root) ?? []) {
        if (entry.slots.some((slot) => mayHold(read, slot))) values.add(entry.value);
      }
    }
    return values.size > 0 ? [...values] : undefined;
  }

  private keptByRoot(): Map<Variable | 'this', { slots: readonly Slot[]; value: TSESTree.Node }[]> {
    if (this.kept) return this.kept;
    const kept = new Map<Variable | 'this', { slots: readonly Slot[]; value: TSESTree.Node }[]>();
    for (const assignment of indexOf(this.sourceCode).assignments) {
      if (assignment.operator !== '=') continue;
      const left = unwrap(assignment.left);
      if (left.type !== T.MemberExpression && left.type !== T.Identifier) continue;
      const variable = left.type === T.Identifier ? variableOf(this.sourceCode, left) : undefined;
      const slots: Slot[] = left.type === T.Identifier ? (variable ? [{ root: variable, path: [] }] : []) : this.read(left, 0);
      for (const root of new Set(slots.map((slot) => (isContext(slot.root) ? 'this' : slot.root)))) {
        const list = kept.get(root) ?? [];
        kept.set(root, list);
        list.push({ slots, value: assignment.right });
      }
    }
    this.kept = kept;
    return kept;
  }

  private stored(node: TSESTree.Node, depth: number, seen: Set<Variable>): Slot[] {
    if (depth > MAX_DEPTH) return [];
    const value = valueExpression(node);
    const parent = value.parent;
    if (!parent) return [];
    switch (parent.type) {
      case T.VariableDeclarator:
        return parent.init === value && parent.id.type === T.Identifier ? this.inVariable(parent.id, depth, seen) : [];
      case T.AssignmentExpression: {
        if (parent.right !== value || parent.operator !== '=') return [];
        const left = unwrap(parent.left);
        if (left.type === T.Identifier) return this.inVariable(left, depth, seen);
        return left.type === T.MemberExpression ? this.read(left, depth + 1) : [];
      }
      case T.Property: {
        const object = parent.parent;
        if (parent.value !== value || object?.type !== T.ObjectExpression) return [];
        const key = parent.computed ? staticKey(this.sourceCode, parent.key) : parent.key.type === T.Identifier ? parent.key.name : String(parent.key.value);
        return below(this.stored(object, depth + 1, seen), key ?? ANY_KEY);
      }
      case T.ArrayExpression:
        return below(this.stored(parent, depth + 1, seen), ANY_KEY);
      case T.CallExpression: {
        // `stubs.push(stub)`, `fakes.set(name, stub)`: an element of the collection.
        const callee = unwrap(parent.callee);
        if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier || !ADDERS.has(callee.property.name)) return [];
        if (!parent.arguments.includes(value as TSESTree.CallExpressionArgument)) return [];
        return below(this.read(callee.object, depth + 1), ANY_KEY);
      }
      case T.ReturnStatement: {
        const fn = enclosingFunction(parent);
        return fn ? this.results(fn, depth, seen) : [];
      }
      case T.ArrowFunctionExpression:
        return parent.body === value ? this.results(parent, depth, seen) : [];
      default:
        return [];
    }
  }

  /** A variable that holds the value, and wherever the variable's value is passed on to. */
  private inVariable(id: TSESTree.Identifier, depth: number, seen: Set<Variable>): Slot[] {
    const variable = variableOf(this.sourceCode, id);
    if (!variable || seen.has(variable)) return [];
    seen.add(variable);
    const slots: Slot[] = [{ root: variable, path: [] }];
    for (const reference of variable.references) {
      if (!reference.isRead() || reference.isWrite()) continue;
      slots.push(...this.stored(reference.identifier, depth + 1, seen));
    }
    return slots;
  }

  /**
   * Where what a function returns goes: the result of a hook wrapper that exposes its callback's
   * result (`const vars = beforeAll2(() => ({ ... }))`), or of the calls of a local helper.
   */
  private results(fn: FunctionNode, depth: number, seen: Set<Variable>): Slot[] {
    const slots: Slot[] = [];
    for (const registration of this.structure.byCallback.get(fn) ?? []) {
      if (registration.role.kind === 'hook' && this.exposesResult(registration.call)) slots.push(...this.stored(registration.call, depth + 1, seen));
    }
    for (const call of callSitesOf(this.sourceCode, fn) ?? []) {
      if (call.callee.type === T.Identifier) slots.push(...this.stored(call, depth + 1, seen));
    }
    // `names.map((name) => sinon.stub(api, name))`: each result is an element of the mapped array.
    const call = fn.parent;
    const callee = call?.type === T.CallExpression && call.arguments[0] === fn ? unwrap(call.callee) : undefined;
    if (call && callee?.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && MAPPERS.has(callee.property.name)) {
      slots.push(...below(this.stored(call, depth + 1, seen), ANY_KEY));
    }
    return slots;
  }

  private exposesResult(call: TSESTree.CallExpression): boolean {
    const origin = originOf(this.sourceCode, call.callee);
    if (origin.kind !== 'module' || origin.path.length !== 1 || !path.isAbsolute(this.filename)) return false;
    return exposesHookResult(this.filename, origin.source, origin.path[0] ?? 'default');
  }

  private read(node: TSESTree.Node, depth: number): Slot[] {
    if (depth > MAX_DEPTH) return [];
    const expr = withoutTypeWrappers(unwrap(node));
    if (expr.type === T.Identifier) return this.readVariable(expr, depth);
    if (expr.type !== T.MemberExpression) return [];
    const key = memberKey(this.sourceCode, expr);
    const object = unwrap(expr.object);
    if (object.type === T.ThisExpression) {
      const context = this.contextOf(object);
      return context ? [{ root: context, path: [key] }] : [];
    }
    return below(this.read(object, depth + 1), key);
  }

  /** A variable, and what it was set from: a `const` alias, a destructured member, a loop's or callback's element. */
  private readVariable(id: TSESTree.Identifier, depth: number): Slot[] {
    const variable = variableOf(this.sourceCode, id);
    if (!variable) return [];
    const slots: Slot[] = [{ root: variable, path: [] }];
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || !def) return slots;
    if (def.type === 'Variable') {
      const declaration = def.parent;
      const loop = declaration.parent;
      if ((loop?.type === T.ForOfStatement || loop?.type === T.ForInStatement) && loop.left === declaration) {
        if (loop.type === T.ForOfStatement && def.node.id === def.name) slots.push(...this.elementsOf(loop.right, depth + 1));
        return slots;
      }
      const init = def.node.init;
      if (!init) return slots;
      if (def.node.id === def.name && declaration.kind === 'const') slots.push(...this.read(init, depth + 1));
      const key = def.node.id.type === T.ObjectPattern ? destructuredKey(this.sourceCode, def.node.id, def.name) : undefined;
      if (key !== undefined) slots.push(...below(this.read(init, depth + 1), key));
      return slots;
    }
    if (def.type === 'Parameter') {
      const fn = def.node;
      const call = fn.parent;
      if (!isFunction(fn) || fn.params[0] !== def.name || call?.type !== T.CallExpression || !call.arguments.some((argument) => argument === fn)) return slots;
      // `stubs.forEach((stub) => stub.restore())`: each element in turn.
      const callee = unwrap(call.callee);
      if (call.arguments[0] === fn && callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && ITERATORS.has(callee.property.name)) {
        slots.push(...this.elementsOf(callee.object, depth + 1));
      }
      // `_.forEach(stubs, (stub) => stub.restore())`, `each(stubs, fn)`, `forEach(fn, stubs)`: a callback
      // handed a collection beside it may be called with each of its elements. Which function iterates
      // is not known, so it counts where the collection may hold the handle (see the file comment).
      for (const other of call.arguments) {
        if (other !== fn && other.type !== T.SpreadElement && other.type !== T.Literal && !isFunction(other)) slots.push(...this.elementsOf(other, depth + 1));
      }
    }
    return slots;
  }

  /** The slots the elements of a collection may be read from: `stubs`, `Object.values(spies)`, `[a, b]`. */
  private elementsOf(node: TSESTree.Node, depth: number): Slot[] {
    const expr = withoutTypeWrappers(unwrap(node));
    if (expr.type === T.ArrayExpression) return expr.elements.flatMap((element) => (element && element.type !== T.SpreadElement ? this.read(element, depth + 1) : []));
    if (expr.type === T.CallExpression && isObjectValues(this.sourceCode, expr) && expr.arguments[0] && expr.arguments[0].type !== T.SpreadElement) {
      return below(this.read(expr.arguments[0], depth + 1), ANY_KEY);
    }
    return below(this.read(expr, depth + 1), ANY_KEY);
  }

  /** Mocha's (and QUnit's) context for `this` in a hook or test registered through the framework (a wrapper may call its callback without it). */
  private contextOf(node: TSESTree.ThisExpression): ThisContext | undefined {
    if (!this.sharedThis) return undefined;
    const binder = thisBinder(node);
    const registration = binder && this.structure.byCallback.get(binder)?.find((r) => r.role.kind === 'hook' || r.role.kind === 'test');
    if (!registration || !this.registeredDirectly(registration)) return undefined;
    const describe = registration.parent ?? null;
    let context = this.contexts.get(describe);
    if (!context) {
      context = { describe };
      this.contexts.set(describe, context);
    }
    return context;
  }

  private registeredDirectly(registration: Registration): boolean {
    if (registration.onHooksObject) return true;
    const callee = unwrap(registration.call.callee);
    if (callee.type === T.MemberExpression && callee.object.type === T.ThisExpression) return true;
    return roleOfCall(this.sourceCode, registration.call) !== undefined;
  }
}

/** The expression a value ends up as: through casts, `await`, chained configuration (`sinon.stub(o, 'm').resolves(1)`) and conditionals. */
function valueExpression(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (let i = 0; i < MAX_DEPTH * 4; i++) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (!parent) break;
    if (
      parent.type === T.TSAsExpression ||
      parent.type === T.TSNonNullExpression ||
      parent.type === T.TSSatisfiesExpression ||
      parent.type === T.ChainExpression ||
      parent.type === T.AwaitExpression ||
      (parent.type === T.ConditionalExpression && parent.test !== current) ||
      (parent.type === T.LogicalExpression && parent.right === current)
    ) {
      current = parent;
      continue;
    }
    if (parent.type === T.MemberExpression && parent.object === current && parent.parent?.type === T.CallExpression && parent.parent.callee === parent) {
      current = parent.parent;
      continue;
    }
    break;
  }
  return current;
}

function below(slots: readonly Slot[], key: string): Slot[] {
  return slots.map((slot) => ({ root: slot.root, path: [...slot.path, key] }));
}

/** `const { stub } = vars` or `const { stub: s } = vars`: the key `name` is read from. */
export function destructuredKey(sourceCode: TSESLint.SourceCode, pattern: TSESTree.ObjectPattern, name: TSESTree.Identifier): string | undefined {
  for (const property of pattern.properties) {
    if (property.type !== T.Property) continue;
    const value = property.value.type === T.AssignmentPattern ? property.value.left : property.value;
    if (value !== name) continue;
    if (!property.computed) return property.key.type === T.Identifier ? property.key.name : String(property.key.value);
    return staticKey(sourceCode, property.key) ?? ANY_KEY;
  }
  return undefined;
}

/** `Object.values(o)` with the global `Object`. */
function isObjectValues(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  return (
    callee.type === T.MemberExpression &&
    !callee.computed &&
    callee.object.type === T.Identifier &&
    callee.object.name === 'Object' &&
    isGlobal(sourceCode, callee.object) &&
    callee.property.type === T.Identifier &&
    VALUE_LISTS.has(callee.property.name)
  );
}
