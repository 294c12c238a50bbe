/**
 * Which tests run after this one? Runners run a file's tests in the order they are registered, and
 * registration follows the source: describe bodies run while the file loads, in order; Mocha runs
 * a describe's own tests before its nested describes (RUNTIME-FACTS 42). A skipped test
 * (`it.skip`, `xit`, inside `describe.skip`) runs no hooks, so a `beforeEach` reset before it
 * undoes nothing. A test
 * registered in a loop, in a helper function, or with `.each`/`.for` runs more than once, so it runs
 * after itself. A describe that holds every test of the file is the file itself: its body and its
 * hooks set up the file's baseline exactly as the top level does.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isFunction } from '../values/file-index.js';
import { REPEATING_MODIFIERS, SKIPPING_GLOBALS, SKIPPING_MODIFIERS } from './frameworks.js';
import { runsOwnTestsFirst } from './isolation.js';
import type { Registration, TestStructure } from './test-structure.js';

interface Order {
  readonly tests: readonly Registration[];
  readonly repeated: Map<Registration, boolean>;
  readonly wholeFile: Map<Registration, boolean>;
  /** Each test's place in the order the runner runs them; made on first use. */
  ranks?: ReadonlyMap<Registration, number>;
}

const cache = new WeakMap<TestStructure, Order>();

function orderOf(structure: TestStructure): Order {
  let order = cache.get(structure);
  if (!order) {
    order = { tests: structure.registrations.filter((r) => r.role.kind === 'test'), repeated: new Map(), wholeFile: new Map() };
    cache.set(structure, order);
  }
  return order;
}

/** Does the registration run more than once: in a loop, a helper, `.each`, or inside a describe that does? */
export function isRepeated(structure: TestStructure, registration: Registration): boolean {
  const order = orderOf(structure);
  const known = order.repeated.get(registration);
  if (known !== undefined) return known;
  order.repeated.set(registration, true); // a cycle counts as repeated
  const repeated = computeRepeated(structure, registration);
  order.repeated.set(registration, repeated);
  return repeated;
}

function computeRepeated(structure: TestStructure, registration: Registration): boolean {
  if (hasRepeatingModifier(registration.call.callee)) return true;
  for (let node: TSESTree.Node | undefined = registration.call.parent; node; node = node.parent) {
    switch (node.type) {
      case T.ForStatement:
      case T.ForInStatement:
      case T.ForOfStatement:
      case T.WhileStatement:
      case T.DoWhileStatement:
        return true;
      default:
        break;
    }
    if (!isFunction(node)) continue;
    // Inside another registration's callback: repeated when that registration is.
    const owner = structure.byCallback.get(node)?.find((r) => r.role.kind === 'describe' || r.role.kind === 'test');
    if (!owner) return true; // a helper, a `forEach` callback: called any number of times
    return isRepeated(structure, owner);
  }
  return false;
}

/** `it.each(table)(...)`, `describe.for(cases)(...)`, a tagged template table: the callee is itself a call. */
export function hasRepeatingModifier(callee: TSESTree.Node): boolean {
  for (let node: TSESTree.Node = callee; ; ) {
    if (node.type === T.CallExpression) node = node.callee;
    else if (node.type === T.TaggedTemplateExpression) node = node.tag;
    else if (node.type === T.MemberExpression) {
      if (!node.computed && node.property.type === T.Identifier && REPEATING_MODIFIERS.has(node.property.name)) return true;
      node = node.object;
    } else return false;
  }
}

/** Is `registration` inside `scope` (a describe or test); every registration is inside the file (undefined)? */
export function isWithin(registration: Registration, scope: Registration | undefined): boolean {
  if (!scope) return true;
  for (let current = registration.parent; current; current = current.parent) if (current === scope) return true;
  return false;
}

/**
 * Does any test run after `registration` (a test, or a hook of its block) outside `scope`, the block
 * that a reset protects (undefined: no reset, every later test counts; null: the whole file)?
 */
