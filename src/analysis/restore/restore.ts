/**
 * Is a write undone before the next test can see it? A restore puts back a saved original (the
 * value read from the same target, a saved descriptor, or a fresh copy of a parent object). It
 * counts when it is guaranteed to run: in a `finally` after the write, in an after hook that covers
 * the write, in a cleanup callback of the same test, or in a teardown function handed back by the
 * code that wrote. A restore on the happy path only is reported as skipped on failure.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { ANY_KEY, isPrefixOrigin, originOf, sameOrigin, unwrap, variableOf, writesOf, type SharedOrigin } from '../values/binding.js';
import { skippedOnlyByAThrow } from './assertions.js';
import { contains, enclosingFunction, isFunction, type FunctionNode } from '../values/file-index.js';
import { sharedWritesOf, type Write } from '../writes/patch-write.js';
import { freshEachRun, inPerTestObject, installedValue } from './per-test-object.js';
import { alwaysDisposed, callSitesOf, placementOf, type Placement } from '../runner/placement.js';
import { isAfterHook, RETURNED_TEARDOWN } from '../runner/frameworks.js';
import type { Registration, TestStructure } from '../runner/test-structure.js';
import { isFileScope, isWithin, runsSeveralTests, testsRunAfter, testsRunAfterWithin } from '../runner/test-order.js';
import { consumersWriteFirst, usesAfter } from '../visibility/per-test-input.js';
import { keysMatch } from '../writes/write-keys.js';
import { originIndex, type OriginIndex } from '../values/origin-index.js';
import { initialValueOf, literalValue } from '../../project/module-initial-values.js';
import { callsPassingOriginal, deletesProvidedValue, restoreReach, spliceRestores, type Reach } from './restore-reach.js';
import { registryResets } from './registry-reset.js';
import { takeAwayOf, takeAwayRestores } from './take-away.js';
import { catchChainedOn, handlerOf, isFailureHandler, mayLeave, restoresFirst, statementOf } from './every-path.js';


export interface Restore {
  readonly write: Write;
  /** exact: the member itself; subtree: it and everything below (a fresh copy); reference: the saved object. */
  readonly reach: Reach;
}

export type Verdict =
  | { readonly kind: 'restored' }
  /** The write is itself teardown code (after hook, finally, cleanup): not a patch. */
  | { readonly kind: 'teardown' }
  /**
   * Never restored. `when` says where it runs: a test, a hook, a helper whose callers are not in
   * this file, or while the file loads (its top level, or a describe body).
   */
  | {
      readonly kind: 'unrestored';
      readonly when: 'test' | 'hook' | 'helper' | 'file' | 'describe';
      /** The test, hook or describe it runs in, when `when` is one of those. */
      readonly registration?: Registration;
      /**
       * Does a later test of this file see it? Not after the file's last test, nor when a
       * `beforeEach` puts the target back before every test that runs after this one.
       */
      readonly laterTests: boolean;
      /** That `beforeEach` is at the top level of the file: a root hook where the runner shares those (Mocha). */
      readonly resetByRootHook: boolean;
      /** Runs while the file is set up: its top level, a describe holding every test, or a before hook of the file's scope. */
      readonly fileLevel: boolean;
      /** Every later test that uses what this one used sets the member first: a per-test input (per-test-input.ts). */
      readonly perTestInput: boolean;
      /** Made while the file loads, and put back by an `afterAll`/`afterEach` of the file: gone before the next file loads, where files load one by one. */
      readonly restoredByAfterHook?: boolean;
      /**
       * A spy a `beforeEach` makes again over the last one before every test of its block, where
       * no test of the file runs after the block: each later test starts with the fake its own
       * `beforeEach` puts back, and after the block's last test nothing of the file runs.
       */
      readonly sameFakeEachTest?: boolean;
    }
  | {
      readonly kind: 'skippedOnFailure';
      readonly restore: TSESTree.Node;
      readonly laterTests: boolean;
      /** No assertion runs between the fake and its restore: only an unexpected throw of the code under test skips it (hygiene). */
      readonly onlyIfCodeThrows: boolean;
    }
  /**
   * Restored by an `afterAll` while later tests of its block run; `perTestInput` as for `unrestored`.
   * `aroundEveryFile`: made in a `before` hook at the top level of the file and put back by one
   * there too; where top-level hooks are root hooks (Mocha), that pair wraps the whole run, and
   * every file's tests see the fake (RUNTIME-FACTS 32).
   */
  | { readonly kind: 'restoredTooLate'; readonly restore: TSESTree.Node; readonly perTestInput: boolean; readonly aroundEveryFile?: boolean };

type Unrestored = Extract<Verdict, { kind: 'unrestored' }>;

function unrestored(when: Unrestored['when'], registration?: Registration, more: Partial<Pick<Unrestored, 'laterTests' | 'resetByRootHook' | 'fileLevel' | 'perTestInput' | 'restoredByAfterHook' | 'sameFakeEachTest'>> = {}): Unrestored {
  return { kind: 'unrestored', when, laterTests: true, resetByRootHook: false, fileLevel: when === 'file', perTestInput: false, ...(registration ? { registration } : {}), ...more };
}

const MAX_HELPER_DEPTH = 6;

