/**
 * Which calls of a file change shared state through an API (`process.chdir(dir)`,
 * `process.on('exit', fn)`, `mongoose.set('debug', true)`: the catalogue in state-apis.ts), and is
 * each undone before the next test? A setter call is a change; a call that undoes it (the same
 * listener removed, the key set again, the saved value put back) is a restore, counted only in a
 * guaranteed place by the shared restore model (restore.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { matchesAny, originOf, staticKey, unwrap, variableOf, type Origin } from './binding.js';
import { callHasNoSharedEffect } from './effect.js';
import { indexOf } from './file-index.js';
import type { Write } from './patch-write.js';
import { judgeWith, type Restore, type Verdict } from './restore.js';
import { STATE_APIS, type StateApiSpec, type StateUndoSpec } from './state-apis.js';
import type { TestStructure } from './test-structure.js';

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
}

/** The last name of every setter, undo and getter in the catalogue: calls named otherwise are skipped before resolving. */
const NAMES: ReadonlySet<string> = new Set(
  STATE_APIS.flatMap((spec) => [...spec.callee, ...spec.undo.flatMap((undo) => undo.callee), ...(spec.saved?.getter ?? [])]).map((pattern) => pattern.path.at(-1) ?? ''),
);

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
  const setters: { call: TSESTree.CallExpression; spec: StateApiSpec }[] = [];
  const undos: UndoCall[] = [];
  for (const call of indexOf(sourceCode).calls) {
    const name = calleeName(call.callee);
    if (name === undefined || !NAMES.has(name)) continue;
    const origin = originOf(sourceCode, call.callee);
    const count = call.arguments.length;
    const undoes = STATE_APIS.flatMap((spec) =>
      spec.undo.filter((undo) => count >= (undo.minArgs ?? 0) && count <= (undo.maxArgs ?? Infinity) && matchesAny(origin, undo.callee)).map((undo) => ({ spec, undo })),
    );
    if (undoes.length > 0) undos.push({ call, undoes, as: { write: asChange(call), reach: 'exact' } });
    const spec = STATE_APIS.find((s) => count >= s.minArgs && matchesAny(origin, s.callee));
    // A setter that puts a saved value back (`process.chdir(savedCwd)`) is a restore, never a change.
    if (spec && !putsSavedBack(sourceCode, call, spec) && !callHasNoSharedEffect(sourceCode, call)) setters.push({ call, spec });
  }
  if (setters.length === 0) return [];
  const changes = new Map(setters.map((setter) => [setter, asChange(setter.call)]));
  const bySetter = new Map([...changes].map(([setter, change]) => [change, setter]));
  const verdictOf = judgeWith(sourceCode, structure, undos.map((undo) => undo.as), (change) => {
    const setter = bySetter.get(change);
    if (!setter) return [];
    return undos.filter((undo) => undo.call !== setter.call && undo.undoes.some(({ spec, undo: how }) => spec === setter.spec && paired(sourceCode, how, undo.call, setter.call))).map((undo) => undo.as);
  });
  return setters.map((setter) => {
    const change = changes.get(setter) as Write;
    const { name, remedy } = wording(sourceCode, setter.call, setter.spec);
    return { call: setter.call, spec: setter.spec, name, remedy, change, verdict: verdictOf(change) };
  });
}

function asChange(node: TSESTree.Node): Write {
  return { node, form: 'assign', object: node, key: '', value: undefined, wholeObject: false, keyText: undefined, keyNode: undefined, target: undefined };
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
 * Does the setter's argument hold what the catalogue's getter returned: a variable (or member) every
 * write of which is a getter call (`const saved = process.cwd()`), or the getter call itself?
 */
function putsSavedBack(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, spec: StateApiSpec): boolean {
  const saved = spec.saved;
  const argument = saved ? call.arguments[saved.argument] : undefined;
  if (!saved || !argument || argument.type === T.SpreadElement) return false;
  const isGetterCall = (node: TSESTree.Node): boolean => {
    let expr = unwrap(node);
    if (expr.type === T.AwaitExpression) expr = unwrap(expr.argument);
    if (expr.type !== T.CallExpression || !matchesAny(originOf(sourceCode, expr.callee), saved.getter)) return false;
    if (!saved.sameKey || spec.keyArg === undefined) return true;
    const key = call.arguments[spec.keyArg];
    const asked = expr.arguments[0];
    return key !== undefined && asked !== undefined && key.type !== T.SpreadElement && asked.type !== T.SpreadElement && sameArgument(sourceCode, key, asked);
  };
  const value = unwrap(argument);
  if (isGetterCall(value)) return true;
  if (value.type === T.Identifier) {
    const writes = variableOf(sourceCode, value)?.references.filter((reference) => reference.isWrite() && reference.writeExpr) ?? [];
    return writes.length > 0 && writes.every((reference) => isGetterCall(reference.writeExpr as TSESTree.Node));
  }
  if (value.type !== T.MemberExpression) return false;
  // `this.cwd = process.cwd()` … `process.chdir(this.cwd)`: the member written only with the getter's result.
  const text = sourceCode.getText(value);
  const writes = indexOf(sourceCode).assignments.filter((assignment) => assignment.left.type === T.MemberExpression && sourceCode.getText(assignment.left) === text);
  return writes.length > 0 && writes.every((assignment) => assignment.operator === '=' && isGetterCall(assignment.right));
}

const MAX_NAME = 40;

function wording(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, spec: StateApiSpec): { name: string; remedy: string } {
  const callee = unwrap(call.callee);
  const keyNode = spec.keyArg === undefined ? undefined : call.arguments[spec.keyArg];
  const key = keyNode ? shortened(sourceCode.getText(keyNode)) : '';
  const object = callee.type === T.MemberExpression ? shortened(sourceCode.getText(callee.object)) : moduleOf(originOf(sourceCode, callee));
  const name = `${shortened(sourceCode.getText(call.callee))}(${key})`;
  return { name, remedy: spec.remedy.replaceAll('{{object}}', object).replaceAll('{{key}}', key || 'event') };
}

function moduleOf(origin: Origin): string {
  return origin.kind === 'module' ? origin.source : origin.kind === 'global' ? origin.name : 'it';
}

function shortened(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}