export function testsRunAfter(structure: TestStructure, registration: Registration, scope: Registration | null | undefined): boolean {
  if (scope === null) return false;
  return laterTestWhere(structure, registration, (test) => scope === undefined || (test !== scope && !isWithin(test, scope)));
}

/** Does any test of `scope` (a describe, or the file) really run after `registration`: one not skipped? */
export function testsRunAfterWithin(structure: TestStructure, registration: Registration, scope: Registration | undefined): boolean {
  return testsRunAfterWhere(structure, registration, (test) => isWithin(test, scope));
}

/** Does a test that really runs (one not skipped) after `registration` pass `include`? */
export function testsRunAfterWhere(structure: TestStructure, registration: Registration, include: (test: Registration) => boolean): boolean {
  return laterTestWhere(structure, registration, (test) => !isSkipped(test) && include(test));
}

/** The tests that run after a test, in the order the runner runs them, skipped ones left out (the test itself is not among them). */
export function testsInRunOrderAfter(structure: TestStructure, registration: Registration): Registration[] {
  const run = runOf(structure);
  const from = run.ranks.get(registration);
  if (from === undefined) return [];
  return run.byRank.slice(from + 1).filter((test) => test !== registration && !isSkipped(test));
}

/** The modifiers chained on the registration and on every describe around it (`test.skipIf(c)`, `describe.concurrent`). */
export function modifiersOf(registration: Registration): Set<string> {
  const found = new Set<string>();
  for (let current: Registration | undefined = registration; current; current = current.parent) {
    for (let node: TSESTree.Node = current.call.callee; ; ) {
      if (node.type === T.CallExpression) node = node.callee;
      else if (node.type === T.TaggedTemplateExpression) node = node.tag;
      else if (node.type === T.MemberExpression) {
        if (!node.computed && node.property.type === T.Identifier) found.add(node.property.name);
        node = node.object;
      } else break;
    }
  }
  return found;
}

/** Is the test (or a describe around it) registered not to run: `it.skip`, `test.todo`, `xit`, `describe.skip`? */
export function isSkipped(registration: Registration): boolean {
  for (let current: Registration | undefined = registration; current; current = current.parent) {
    for (let node: TSESTree.Node = current.call.callee; ; ) {
      if (node.type === T.CallExpression) node = node.callee;
      else if (node.type === T.MemberExpression) {
        if (!node.computed && node.property.type === T.Identifier && SKIPPING_MODIFIERS.has(node.property.name)) return true;
        node = node.object;
      } else {
        // The role was resolved through scope: an identifier here is the framework's own function.
        if (node.type === T.Identifier && SKIPPING_GLOBALS.has(node.name)) return true;
        break;
      }
    }
  }
  return false;
}

/**
 * Each test's place in the run: source order, or under Mocha, within each block its own tests
 * (in source order) before its nested describes (in source order).
 */
function ranksOf(structure: TestStructure): ReadonlyMap<Registration, number> {
  const order = orderOf(structure);
  if (order.ranks) return order.ranks;
  const tests = [...order.tests];
  if (runsOwnTestsFirst(structure.frameworks, structure.filename)) tests.sort(mochaOrder);
  order.ranks = new Map(tests.map((test, i) => [test, i]));
  return order.ranks;
}

function mochaOrder(a: Registration, b: Registration): number {
  const chainA = chainOf(a);
  const chainB = chainOf(b);
  for (let i = 0; i < Math.min(chainA.length, chainB.length); i++) {
    const x = chainA[i] as Registration;
    const y = chainB[i] as Registration;
    if (x === y) continue;
    // Siblings in one block: its own tests first, then its describes.
    const xTest = x.role.kind === 'test' ? 0 : 1;
    const yTest = y.role.kind === 'test' ? 0 : 1;
    return xTest - yTest || x.call.range[0] - y.call.range[0];
  }
  return a.call.range[0] - b.call.range[0];
}

/** The registrations from the file's top level down to `registration`. */
function chainOf(registration: Registration): Registration[] {
  const chain: Registration[] = [];
  for (let current: Registration | undefined = registration; current; current = current.parent) chain.unshift(current);
  return chain;
}

