/**
 * What does a write put back, when it restores rather than patches? The saved original (read from
 * the same member before), a saved descriptor, a fresh copy of a parent object, a `delete` of what
 * the tests added, a saved copy spliced back into an array, or the saved original passed to a
 * setter helper. How far it reaches (the member, everything below it, or the saved object itself)
 * decides which writes it undoes (restore.ts).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { ANY_KEY, originOf, sameOrigin, unwrap, variableOf, type SharedOrigin } from '../values/binding.js';
import { indexOf } from '../values/file-index.js';
import { handlesOf } from './handles.js';
import { environmentVariable, isProvidedEnvironmentVariable, type HookKind } from '../runner/frameworks.js';
import type { Write } from '../writes/patch-write.js';
import { callSitesOf, inAfterHook, placementOf } from '../runner/placement.js';
import { takeAwayRestores } from './take-away.js';
import type { TestStructure } from '../runner/test-structure.js';

/** How much of the target a restore puts back. */
export type Reach = 'exact' | 'subtree' | 'reference';

/** What a write puts back, when it is a restore rather than a patch. */
export function restoreReach(sourceCode: TSESLint.SourceCode, write: Write, structure?: TestStructure): Reach | undefined {
  if (!write.target || !write.value) {
    if (write.form !== 'delete') return undefined;
    // After faking an own member (`Math.random`, `fs.readFileSync`) a delete takes the original away too (take-away.ts).
    if (write.target && !takeAwayRestores(sourceCode, write)) return undefined;
    // In an after hook even a variable the environment provides is taken away, and the test's value with it;
    // that the environment's value is lost is a finding of the delete itself (restore.ts).
    return (structure !== undefined && inAfterHook(structure, sourceCode, write.node)) || !(write.target && deletesProvidedValue(write.target)) ? 'exact' : undefined;
  }
  const value = originOf(sourceCode, write.value);
  if (write.wholeObject) {
    const object = originOf(sourceCode, write.object);
    return value.kind === 'copy' && sameOrigin(value.of, object) ? 'subtree' : undefined;
  }
  if (write.form === 'define') return descriptorRestores(sourceCode, write.value, write.target) ? 'exact' : undefined;
  if (write.form !== 'assign') return undefined;
  if (value.kind === 'copy' && sameOrigin(value.of, write.target)) {
    // A copy made once and put back by reference before or after each test: from then on, writes land in the copy itself.
    const saved = savedIn(sourceCode, write.value);
    const once = saved && structure && (isHook(structure, sourceCode, write.node, 'afterEach') || isHook(structure, sourceCode, write.node, 'beforeEach')) && !saved.references.some((r) => r.isWrite() && isHook(structure, sourceCode, r.identifier, 'beforeEach'));
    return once ? 'reference' : 'subtree';
  }
  if (sameOrigin(value, write.target)) return 'reference';
  // An original kept where the file reaches it again: Mocha's `this` context of the describe, a member of an object (handles.ts).
  if (structure && (value.kind === 'unknown' || value.kind === 'local') && keptOriginal(sourceCode, structure, write.value, write.target)) return 'reference';
  // A variable saved again before each test (`beforeEach(() => { saved = process.env })`), whatever else it holds in between.
  const saved = structure && value.kind === 'unknown' ? savedIn(sourceCode, write.value) : undefined;
  const target = write.target;
  const savedEachTest = saved?.references.filter((r) => r.isWrite() && r.writeExpr && isHook(structure as TestStructure, sourceCode, r.identifier, 'beforeEach'));
  if (!savedEachTest || savedEachTest.length === 0) return undefined;
  const origins = savedEachTest.map((r) => originOf(sourceCode, r.writeExpr as TSESTree.Node));
  if (origins.every((o) => sameOrigin(o, target))) return 'reference';
  return origins.every((o) => o.kind === 'copy' && sameOrigin(o.of, target)) ? 'subtree' : undefined;
}

/**
 * `delete process.env.CI` loses the value the environment gave: outside an after hook it undoes a
 * test's write only for variables that nothing but the tests and the code under test set.
 */
export function deletesProvidedValue(target: SharedOrigin): boolean {
  const name = environmentVariable(target);
  return name !== undefined && isProvidedEnvironmentVariable(name);
}

