/**
 * Which calls change state that later tests share (the working directory, `process` listeners, a
 * library's settings), and which calls undo each? A catalogue, as data: callees are resolved
 * through scope and imports (binding.ts), never matched by the name of a local.
 */
import type { SharedOrigin } from '../values/binding.js';
import type { OriginPattern } from '../runner/frameworks.js';

/** A call that undoes a state change, and how its arguments must pair with the setter's. */
export interface StateUndoSpec {
  readonly callee: readonly OriginPattern[];
  /** `[undoArgument, setterArgument]`: the undo's argument must be the same as the setter's (the event, the listener, the key). */
  readonly same?: readonly (readonly [number, number])[];
  /** Fewest and most arguments for this undo (`removeAllListeners()` with none removes every event's listeners). */
  readonly minArgs?: number;
  readonly maxArgs?: number;
}

export interface StateApiSpec {
  /** The setter, as a module export or a global member path. */
  readonly callee: readonly OriginPattern[];
  /** Fewest arguments for the call to change anything. */
  readonly minArgs: number;
  /** The argument that names what is changed (the event, the setting), shown in messages and paired with the undo. */
  readonly keyArg?: number;
  /** The argument that is the installed function (a listener): an undo inside it runs when it is called, as for a self-restoring fake (restore.ts). */
  readonly valueArg?: number;
  /** What it changes, for isolation: who else in the run shares it (isolation.ts `laterFilesReason`). */
  readonly reach: SharedOrigin;
  /** The rule that reports it: the user reads the working directory and `process` as globals, a library's setting as its module's. */
  readonly rule: 'global' | 'module';
  /** Calls that undo it; any one of them in a guaranteed place is a restore. */
  readonly undo: readonly StateUndoSpec[];
  /**
   * A setter call whose argument at `argument` holds what `getter` returned (`process.chdir(saved)` with
   * `saved = process.cwd()`) puts a saved value back: a restore, never a change. `sameKey`: the
   * getter's first argument is the setter's key (`mongoose.get('debug')` for `mongoose.set('debug', v)`).
   */
  readonly saved?: { readonly getter: readonly OriginPattern[]; readonly argument: number; readonly sameKey?: boolean };
  /**
   * The change is made by a call of one of these methods on what the setter's call returned, down a
   * chain or through a `const` holding it (`nock(host).get(path).reply(200)`: an interceptor is
   * pending from `reply` on). That call is the change, and the chain is read for `lasting`.
   */
  readonly madeBy?: readonly string[];
  /**
   * What the change installs is used up by the code under test (a nock interceptor answers one
   * request, then is gone): it stays only where the test fails first or never makes the request, so
   * it is hygiene, reported with `strict`, unless the chain calls one of `lasting` (`persist()`),
   * which keeps it for every later request.
   */
  readonly usedUp?: { readonly lasting: readonly string[] };
  /** The fix, for messages: `{{object}}` is the callee's object as written, `{{key}}` the key argument. */
  readonly remedy: string;
  /** The rewrite an editor suggestion makes to undo it (src/fix/state-undo.ts); absent where none is known to be safe. */
  readonly rewrite?: StateUndoRewrite;
}

/**
 * How a suggestion undoes a change: optionally save what a getter returns before it, then call
 * `undo` after the test (or the block) with the setter's arguments at the given indices and
 * `'saved'` for the saved value: `process.chdir(originalCwd)`, `process.off('exit', onExit)`.
 */
export interface StateUndoRewrite {
  /** The getter whose value before the change is put back; `args` are the setter's arguments it is called with (`mongoose.get(key)`). */
  readonly save?: { readonly getter: readonly OriginPattern[]; readonly args: readonly number[]; readonly name?: string };
  readonly undo: { readonly callee: readonly OriginPattern[]; readonly args: readonly (number | 'saved')[] };
}

const processMember = (...path: string[]): OriginPattern[] => [
  { global: 'process', path },
  ...['process', 'node:process'].flatMap((module) => [
    { module, path },
    { module, path: ['default', ...path] },
  ]),
];
const moduleExport = (module: string, ...path: string[]): OriginPattern[] => [
  { module, path },
  { module, path: ['default', ...path] },
];

/** `process` listeners: each adding method is undone by removing the same listener for the same event, or every listener of it. */
const LISTENER_UNDO: readonly StateUndoSpec[] = [
  ...['off', 'removeListener'].map((method) => ({ callee: processMember(method), same: [[0, 0], [1, 1]] as const })),
  { callee: processMember('removeAllListeners'), same: [[0, 0]] },
  { callee: processMember('removeAllListeners'), maxArgs: 0 },
];

/** Mongoose's schema types, whose static `set(option, value)` changes a default for every schema made after it. */
const MONGOOSE_SCHEMA_TYPES = ['String', 'Number', 'Boolean', 'Date', 'Buffer', 'ObjectId', 'Decimal128', 'Mixed', 'Array', 'Map', 'UUID', 'BigInt', 'Double', 'Int32', 'Subdocument', 'DocumentArray'];