interface Context {
  readonly sourceCode: TSESLint.SourceCode;
  readonly structure: TestStructure;
  /** Restores by the root they write under (`module:<source>`, `global:<name>`). */
  readonly restoresByRoot: ReadonlyMap<string, readonly Restore[]>;
  /** Writes that replace a whole object with a fresh one, by the object they replace. */
  readonly replacements: readonly Write[];
  /** The writes that are restores (for patches; empty for helpers). */
  readonly restoreWrites: ReadonlySet<Write>;
  /** Calls of a setter helper that pass the saved original: restores, not patches. */
  readonly restoringCalls: ReadonlySet<TSESTree.Node>;
  /** Every write of the file by root, for resets (`beforeEach(() => { delete process.env.X })`). */
  readonly writesByRoot: ReadonlyMap<string, readonly Write[]>;
  readonly placements: Map<TSESTree.Node, Placement>;
  readonly places: Map<TSESTree.Node, Placement[]>;
  readonly runs: Map<TSESTree.Node, TSESTree.Node[]>;
  /** Matching restores of a write, judged where it is written (the common case, asked several times). */
  readonly matches: Map<Write, Restore[]>;
  /** The restores of each root by the member they put back (origin-index.ts), with the count they were built from. */
  readonly restoreIndexes: Map<string, { readonly size: number; readonly index: OriginIndex<Restore> }>;
  readonly finalizers: Map<TSESTree.Node, Finalizer | undefined>;
  /** Writes that run in a `beforeEach`, by root: built on first use. */
  readonly eachWrites: { current?: ReadonlyMap<string, readonly Write[]> };
  /** Built on first use, once every restore (resets included) is known. */
  readonly finallyIndex: { current?: FinallyIndex };
  /** For changes that are not member writes (a spy, a stub): which restores undo one. */
  readonly matcher?: (change: Write) => Restore[];
  /** Changes that, made again, replace the last one with a fresh one (HelperFamilySpec.installsAfresh). */
  readonly afresh?: (change: Write) => boolean;
  /** For changes that are not member writes: the shared members each one changes (per-test-object.ts). */
  readonly targetsOf?: (change: Write) => readonly SharedOrigin[];
}

/** The restores of a file and the judge of its other writes, sharing one set of indexes. */
export interface Judge {
  readonly restores: readonly Restore[];
  verdictOf(write: Write): Verdict;
}

export function judgeOf(sourceCode: TSESLint.SourceCode, structure: TestStructure, writes: readonly Write[], filename?: string): Judge {
  const restores: Restore[] = [];
  const restoresByRoot = new Map<string, Restore[]>();
  const add = (write: Write, reach: Reach, target: SharedOrigin): void => {
    restores.push({ write, reach });
    const root = rootKey(target);
    const list = restoresByRoot.get(root) ?? [];
    restoresByRoot.set(root, list);
    list.push({ write, reach });
  };
  const resetCandidates: Write[] = [];
  for (const write of writes) {
    if (!write.target) continue;
    const reach = restoreReach(sourceCode, write, structure);
    if (reach) add(write, reach, write.target);
    else if (write.form === 'assign' || write.form === 'define') resetCandidates.push(write);
  }
  // `process.argv.splice(0, process.argv.length, ...savedArgv)` puts a saved copy back in place.
  for (const restore of spliceRestores(sourceCode)) if (restore.target) add(restore, 'subtree', restore.target);
  // A setter helper called with the saved original restores (`setVersion(originalVersion)`).
  const restoringCalls = new Set<TSESTree.CallExpression>();
  for (const write of writes) {
    if (!write.target) continue;
    for (const call of callsPassingOriginal(sourceCode, structure, write)) {
      restoringCalls.add(call);
      add({ ...write, node: call }, 'exact', write.target);
    }
  }
  // A reset exported beside the factory that made the member's object (`resetGlobals()`) puts it back.
  if (filename !== undefined) {
    for (const write of writes) {
      if (write.target) for (const call of registryResets(sourceCode, filename, write)) add({ ...write, node: call }, 'exact', write.target);
    }
  }
  // A whole object replaced by a new one each time it runs (`process.env = { ...saved }`, a descriptor of value `{}`);
  // installing one saved object again and again (`process.env = saved`) is not: the writes land in `saved`.
  const replacements = writes.filter((w) => {
    const installed = installedValue(w);
    return installed !== undefined && freshEachRun(sourceCode, installed, w.node);
  });
  const writesByRoot = new Map<string, Write[]>();
  for (const write of writes) {
    if (!write.target) continue;
    const list = writesByRoot.get(rootKey(write.target)) ?? [];
    writesByRoot.set(rootKey(write.target), list);
    list.push(write);
  }
  const context = newContext(sourceCode, structure, restoresByRoot, replacements, writesByRoot, undefined, restoringCalls);
  // A primitive written by teardown code is a reset (`afterEach(() => { document.cookie = 'a=; expires=...' })`,
  // `config.retries = 3`): whatever the test wrote is gone before the next test. A fake or another
  // member's value written there is not: it stays for the tests after it.
  // Taking the member away (`= undefined`, `void 0`, a descriptor of value `undefined`) is a reset only
  // where that is what it was before the file ran (take-away.ts).
  for (const write of resetCandidates) {
    if (!write.target || !write.value || !runsAsTeardown(context, write.node)) continue;
    const takeAway = takeAwayOf(sourceCode, write) !== undefined;
    if (takeAway ? takeAwayRestores(sourceCode, write, filename) : write.form === 'assign' && isPrimitive(write.value) && !writesOtherThanOriginal(write, filename)) add(write, 'exact', write.target);
  }
  // Putting back what the file itself installed at its top level is a restore too:
  // `window.x = connector` at file level, `window.x = undefined` in a hook, `window.x = connector` after it.
  const baselines = new Map<TSESLint.Scope.Variable, SharedOrigin[]>();
  for (const write of resetCandidates) {
    const variable = valueVariable(sourceCode, write);
    if (!variable || !write.target || placeOf(context, write.node).kind !== 'file') continue;
    baselines.set(variable, [...(baselines.get(variable) ?? []), write.target]);
  }
  for (const write of resetCandidates) {
    const variable = valueVariable(sourceCode, write);
    const installed = variable ? baselines.get(variable) : undefined;
    if (!write.target || !installed || placeOf(context, write.node).kind === 'file') continue;
    if (installed.some((target) => write.target && sameOrigin(target, write.target))) add(write, 'exact', write.target);
  }
  return { restores, verdictOf: (write) => siteVerdict(context, write, write.node, 0) };
}

/** The variable an assignment stores (`x.y = connector`), if its value is a plain name. */
function valueVariable(sourceCode: TSESLint.SourceCode, write: Write): TSESLint.Scope.Variable | undefined {
  const value = write.form === 'assign' && write.value ? unwrap(write.value) : undefined;
  return value?.type === T.Identifier ? variableOf(sourceCode, value) : undefined;
}

/**
 * The same judgement for changes made by calls rather than writes (`jest.spyOn(...)`): the caller
 * says which calls undo which change, and gets the verdict of where each runs. `change.node` and
 * `restore.write.node` are the calls.
 */
