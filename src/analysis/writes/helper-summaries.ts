/**
 * What does a function imported from the suite's own helpers leave patched for its caller? A test
 * calls `freezeClock()` from `./support/clock`, which replaces `Date.now` and returns nothing; or
 * `logCall(Node.prototype, 'insertBefore')`, which wraps a member of the object it is given. The
 * helper is summarised once, statically: the shared members its own body writes (by assignment,
 * `Object.defineProperty`, or a scoped helper such as `sinon.stub`), including members of its
 * parameters (mapped back to the caller's arguments by helper-patches.ts); whether it returns a
 * value (a handle the caller may restore through); and whether it registers an after hook or a
 * cleanup itself.
 *
 * The helper file is read as the other imported modules are (imported-wrappers.ts): parsed once
 * per process with the same analysis as a linted file, read again when it changes, never run.
 * Only test-side files (under `test/`, `spec/`, ...; named like a test) are read: the code under
 * test is not a helper. Anything unreadable, or laid out as no one foresaw, summarises as patching
 * nothing.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cachedPerFile } from '../../project/freshness.js';
import { resolveRelativeModule } from '../../project/module-file.js';
import { isTestSideFile } from '../../project/names-in-sources.js';
import { sourceCodeOf } from '../../project/parse.js';
import { readOrUnknown } from '../../project/read-failures.js';
import { walk } from '../../project/syntax.js';
import { ANY_KEY, isPrefixOrigin, memberKey, sameOrigin, staticKey, unwrap, variableOf, type SharedOrigin } from '../values/binding.js';
import { contains, enclosingFunction, indexOf, isFunction, type FunctionNode } from '../values/file-index.js';
import { isAfterHook, REWRAP_THROWS, type HelperFamily } from '../runner/frameworks.js';
import { exportedFunctions } from '../runner/imported-wrappers.js';
import { describeTarget, sharedWritesOf, type Write } from './patch-write.js';
import { restoreReach, type Reach } from '../restore/restore-reach.js';
import { scopedHelpersOf } from './scoped-helpers.js';
import { localFunction, roleOfCall } from '../runner/test-structure.js';

/** A member the helper leaves replaced. */
export interface HelperPatch {
  /** A member of a global, or of a module (a relative module named by its absolute path). */
  readonly target?: SharedOrigin;
  /** Or a member reached from a parameter: the caller's argument at `index`, then `path` (a number: the key is the argument at that index). */
  readonly parameter?: { readonly index: number; readonly path: readonly (string | number)[] };
  /** As the helper writes it (`Date.now`), for messages. */
  readonly text: string;
  /** Made by a scoped helper of this family (`sinon.stub`): the caller's restore-all of the family undoes it. */
  readonly family?: HelperFamily;
}

export interface HelperSummary {
  readonly patches: readonly HelperPatch[];
  /** It returns a value: the caller holds a handle and may restore through it. */
  readonly returnsValue: boolean;
  /** It registers an after hook or a cleanup itself (`afterEach(...)` in its body): it restores for the caller. */
  readonly registersRestore: boolean;
  /** Shared members its own body puts back (`proto.m = originalM`, a saved original): a call of it restores them for the caller. */
  readonly putsBack: readonly SharedOrigin[];
  /**
   * Proven: the value it returns puts back every member it patches, called itself (`method`
   * undefined: `return () => { Date.now = original; }`) or through its method (`return { restore() {...} }`).
   */
  readonly returnedUndo?: { readonly method: string | undefined };
}

type Summaries = ReadonlyMap<string, HelperSummary>;

/** Unknown (a helper laid out as no one foresaw): it patches nothing. */
const summariesByFile = cachedPerFile((file): Summaries => readOrUnknown('an imported helper module', file, () => summariesIn(file), new Map()));

/** The summary of `exportName` of the module `source` imported by `fromFile`, when it is a test-side helper of the project. */
export function helperSummary(fromFile: string, source: string, exportName: string): HelperSummary | undefined {
  const file = resolveRelativeModule(fromFile, source);
  if (!file || !SCRIPT_FILE.test(file) || !isTestSideFile(file)) return undefined;
  return summariesByFile.get(file).get(exportName);
}

