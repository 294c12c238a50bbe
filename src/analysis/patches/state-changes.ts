/**
 * Which calls of a file change shared state through an API (`process.chdir(dir)`,
 * `process.on('exit', fn)`, `mongoose.set('debug', true)`: the catalogue in state-apis.ts), and is
 * each undone before the next test? A setter call is a change; a call that undoes it (the same
 * listener removed, the key set again, the saved value put back) is a restore, counted only in a
 * guaranteed place by the shared restore model (restore.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { matchesAny, originOf, staticKey, unwrap, variableOf, type Origin } from '../values/binding.js';
import { callHasNoSharedEffect } from '../visibility/effect.js';
import { indexOf, isFunction } from '../values/file-index.js';
import type { Write } from '../writes/patch-write.js';
import { judgeWith, type Restore, type Verdict } from '../restore/restore.js';
import { STATE_APIS, type StateApiSpec, type StateUndoSpec } from '../writes/state-apis.js';
import type { TestStructure } from '../runner/test-structure.js';

export interface StateChange {
  readonly call: TSESTree.CallExpression;
  readonly spec: StateApiSpec;
  /** How messages name it: the call as written, with its key (`process.on('exit')`). */
  readonly name: string;
  /** The catalogue's fix, filled in with the callee's object and the key as written. */
  readonly remedy: string;
  /** The call as a change for the restore model: no member is written. */
  readonly change: Write;
  readonly verdict: Verdict;
  /** What it installs is used up by the code under test and nothing keeps it (state-apis.ts `usedUp`): hygiene, reported with `strict`. */
  readonly usedUp: boolean;
}

/** The last name of every setter, undo and getter in the catalogue: calls named otherwise are skipped before resolving. */
const NAMES: ReadonlySet<string> = new Set(
  STATE_APIS.flatMap((spec) => [...spec.callee, ...spec.undo.flatMap((undo) => undo.callee), ...(spec.saved?.getter ?? [])]).map((pattern) => pattern.path.at(-1) ?? ''),
);

/** The methods whose call on what a setter returned makes the change (`reply` of nock's interceptor). */
const MADE_BY: ReadonlySet<string> = new Set(STATE_APIS.flatMap((spec) => spec.madeBy ?? []));

const cache = new WeakMap<TSESLint.SourceCode, readonly StateChange[]>();

export function stateChangesOf(sourceCode: TSESLint.SourceCode, structure: TestStructure): readonly StateChange[] {
  let found = cache.get(sourceCode);
  if (!found) {
    found = collect(sourceCode, structure);
    cache.set(sourceCode, found);
  }
  return found;
}

interface UndoCall {
  readonly call: TSESTree.CallExpression;
  /** The catalogue entries this call may undo, with the undo's argument pairing. */
  readonly undoes: readonly { readonly spec: StateApiSpec; readonly undo: StateUndoSpec }[];
  readonly as: Restore;
}

