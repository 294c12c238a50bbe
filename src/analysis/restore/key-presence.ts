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
import { builtinModules } from 'node:module';
import { ANY_KEY, type SharedOrigin } from '../values/binding.js';
import { environmentVariable, STANDARD_GLOBAL_ENVIRONMENTS } from '../runner/frameworks.js';
import { setupFilesName } from './auto-restore.js';

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

/**
 * Where was the member before the test file ran? A write that takes a fake away (`delete obj.m`,
 * `obj.m = undefined`) puts back that state only when the member was not there (`absent`), and a
 * `delete` also when the original lives on the prototype (`inherited`: the fake was an own member
 * shadowing it); after faking an `own` member it takes the original away too (RUNTIME-FACTS 43).
 *
 * - `own` / `inherited` / `absent`: a member below a global every runtime defines (`Math.random`,
 *   `process.emit`, `String.type`), a standard global this runtime has (`globalThis.btoa`), or a
 *   member of a Node.js built-in module (`fs.readFileSync`), all looked up in the linter's runtime
 *   through data properties; a global name of the test's own (`globalThis.myFlag`) is `absent`
 *   unless a setup file of the project names it (it may define it: `own`).
 * - `unknown`: an environment variable, a member of the project's own modules or of a package, a
 *   global only browsers define (jsdom lacks some: `Profiler`). Callers count a take-away as
 *   putting the member back there: it is the author's statement that the member was not there,
 *   and nothing read says otherwise.
 */
export type KeyPlace = 'own' | 'inherited' | 'absent' | 'unknown';

/** Built-in modules that loading in the linter's process changes nothing for: not the test runner, not a debugger. */
const LOADABLE_BUILTINS: ReadonlySet<string> = new Set(
  builtinModules.filter((name) => !name.startsWith('_') && !['test', 'repl', 'inspector', 'inspector/promises', 'trace_events', 'wasi', 'sea', 'sqlite'].includes(name)),
);

export function keyPlace(target: SharedOrigin, filename?: string): KeyPlace {
  if (target.path.includes(ANY_KEY) || environmentVariable(target) !== undefined) return 'unknown';
  if (target.kind === 'module') {
    const name = target.source.replace(/^node:/, '');
    if (!LOADABLE_BUILTINS.has(name)) return 'unknown';
    // The default import of a built-in is its exports object itself.
    const path = target.path[0] === 'default' ? target.path.slice(1) : target.path;
    return path.length === 0 ? 'unknown' : placeIn(process.getBuiltinModule(name), path);
  }
  sameEverywhere ??= new Set(SAME_EVERYWHERE.flatMap((name) => Object.keys((globals as GlobalLists)[name] ?? {})));
  if (target.path.length === 0) {
    standard ??= new Set(STANDARD_GLOBAL_ENVIRONMENTS.flatMap((name) => Object.keys((globals as GlobalLists)[name] ?? {})));
    if (!standard.has(target.name)) return filename !== undefined && setupFilesName(filename, target.name) ? 'own' : 'absent';
    return sameEverywhere.has(target.name) ? placeIn(globalThis, [target.name]) : 'unknown';
  }
  if (!sameEverywhere.has(target.name)) return 'unknown';
  return placeIn((globalThis as Record<string, unknown>)[target.name], target.path);
}

/** Where the last key of `path` lies below `root`, read through data properties only. */
function placeIn(root: unknown, path: readonly string[]): KeyPlace {
  let value = root;
  for (const key of path.slice(0, -1)) value = dataValue(value, key);
  const key = path.at(-1);
  if (key === undefined || (typeof value !== 'object' && typeof value !== 'function') || value === null) return 'unknown';
  if (Object.prototype.hasOwnProperty.call(value, key)) return 'own';
  return key in value ? 'inherited' : 'absent';
}
