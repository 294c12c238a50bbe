/**
 * Is a member a per-test input: a value each test that uses it sets for itself? Serverless's
 * integration steps write `process.argv[2] = 'deploy'` and call the CLI, the next step writes
 * `'remove'` and calls it again, and the steps between them do not call the CLI at all. A value left
 * by one test then reaches no later test that uses it: every later test (or hook) that calls what
 * the writing test called after its write sets the member first. A later test that calls it without
 * setting the member is a consumer of the leftover value (serverless's license-key test), and then
 * the write leaks. What the test called is the first call of the file's own code after the write:
 * the value is its input (later calls, `describeStack()` to check the result, are not).
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { unwrap, variableOf } from '../values/binding.js';
import { indexOf, type FunctionNode } from '../values/file-index.js';
import type { Registration, TestStructure } from '../runner/test-structure.js';

/**
 * Does every later test or hook that calls what `registration` calls after `site` write the member
 * first? `writers` are the other registrations that write the member, with their writes.
 */
export function consumersWriteFirst(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  registration: Registration,
  site: TSESTree.Node,
  writers: ReadonlyMap<Registration, readonly TSESTree.Node[]>,
): boolean {
  const callback = registration.callback;
  if (!callback) return false;
  // The input is for the first call of the file's own code after the write (`process.argv[2] = 'deploy'; await runCli()`).
  const consumer = localCallsIn(sourceCode, callback).find((call) => call.node.range[0] > site.range[1]);
  if (!consumer) return false;
  const used = new Set([consumer.key]);
  const usesWithoutWriting = (other: Registration): boolean | undefined => {
    if (!other.callback) return undefined;
    const firstUse = localCallsIn(sourceCode, other.callback).find((call) => used.has(call.key));
    const own = writers.get(other) ?? [];
    if (firstUse) return !own.some((write) => write.range[1] <= firstUse.node.range[0]);
    return own.length > 0 ? false : undefined;
  };
  // Hooks around every later test see the value first.
  for (const hook of structure.registrations) {
    if (hook.role.kind === 'hook' && (hook.role.hook === 'beforeEach' || hook.role.hook === 'afterEach') && usesWithoutWriting(hook)) return false;
  }
  // The later tests in order: the first one that sets the member overwrites the value for all after it.
  for (const test of structure.registrations) {
    if (test.role.kind !== 'test' || test === registration || test.call.range[0] <= registration.call.range[1]) continue;
    const verdict = usesWithoutWriting(test);
    if (verdict === true) return false;
    if (verdict === false) return true;
  }
  // No later test sets it: an `afterAll` step that sets it before use, or nothing that uses it.
  return !structure.registrations.some((hook) => hook.role.kind === 'hook' && hook.role.hook === 'afterAll' && usesWithoutWriting(hook));
}

/** Does the test call any of the file's own functions after `site`? (No: nothing to follow.) */
export function usesAfter(sourceCode: TSESLint.SourceCode, registration: Registration, site: TSESTree.Node): boolean {
  return !!registration.callback && localCallsIn(sourceCode, registration.callback).some((call) => call.node.range[0] > site.range[1]);
}

export interface LocalCall {
  readonly node: TSESTree.CallExpression;
  /** The function called, by binding: `v:runSfCore@12`, `v:client@40.send`. */
  readonly key: string;
}

const cache = new WeakMap<FunctionNode, LocalCall[]>();

/** Calls in a function of functions this file binds (imports, locals), in source order. */
export function localCallsIn(sourceCode: TSESLint.SourceCode, fn: FunctionNode): LocalCall[] {
  let calls = cache.get(fn);
  if (!calls) {
    // The file's calls are in source order: those inside `fn` are one run of them.
    const all = indexOf(sourceCode).calls;
    let low = 0;
    for (let high = all.length; low < high; ) {
      const mid = (low + high) >> 1;
      if ((all[mid] as TSESTree.CallExpression).range[0] < fn.range[0]) low = mid + 1;
      else high = mid;
    }
    calls = [];
    for (let i = low; i < all.length; i++) {
      const call = all[i] as TSESTree.CallExpression;
      if (call.range[0] >= fn.range[1]) break;
      const key = calleeKey(sourceCode, call.callee);
      if (key) calls.push({ node: call, key });
    }
    cache.set(fn, calls);
  }
  return calls;
}

function calleeKey(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): string | undefined {
  const expr = unwrap(callee);
  if (expr.type === T.Identifier) return bindingKey(sourceCode, expr);
  if (expr.type === T.MemberExpression && !expr.computed && expr.property.type === T.Identifier) {
    const object = unwrap(expr.object);
    const base = object.type === T.Identifier ? bindingKey(sourceCode, object) : undefined;
    return base && `${base}.${expr.property.name}`;
  }
  return undefined;
}

/** A variable of this file (an import, a local), never a global such as `expect`. */
function bindingKey(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): string | undefined {
  const variable = variableOf(sourceCode, id);
  const def = variable?.defs[0];
  return variable && def ? `v:${variable.name}@${def.name.range[0]}` : undefined;
}