export function judgeWith(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  restores: readonly Restore[],
  matcher: (change: Write) => Restore[],
  afresh?: (change: Write) => boolean,
  targetsOf?: (change: Write) => readonly SharedOrigin[],
): (change: Write) => Verdict {
  const context = { ...newContext(sourceCode, structure, new Map([['calls', restores]]), [], new Map(), matcher), ...(afresh ? { afresh } : {}), ...(targetsOf ? { targetsOf } : {}) };
  return (change) => siteVerdict(context, change, change.node, 0);
}

function newContext(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  restoresByRoot: ReadonlyMap<string, readonly Restore[]>,
  replacements: readonly Write[],
  writesByRoot: ReadonlyMap<string, readonly Write[]>,
  matcher?: (change: Write) => Restore[],
  restoringCalls: ReadonlySet<TSESTree.Node> = new Set(),
): Context {
  const caches = { placements: new Map(), places: new Map(), runs: new Map(), matches: new Map(), restoreIndexes: new Map(), finalizers: new Map(), finallyIndex: {}, eachWrites: {} };
  const restoreWrites = new Set([...restoresByRoot.values()].flatMap((list) => list.map((restore) => restore.write)));
  return { sourceCode, structure, restoresByRoot, replacements, writesByRoot, restoringCalls, restoreWrites, ...caches, ...(matcher ? { matcher } : {}) };
}

/**
 * Does teardown write a literal other than what the member of the project's own module held when it
 * loaded (`settings.timeout = 0` where the module sets `timeout: 1000`)? Then the test's value is
 * gone, and so is the original. When the original cannot be read, the teardown's value is taken as it.
 */
function writesOtherThanOriginal(write: Write, filename: string | undefined): boolean {
  const target = write.target;
  const written = write.value && literalValue(write.value);
  if (target?.kind !== 'module' || !written || filename === undefined) return false;
  const original = initialValueOf(filename, target.source, target.path);
  return original?.kind === 'primitive' && original.value !== written.value;
}

/** An expression whose value is a primitive: a literal, a template, arithmetic or concatenation, `void`, `typeof`. */
function isPrimitive(node: TSESTree.Node): boolean {
  const expr = unwrap(node);
  switch (expr.type) {
    case T.Literal:
    case T.TemplateLiteral:
    case T.BinaryExpression:
    case T.UnaryExpression:
      return true;
    case T.ConditionalExpression:
      return isPrimitive(expr.consequent) && isPrimitive(expr.alternate);
    default:
      return false;
  }
}

/** Does this code only ever run as teardown: in a `finally`, an after hook, a cleanup callback or a returned teardown? */
function runsAsTeardown(context: Context, node: TSESTree.Node): boolean {
  if (inFinalizer(context, node)) return true;
  return placesOf(context, node, 0).every((place) => {
    if (place.kind === 'teardown') return true;
    if (place.kind !== 'registration') return false;
    const role = place.registration.role;
    return role.kind === 'cleanup' || isAfterHook(role);
  });
}

function rootKey(origin: SharedOrigin): string {
  return origin.kind === 'module' ? `module:${origin.source}` : `global:${origin.name}`;
}

function placeOf(context: Context, node: TSESTree.Node): Placement {
  return memo(context.placements, node, () => placementOf(context.structure, context.sourceCode, node));
}