const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;

function summariesIn(file: string): Summaries {
  const summaries = new Map<string, HelperSummary>();
  let sourceCode: TSESLint.SourceCode | undefined;
  try {
    sourceCode = sourceCodeOf(readFileSync(file, 'utf8'), file);
    if (!sourceCode) return summaries;
  } catch {
    return summaries;
  }
  for (const [name, fn] of exportedFunctions(sourceCode.ast)) summaries.set(name, summaryOf(sourceCode, file, fn));
  return summaries;
}

function summaryOf(sourceCode: TSESLint.SourceCode, file: string, fn: FunctionNode): HelperSummary {
  const own = (node: TSESTree.Node): boolean => enclosingFunction(node) === fn;
  const inside = (node: TSESTree.Node): boolean => node !== fn && contains(fn, node);
  const returned = returnedNodes(sourceCode, fn);
  const returnsValue = returned.length > 0;
  const registersRestore = indexOf(sourceCode).calls.some((call) => {
    if (!inside(call)) return false;
    const role = roleOfCall(sourceCode, call);
    return role?.kind === 'cleanup' || isAfterHook(role);
  });
  // What puts a patch back decides who restores: the helper itself (its own body), the caller
  // through what the helper returns, or something the helper hands the restore to (`addTearDown(() => ...)`): unknown.
  const leftToCaller = (putBacks: readonly TSESTree.Node[]): boolean => putBacks.every((node) => returned.some((value) => contains(value, node)));
  const writes = sharedWritesOf(sourceCode).filter((write) => inside(write.node));
  const restores = writes.flatMap((write) => {
    const reach = restoreReach(sourceCode, write);
    return reach && write.target ? [{ write, reach, target: write.target }] : [];
  });
  const restoring = new Set(restores.map((restore) => restore.write));
  const patches: HelperPatch[] = [];
  // The put-backs of each patch, to prove what the returned value undoes.
  const putBacksOf: (readonly TSESTree.Node[])[] = [];
  for (const write of writes) {
    if (!own(write.node) || !write.target || restoring.has(write)) continue;
    const target = write.target;
    const putBacks = restores.filter((restore) => covers(restore, target)).map((restore) => restore.write.node);
    if (leftToCaller(putBacks)) {
      patches.push({ target: absolute(target, file), text: describeTarget(sourceCode, write) });
      putBacksOf.push(putBacks);
    }
  }
  const parameterPatches = parameterWrites(sourceCode, fn, inside);
  for (const write of parameterPatches) {
    if (!own(write.node)) continue;
    const putBacks = parameterPatches.filter((other) => other !== write && sameParameterPath(other.patch, write.patch)).map((other) => other.node);
    if (leftToCaller(putBacks)) {
      patches.push(write.patch);
      putBacksOf.push(putBacks);
    }
  }
  for (const helper of scopedHelpersOf(sourceCode).helpers) {
    // Only fakes whose library throws when the member is wrapped again (Sinon): the helper's next call
    // fails, so a later test that fakes again first is no excuse. Other spies are the spy rule's, whose
    // judgement (restored by config, faked again before use) helpers do not get yet; a sandbox of
    // the helper's own is restored however its module lets callers: unknown.
    if (!own(helper.call) || !REWRAP_THROWS.has(helper.family)) continue;
    if (helper.target) {
      patches.push({ target: absolute(helper.target, file), text: helper.name, family: helper.family });
      continue;
    }
    const [object, key] = helper.call.arguments;
    const parameter = object && key && parameterPath(sourceCode, fn, object, key);
    if (parameter) patches.push({ parameter, text: helper.name, family: helper.family });
  }
  const putsBack = restores.filter((restore) => own(restore.write.node)).map((restore) => absolute(restore.target, file));
  // Fakes of a scoped helper are put back by their library, not by what the helper returns: no proof.
  const returnedUndo = patches.length > 0 && patches.every((patch) => patch.family === undefined) ? undoReturned(sourceCode, fn, putBacksOf) : undefined;
  return { patches, returnsValue, registersRestore, putsBack, ...(returnedUndo ? { returnedUndo } : {}) };
}

