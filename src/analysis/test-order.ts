/**
 * Which tests run after this one? Runners run a file's tests in the order they are registered, and
 * registration follows the source: describe bodies run while the file loads, in order. A test
 * registered in a loop, in a helper function, or with `.each`/`.for` runs more than once, so it runs
 * after itself. A describe that holds every test of the file is the file itself: its body and its
 * hooks set up the file's baseline exactly as the top level does.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isFunction } from './file-index.js';
import { REPEATING_MODIFIERS } from './frameworks.js';
import type { Registration, TestStructure } from './test-structure.js';

interface Order {
  readonly tests: readonly Registration[];
  readonly repeated: Map<Registration, boolean>;
  readonly wholeFile: Map<Registration, boolean>;
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
function hasRepeatingModifier(callee: TSESTree.Node): boolean {
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

/** Does any test of `scope` (a describe, or the file) run after `registration`? */
export function testsRunAfterWithin(structure: TestStructure, registration: Registration, scope: Registration | undefined): boolean {
  return laterTestWhere(structure, registration, (test) => isWithin(test, scope));
}

/** Does the block (a describe, or the file) run more than one test, or one test more than once? */
export function runsSeveralTests(structure: TestStructure, scope: Registration | undefined): boolean {
  const tests = orderOf(structure).tests.filter((test) => isWithin(test, scope));
  return tests.length > 1 || tests.some((test) => isRepeated(structure, test));
}

/** A test that runs after `registration` and passes `include`: a repeated test runs after itself. */
function laterTestWhere(structure: TestStructure, registration: Registration, include: (test: Registration) => boolean): boolean {
  if (registration.role.kind === 'test' && isRepeated(structure, registration) && include(registration)) return true;
  // After a hook, the tests after the end of its block; after a test, every test registered after it.
  const from = registration.role.kind === 'test' ? registration.call.range[0] : (registration.parent?.call.range[1] ?? Infinity);
  // Tests are in file order: start at the first one registered after `from`, found by halving.
  const tests = orderOf(structure).tests;
  let low = 0;
  for (let high = tests.length; low < high; ) {
    const middle = (low + high) >>> 1;
    if ((tests[middle] as Registration).call.range[0] > from) high = middle;
    else low = middle + 1;
  }
  for (let i = low; i < tests.length; i++) {
    const test = tests[i] as Registration;
    if (test !== registration && include(test)) return true;
  }
  return false;
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
