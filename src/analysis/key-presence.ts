/**
 * Is the member a test writes already there before the test writes it? A rewrite depends on it:
 * `sinon.replace` throws "Cannot replace non-existent property" for a new key, `sinon.define`
 * throws for an existing one, and putting back a saved `undefined` leaves a key that was not there
 * (for `process.env`, the string `"undefined"`: RUNTIME-FACTS 38, 48).
 *
 * - `present`: a member of a standard built-in that this runtime has (`Date.now`, `globalThis.fetch`),
 *   or a member of a module's exports (a test replaces what the module exports).
 * - `absent`: a member a standard built-in does not have (`String.type`).
 * - `unknown`: an environment variable (the machine may or may not set it), a name of the test's own
 *   on the global object, a member of a global this runtime does not have (`navigator.language`).
 *
 * Built-ins are looked up in the linter's own runtime, for the globals every ECMAScript and Node.js
 * runtime defines (`String`, `process`), their members through data properties only (no getter
 * runs): never the linted project's code.
 */
import globals from 'globals';
import { ANY_KEY, type SharedOrigin } from './binding.js';
import { environmentVariable, STANDARD_GLOBAL_ENVIRONMENTS } from './frameworks.js';

export type KeyPresence = 'present' | 'absent' | 'unknown';

type GlobalLists = Record<string, Record<string, unknown>>;

/** Globals whose members are the same in the linter's runtime and in the tests' (ECMAScript and Node.js built-ins). */
const SAME_EVERYWHERE = ['builtin', 'nodeBuiltin'];

let sameEverywhere: ReadonlySet<string> | undefined;
let standard: ReadonlySet<string> | undefined;

export function keyPresence(target: SharedOrigin): KeyPresence {
  if (target.kind === 'module') return 'present';
  if (environmentVariable(target) !== undefined) return 'unknown';
  if (target.path.includes(ANY_KEY)) return 'unknown';
  sameEverywhere ??= new Set(SAME_EVERYWHERE.flatMap((name) => Object.keys((globals as GlobalLists)[name] ?? {})));
  if (target.path.length === 0) {
    standard ??= new Set(STANDARD_GLOBAL_ENVIRONMENTS.flatMap((name) => Object.keys((globals as GlobalLists)[name] ?? {})));
    return standard.has(target.name) ? 'present' : 'unknown';
  }
  if (!sameEverywhere.has(target.name)) return 'unknown';
  // The global itself may be an accessor of the runtime (Node's `process`); what lies below it is read through data properties only.
  let value: unknown = (globalThis as Record<string, unknown>)[target.name];
  for (const key of target.path.slice(0, -1)) value = dataValue(value, key);
  const key = target.path.at(-1);
  if (key === undefined || (typeof value !== 'object' && typeof value !== 'function') || value === null) return 'unknown';
  return key in value ? 'present' : 'absent';
}

/** The value of a data property of `object` (its own or inherited), never running a getter; undefined otherwise. */
function dataValue(object: unknown, key: string): unknown {
  for (let current = object; (typeof current === 'object' || typeof current === 'function') && current !== null; current = Object.getPrototypeOf(current)) {
    const descriptor = Object.getOwnPropertyDescriptor(current, key);
    if (descriptor) return 'value' in descriptor ? descriptor.value : undefined;
  }
  return undefined;
}