/** Is every value the file keeps where `value` reads from (`this.original`, `saved.readFile`) the target's original? */
function keptOriginal(sourceCode: TSESLint.SourceCode, structure: TestStructure, value: TSESTree.Node, target: SharedOrigin): boolean {
  const kept = handlesOf(sourceCode, structure).valuesKeptIn(value);
  return kept !== undefined && kept.every((original) => sameOrigin(originOf(sourceCode, original), target));
}

/** The variable a value is read from, when it is a plain name. */
function savedIn(sourceCode: TSESLint.SourceCode, value: TSESTree.Node): TSESLint.Scope.Variable | undefined {
  const expr = unwrap(value);
  return expr.type === T.Identifier ? variableOf(sourceCode, expr) : undefined;
}

/** Does this code run in a hook of this kind (directly in its callback)? */
function isHook(structure: TestStructure, sourceCode: TSESLint.SourceCode, node: TSESTree.Node, hook: HookKind): boolean {
  const placement = placementOf(structure, sourceCode, node);
  return placement.kind === 'registration' && placement.registration.role.kind === 'hook' && placement.registration.role.hook === hook;
}

/** A saved descriptor of the target, or `{ value: saved, ... }`. */
function descriptorRestores(sourceCode: TSESLint.SourceCode, descriptor: TSESTree.Node, target: SharedOrigin): boolean {
  const origin = originOf(sourceCode, descriptor);
  if (origin.kind === 'descriptor' && sameOrigin(origin.of, target)) return true;
  const literal = unwrap(descriptor);
  if (literal.type !== T.ObjectExpression) return false;
  return literal.properties.some(
    (p) =>
      p.type === T.Property &&
      !p.computed &&
      p.key.type === T.Identifier &&
      p.key.name === 'value' &&
      sameOrigin(originOf(sourceCode, p.value), target),
  );
}

/**
 * The calls of the helper a write is in that pass the saved original as the value it writes:
 * `const setVersion = (v) => { Object.defineProperty(process, 'version', { value: v }) }` called
 * as `setVersion(originalVersion)`.
 */
export function callsPassingOriginal(sourceCode: TSESLint.SourceCode, structure: TestStructure, write: Write): TSESTree.CallExpression[] {
  const placement = placementOf(structure, sourceCode, write.node);
  const target = write.target;
  if (placement.kind !== 'helper' || !target || !write.value) return [];
  const value = write.form === 'define' ? descriptorValue(write.value) : write.form === 'assign' ? unwrap(write.value) : undefined;
  if (value?.type !== T.Identifier) return [];
  const def = variableOf(sourceCode, value)?.defs[0];
  if (def?.type !== 'Parameter' || def.node !== placement.helper) return [];
  const index = placement.helper.params.indexOf(def.name as TSESTree.Parameter);
  if (index < 0) return [];
  return (callSitesOf(sourceCode, placement.helper) ?? []).filter((call) => {
    const argument = call.arguments[index];
    return argument !== undefined && argument.type !== T.SpreadElement && sameOrigin(originOf(sourceCode, argument), target);
  });
}

/** `array.splice(0, n, ...saved)` with `saved` a copy of the same array: every element put back. */
export function spliceRestores(sourceCode: TSESLint.SourceCode): Write[] {
  const restores: Write[] = [];
  for (const call of indexOf(sourceCode).calls) {
    const callee = unwrap(call.callee);
    if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier || callee.property.name !== 'splice') continue;
    const spread = call.arguments.find((a) => a.type === T.SpreadElement);
    const first = call.arguments[0];
    if (spread?.type !== T.SpreadElement || first?.type !== T.Literal || first.value !== 0) continue;
    const array = originOf(sourceCode, callee.object);
    const saved = originOf(sourceCode, spread.argument);
    if ((array.kind !== 'module' && array.kind !== 'global') || saved.kind !== 'copy' || !sameOrigin(saved.of, array)) continue;
    restores.push({ node: call, form: 'assign', object: callee.object, key: ANY_KEY, value: spread.argument, wholeObject: true, keyText: undefined, keyNode: undefined, target: array });
  }
  return restores;
}

/** The `value` of a descriptor literal (`{ value: v, configurable: true }`). */
function descriptorValue(descriptor: TSESTree.Node): TSESTree.Node | undefined {
  const literal = unwrap(descriptor);
  if (literal.type !== T.ObjectExpression) return undefined;
  const property = literal.properties.find((p) => p.type === T.Property && !p.computed && p.key.type === T.Identifier && p.key.name === 'value');
  return property?.type === T.Property ? unwrap(property.value) : undefined;
}