/** The cached value for `key`, computed once. */
function memo<K, V>(cache: Map<K, V>, key: K, compute: () => V): V {
  if (cache.has(key)) return cache.get(key) as V;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** The verdict for the write executed at `site` (the write itself, or a call of the helper that writes). */
function siteVerdict(context: Context, write: Write, site: TSESTree.Node, depth: number): Verdict {
  if (inFinalizer(context, site)) return { kind: 'teardown' };
  // A fake that puts the original back when it is called (`fs.readFile = (...a) => { fs.readFile = original; ... }`).
  const value = write.value;
  if (value && isFunction(unwrap(value)) && matching(context, write, site).some((restore) => contains(value, restore.write.node))) return { kind: 'restored' };
  if (coveredByFinally(context, write, site) || coveredOnBothPaths(context, write, site)) return { kind: 'restored' };
  const placement = placeOf(context, site);
  switch (placement.kind) {
    case 'teardown':
      return { kind: 'teardown' };
    case 'helper': {
      if (coveredByTeardown(context, write, placement.helper)) return { kind: 'restored' };
      const calls = depth < MAX_HELPER_DEPTH ? callSitesOf(context.sourceCode, placement.helper) : undefined;
      // A helper called from elsewhere (exported, stored) or not at all: its callers are unknown.
      if (!calls || calls.length === 0) return happyPath(context, write, site, true) ?? unrestored('helper');
      const patching = calls.filter((call) => !context.restoringCalls.has(call));
      const verdicts = patching.map((call) => siteVerdict(context, write, call, depth + 1));
      return verdicts.find((v) => v.kind !== 'restored' && v.kind !== 'teardown') ?? verdicts[0] ?? { kind: 'restored' };
    }
    case 'file':
      return happyPath(context, write, site, true) ?? unrestored('file', undefined, { restoredByAfterHook: restoredByAfterHook(context, write, site) });
    case 'registration':
      return registrationVerdict(context, write, site, placement.registration);
  }
}

function registrationVerdict(context: Context, write: Write, site: TSESTree.Node, registration: Registration): Verdict {
  const role = registration.role;
  const structure = context.structure;
  if (role.kind === 'cleanup' || isAfterHook(role)) {
    // Teardown that deletes what the environment may provide (`delete process.env.CI`) loses that value for every later test.
    if (role.kind === 'hook' && write.form === 'delete' && write.target && deletesProvidedValue(write.target) && !restoredByAfterHook(context, write, site)) {
      const laterTests = (role.hook === 'afterEach' && runsSeveralTests(structure, registration.parent)) || testsRunAfter(structure, registration, undefined);
      return unrestored('hook', registration, { laterTests });
    }
    return { kind: 'teardown' };
  }
  // A write into a member of an object that a `beforeEach` replaces with a fresh one before every test
  // it reaches goes into that test's own object (per-test-object.ts): the replacement is judged by itself.
  const targets = context.matcher ? (context.targetsOf?.(write) ?? []) : write.target ? [write.target] : [];
  if (targets.length > 0 && targets.every((target) => inPerTestObject(context.sourceCode, sharedWritesOf(context.sourceCode), target, site, registration, (node) => placeOf(context, node)))) {
    return { kind: 'restored' };
  }
  // Vitest runs a function returned from a hook as its teardown.
  const teardownReturned = role.kind === 'hook' && [...structure.frameworks].some((f) => RETURNED_TEARDOWN.has(f));
  if (teardownReturned && registration.callback && coveredByTeardown(context, write, registration.callback)) {
    return { kind: 'restored' };
  }
  if (role.kind === 'describe') {
    const fileLevel = isFileScope(structure, registration);
    return happyPath(context, write, site, true) ?? unrestored('describe', registration, { fileLevel, restoredByAfterHook: restoredByAfterHook(context, write, site) });
  }
  let late: TSESTree.Node | undefined;
  let rootPair: TSESTree.Node | undefined;
  const rootBefore = role.kind === 'hook' && role.hook === 'beforeAll' && registration.parent === undefined && context.matcher === undefined;
  for (const restore of matching(context, write, site)) {
    for (const place of placesOf(context, restore.write.node, 0)) {
      if (place.kind === 'registration' && place.registration.role.kind === 'cleanup') {
        if (ownersOf(context, place.registration).includes(registration)) return { kind: 'restored' };
        continue;
      }
      if (place.kind !== 'registration' || place.registration.role.kind !== 'hook') continue;
      const hook = place.registration.role.hook;
      if (hook !== 'afterEach' && hook !== 'afterAll') continue;
      if (!covers(place.registration, registration)) continue;
      // A root `before`/`after` pair: put back, but only once every file has run (where top-level hooks are root hooks).
      if (rootBefore && hook === 'afterAll' && place.registration.parent === undefined) {
        rootPair ??= restore.write.node;
        continue;
      }
      if (hook === 'afterEach' || role.kind === 'hook' || !testsRunAfterWithin(structure, registration, place.registration.parent)) {
        return { kind: 'restored' };
      }
      if (restore.reach !== 'exact' && refreshedBeforeEach(context, write, registration)) return { kind: 'restored' };
      late = restore.write.node;
    }
  }
  if (rootPair) return { kind: 'restoredTooLate', restore: rootPair, perTestInput: false, aroundEveryFile: true };
  const when = role.kind === 'test' ? 'test' : 'hook';
  // A spy made in `beforeEach` is made again over the one the last test left (Jest and Vitest hand
  // back the same spy, with its calls and fake; Sinon throws): each test sees the one before it.
  // A fake installed afresh (fake timers) is each test's own.
  const eachTest = context.matcher !== undefined && role.kind === 'hook' && role.hook === 'beforeEach' && context.afresh?.(write) !== true;
  const fileLevel = !eachTest && role.kind === 'hook' && (role.hook === 'beforeAll' || role.hook === 'beforeEach') && isFileScope(structure, registration.parent);
  // A `beforeEach` that puts the target back protects every later test of its block.
  const scope = resetScope(context, write, site, registration);
  // ...and when a later test of that block runs, the value is gone before it: no test or file after the block sees it either.
  if (scope && testsRunAfterWithin(structure, registration, scope)) return { kind: 'restored' };
  if (scope !== undefined && !testsRunAfter(structure, registration, scope)) {
    return unrestored(when, registration, { laterTests: false, resetByRootHook: scope === null, fileLevel });
  }
  const afterBlock = testsRunAfter(structure, registration, undefined);
  const laterTests = afterBlock || (eachTest && runsSeveralTests(structure, registration.parent));
  const perTestInput = laterTests && role.kind === 'test' && isPerTestInput(context, write, site, registration);
  if (late) return { kind: 'restoredTooLate', restore: late, perTestInput };
  if (role.kind === 'test' && everyEndRestores(context, write, site, registration)) return { kind: 'restored' };
  const sameFakeEachTest = eachTest && laterTests && !afterBlock;
  return happyPath(context, write, site, laterTests) ?? unrestored(when, registration, { laterTests, fileLevel, perTestInput, sameFakeEachTest });
}

/** Does an `afterAll` or `afterEach` hook of this file put back what a write made while the file loads changed? */
function restoredByAfterHook(context: Context, write: Write, site: TSESTree.Node): boolean {
  return matching(context, write, site).some((restore) =>
    restore.write.node !== write.node &&
    placesOf(context, restore.write.node, 0).some((place) => place.kind === 'registration' && isAfterHook(place.registration.role)),
  );
}

/**
 * Is the member a per-test input (per-test-input.ts): other tests (or an `afterAll` step) write it
 * too, and every later test that uses what this test used after its write sets it first?
 */
function isPerTestInput(context: Context, write: Write, site: TSESTree.Node, registration: Registration): boolean {
  const target = write.target;
  if (context.matcher || !target || write.key === ANY_KEY || (write.form !== 'assign' && write.form !== 'define')) return false;
  if (!usesAfter(context.sourceCode, registration, site)) return false;
  const writers = new Map<Registration, TSESTree.Node[]>();
  for (const other of context.writesByRoot.get(rootKey(target)) ?? []) {
    if (other === write || !other.target || other.key !== write.key || (other.form !== 'assign' && other.form !== 'define')) continue;
    if (context.restoreWrites.has(other) || !sameOrigin(other.target, target)) continue;
    const place = placeOf(context, other.node);
    // A `before*` hook sets the baseline the later tests expect: a test that changes it leaks.
    if (place.kind !== 'registration' || place.registration === registration) continue;
    const role = place.registration.role;
    if (role.kind !== 'test' && !(role.kind === 'hook' && role.hook === 'afterAll')) continue;
    const list = writers.get(place.registration) ?? [];
    writers.set(place.registration, list);
    list.push(other.node);
  }
  return writers.size > 0 && consumersWriteFirst(context.sourceCode, context.structure, registration, site, writers);
}

/**
 * The widest block whose `beforeEach` puts the target back before each of its tests: null for a
 * hook at the top level of the file, undefined when none covers `registration`.
 */
function resetScope(context: Context, write: Write, site: TSESTree.Node, registration: Registration): Registration | null | undefined {
  let widest: Registration | null | undefined;
  for (const reset of resetsOf(context, write, site)) {
    for (const place of placesOf(context, reset, 0)) {
      if (place.kind !== 'registration') continue;
      // The same hook resets only what it wrote itself before, on the last run: `beforeEach(() => { sinon.restore(); sinon.stub(...) })`.
      if (place.registration === registration && !(reset.range[1] <= site.range[0] && enclosingFunction(reset) === enclosingFunction(site))) continue;
      const role = place.registration.role;
      if (role.kind !== 'hook' || role.hook !== 'beforeEach' || !covers(place.registration, registration)) continue;
      const scope = place.registration.parent ?? null;
      if (scope === null) return null;
      if (widest === undefined || (widest !== null && isWithin(widest, scope))) widest = scope;
    }
  }
  return widest;
}

/** The writes of the file that run in a `beforeEach` hook (directly or through helpers), by root; built once. */
function beforeEachWrites(context: Context): ReadonlyMap<string, readonly Write[]> {
  if (context.eachWrites.current) return context.eachWrites.current;
  const found = new Map<string, Write[]>();
  for (const [root, writes] of context.writesByRoot) {
    const inHooks = writes.filter((write) =>
      placesOf(context, write.node, 0).some((place) => place.kind === 'registration' && place.registration.role.kind === 'hook' && place.registration.role.hook === 'beforeEach'),
    );
    if (inHooks.length > 0) found.set(root, inHooks);
  }
  context.eachWrites.current = found;
  return found;
}

/** The code that puts the target back to a known value: its restores, and (for member writes) any other write of the same member. */
function resetsOf(context: Context, write: Write, site: TSESTree.Node): TSESTree.Node[] {
  const resets = matching(context, write, site).map((restore) => restore.write.node);
  const target = write.target;
  if (context.matcher || !target) return resets;
  // Only writes that run in a `beforeEach` can reset (most of a file's writes do not: skip them early).
  for (const other of beforeEachWrites(context).get(rootKey(target)) ?? []) {
    if (other === write || !other.target || other.form === 'modify') continue;
    if (sameOrigin(other.target, target) && keysMatch(context.sourceCode, other, write)) resets.push(other.node);
    else if (isPrefixOrigin(other.target, target) && context.replacements.includes(other)) resets.push(other.node);
  }
  return resets;
}

/** Restores whose target is the written member, or a parent object put back whole. */
function matching(context: Context, write: Write, site: TSESTree.Node): Restore[] {
  return site === write.node ? memo(context.matches, write, () => findMatching(context, write, site)) : findMatching(context, write, site);
}

function findMatching(context: Context, write: Write, site: TSESTree.Node): Restore[] {
  if (context.matcher) return context.matcher(write);
  const target = write.target;
  if (!target) return [];
  const index = restoreIndexOf(context, target);
  const candidates = index.prefixesOf(target);
  restoreCandidatesExamined.count += candidates.length;
  const same = index.sameAs(target);
  return candidates.filter((restore) => {
    const restored = restore.write.target;
    if (!restored || restore.write === write) return false;
    // The common case, without comparing paths: the very member, put back under a key of its own.
    if (same.has(restore) && !restore.write.wholeObject && restore.write.key !== ANY_KEY) return true;
    if (restore.write.wholeObject) {
      const object = originOf(context.sourceCode, restore.write.object);
      return (object.kind === 'module' || object.kind === 'global') && isPrefixOrigin(object, target);
    }
    if (sameOrigin(restored, target)) return keysMatch(context.sourceCode, restore.write, write);
    if (!isPrefixOrigin(restored, target)) return false;
    // A saved reference to a parent only helps if the parent was swapped for a fresh object first:
    // otherwise the write mutated the very object that is put back.
    return restore.reach === 'subtree' || replacedBefore(context, restored, write, site);
  });
}

/**
 * How many (write, restore) pairs the restore matching has looked at, all files together: the work
 * that grew with the square of a file when every restore of a module was checked against every
 * write of it. Read (and reset) by the scaling spec only; nothing in the rules reads it.
 */
export const restoreCandidatesExamined = { count: 0 };

/**
 * The restores of the target's root by the member they put back (for a whole object put back, that
 * object), one index per root built when first asked: its `prefixesOf` lists, in file order, the
 * restores a scan of the root's restores could match.
 */
function restoreIndexOf(context: Context, target: SharedOrigin): OriginIndex<Restore> {
  const root = rootKey(target);
  const list = context.restoresByRoot.get(root) ?? [];
  let entry = context.restoreIndexes.get(root);
  if (!entry || entry.size !== list.length) {
    entry = {
      size: list.length,
      index: originIndex(list, (restore) => {
        if (!restore.write.wholeObject) return restore.write.target;
        const object = originOf(context.sourceCode, restore.write.object);
        return object.kind === 'module' || object.kind === 'global' ? object : undefined;
      }),
    };
    context.restoreIndexes.set(root, entry);
  }
  return entry.index;
}

/** Was the parent object replaced by a fresh object before the write (earlier in its function, or in a before hook)? */
function replacedBefore(context: Context, parent: SharedOrigin, write: Write, site: TSESTree.Node): boolean {
  const fn = enclosingFunction(site);
  return context.replacements.some((replacement) => {
    if (!replacement.target || !sameOrigin(replacement.target, parent) || replacement === write) return false;
    if (enclosingFunction(replacement.node) === fn && replacement.node.range[1] <= site.range[0]) return true;
    const placement = placeOf(context, replacement.node);
    const writer = placeOf(context, site);
    return (
      placement.kind === 'registration' &&
      placement.registration.role.kind === 'hook' &&
      (placement.registration.role.hook === 'beforeEach' || placement.registration.role.hook === 'beforeAll') &&
      writer.kind === 'registration' &&
      covers(placement.registration, writer.registration)
    );
  });
}

/** A fresh copy installed before every test means a write in one test cannot reach the next. */
function refreshedBeforeEach(context: Context, write: Write, registration: Registration): boolean {
  return context.replacements.some((replacement) => {
    if (!replacement.target || !write.target || !isPrefixOrigin(replacement.target, write.target)) return false;
    const placement = placeOf(context, replacement.node);
    return (
      placement.kind === 'registration' &&
      placement.registration.role.kind === 'hook' &&
      placement.registration.role.hook === 'beforeEach' &&
      covers(placement.registration, registration)
    );
  });
}

/** Does a hook registered in some describe (or at file level) run around `registration`? */
function covers(hook: Registration, registration: Registration): boolean {
  for (let scope: Registration | undefined = registration.parent; ; scope = scope.parent) {
    if (scope === hook.parent) return true;
    if (!scope) return false;
  }
}

/** The test or hook a cleanup registration (`t.after`, `onTestFinished`) belongs to. */
/** The tests (or hooks) a cleanup registers on: where its call runs, through the helpers that make it. */
function ownersOf(context: Context, cleanup: Registration): Registration[] {
  return placesOf(context, cleanup.call, 0).flatMap((placement) => (placement.kind === 'registration' ? [placement.registration] : []));
}

/** Where a node really runs: through helpers, to the registrations (or file level) that call them. */
function placesOf(context: Context, node: TSESTree.Node, depth: number): Placement[] {
  return depth > 0 ? placesFrom(context, node, depth) : memo(context.places, node, () => placesFrom(context, node, 0));
}

function placesFrom(context: Context, node: TSESTree.Node, depth: number): Placement[] {
  const placement = placeOf(context, node);
  const calls = depth < MAX_HELPER_DEPTH ? calledFrom(context, placement) : undefined;
  if (placement.kind !== 'helper') return [placement, ...(calls ?? []).flatMap((call) => placesOf(context, call, depth + 1))];
  if (!calls || calls.length === 0) return [placement];
  return calls.flatMap((call) => placesOf(context, call, depth + 1));
}

/** The nodes through which a restore runs: the restore itself and, through helpers, their call sites. */
function runSites(context: Context, node: TSESTree.Node, depth: number): TSESTree.Node[] {
  return depth > 0 ? runSitesFrom(context, node, depth) : memo(context.runs, node, () => runSitesFrom(context, node, 0));
}

function runSitesFrom(context: Context, node: TSESTree.Node, depth: number): TSESTree.Node[] {
  const placement = placeOf(context, node);
  const calls = depth < MAX_HELPER_DEPTH ? (calledFrom(context, placement) ?? []) : [];
  return [node, ...calls.flatMap((call) => runSites(context, call, depth + 1))];
}

/** Calls of the named function a placement is in: a helper, or a hook callback also called by name. */
function calledFrom(context: Context, placement: Placement): TSESTree.CallExpression[] | undefined {
  if (placement.kind === 'helper') return callSitesOf(context.sourceCode, placement.helper);
  if (placement.kind === 'registration' && placement.registration.callback) {
    return callSitesOf(context.sourceCode, placement.registration.callback)?.filter((call) => call !== placement.registration.call);
  }
  return undefined;
}

/** `try { ... } finally { restore }` after (or around) the write, in the same function. */
function coveredByFinally(context: Context, write: Write, site: TSESTree.Node): boolean {
  const index = finallyIndexOf(context);
  if (index.byFunction.size === 0) return false;
  const matches = new Set(matching(context, write, site));
  if (matches.size === 0) return false;
  // A later try/finally in the writing function, or one whose try block holds the write.
  for (const { restore, statement } of index.byFunction.get(enclosingFunction(site)) ?? []) {
    if (!matches.has(restore)) continue;
    const guarded = statement.type === T.TryStatement ? [statement.block, statement.handler] : [];
    if (site.range[1] <= statement.range[0] || guarded.some((block) => block && contains(block, site))) {
      return true;
    }
  }
  // A try/finally in an outer function whose try block holds the write (`try { await t.test(...) } finally {}`),
  // unless the write runs in a test or hook registered there and not awaited: the runner calls it
  // after the `finally` has run (`try { describe(() => { before(write) }) } finally { restore }`).
  let deferred = false;
  for (let node = site.parent; node; node = node.parent) {
    if (isFunction(node) && runsAfterRegistering(context, node)) deferred = true;
    if (node.type !== T.TryStatement || !node.finalizer || deferred) continue;
    if (!contains(node.block, site) && !(node.handler && contains(node.handler, site))) continue;
    if ((index.byStatement.get(node) ?? []).some((restore) => matches.has(restore))) return true;
  }
  return false;
}

/**
 * Is `fn` the callback of a test or hook registered while the file loads? The runner calls it only
 * once the file is loaded, after the code around the registration has finished. A describe's body
 * runs while it registers, and so does a subtest started inside a running test (node:test's
 * `t.test(...)`, awaited or not: checked with Node 20).
 */
function runsAfterRegistering(context: Context, fn: FunctionNode): boolean {
  return (context.structure.byCallback.get(fn) ?? []).some((registration) => registration.role.kind !== 'describe' && !withinTest(registration));
}

function withinTest(registration: Registration): boolean {
  for (let parent = registration.parent; parent; parent = parent.parent) if (parent.role.kind === 'test') return true;
  return false;
}

/** The statements that run a restore of the write (directly or through a helper's call). */
function restoreStatements(context: Context, write: Write, site: TSESTree.Node): Set<TSESTree.Node> {
  const statements = new Set<TSESTree.Node>();
  for (const restore of matching(context, write, site)) {
    for (const run of runSites(context, restore.write.node, 0)) {
      const statement = statementOf(run);
      if (statement) statements.add(statement);
    }
  }
  return statements;
}

/**
 * `try { write; ...; restore } catch { restore; ... }` in the writing function: the restore ends the
 * try block (nothing leaves it early before) and opens the catch, so every way out of the try runs
 * it, as a `finally` would. The write comes before the try, or in its block before the restore.
 */
function coveredOnBothPaths(context: Context, write: Write, site: TSESTree.Node): boolean {
  const restores = restoreStatements(context, write, site);
  const fn = enclosingFunction(site);
  for (const statement of restores) {
    const block = statement.parent;
    const guarded = block?.parent;
    // The promise twin: `await x.then(A).catch(B)` (or returned), A ending with the restore and B opening with it.
    if (block?.type === T.BlockStatement && guarded && isFunction(guarded) && guarded.body === block) {
      const chain = catchChainedOn(guarded);
      if (!chain || !isAwaited(chain.call) || enclosingFunction(chain.call) !== fn || site.range[1] > chain.call.range[0]) continue;
      if (!restoresFirst(chain.handler, restores)) continue;
      if (!block.body.slice(0, block.body.indexOf(statement as TSESTree.Statement)).some((s) => mayLeave(s))) return true;
      continue;
    }
    if (block?.type !== T.BlockStatement || guarded?.type !== T.TryStatement || guarded.block !== block || enclosingFunction(guarded) !== fn) continue;
    if (!guarded.handler || !restoresFirst(guarded.handler.body, restores)) continue;
    if (!(site.range[1] <= guarded.range[0] || (contains(block, site) && site.range[1] <= statement.range[0]))) continue;
    const before = block.body.slice(0, block.body.indexOf(statement as TSESTree.Statement));
    if (!before.some((s) => mayLeave(s))) return true;
  }
  return false;
}

/**
 * A test that ends only by calling its `done` parameter, where every such call comes after a
 * restore of the write on a path that failures cannot skip: after a restore opening a failure
 * handler (`catch`, `.catch(B)`), after a restore in a block whose throws land in such a handler,
 * or inside a `try` whose `finally` restores. Only a timeout (`done` never called) skips it.
 */
function everyEndRestores(context: Context, write: Write, site: TSESTree.Node, registration: Registration): boolean {
  const param = registration.callback?.params[0];
  if (!registration.callback || param?.type !== T.Identifier) return false;
  const done = context.sourceCode.getDeclaredVariables(registration.callback).find((variable) => variable.name === param.name);
  const ends = done?.references ?? [];
  if (ends.length === 0) return false;
  const restores = restoreStatements(context, write, site);
  if (restores.size === 0) return false;
  const finallyRestores = new Set(matching(context, write, site));
  const index = finallyIndexOf(context);
  return ends.every((reference) => {
    const call = reference.identifier.parent;
    if (call?.type !== T.CallExpression || call.callee !== reference.identifier) return false;
    const statement = call.parent;
    if (statement?.type !== T.ExpressionStatement && statement?.type !== T.ReturnStatement) return false;
    if (endsBeforeWrite(statement, site)) return true;
    // Inside a try (same function) whose finally restores.
    let child: TSESTree.Node = statement;
    for (let current: TSESTree.Node | undefined = statement.parent; current && !isFunction(current); child = current, current = current.parent) {
      if (current.type === T.TryStatement && current.finalizer && current.finalizer !== child && (index.byStatement.get(current) ?? []).some((r) => finallyRestores.has(r))) return true;
    }
    const block = statement.parent;
    if (block?.type !== T.BlockStatement) return false;
    const before = block.body.slice(0, block.body.indexOf(statement));
    const restored = before.some((s) => restores.has(s) && !(contains(block, site) && s.range[0] < site.range[0]));
    if (!restored) return false;
    if (isFailureHandler(block)) return restoresFirst(block, restores);
    const handler = handlerOf(block);
    return handler !== undefined && restoresFirst(handler, restores);
  });
}

/** `done(); return;` (or `return done();`) earlier in the writing function: that way out ends the test before the write. */
function endsBeforeWrite(statement: TSESTree.ExpressionStatement | TSESTree.ReturnStatement, site: TSESTree.Node): boolean {
  if (enclosingFunction(statement) !== enclosingFunction(site) || statement.range[1] > site.range[0]) return false;
  if (statement.type === T.ReturnStatement) return true;
  const block = statement.parent;
  if (block?.type !== T.BlockStatement) return false;
  return block.body[block.body.indexOf(statement) + 1]?.type === T.ReturnStatement;
}

/**
 * Is `fn` an immediately invoked function whose body finishes as part of the code around it:
 * `(() => { try { ... } finally { restore } })()`? An async one only where its promise is awaited or
 * handed back to the caller (`return (async () => { ... })()`); left floating, its `finally` may
 * run after the test has ended. Generators run nothing until iterated.
 */
function runsOnTheSpot(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== T.CallExpression || call.callee !== fn || fn.generator) return false;
  if (!fn.async) return true;
  const use = call.parent;
  return use?.type === T.AwaitExpression || use?.type === T.ReturnStatement || (use !== undefined && isFunction(use) && use.body === call);
}