function collect(sourceCode: TSESLint.SourceCode, structure: TestStructure): StateChange[] {
  const setters: Setter[] = [];
  const undos: UndoCall[] = [];
  for (const call of indexOf(sourceCode).calls) {
    const name = calleeName(call.callee);
    if (name === undefined) continue;
    if (MADE_BY.has(name)) {
      const made = madeThrough(sourceCode, call, name);
      if (made && !callHasNoSharedEffect(sourceCode, call)) setters.push(made);
      continue;
    }
    if (!NAMES.has(name)) continue;
    const origin = originOf(sourceCode, call.callee);
    const count = call.arguments.length;
    const undoes = STATE_APIS.flatMap((spec) =>
      spec.undo.filter((undo) => count >= (undo.minArgs ?? 0) && count <= (undo.maxArgs ?? Infinity) && matchesAny(origin, undo.callee)).map((undo) => ({ spec, undo })),
    );
    if (undoes.length > 0) undos.push({ call, undoes, as: { write: asChange(sourceCode, call), reach: 'exact' } });
    const spec = STATE_APIS.find((s) => count >= s.minArgs && matchesAny(origin, s.callee));
    // A setter that puts a saved value back (`process.chdir(savedCwd)`) is a restore, never a change.
    if (spec && !spec.madeBy && !putsSavedBack(sourceCode, call, spec) && !callHasNoSharedEffect(sourceCode, call)) setters.push({ call, spec, root: call, usedUp: false });
  }
  if (setters.length === 0) return [];
  const changes = new Map(setters.map((setter) => [setter, asChange(sourceCode, setter.call, setter.spec)]));
  const bySetter = new Map([...changes].map(([setter, change]) => [change, setter]));
  const verdictOf = judgeWith(sourceCode, structure, undos.map((undo) => undo.as), (change) => {
    const setter = bySetter.get(change);
    if (!setter) return [];
    return undos.filter((undo) => undo.call !== setter.call && undo.undoes.some(({ spec, undo: how }) => spec === setter.spec && paired(sourceCode, how, undo.call, setter.call))).map((undo) => undo.as);
  });
  return setters.map((setter) => {
    const change = changes.get(setter) as Write;
    const { name, remedy } = wording(sourceCode, setter);
    return { call: setter.call, spec: setter.spec, name, remedy, change, verdict: verdictOf(change), usedUp: setter.usedUp };
  });
}

interface Setter {
  /** The call that makes the change (for nock, the `reply` call). */
  readonly call: TSESTree.CallExpression;
  readonly spec: StateApiSpec;
  /** The catalogue's setter call: `call` itself, or the `nock(host)` its chain starts from. */
  readonly root: TSESTree.CallExpression;
  readonly usedUp: boolean;
}

/**
 * `nock(host).get(path).reply(200)`, or `scope.get(path).reply(200)` with `const scope = nock(host)`:
 * the change a `madeBy` method makes, when its chain starts at a catalogue setter. A call further
 * down the same chain (`.reply(200).get(b).reply(404)`) is the same statement: only the outermost
 * is the change.
 */
function madeThrough(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, method: string): Setter | undefined {
  if (chainedInto(call)) return undefined;
  const methods = new Set<string>();
  const seen = new Set<TSESTree.Node>();
  let current: TSESTree.Node = call;
  for (;;) {
    const expr = unwrap(current);
    if (seen.has(expr)) return undefined;
    seen.add(expr);
    if (expr.type === T.Identifier) {
      const defs = variableOf(sourceCode, expr)?.defs;
      const only = defs?.length === 1 ? defs[0] : undefined;
      if (only?.type !== 'Variable' || only.parent.kind !== 'const' || !only.node.init) return undefined;
      current = only.node.init;
      continue;
    }
    if (expr.type !== T.CallExpression) return undefined;
    const callee = unwrap(expr.callee);
    const name = calleeName(callee);
    if (callee.type === T.MemberExpression && name !== undefined && !matchesAny(originOf(sourceCode, callee), STATE_APIS.flatMap((spec) => spec.callee))) {
      methods.add(name);
      current = callee.object;
      continue;
    }
    const count = expr.arguments.length;
    const spec = STATE_APIS.find((s) => s.madeBy?.includes(method) && count >= s.minArgs && matchesAny(originOf(sourceCode, callee), s.callee));
    if (!spec) return undefined;
    const lasting = spec.usedUp?.lasting.some((name) => methods.has(name)) ?? true;
    return { call, spec, root: expr, usedUp: !lasting };
  }
}

/** Is the call the object of a longer chain that calls a `madeBy` method again (`.reply(200).get(b).reply(404)`)? */
function chainedInto(call: TSESTree.CallExpression): boolean {
  let node: TSESTree.Node = call;
  while (node.parent?.type === T.MemberExpression && node.parent.object === node && node.parent.parent.type === T.CallExpression && node.parent.parent.callee === node.parent) {
    node = node.parent.parent;
    const name = calleeName((node as TSESTree.CallExpression).callee);
    if (name !== undefined && MADE_BY.has(name)) return true;
  }
  return false;
}