export const STATE_APIS: readonly StateApiSpec[] = [
  // The working directory belongs to the process: Jest's per-file `process` shares it with later files of the worker (verified).
  {
    callee: processMember('chdir'),
    minArgs: 1,
    reach: { kind: 'module', source: 'node:process', path: ['cwd'] },
    rule: 'global',
    undo: [{ callee: processMember('chdir'), minArgs: 1 }],
    saved: { getter: processMember('cwd'), argument: 0 },
    remedy: 'put the saved `process.cwd()` back in `afterEach`',
    rewrite: { save: { getter: processMember('cwd'), args: [], name: 'cwd' }, undo: { callee: processMember('chdir'), args: ['saved'] } },
  },
  // Listeners stay until removed; Jest gives each file's `process` listeners of its own (verified), Mocha has one `process`.
  ...['on', 'once', 'addListener', 'prependListener', 'prependOnceListener'].map((method): StateApiSpec => ({
    callee: processMember(method),
    minArgs: 2,
    keyArg: 0,
    valueArg: 1,
    reach: { kind: 'global', name: 'process', path: ['listeners'] },
    rule: 'global',
    undo: LISTENER_UNDO,
    // Putting back a listener saved from `process.listeners(event)` restores what was there.
    saved: { getter: [...processMember('listeners'), ...processMember('rawListeners')], argument: 1, sameKey: true },
    remedy: 'remove it with `process.off({{key}}, listener)` in `afterEach`',
    // Only a listener the undo can name again (a function declaration, a `const`): an inline one has no name to remove it by.
    rewrite: { undo: { callee: processMember('off'), args: [0, 1] } },
  })),
  // nock: refused connections stay refused until `enableNetConnect()`, through every later test that loads nock.
  {
    callee: moduleExport('nock', 'disableNetConnect'),
    minArgs: 0,
    reach: { kind: 'module', source: 'nock', path: ['disableNetConnect'] },
    rule: 'module',
    undo: [{ callee: moduleExport('nock', 'enableNetConnect') }],
    remedy: 'call `{{object}}.enableNetConnect()` in `afterEach`',
    rewrite: { undo: { callee: moduleExport('nock', 'enableNetConnect'), args: [] } },
  },
  // nock: an interceptor stays pending until a request uses it up or `cleanAll()` drops it; a pending one answers a later test's request.
  {
    callee: moduleExport('nock'),
    minArgs: 1,
    reach: { kind: 'module', source: 'nock', path: ['cleanAll'] },
    rule: 'module',
    undo: [{ callee: moduleExport('nock', 'cleanAll') }],
    madeBy: ['reply', 'replyWithError', 'replyWithFile'],
    usedUp: { lasting: ['persist'] },
    remedy: 'call `{{object}}.cleanAll()` in `afterEach`',
    rewrite: { undo: { callee: moduleExport('nock', 'cleanAll'), args: [] } },
  },
  // undici: the global dispatcher (also used by Node's own `fetch`, RUNTIME-FACTS 46) until another is set.
  {
    callee: moduleExport('undici', 'setGlobalDispatcher'),
    minArgs: 1,
    reach: { kind: 'module', source: 'undici', path: ['setGlobalDispatcher'] },
    rule: 'module',
    undo: [{ callee: moduleExport('undici', 'setGlobalDispatcher'), minArgs: 1 }],
    saved: { getter: moduleExport('undici', 'getGlobalDispatcher'), argument: 0 },
    remedy: 'put the saved `getGlobalDispatcher()` back in `afterEach`',
    rewrite: {
      save: { getter: moduleExport('undici', 'getGlobalDispatcher'), args: [], name: 'dispatcher' },
      undo: { callee: moduleExport('undici', 'setGlobalDispatcher'), args: ['saved'] },
    },
  },
  // Library settings: `set(key, value)` stays for every later user of the module; setting the key again undoes it.
  {
    callee: moduleExport('mongoose', 'set'),
    minArgs: 2,
    keyArg: 0,
    reach: { kind: 'module', source: 'mongoose', path: ['set'] },
    rule: 'module',
    undo: [{ callee: moduleExport('mongoose', 'set'), minArgs: 2, same: [[0, 0]] }],
    saved: { getter: moduleExport('mongoose', 'get'), argument: 1, sameKey: true },
    remedy: 'put the saved `{{object}}.get({{key}})` back in `afterEach`',
    rewrite: { save: { getter: moduleExport('mongoose', 'get'), args: [0] }, undo: { callee: moduleExport('mongoose', 'set'), args: [0, 'saved'] } },
  },
  ...MONGOOSE_SCHEMA_TYPES.map((type): StateApiSpec => ({
    callee: moduleExport('mongoose', 'Schema', 'Types', type, 'set'),
    minArgs: 2,
    keyArg: 0,
    reach: { kind: 'module', source: 'mongoose', path: ['Schema', 'Types', type] },
    rule: 'module',
    undo: [{ callee: moduleExport('mongoose', 'Schema', 'Types', type, 'set'), minArgs: 2, same: [[0, 0]] }],
    remedy: 'set {{key}} back with `{{object}}.set()` in `afterEach`',
    // No rewrite: the type's static `get` adds a getter, it does not read an option back.
  })),
];