interface FinallyIndex {
  /** Restores that run in a `finally`, by the function holding the try statement. */
  readonly byFunction: Map<FunctionNode | undefined, { restore: Restore; statement: Finalizer }[]>;
  readonly byStatement: Map<Finalizer, Restore[]>;
}

function finallyIndexOf(context: Context): FinallyIndex {
  if (context.finallyIndex.current) return context.finallyIndex.current;
  const index: FinallyIndex = { byFunction: new Map(), byStatement: new Map() };
  for (const list of context.restoresByRoot.values()) {
    for (const restore of list) {
      for (const run of runSites(context, restore.write.node, 0)) {
        const statement = finalizerOf(context, run);
        if (!statement) continue;
        // A `finally` in a function called on the spot runs as part of the function around that call.
        let fn = enclosingFunction(statement);
        for (let depth = 0; depth < MAX_HELPER_DEPTH; depth++) {
          const entries = index.byFunction.get(fn) ?? [];
          index.byFunction.set(fn, entries);
          entries.push({ restore, statement });
          if (!fn || !runsOnTheSpot(fn)) break;
          fn = enclosingFunction(fn);
        }
        const restores = index.byStatement.get(statement) ?? [];
        index.byStatement.set(statement, restores);
        restores.push(restore);
      }
    }
  }
  context.finallyIndex.current = index;
  return index;
}