/** The call as a change; `value` is the function it installs, whose own undo (a listener that removes itself) counts. */
function asChange(sourceCode: TSESLint.SourceCode, node: TSESTree.CallExpression, spec?: StateApiSpec): Write {
  const installed = spec?.valueArg === undefined ? undefined : node.arguments[spec.valueArg];
  const value = installed && installed.type !== T.SpreadElement ? functionOf(sourceCode, installed) : undefined;
  return { node, form: 'assign', object: node, key: '', value, wholeObject: false, keyText: undefined, keyNode: undefined, target: undefined };
}

/** The function an argument is: written in place, or a `const` (or function declaration) holding it. */
function functionOf(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): TSESTree.Node {
  const expr = unwrap(node);
  if (expr.type !== T.Identifier) return node;
  const def = variableOf(sourceCode, expr)?.defs;
  if (def?.length !== 1 || !def[0]) return node;
  const only = def[0];
  if (only.type === 'FunctionName') return only.node;
  if (only.type === 'Variable' && only.parent.kind === 'const' && only.node.init && isFunction(unwrap(only.node.init))) return unwrap(only.node.init);
  return node;
}

/** `process.chdir` → `chdir`; `setGlobalDispatcher` → itself. */
function calleeName(callee: TSESTree.Node): string | undefined {
  const expr = unwrap(callee);
  if (expr.type === T.Identifier) return expr.name;
  if (expr.type === T.MemberExpression && !expr.computed && expr.property.type === T.Identifier) return expr.property.name;
  return undefined;
}

/** Do the undo's arguments name the same event, listener or key as the setter's, where the catalogue pairs them? */
function paired(sourceCode: TSESLint.SourceCode, undo: StateUndoSpec, undoCall: TSESTree.CallExpression, setter: TSESTree.CallExpression): boolean {
  return (undo.same ?? []).every(([u, s]) => {
    const a = undoCall.arguments[u];
    const b = setter.arguments[s];
    return a !== undefined && b !== undefined && a.type !== T.SpreadElement && b.type !== T.SpreadElement && sameArgument(sourceCode, a, b);
  });
}

/**
 * The same value: equal static keys (`'exit'`, a `const` holding it), the same variable (a listener
 * bound once), the same global, or the same member read (`this.onExit`).
 */
function sameArgument(sourceCode: TSESLint.SourceCode, a: TSESTree.Node, b: TSESTree.Node): boolean {
  const keyA = staticKey(sourceCode, a);
  const keyB = staticKey(sourceCode, b);
  if (keyA !== undefined || keyB !== undefined) return keyA === keyB;
  const x = unwrap(a);
  const y = unwrap(b);
  if (x.type === T.Identifier && y.type === T.Identifier) {
    const vx = variableOf(sourceCode, x);
    const vy = variableOf(sourceCode, y);
    return vx === undefined && vy === undefined ? x.name === y.name : vx === vy;
  }
  if (x.type === T.MemberExpression && y.type === T.MemberExpression) return sourceCode.getText(x) === sourceCode.getText(y) && sameRoot(sourceCode, x, y);
  return false;
}

/** Two member reads start from the same thing: `this`, or the same variable. */
function sameRoot(sourceCode: TSESLint.SourceCode, a: TSESTree.MemberExpression, b: TSESTree.MemberExpression): boolean {
  const root = (node: TSESTree.Node): TSESTree.Node => {
    let current = unwrap(node);
    while (current.type === T.MemberExpression) current = unwrap(current.object);
    return current;
  };
  const x = root(a);
  const y = root(b);
  if (x.type === T.ThisExpression && y.type === T.ThisExpression) return true;
  return x.type === T.Identifier && y.type === T.Identifier && variableOf(sourceCode, x) === variableOf(sourceCode, y);
}

