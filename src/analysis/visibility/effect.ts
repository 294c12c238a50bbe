/**
 * Does a write or a fake change anything that later tests share? Not when it cannot happen (it is
 * the whole body of a function that the test expects to throw), when it changes a private copy of a
 * module (loaded inside `jest.isolateModules`), when it runs in a browser page rather than in the
 * test process (`page.evaluate(() => ...)`), when it only empties an array (`calls.length = 0`) or
 * rewinds a regular expression (`PATTERN.lastIndex = 0`, the state every match starts from), or
 * writes back the runtime's default (`process.exitCode = 0`), when the test expects it to fail,
 * or when it sets a hook that the language consults on no object it is set on
 * (`Blob.prototype[Symbol.hasInstance]`), or when it writes the literal that a helper module the
 * file imports already set for the whole process while it loaded (imported-baseline.ts; an import
 * of types only loads nothing).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isGlobal, matchesAny, originOf, unwrap, variableOf, writesOf } from '../values/binding.js';
import { contains, isFunction } from '../values/file-index.js';
import { EXPECTED_THROWS, MODULE_ISOLATORS, PAGE_CALLBACK_METHODS, RUNTIME_DEFAULTS } from '../runner/frameworks.js';
import { importSetsBaseline } from '../../project/imported-baseline.js';
import { initialValueOf } from '../../project/module-initial-values.js';
import { isRelativeSpecifier } from '../../project/module-file.js';
import type { Write } from '../writes/patch-write.js';

/** Members whose value 0 is the resting state: an empty array, a regular expression that matches from the start. */
const RESTING_AT_ZERO: ReadonlySet<string> = new Set(['length', 'lastIndex']);

/** Is this write a change that no later test can share? */
export function writeHasNoSharedEffect(sourceCode: TSESLint.SourceCode, write: Write, filename: string): boolean {
  if (RESTING_AT_ZERO.has(write.key) && write.form === 'assign' && write.value) {
    const value = unwrap(write.value);
    if (value.type === T.Literal && value.value === 0 && !dropsDefaults(write, filename)) return true;
  }
  return writesDefault(sourceCode, write) || writesImportedBaseline(sourceCode, write, filename) || instanceofHookOnPrototype(sourceCode, write) || expectedToFail(sourceCode, write.node) || callHasNoSharedEffect(sourceCode, write.node) || inIsolatedModules(sourceCode, write.object);
}

/**
 * `plugins.length = 0` on a list the project's own module fills when it loads (`exports.plugins =
 * ['core']`): emptying it drops the defaults for every later test. A list the module starts empty
 * holds only what the tests (or the code they ran) put in it.
 */
function dropsDefaults(write: Write, filename: string): boolean {
  const target = write.target;
  if (write.key !== 'length' || target?.kind !== 'module') return false;
  const list = initialValueOf(filename, target.source, target.path.slice(0, -1));
  return list?.kind === 'array' && list.length > 0;
}

/** `process.env.AUTOSTART = 'disabled'` where `./test-utils` set that value at its top level: no change. */
function writesImportedBaseline(sourceCode: TSESLint.SourceCode, write: Write, filename: string): boolean {
  const target = write.target;
  const value = write.value ? unwrap(write.value) : undefined;
  if (write.form !== 'assign' || value?.type !== T.Literal || value.value instanceof RegExp || target?.kind !== 'global') return false;
  const sources = relativeImportsOf(sourceCode, TYPESCRIPT_FILE.test(filename));
  return sources.length > 0 && importSetsBaseline(filename, sources, [target.name, ...target.path], value.value);
}

/**
 * Does a TypeScript file's import run nothing? TypeScript, esbuild (Vitest) and ts-node drop an
 * import whose names are all used as types only, or not at all (RUNTIME-FACTS 44); `import './x'`
 * and `import {} from './x'` stay.
 */