/**
 * A restore inside a function that the writing function hands back (`return () => { mod.x = saved }`),
 * or in the `[Symbol.dispose]()` of the object it returns where every caller declares that with `using`.
 */
function coveredByTeardown(context: Context, write: Write, writer: FunctionNode): boolean {
  return matching(context, write, write.node).some(
    (restore) =>
      runSites(context, restore.write.node, 0).some((run) => {
        const placement = placeOf(context, run);
        return placement.kind === 'teardown' && placement.returnedBy === writer && (!placement.disposer || alwaysDisposed(context.sourceCode, writer));
      }) || calledAsTeardownMethod(context, restore.write.node, writer),
  );
}

/**
 * Is `node` in a method of the object `writer` returns (`return { stop: () => process.off(ev, l) }`),
 * and does every caller keep that object and call the method where it always runs: a `finally`, an
 * after hook, a cleanup (`const tr = track(); try { ... } finally { tr.stop() }`)? Unlike a returned
 * function, a returned object's methods may do anything: only a call in such a place counts.
 */
function calledAsTeardownMethod(context: Context, node: TSESTree.Node, writer: FunctionNode): boolean {
  const method = enclosingFunction(node);
  const property = method?.parent;
  if (property?.type !== T.Property || property.value !== method || property.computed || property.key.type !== T.Identifier) return false;
  const object = property.parent;
  const use = object.parent;
  const returned = use?.type === T.ReturnStatement ? enclosingFunction(use) === writer : use === writer && writer.body === object;
  if (!returned) return false;
  const name = property.key.name;
  const calls = callSitesOf(context.sourceCode, writer);
  if (!calls || calls.length === 0) return false;
  return calls.every((call) => {
    const value = call.parent?.type === T.AwaitExpression ? call.parent : call;
    const declarator = value.parent;
    if (declarator?.type !== T.VariableDeclarator || declarator.init !== value || declarator.id.type !== T.Identifier) return false;
    const handle = context.sourceCode.getDeclaredVariables(declarator)[0];
    return (handle?.references ?? []).some((reference) => {
      const member = reference.identifier.parent;
      const stop = member?.parent;
      return (
        member?.type === T.MemberExpression &&
        member.object === reference.identifier &&
        !member.computed &&
        member.property.type === T.Identifier &&
        member.property.name === name &&
        stop?.type === T.CallExpression &&
        stop.callee === member &&
        runsAsTeardown(context, stop)
      );
    });
  });
}