/**
 * Does the setter's argument hold what the catalogue's getter returned: the getter call itself, an
 * element of what it returned (`process.listeners('exit')[0]`, a loop over them), either branch of a
 * condition whose other branch is empty, or a variable (or member) every write of which is one of these
 * (`const saved = process.cwd()` … `process.chdir(saved)`)?
 */
function putsSavedBack(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, spec: StateApiSpec): boolean {
  const saved = spec.saved;
  const argument = saved ? call.arguments[saved.argument] : undefined;
  if (!saved || !argument || argument.type === T.SpreadElement) return false;
  const seen = new Set<TSESTree.Node>();
  const isSaved = (node: TSESTree.Node): boolean => {
    let expr = unwrap(node);
    if (expr.type === T.AwaitExpression) expr = unwrap(expr.argument);
    if (seen.has(expr)) return false;
    seen.add(expr);
    switch (expr.type) {
      case T.CallExpression:
        return matchesAny(originOf(sourceCode, expr.callee), saved.getter) && (!saved.sameKey || askedSameKey(expr));
      case T.ConditionalExpression:
        return [expr.consequent, expr.alternate].every((branch) => isEmpty(branch) || isSaved(branch)) && !(isEmpty(expr.consequent) && isEmpty(expr.alternate));
      case T.MemberExpression:
        // An element of a saved list, or a member written only with saved values (`this.cwd = process.cwd()`).
        if (expr.computed && isSaved(expr.object)) return true;
        return savedMember(expr);
      case T.Identifier: {
        const writes = variableOf(sourceCode, expr)?.references.filter((reference) => reference.isWrite() && reference.writeExpr) ?? [];
        return writes.length > 0 && writes.every((reference) => isSaved(reference.writeExpr as TSESTree.Node));
      }
      default:
        return false;
    }
  };
  const askedSameKey = (getterCall: TSESTree.CallExpression): boolean => {
    const key = spec.keyArg === undefined ? undefined : call.arguments[spec.keyArg];
    const asked = getterCall.arguments[0];
    return key !== undefined && asked !== undefined && key.type !== T.SpreadElement && asked.type !== T.SpreadElement && sameArgument(sourceCode, key, asked);
  };
  const savedMember = (member: TSESTree.MemberExpression): boolean => {
    const text = sourceCode.getText(member);
    const writes = indexOf(sourceCode).assignments.filter((assignment) => assignment.left.type === T.MemberExpression && sourceCode.getText(assignment.left) === text);
    return writes.length > 0 && writes.every((assignment) => assignment.operator === '=' && isSaved(assignment.right));
  };
  return isSaved(argument);
}

/** `null`, `undefined`, `void 0`: a branch that holds nothing to put back. */
function isEmpty(node: TSESTree.Node): boolean {
  const expr = unwrap(node);
  return (expr.type === T.Literal && expr.value === null) || (expr.type === T.Identifier && expr.name === 'undefined') || (expr.type === T.UnaryExpression && expr.operator === 'void');
}

const MAX_NAME = 40;

function wording(sourceCode: TSESLint.SourceCode, { call, spec, root }: Setter): { name: string; remedy: string } {
  const callee = unwrap(root.callee);
  const keyNode = spec.keyArg === undefined ? undefined : call.arguments[spec.keyArg];
  const key = keyNode ? shortened(sourceCode.getText(keyNode)) : '';
  const object = callee.type === T.MemberExpression ? shortened(sourceCode.getText(callee.object)) : moduleOf(originOf(sourceCode, callee));
  // A change made down a chain names where the chain starts and the call that made it: `nock('http://h')….reply()`.
  const method = root === call ? undefined : calleeName(call.callee);
  const name = method === undefined ? `${shortened(sourceCode.getText(call.callee))}(${key})` : `${shortened(sourceCode.getText(root))}….${method}()`;
  return { name, remedy: spec.remedy.replaceAll('{{object}}', object).replaceAll('{{key}}', key || 'event') };
}

function moduleOf(origin: Origin): string {
  return origin.kind === 'module' ? origin.source : origin.kind === 'global' ? origin.name : 'it';
}

function shortened(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}