function importDropped(sourceCode: TSESLint.SourceCode, statement: TSESTree.ImportDeclaration): boolean {
  if (statement.importKind === 'type') return true;
  return (
    statement.specifiers.length > 0 &&
    statement.specifiers.every(
      (specifier) =>
        (specifier.type === T.ImportSpecifier && specifier.importKind === 'type') ||
        sourceCode.getDeclaredVariables(specifier).every((variable) => variable.references.every((reference) => !reference.isValueReference)),
    )
  );
}

const relativeImports = new WeakMap<TSESLint.SourceCode, readonly string[]>();

/** Files whose imports follow TypeScript's elision. */
const TYPESCRIPT_FILE = /\.[cm]?tsx?$/;

/** The relative modules the file loads at its top level: `import ... from './x'`, `require('./x')`; in TypeScript, not an import of types only. */
function relativeImportsOf(sourceCode: TSESLint.SourceCode, typescript: boolean): readonly string[] {
  let found = relativeImports.get(sourceCode);
  if (!found) {
    const sources: string[] = [];
    for (const statement of sourceCode.ast.body) {
      if (statement.type === T.ImportDeclaration && statement.importKind !== 'type' && !(typescript && importDropped(sourceCode, statement))) sources.push(statement.source.value);
      const declared = statement.type === T.VariableDeclaration ? statement.declarations.map((d) => d.init) : statement.type === T.ExpressionStatement ? [statement.expression] : [];
      for (const init of declared) {
        const call = init ? unwrap(init) : undefined;
        const argument = call?.type === T.CallExpression && call.callee.type === T.Identifier && call.callee.name === 'require' && isGlobal(sourceCode, call.callee) ? call.arguments[0] : undefined;
        if (argument?.type === T.Literal && typeof argument.value === 'string') sources.push(argument.value);
      }
    }
    found = sources.filter(isRelativeSpecifier);
    relativeImports.set(sourceCode, found);
  }
  return found;
}

/** `process.exitCode = 0`: the runtime's own default written back, as cleanup. */
function writesDefault(sourceCode: TSESLint.SourceCode, write: Write): boolean {
  const target = write.target;
  if (write.form !== 'assign' || !write.value || target?.kind !== 'global') return false;
  const known = RUNTIME_DEFAULTS.find((d) => d.global === target.name && d.path.length === target.path.length && d.path.every((key, i) => key === target.path[i]));
  if (!known) return false;
  const value = unwrap(write.value);
  if (value.type === T.Literal) return known.values.includes(value.value as number | null);
  return value.type === T.Identifier && value.name === 'undefined' && isGlobal(sourceCode, value) && known.values.includes(undefined);
}

/**
 * `Object.defineProperty(Blob.prototype, Symbol.hasInstance, ...)`: `instanceof` reads
 * `Symbol.hasInstance` from its right-hand operand, so `x instanceof Blob` still reads
 * `Blob[Symbol.hasInstance]`; the one on the prototype changes only `x instanceof Blob.prototype`
 * (or an instance on the right), which is no `instanceof` check anyone writes.
 */
function instanceofHookOnPrototype(sourceCode: TSESLint.SourceCode, write: Write): boolean {
  const object = unwrap(write.object);
  if (object.type !== T.MemberExpression || object.computed || object.property.type !== T.Identifier || object.property.name !== 'prototype') return false;
  const key = write.keyNode && originOf(sourceCode, write.keyNode);
  return key?.kind === 'global' && key.name === 'Symbol' && key.path.length === 1 && key.path[0] === 'hasInstance';
}

/**
 * `try { EventSource.OPEN = 666 } catch (e) { assert(e instanceof TypeError) }`: the write is the
 * whole `try` block and the `catch` checks the error, so the test expects the write to fail.
 */