/**
 * Does the value `fn` returns put back every patch, whichever way it returns? Only one way is read:
 * one `return` (the last statement of its body, or its expression body) of a function that takes
 * no argument and puts back each patch itself (`() => { Date.now = original; }`, a local function
 * named there), or of an object literal whose method does (`{ restore() { ... } }`). A function
 * called with no receiver (`afterEach(restore)`) must not read `this`; one a test runner would hand a
 * `done` callback must take no parameter.
 */
function undoReturned(sourceCode: TSESLint.SourceCode, fn: FunctionNode, putBacksOf: readonly (readonly TSESTree.Node[])[]): HelperSummary['returnedUndo'] {
  let value: TSESTree.Node | undefined;
  if (fn.body.type !== T.BlockStatement) value = fn.body;
  else {
    const last = fn.body.body.at(-1);
    let returns = 0;
    walk(
      fn.body,
      (node) => {
        if (node.type === T.ReturnStatement) returns++;
      },
      0,
      (inner) => inner !== fn.body && isFunction(inner),
    );
    if (returns !== 1 || last?.type !== T.ReturnStatement || !last.argument) return undefined;
    value = last.argument;
  }
  if (fn.async || fn.generator) return undefined;
  const undoes = (undo: FunctionNode | undefined, receiver: boolean): boolean =>
    undo !== undefined && undo !== fn && undo.params.length === 0 && !undo.async && !undo.generator && (receiver || !readsThis(undo)) && putBacksOf.every((putBacks) => putBacks.length > 0 && putBacks.every((node) => contains(undo, node)));
  const expr = unwrap(value);
  if (expr.type !== T.ObjectExpression) return undoes(localFunction(sourceCode, expr), false) ? { method: undefined } : undefined;
  for (const property of expr.properties) {
    if (property.type !== T.Property || property.computed || property.kind !== 'init' || property.key.type !== T.Identifier) continue;
    if (undoes(localFunction(sourceCode, property.value), true)) return { method: property.key.name };
  }
  return undefined;
}

/** Does a function read `this`, its own or (through an arrow function inside) its surroundings'? */
function readsThis(fn: FunctionNode): boolean {
  let found = false;
  walk(
    fn.body,
    (node) => {
      if (node.type === T.ThisExpression) found = true;
    },
    0,
    (inner) => inner !== fn.body && isFunction(inner) && inner.type !== T.ArrowFunctionExpression,
  );
  return found;
}

/** Does a restore of the helper put back this target: the member itself, or (a fresh copy put back) an object holding it? */
function covers(restore: { readonly write: Write; readonly reach: Reach; readonly target: SharedOrigin }, target: SharedOrigin): boolean {
  if (sameOrigin(restore.target, target)) return true;
  if (restore.reach === 'exact') return false;
  const object = restore.write.wholeObject ? { ...restore.target, path: restore.target.path.slice(0, -1) } : restore.target;
  return isPrefixOrigin(object, target);
}

/**
 * What the helper hands back: the values its own `return`s (or its expression body) give, and the
 * local functions they name (`return restore`, `return { restore }`).
 */
function returnedNodes(sourceCode: TSESLint.SourceCode, fn: FunctionNode): TSESTree.Node[] {
  const values: TSESTree.Node[] = [];
  if (fn.body.type !== T.BlockStatement) values.push(fn.body);
  else {
    walk(
      fn.body,
      (node) => {
        if (node.type === T.ReturnStatement && node.argument && !(node.argument.type === T.Identifier && node.argument.name === 'undefined')) values.push(node.argument);
      },
      0,
      (inner) => inner !== fn.body && isFunction(inner),
    );
  }
  const named: TSESTree.Node[] = [];
  for (const value of values) {
    walk(value, (node) => {
      if (node.type !== T.Identifier) return;
      const local = localFunction(sourceCode, node);
      if (local && local !== fn) named.push(local);
    });
  }
  return [...values, ...named];
}