/** A restore later in the same function, outside `finally`: skipped when the test fails first. */
function happyPath(context: Context, write: Write, site: TSESTree.Node, laterTests: boolean): Verdict | undefined {
  const fn = enclosingFunction(site);
  for (const restore of matching(context, write, site)) {
    for (const run of runSites(context, restore.write.node, 0)) {
      if (enclosingFunction(run) === fn && run.range[0] >= site.range[1] && !inFinalizer(context, run)) {
        return { kind: 'skippedOnFailure', restore: run, laterTests, onlyIfCodeThrows: skippedOnlyByAThrow(context.sourceCode, context.structure, site, run) };
      }
    }
  }
  return undefined;
}

/**
 * What runs a restore whatever happens before it: a `try` statement's `finally` block, or the
 * callback of a `.finally(...)` on a promise the test awaits or returns.
 */
type Finalizer = TSESTree.TryStatement | TSESTree.CallExpression;

/** The finalizer whose block holds the node, within the node's own function. */
function finalizerOwner(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Finalizer | undefined {
  if (node.type === T.CallExpression && isSettledEitherWay(sourceCode, node)) return node;
  let child: TSESTree.Node = node;
  for (let current = node.parent; current; child = current, current = current.parent) {
    if (current.type === T.TryStatement && current.finalizer === child) return current;
    if (current.type === T.FunctionDeclaration || current.type === T.FunctionExpression || current.type === T.ArrowFunctionExpression) {
      return promiseFinally(current);
    }
  }
  return undefined;
}

/** `await run().finally(fn)` or `return run().finally(fn)`: the call, when `fn` is its callback. */
function promiseFinally(fn: FunctionNode): TSESTree.CallExpression | undefined {
  const call = fn.parent;
  if (call?.type !== T.CallExpression || call.arguments[0] !== fn) return undefined;
  const callee = call.callee;
  if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier || callee.property.name !== 'finally') return undefined;
  return isAwaited(call) ? call : undefined;
}