function expectedToFail(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const statement = node.parent;
  const block = statement?.type === T.ExpressionStatement ? statement.parent : undefined;
  const attempt = block?.type === T.BlockStatement && block.body.length === 1 ? block.parent : undefined;
  const handler = attempt?.type === T.TryStatement && attempt.block === block ? attempt.handler : undefined;
  // The `catch` must look at the error it caught: `catch (e) { assert(e instanceof TypeError) }`.
  const param = handler?.param;
  if (!handler || param?.type !== T.Identifier) return false;
  const error = sourceCode.getDeclaredVariables(handler).find((v) => v.name === param.name);
  return !!error && error.references.some((reference) => contains(handler.body, reference.identifier));
}

/** Does this code (a write or a helper call) run where it changes nothing shared? */
export function callHasNoSharedEffect(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  return expectedToThrow(sourceCode, node) || inPageCallback(node);
}

/**
 * `expect(() => jest.spyOn(obj, 'missing')).toThrow()`: the node is the whole body of a function
 * expected to throw. Negated (`.not.toThrow()`, chai's `.to.not.throw()`), the function is expected
 * to run through: the write happens.
 */
function expectedToThrow(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  let body: TSESTree.Node = node;
  while (body.parent && (body.parent.type === T.ExpressionStatement || body.parent.type === T.ChainExpression)) body = body.parent;
  let fn: TSESTree.Node | undefined = body.parent;
  if (fn?.type === T.BlockStatement && fn.body.length === 1) fn = fn.parent;
  if (!fn || !isFunction(fn)) return false;
  const call = fn.parent;
  if (call?.type !== T.CallExpression || call.arguments[0] !== fn) return false;
  const callee = originOf(sourceCode, call.callee);
  if (matchesAny(callee, EXPECTED_THROWS.calls)) return true;
  if (!matchesAny(callee, EXPECTED_THROWS.expect)) return false;
  // Walk the chain to a matcher named like a throw; each `.not` on the way turns the expectation around.
  let negated = false;
  for (let link: TSESTree.Node = call; link.parent?.type === T.MemberExpression && link.parent.object === link; link = link.parent) {
    const property = link.parent.property;
    if (link.parent.computed || property.type !== T.Identifier) continue;
    if (property.name === EXPECTED_THROWS.negation) negated = !negated;
    else if (EXPECTED_THROWS.matchers.has(property.name)) return !negated;
  }
  return false;
}

/** Inside a callback that a browser driver runs in the page. */
function inPageCallback(node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type !== T.CallExpression || !call.arguments.includes(current as TSESTree.CallExpressionArgument)) continue;
    const callee = unwrap(call.callee);
    if (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && PAGE_CALLBACK_METHODS.has(callee.property.name)) {
      return true;
    }
  }
  return false;
}

/** The written object is a module loaded inside `jest.isolateModules(() => ...)`: a private copy. */
function inIsolatedModules(sourceCode: TSESLint.SourceCode, object: TSESTree.Node): boolean {
  let root = unwrap(object);
  while (root.type === T.MemberExpression) root = unwrap(root.object);
  if (root.type === T.CallExpression) return insideIsolator(sourceCode, root);
  if (root.type !== T.Identifier) return false;
  const variable = variableOf(sourceCode, root);
  if (!variable) return false;
  let isolated = isolatedVariables.get(variable);
  if (isolated === undefined) {
    const writes = writesOf(variable);
    isolated = writes.length > 0 && writes.every((r) => insideIsolator(sourceCode, r.identifier));
    isolatedVariables.set(variable, isolated);
  }
  return isolated;
}

/** Whether each variable is only ever assigned inside an isolator: asked once per variable, not once per write through it. */
const isolatedVariables = new WeakMap<TSESLint.Scope.Variable, boolean>();

function insideIsolator(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunction(current)) continue;
    const call = current.parent;
    if (call?.type === T.CallExpression && call.arguments[0] === current && matchesAny(originOf(sourceCode, call.callee), MODULE_ISOLATORS)) return true;
  }
  return false;
}