/** A module named by a relative path from the helper is named by its absolute path: the caller lives elsewhere. */
function absolute(target: SharedOrigin, file: string): SharedOrigin {
  if (target.kind !== 'module' || !/^\.\.?(?:\/|$)/.test(target.source)) return target;
  return { ...target, source: path.resolve(path.dirname(file), target.source) };
}

/**
 * Members of the helper's parameters it writes (`target[name] = wrapper` in `logCall(target,
 * name)`), anywhere inside it: those of its own body are patches, the others may put them back.
 */
function parameterWrites(sourceCode: TSESLint.SourceCode, fn: FunctionNode, inside: (node: TSESTree.Node) => boolean): { readonly node: TSESTree.Node; readonly patch: HelperPatch }[] {
  const found: { node: TSESTree.Node; patch: HelperPatch }[] = [];
  for (const assignment of indexOf(sourceCode).assignments) {
    const left = unwrap(assignment.left);
    if (!inside(assignment) || assignment.operator !== '=' || left.type !== T.MemberExpression) continue;
    const parameter = parameterPath(sourceCode, fn, left.object, undefined, left);
    if (parameter) found.push({ node: assignment, patch: { parameter, text: sourceCode.getText(left) } });
  }
  return found;
}

function sameParameterPath(a: HelperPatch, b: HelperPatch): boolean {
  const x = a.parameter;
  const y = b.parameter;
  return x !== undefined && y !== undefined && x.index === y.index && x.path.length === y.path.length && x.path.every((step, i) => step === y.path[i]);
}

/**
 * The parameter and member path `object` (then `key`, or the member `member` itself) reaches:
 * `target` then `name` in `logCall(target, name)` is the first argument's member named by the second.
 */
function parameterPath(
  sourceCode: TSESLint.SourceCode,
  fn: FunctionNode,
  object: TSESTree.Node,
  key: TSESTree.Node | undefined,
  member?: TSESTree.MemberExpression,
): HelperPatch['parameter'] | undefined {
  const path: (string | number)[] = [];
  let current = unwrap(object);
  while (current.type === T.MemberExpression) {
    const step = keyOf(sourceCode, fn, current.property, current.computed);
    if (step === undefined) return undefined;
    path.unshift(step);
    current = unwrap(current.object);
  }
  const index = current.type === T.Identifier ? parameterIndex(sourceCode, fn, current) : undefined;
  if (index === undefined) return undefined;
  const last = member ? keyOf(sourceCode, fn, member.property, member.computed) : key && keyOf(sourceCode, fn, key, true);
  if (last === undefined) return undefined;
  return { index, path: [...path, last] };
}

/** A key as a name, or as the index of the parameter that holds it. */
function keyOf(sourceCode: TSESLint.SourceCode, fn: FunctionNode, key: TSESTree.Node, computed: boolean): string | number | undefined {
  if (key.type === T.PrivateIdentifier) return undefined;
  if (!computed) return key.type === T.Identifier ? key.name : undefined;
  const expr = unwrap(key);
  if (expr.type === T.Identifier) {
    const index = parameterIndex(sourceCode, fn, expr);
    if (index !== undefined) return index;
  }
  const name = expr.type === T.MemberExpression ? memberKey(sourceCode, expr) : staticKey(sourceCode, expr);
  return name === undefined || name === ANY_KEY || expr.type === T.MemberExpression ? undefined : name;
}

/** The position of the plain parameter `id` names, when it is one of `fn` never assigned again. */
function parameterIndex(sourceCode: TSESLint.SourceCode, fn: FunctionNode, id: TSESTree.Identifier): number | undefined {
  const variable = variableOf(sourceCode, id);
  if (!variable || variable.defs.length !== 1 || variable.defs[0]?.type !== 'Parameter') return undefined;
  if (variable.references.some((reference) => reference.isWrite())) return undefined;
  const index = fn.params.findIndex((param) => param.type === T.Identifier && param.name === variable.name && variable.identifiers.includes(param));
  return index === -1 ? undefined : index;
}