/** Does the block (a describe, or the file) run more than one test, or one test more than once? */
export function runsSeveralTests(structure: TestStructure, scope: Registration | undefined): boolean {
  const tests = orderOf(structure).tests.filter((test) => isWithin(test, scope));
  return tests.length > 1 || tests.some((test) => isRepeated(structure, test));
}

/** A test that runs after `registration` and passes `include`: a repeated test runs after itself. */
function laterTestWhere(structure: TestStructure, registration: Registration, include: (test: Registration) => boolean): boolean {
  if (registration.role.kind === 'test' && isRepeated(structure, registration) && include(registration)) return true;
  // After a hook, the tests that run after its block's last one; after a test, every test that runs after it.
  const run = runOf(structure);
  let from: number;
  if (registration.role.kind === 'test') from = run.ranks.get(registration) ?? Infinity;
  else {
    const block = registration.parent;
    const last = block ? run.lastInBlock.get(block) : undefined;
    // A block with no tests of its own: the tests written after it run after it.
    from = !block ? Infinity : last !== undefined ? last : firstWrittenAfter(run, block.call.range[1]) - 0.5;
  }
  // The tests in run order, from the first one ranked after `from`.
  for (let rank = Number.isFinite(from) ? Math.max(0, Math.floor(from) + 1) : run.byRank.length; rank < run.byRank.length; rank++) {
    const test = run.byRank[rank] as Registration;
    if (test !== registration && include(test)) return true;
  }
  return false;
}

/** The tests in run order, and what a hook's question needs, computed once per file instead of once per question. */
interface Run {
  readonly ranks: ReadonlyMap<Registration, number>;
  readonly byRank: readonly Registration[];
  /** The rank of the last test run within each block (a describe, or a test holding subtests). */
  readonly lastInBlock: ReadonlyMap<Registration, number>;
  /** The tests in file order, and for each position the lowest rank from there to the end. */
  readonly written: readonly Registration[];
  readonly lowestFrom: readonly number[];
}

const runs = new WeakMap<TestStructure, Run>();

function runOf(structure: TestStructure): Run {
  const known = runs.get(structure);
  if (known) return known;
  const ranks = ranksOf(structure);
  const written = orderOf(structure).tests;
  const byRank: Registration[] = [];
  const lastInBlock = new Map<Registration, number>();
  for (const test of written) {
    const rank = ranks.get(test) ?? Infinity;
    byRank[rank] = test;
    for (let block = test.parent; block; block = block.parent) lastInBlock.set(block, Math.max(lastInBlock.get(block) ?? -Infinity, rank));
  }
  const lowestFrom: number[] = new Array<number>(written.length);
  for (let i = written.length - 1, lowest = Infinity; i >= 0; i--) {
    lowest = Math.min(lowest, ranks.get(written[i] as Registration) ?? Infinity);
    lowestFrom[i] = lowest;
  }
  const run = { ranks, byRank, lastInBlock, written, lowestFrom };
  runs.set(structure, run);
  return run;
}

/** The lowest rank among the tests written after `offset` (Infinity when none is), found by halving the file order. */
function firstWrittenAfter(run: Run, offset: number): number {
  let low = 0;
  for (let high = run.written.length; low < high; ) {
    const middle = (low + high) >>> 1;
    if ((run.written[middle] as Registration).call.range[0] > offset) high = middle;
    else low = middle + 1;
  }
  return run.lowestFrom[low] ?? Infinity;
}

/** Is this describe (or the file, undefined) the file's own scope: a chain of describes that each hold every test of the file? */
export function isFileScope(structure: TestStructure, scope: Registration | undefined): boolean {
  if (!scope) return true;
  const order = orderOf(structure);
  const known = order.wholeFile.get(scope);
  if (known !== undefined) return known;
  const whole =
    scope.role.kind === 'describe' &&
    !isRepeated(structure, scope) &&
    isFileScope(structure, scope.parent) &&
    order.tests.every((test) => isWithin(test, scope));
  order.wholeFile.set(scope, whole);
  return whole;
}