/** Is the value of this expression awaited or returned (so the test waits for it)? */
function isAwaited(node: TSESTree.Node): boolean {
  let use: TSESTree.Node = node;
  while (use.parent && (use.parent.type === T.ChainExpression || use.parent.type === T.TSAsExpression || use.parent.type === T.TSNonNullExpression)) use = use.parent;
  const parent = use.parent;
  return parent?.type === T.AwaitExpression || parent?.type === T.ReturnStatement || (parent?.type === T.ArrowFunctionExpression && parent.body === use);
}

/**
 * `promise.then(restore, restore)` with the same function for both outcomes, on a promise the test
 * awaits or returns (the call itself, or the variable it is called on): the restore runs whether
 * the promise settles one way or the other, before the runner goes on (knex's stream test).
 */
function isSettledEitherWay(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier || callee.property.name !== 'then') return false;
  const [onFulfilled, onRejected] = call.arguments.map((argument) => unwrap(argument));
  if (onFulfilled?.type !== T.Identifier || onRejected?.type !== T.Identifier) return false;
  const settle = variableOf(sourceCode, onFulfilled);
  if (!settle || settle !== variableOf(sourceCode, onRejected)) return false;
  if (isAwaited(call)) return true;
  const promise = unwrap(callee.object);
  const variable = promise.type === T.Identifier ? variableOf(sourceCode, promise) : undefined;
  // One promise: the variable is set once.
  if (!variable || writesOf(variable).length !== 1) return false;
  return (variable?.references ?? []).some((reference) => reference.identifier !== promise && call.range[1] <= reference.identifier.range[0] && isAwaited(reference.identifier));
}

function finalizerOf(context: Context, node: TSESTree.Node): Finalizer | undefined {
  return memo(context.finalizers, node, () => finalizerOwner(context.sourceCode, node));
}

function inFinalizer(context: Context, node: TSESTree.Node): boolean {
  return finalizerOf(context, node) !== undefined;
}
