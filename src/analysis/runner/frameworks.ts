/**
 * What each test framework and mocking library calls its tests, hooks and scoped helpers.
 *
 * This is the only place that knows framework names. Everything else asks these tables, after
 * resolving a callee through scope (see binding.ts): a local function called `it` is not a test.
 */

import type { RunnerId } from '../../project/runner-defaults.js';

export type FrameworkId = 'jest' | 'vitest' | 'mocha' | 'node-test' | 'jasmine' | 'qunit' | 'tape';

/** Roles a call can play in a test file. */
export type HookKind = 'beforeAll' | 'beforeEach' | 'afterEach' | 'afterAll';
export type StructureRole =
  | { kind: 'test' }
  /**
   * `hooksParameter`: the framework passes the describe's callback a hooks object at that
   * parameter (QUnit's `module(name, function (hooks) { hooks.beforeEach(fn) })`); its members
   * (`hooksObject` of the framework) register hooks on that describe.
   */
  | { kind: 'describe'; hooksParameter?: number }
  | { kind: 'hook'; hook: HookKind }
  /** Registers a callback that runs when the current test ends (`onTestFinished`). */
  | { kind: 'cleanup' };

/** Objects that are the global object itself: `globalThis.fetch` is the global `fetch`. */
export const GLOBAL_OBJECT_NAMES: ReadonlySet<string> = new Set(['globalThis', 'global', 'window', 'self']);

/** A hook that runs after tests (`afterEach`, `afterAll`, Mocha's `after`/`teardown`): teardown code. */
export function isAfterHook(role: StructureRole | undefined): boolean {
  return role?.kind === 'hook' && (role.hook === 'afterEach' || role.hook === 'afterAll');
}

const test = { kind: 'test' } as const;
const describe = { kind: 'describe' } as const;
const cleanup = { kind: 'cleanup' } as const;
const hook = (h: HookKind): StructureRole => ({ kind: 'hook', hook: h });
/** QUnit's `module`: its callback's first parameter is the module's hooks object. */
const qunitModule = { kind: 'describe', hooksParameter: 0 } as const;

/** Names every runner that installs globals agrees on (Jest, Vitest `globals: true`, Mocha BDD/TDD, Jasmine). */
const GLOBAL_NAMES: Readonly<Record<string, StructureRole>> = {
  describe, context: describe, suite: describe, fdescribe: describe, xdescribe: describe, xcontext: describe,
  it: test, test, specify: test, fit: test, xit: test, xtest: test, xspecify: test,
  beforeAll: hook('beforeAll'), before: hook('beforeAll'), suiteSetup: hook('beforeAll'),
  beforeEach: hook('beforeEach'), setup: hook('beforeEach'),
  afterEach: hook('afterEach'), teardown: hook('afterEach'),
  afterAll: hook('afterAll'), after: hook('afterAll'), suiteTeardown: hook('afterAll'),
  onTestFinished: cleanup,
};

export interface FrameworkSpec {
  readonly id: FrameworkId;
  /** Import specifiers whose exports are this framework's functions. */
  readonly modules: readonly string[];
  /** Exported names and their roles (imported name, not local alias). */
  readonly exports: Readonly<Record<string, StructureRole>>;
  /** Globals that only this framework defines: seeing one used tells which runner the file is for. */
  readonly markerGlobals: readonly string[];
  /** How to replace a module member so the framework puts it back, in one sentence fragment. */
  readonly remedy: string;
  /** The same for globals, by kind of target; a missing kind falls back to the generic advice. */
  readonly globalRemedies: GlobalRemedies;
  /**
   * Exported hooks that, called inside a running test, register on that test and run when it ends,
   * even when it fails (node:test's `after`, like `t.after`).
   */
  readonly hooksInTestAreCleanups?: readonly string[];
  /**
   * Members that a package wrapping the framework adds to its test function, by the package
   * (listed in `modules`, it re-exports the framework's functions): each registers a test of the
   * framework, run with the file's hooks (`it.effect(name, fn)` from `@effect/vitest`).
   */
  readonly wrapperTestMembers?: Readonly<Record<string, readonly string[]>>;
  /** A global object whose members are the framework's functions (`QUnit.module`, `QUnit.test`), by member. */
  readonly globalNamespace?: { readonly name: string; readonly members: Readonly<Record<string, StructureRole>> };
  /**
   * The hooks object the framework hands to a describe's callback (see `hooksParameter`): the
   * members that register a hook on that describe, and the global type that names such an object in
   * a helper's parameter (`function setup(hooks: NestedHooks)`, declared by the framework's types):
   * the helper registers its hooks on whatever describe calls it, around each of its tests.
   */
  readonly hooksObject?: { readonly members: Readonly<Record<string, HookKind>>; readonly globalTypes: readonly string[] };
  /**
   * The methods of the test's own context (`t.equal`, `t.same`, `t.throws`) record a failure and
   * return instead of throwing (tape), so code after a failing one still runs. Left unset where
   * they throw (node:test's `t.assert.*`, like `node:assert`).
   */
  readonly contextAssertionsRecord?: true;
  /**
   * The framework is not a runner: its files run under whatever runs them (tape's own command loads
   * them all into one process, `node`, borp or `node --test` one process per file), so the file's
   * isolation is the project's runner's, never the framework's.
   */
  readonly notARunner?: true;
}

/**
 * What a global write replaces, which decides the scoped helper to suggest: an environment
 * variable, a member of the global object (a function or another value), or a member of another
 * global (`Date.now`, `navigator.language`).
 */
export type GlobalTargetKind = 'env' | 'globalFunction' | 'globalValue' | 'function' | 'value';
export type GlobalRemedies = Readonly<Partial<Record<GlobalTargetKind, string>>>;

export const FRAMEWORKS: readonly FrameworkSpec[] = [
  {
    id: 'vitest',
    modules: ['vitest', '@effect/vitest'],
    exports: {
      describe, suite: describe, it: test, test, bench: test,
      beforeAll: hook('beforeAll'), beforeEach: hook('beforeEach'),
      afterEach: hook('afterEach'), afterAll: hook('afterAll'),
      onTestFinished: cleanup,
    },
    markerGlobals: ['vi'],
    wrapperTestMembers: { '@effect/vitest': ['effect', 'scoped', 'live', 'scopedLive', 'prop'] },
    remedy: '`vi.spyOn({{object}}, {{key}})` and `restoreMocks: true`',
    globalRemedies: {
      env: '`vi.stubEnv({{key}}, value)` and `unstubEnvs: true`',
      globalFunction: '`vi.stubGlobal({{key}}, fake)` and `unstubGlobals: true`',
      globalValue: '`vi.stubGlobal({{key}}, value)` and `unstubGlobals: true`',
      function: '`vi.spyOn({{object}}, {{key}})` and `restoreMocks: true`',
    },
  },
  {
    id: 'jest',
    modules: ['@jest/globals'],
    exports: {
      describe, fdescribe: describe, xdescribe: describe, it: test, test, fit: test, xit: test, xtest: test,
      beforeAll: hook('beforeAll'), beforeEach: hook('beforeEach'),
      afterEach: hook('afterEach'), afterAll: hook('afterAll'),
    },
    markerGlobals: ['jest'],
    remedy: '`jest.spyOn({{object}}, {{key}})` and `restoreMocks: true`',
    globalRemedies: {
      globalFunction: '`jest.spyOn(globalThis, {{key}})` and `restoreMocks: true`',
      globalValue: '`jest.replaceProperty(globalThis, {{key}}, value)` and `restoreMocks: true`',
      function: '`jest.spyOn({{object}}, {{key}})` and `restoreMocks: true`',
      value: '`jest.replaceProperty({{object}}, {{key}}, value)` and `restoreMocks: true`',
    },
  },
  {
    id: 'node-test',
    modules: ['node:test'],
    exports: {
      default: test, test, it: test, describe, suite: describe,
      before: hook('beforeAll'), beforeEach: hook('beforeEach'),
      afterEach: hook('afterEach'), after: hook('afterAll'),
    },
    markerGlobals: [],
    hooksInTestAreCleanups: ['after'],
    remedy: '`t.mock.method({{object}}, {{key}})`',
    globalRemedies: {
      env: 'save it and put it back in `t.after()`',
      globalFunction: '`t.mock.method(globalThis, {{key}})`',
      globalValue: 'save it and put it back in `t.after()`',
      function: '`t.mock.method({{object}}, {{key}})`',
      value: 'save it and put it back in `t.after()`',
    },
  },
  {
    id: 'mocha',
    modules: ['mocha'],
    exports: {
      describe, context: describe, suite: describe, it: test, test, specify: test,
      before: hook('beforeAll'), suiteSetup: hook('beforeAll'),
      beforeEach: hook('beforeEach'), setup: hook('beforeEach'),
      afterEach: hook('afterEach'), teardown: hook('afterEach'),
      after: hook('afterAll'), suiteTeardown: hook('afterAll'),
    },
    markerGlobals: [],
    remedy: 'save it and put it back in `afterEach`',
    globalRemedies: {},
  },
  {
    // QUnit 2: `module(name, [options], function (hooks) {...})` groups tests; `hooks.beforeEach(fn)`
    // and the others register on that module and run around each of its tests, nested modules' too.
    id: 'qunit',
    modules: ['qunit'],
    exports: { module: qunitModule, test, only: test, skip: test, todo: test },
    globalNamespace: { name: 'QUnit', members: { module: qunitModule, test, only: test, skip: test, todo: test } },
    hooksObject: {
      members: { before: 'beforeAll', beforeEach: 'beforeEach', afterEach: 'afterEach', after: 'afterAll' },
      globalTypes: ['NestedHooks'],
    },
    markerGlobals: ['QUnit'],
    remedy: 'save it and put it back in `hooks.afterEach`',
    globalRemedies: {},
  },
  {
    // tape 5 (verified with tape 5.10.2, fixtures/tape-assertions-record): `test(name, fn)` at the
    // top, `t.test` subtests, `t.teardown(fn)` runs when the test ends even after a failure; no hooks.
    id: 'tape',
    modules: ['tape'],
    exports: { default: test, test },
    markerGlobals: [],
    contextAssertionsRecord: true,
    notARunner: true,
    remedy: 'save it and put it back in `t.teardown()`',
    globalRemedies: {
      env: 'save it and put it back in `t.teardown()`',
      globalFunction: 'save it and put it back in `t.teardown()`',
      globalValue: 'save it and put it back in `t.teardown()`',
      function: 'save it and put it back in `t.teardown()`',
      value: 'save it and put it back in `t.teardown()`',
    },
  },
  {
    id: 'jasmine',
    modules: [],
    exports: {},
    markerGlobals: ['jasmine'],
    remedy: '`spyOn({{object}}, {{key}})`',
    globalRemedies: {
      globalFunction: '`spyOn(globalThis, {{key}})`',
      function: '`spyOn({{object}}, {{key}})`',
    },
  },
];

/** Mocking libraries that bring their own scoped replacement, preferred in messages when the file uses them. */
export interface MockLibrarySpec {
  readonly id: 'sinon' | 'testdouble';
  readonly modules: readonly string[];
  readonly remedy: string;
  readonly globalRemedies: GlobalRemedies;
  /** For a key the object does not have yet (`String.type`), where `remedy`'s helper throws (RUNTIME-FACTS 48). */
  readonly newKeyRemedy?: string;
}

export const MOCK_LIBRARIES: readonly MockLibrarySpec[] = [
  {
    id: 'sinon',
    modules: ['sinon'],
    remedy: '`sinon.replace({{object}}, {{key}}, fake)` and `sinon.restore()` in `afterEach`',
    globalRemedies: {
      globalFunction: '`sinon.replace(globalThis, {{key}}, fake)` and `sinon.restore()` in `afterEach`',
      globalValue: '`sinon.replace(globalThis, {{key}}, value)` and `sinon.restore()` in `afterEach`',
      function: '`sinon.replace({{object}}, {{key}}, fake)` and `sinon.restore()` in `afterEach`',
      value: '`sinon.replace({{object}}, {{key}}, value)` and `sinon.restore()` in `afterEach`',
    },
    newKeyRemedy: '`sinon.define({{object}}, {{key}}, value)` and `sinon.restore()` in `afterEach`',
  },
  {
    id: 'testdouble',
    modules: ['testdouble'],
    remedy: '`td.replace({{object}}, {{key}})` and `td.reset()` in `afterEach`',
    globalRemedies: {
      function: '`td.replace({{object}}, {{key}})` and `td.reset()` in `afterEach`',
    },
  },
];

/** The remedy when nothing tells which framework the file runs under. */
export const GENERIC_REMEDY = 'save it and put it back in `afterEach`';

/** The remedy for a key the object does not have yet, where no mock library defines one: every helper that replaces throws for it. */
export const NEW_KEY_REMEDY = 'delete it again in `afterEach`';

/** Modifiers chained on a structure call that keep its role: `it.only`, `describe.each(table)(...)`. */
export const STRUCTURE_MODIFIERS: ReadonlySet<string> = new Set([
  'only', 'skip', 'todo', 'concurrent', 'sequential', 'each', 'for', 'fails', 'shuffle',
  'skipIf', 'runIf', 'failing', 'serial',
]);

/** Modifiers that let a condition decide whether the test or describe runs: `test.skipIf(cond)(...)`, `describe.runIf(cond)(...)`. */
export const CONDITIONAL_MODIFIERS: ReadonlySet<string> = new Set(['skipIf', 'runIf']);

/** Modifiers that run the test (or every test of the describe) at the same time as its neighbours: `test.concurrent(...)`. */
export const CONCURRENT_MODIFIERS: ReadonlySet<string> = new Set(['concurrent']);

/** Modifiers that register the test or describe once per row of a table: `it.each(table)(...)`, `describe.for(cases)(...)`. */
export const REPEATING_MODIFIERS: ReadonlySet<string> = new Set(['each', 'for']);

/** `test.extend(...)` (Vitest) makes a new test function with fixtures. */
export const TEST_EXTENDERS: ReadonlySet<string> = new Set(['extend', 'scoped']);

/**
 * The test context's cleanups: node:test's `t.after(fn)` (`t.mock` is reset then too) and tape's
 * `t.teardown(fn)` run fn when the test ends, passed or failed.
 */
export const TEST_CONTEXT_CLEANUPS: ReadonlySet<string> = new Set(['after', 'teardown']);

/** The test context of node:test and tape: `t.test(name, fn)` runs a subtest, which has a context of its own. */
export const TEST_CONTEXT_SUBTESTS: ReadonlySet<string> = new Set(['test']);

/** Vitest passes `onTestFinished` in the test context too: `it('x', ({ onTestFinished }) => ...)`. */
export const CONTEXT_CLEANUP_PROPERTIES: ReadonlySet<string> = new Set(['onTestFinished']);

/**
 * Mocha's `this`: in a describe callback it is the suite, whose methods register hooks on it
 * (`this.afterEach(fn)`); in hooks and tests it is the describe's context object, shared by its
 * hooks and tests and inherited (as a prototype) by nested describes.
 */
export const SUITE_CONTEXT_HOOKS: Readonly<Record<string, HookKind>> = { before: 'beforeAll', beforeEach: 'beforeEach', afterEach: 'afterEach', after: 'afterAll' };
export const SHARED_THIS_CONTEXT: ReadonlySet<FrameworkId> = new Set(['mocha', 'qunit']);

/** Does a file written for these frameworks (or for globals only, none imported) have Mocha's `this`? */
export function hasSharedThisContext(frameworks: ReadonlySet<FrameworkId>): boolean {
  return frameworks.size === 0 || [...frameworks].some((framework) => SHARED_THIS_CONTEXT.has(framework));
}

/** Frameworks whose `beforeEach`/`beforeAll` treat a returned function as teardown. */
export const RETURNED_TEARDOWN: ReadonlySet<FrameworkId> = new Set(['vitest']);

/** A value named by where it comes from: a global and a member path, or a module export path. */
export type OriginPattern =
  | { readonly global: string; readonly path: readonly string[] }
  | { readonly module: string; readonly path: readonly string[] };

/** Calls that load a module and return its exports (awaited when asynchronous). */
export const MODULE_LOADERS: readonly OriginPattern[] = [
  { global: 'require', path: [] },
  { global: 'jest', path: ['requireActual'] },
  { global: 'jest', path: ['requireMock'] },
  { module: '@jest/globals', path: ['jest', 'requireActual'] },
  { module: '@jest/globals', path: ['jest', 'requireMock'] },
  { global: 'vi', path: ['importActual'] },
  { global: 'vi', path: ['importMock'] },
  { module: 'vitest', path: ['vi', 'importActual'] },
  { module: 'vitest', path: ['vi', 'importMock'] },
];

/** Calls that return a `require` function. */
/**
 * The methods a `using` / `await using` declaration calls when its block exits, whatever way it
 * exits: `[Symbol.dispose]()` and `[Symbol.asyncDispose]()` of the declared value.
 */
export const DISPOSERS: readonly OriginPattern[] = [
  { global: 'Symbol', path: ['dispose'] },
  { global: 'Symbol', path: ['asyncDispose'] },
];

export const REQUIRE_FACTORIES: readonly OriginPattern[] = ['module', 'node:module'].flatMap((module) => [
  { module, path: ['createRequire'] },
  { module, path: ['default', 'createRequire'] },
]);

export function isFrameworkId(id: string): id is FrameworkId {
  return FRAMEWORKS.some((framework) => framework.id === id);
}

/**
 * Mocha's TDD interface names its hooks differently and defines no BDD names: a file that uses one
 * of these globals is written for it, and a hook added there must be spelled its way.
 */
export const TDD_INTERFACE: { readonly markers: ReadonlySet<string>; readonly hooks: Readonly<Partial<Record<HookKind, string>>> } = {
  markers: new Set(['suite', 'setup', 'teardown', 'suiteSetup', 'suiteTeardown']),
  hooks: { beforeAll: 'suiteSetup', beforeEach: 'setup', afterEach: 'teardown', afterAll: 'suiteTeardown' },
};

/** The name a framework's module exports for a hook of `kind` (`after` from node:test, `afterAll` from vitest). */
export function exportedHookName(specifier: string, kind: HookKind): string | undefined {
  const exports = frameworkOfModule(specifier)?.exports ?? {};
  return Object.keys(exports).find((name) => {
    const role = exports[name];
    return role?.kind === 'hook' && role.hook === kind;
  });
}

/**
 * The global a file of `frameworks` calls a hook of `kind` by: the name its framework exports for
 * it where that is a global of the same role (`after` in Mocha), else the kind's own name, which
 * Jest, Vitest and Jasmine define (`afterAll`). Undefined when the framework is not known: Mocha
 * has no `afterAll`, the others no `after`.
 */
export function globalHookName(frameworks: ReadonlySet<FrameworkId>, kind: HookKind): string | undefined {
  if (kind === 'afterEach' || kind === 'beforeEach') return kind;
  const framework = FRAMEWORKS.find((f) => frameworks.has(f.id));
  if (!framework) return undefined;
  const exported = Object.keys(framework.exports).find((name) => {
    const role = framework.exports[name];
    return role?.kind === 'hook' && role.hook === kind && roleOfGlobal(name)?.kind === 'hook';
  });
  return exported ?? kind;
}

export function roleOfGlobal(name: string): StructureRole | undefined {
  return Object.hasOwn(GLOBAL_NAMES, name) ? GLOBAL_NAMES[name] : undefined;
}

/** Every name a test, describe or hook is called by: the globals, and the frameworks' exports (`import { test } from 'vitest'`). */
export function structureCallNames(): string[] {
  return [...new Set([...Object.keys(GLOBAL_NAMES), ...FRAMEWORKS.flatMap((framework) => Object.keys(framework.exports))])];
}

export function frameworkOfModule(specifier: string): FrameworkSpec | undefined {
  return FRAMEWORKS.find((f) => f.modules.includes(specifier));
}

export function roleOfExport(specifier: string, exportName: string): StructureRole | undefined {
  const framework = frameworkOfModule(specifier);
  if (!framework || !Object.hasOwn(framework.exports, exportName)) return undefined;
  return framework.exports[exportName];
}

/** The role of `member` of an export of `specifier` that a wrapping package adds (`it.effect` from `@effect/vitest`: a test). */
export function roleOfExportMember(specifier: string, exportName: string, member: string): StructureRole | undefined {
  const framework = frameworkOfModule(specifier);
  if (roleOfExport(specifier, exportName)?.kind !== 'test' || !framework?.wrapperTestMembers?.[specifier]?.includes(member)) return undefined;
  return test;
}

/** Is this export of `specifier` a hook that, called inside a running test, registers on that test? */
export function isHookInTestCleanup(specifier: string, exportName: string): boolean {
  return frameworkOfModule(specifier)?.hooksInTestAreCleanups?.includes(exportName) ?? false;
}

/** The role of `member` of a framework's global namespace (`QUnit.test`: a test). */
export function roleOfGlobalMember(name: string, member: string): StructureRole | undefined {
  const members = FRAMEWORKS.find((f) => f.globalNamespace?.name === name)?.globalNamespace?.members;
  return members && Object.hasOwn(members, member) ? members[member] : undefined;
}

/** The hook a member of a framework's hooks object registers (`hooks.afterEach`: afterEach), any framework. */
export function hookOfHooksObjectMember(member: string): HookKind | undefined {
  for (const framework of FRAMEWORKS) {
    const members = framework.hooksObject?.members;
    if (members && Object.hasOwn(members, member)) return members[member];
  }
  return undefined;
}

/** Global types that name a framework's hooks object (`NestedHooks`, from QUnit's types). */
export function isHooksObjectGlobalType(name: string): boolean {
  return FRAMEWORKS.some((f) => f.hooksObject?.globalTypes.includes(name));
}

export function frameworkOfMarkerGlobal(name: string): FrameworkSpec | undefined {
  return FRAMEWORKS.find((f) => f.markerGlobals.includes(name));
}

export function mockLibraryOfModule(specifier: string): MockLibrarySpec | undefined {
  return MOCK_LIBRARIES.find((l) => l.modules.includes(specifier));
}


/**
 * The scoped alternative to name in a message, for what the file uses: its mock library first
 * (sinon, testdouble), then its test framework, else the portable save-and-restore advice. Module
 * members get the `remedy` templates; globals the `globalRemedies` of their kind.
 */
export function remedyFor(
  frameworks: ReadonlySet<FrameworkId>,
  mockLibraries: ReadonlySet<MockLibrarySpec['id']>,
  object: string,
  key: string,
  kind: GlobalTargetKind | 'module' = 'module',
): string {
  const template = remedySourceFor(frameworks, mockLibraries, kind)?.template;
  return (template ?? GENERIC_REMEDY).replaceAll('{{object}}', object).replaceAll('{{key}}', key);
}

/** The remedy for a key the object does not have yet (`String.type`): the mock library's way to define one, else deleting it again. */
export function newKeyRemedyFor(mockLibraries: ReadonlySet<MockLibrarySpec['id']>, object: string, key: string): string {
  const template = MOCK_LIBRARIES.find((l) => mockLibraries.has(l.id) && l.newKeyRemedy)?.newKeyRemedy;
  return (template ?? NEW_KEY_REMEDY).replaceAll('{{object}}', object).replaceAll('{{key}}', key);
}

/** Who gives the remedy `remedyFor` names, and its template: the mock library, else the framework; undefined for the generic advice. */
export function remedySourceFor(
  frameworks: ReadonlySet<FrameworkId>,
  mockLibraries: ReadonlySet<MockLibrarySpec['id']>,
  kind: GlobalTargetKind | 'module' = 'module',
): { readonly id: FrameworkId | MockLibrarySpec['id']; readonly template: string } | undefined {
  const library = MOCK_LIBRARIES.find((l) => mockLibraries.has(l.id));
  const framework = FRAMEWORKS.find((f) => frameworks.has(f.id));
  const fromLibrary = kind === 'module' ? library?.remedy : library?.globalRemedies[kind];
  if (library && fromLibrary) return { id: library.id, template: fromLibrary };
  const fromFramework = kind === 'module' ? framework?.remedy : framework?.globalRemedies[kind];
  if (framework && fromFramework) return { id: framework.id, template: fromFramework };
  return undefined;
}

/**
 * A remedy for a project that already sets the runner flag it names: `\`jest.spyOn(o, 'k')\` and
 * \`restoreMocks: true\`` becomes `... (\`restoreMocks: true\` is set)`, so advice never tells a user
 * to set what is set. Remedies end with ` and \`<flag>: true\`` when they name one.
 */
export function remedyWithFlagsSet(remedy: string, setFlags: ReadonlySet<string>): string {
  return remedy.replace(/ and `(\w+): true`$/, (whole, flag: string) => (setFlags.has(flag) ? ` (\`${flag}: true\` is set)` : whole));
}

/**
 * A remedy in a file that already runs the restore it names after every test (an `afterEach` that
 * calls `sinon.restore()` or `jest.restoreAllMocks()`, a root hook plugin): the ` and ...` part is
 * dropped, so `\`sinon.replace(o, 'k', fake)\` and \`sinon.restore()\` in \`afterEach\`` becomes
 * `\`sinon.replace(o, 'k', fake)\``. A Sinon remedy in a file that restores a sandbox so names
 * that sandbox instead (`\`sandbox.replace(o, 'k', fake)\``): it has the same methods.
 */
export function remedyWithoutRestoresInPlace(remedy: string, restored: { readonly families: ReadonlySet<HelperFamily>; readonly sandboxes: readonly string[] }): string {
  const families = Object.values(HELPER_FAMILIES).filter((spec) => restored.families.has(spec.family));
  const sandbox = restored.sandboxes[0];
  return remedy
    .replace(/ and `(\w+): true`$/, (whole, flag: string) => (families.some((spec) => spec.config?.key === flag) ? '' : whole))
    .replace(/^(.*) and `([\w.]+)\(\)` in `afterEach`$/, (whole, use: string, call: string) => {
      if (families.some((spec) => spec.restoreAllSpellings.includes(call))) return use;
      const sinon = HELPER_FAMILIES.sinon.restoreAllSpellings.includes(call);
      return sinon && sandbox !== undefined && use.startsWith('`sinon.') ? `\`${sandbox}.${use.slice('`sinon.'.length)}` : whole;
    });
}

/** Calls that make a fake function: a value made by one of them replaces a method. */
export const FUNCTION_FACTORIES: readonly OriginPattern[] = [
  { global: 'jest', path: ['fn'] },
  { module: '@jest/globals', path: ['jest', 'fn'] },
  { global: 'vi', path: ['fn'] },
  { module: 'vitest', path: ['vi', 'fn'] },
  { module: 'node:test', path: ['mock', 'fn'] },
  ...['sinon', 'testdouble'].flatMap((module) =>
    ['stub', 'spy', 'fake', 'func'].flatMap((fn) => [
      { module, path: [fn] },
      { module, path: ['default', fn] },
    ]),
  ),
];

/** Built-in calls whose result is a primitive, never a function: their result replaces a value, not a method. */
export const VALUE_FACTORIES: readonly OriginPattern[] = [
  { global: 'JSON', path: ['stringify'] },
  ...['String', 'Number', 'Boolean', 'BigInt', 'parseInt', 'parseFloat', 'encodeURIComponent'].map((name) => ({ global: name, path: [] })),
];

/**
 * Members that hold a page's content rather than behaviour: writing them (`document.body.innerHTML =
 * '<div/>'`) sets up a fixture, which DOM test environments give each file afresh. Replacing a
 * function there is still a patch.
 */
export const DOM_CONTENT: readonly OriginPattern[] = [
  { global: 'document', path: ['body'] },
  { global: 'document', path: ['head'] },
  { global: 'document', path: ['documentElement'] },
  { global: 'document', path: ['title'] },
];

/**
 * Node's process streams. Jest gives each file its own copy of `process`, but its streams are the
 * worker's (checked with Jest 30, two files in band: `process.stderr.columns` and
 * `process.stdin.isTTY` written by the first are still set in the second, `process.title` is
 * not): a write to one of their members reaches later files wherever core modules do. Their keys
 * depend on the terminal (`columns`, `isTTY` exist only on a TTY), so a helper that replaces an
 * existing key throws in CI for them: the remedy is to save and put back.
 */
export const PROCESS_STREAMS: readonly OriginPattern[] = [
  { global: 'process', path: ['stdin'] },
  { global: 'process', path: ['stdout'] },
  { global: 'process', path: ['stderr'] },
];

/** Is `origin` a member of one of Node's process streams (`process.stderr.columns`), not the stream itself? */
export function isProcessStreamMember(origin: { readonly kind: string; readonly name?: string; readonly path?: readonly string[] }): boolean {
  const path = origin.path;
  return origin.kind === 'global' && path !== undefined && PROCESS_STREAMS.some((p) => 'global' in p && p.global === origin.name && path.length > p.path.length && p.path.every((key, i) => path[i] === key));
}

/** Globals whose members a test file writes as part of the module system, not as patches. */
export const MODULE_SYSTEM_GLOBALS: ReadonlySet<string> = new Set(['module', 'exports', 'require']);

/** `process.env`: environment variables, with scoped helpers of their own. */
export const ENVIRONMENT: { readonly global: string; readonly path: readonly string[] } = { global: 'process', path: ['env'] };

/**
 * Environment variables that the machine, the shell, a CI service or a tool may set before the
 * tests start. Deleting one loses the value it had; any other variable that a test deletes was set
 * by the test file or the code under test, so deleting it is cleanup.
 */
export const PROVIDED_ENVIRONMENT: { readonly names: ReadonlySet<string>; readonly prefixes: readonly string[] } = {
  names: new Set([
    'CI', 'NODE_ENV', 'HOME', 'PATH', 'USER', 'USERNAME', 'LOGNAME', 'SHELL', 'TERM', 'TZ', 'LANG', 'LANGUAGE', 'TMPDIR',
    'TMP', 'TEMP', 'PWD', 'HOSTNAME', 'EDITOR', 'NODE_OPTIONS', 'NODE_PATH', 'NODE_EXTRA_CA_CERTS', 'FORCE_COLOR', 'NO_COLOR',
    'DEBUG', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'ALL_PROXY', 'http_proxy', 'https_proxy', 'no_proxy', 'all_proxy',
    'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'SystemRoot', 'ComSpec', 'PATHEXT', 'JEST_WORKER_ID', 'VITEST',
    'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'NODE_TEST_CONTEXT', 'BUILD_NUMBER', 'BUILD_ID', 'CONTINUOUS_INTEGRATION',
    'CODEBUILD_BUILD_ID', 'TRAVIS', 'CIRCLECI', 'BUILDKITE', 'TF_BUILD', 'GOOGLE_APPLICATION_CREDENTIALS',
  ]),
  prefixes: ['GITHUB_', 'RUNNER_', 'GITLAB_', 'CI_', 'CIRCLE_', 'TRAVIS_', 'BUILDKITE_', 'JENKINS_', 'TEAMCITY_', 'BITBUCKET_', 'npm_', 'XDG_', 'LC_', 'AWS_', 'SSH_'],
};

/** Is `name` a variable the environment may provide before the tests start? */
export function isProvidedEnvironmentVariable(name: string): boolean {
  return PROVIDED_ENVIRONMENT.names.has(name) || PROVIDED_ENVIRONMENT.prefixes.some((prefix) => name.startsWith(prefix));
}

/**
 * Environment variables Node itself reads: those its command-line documentation lists under
 * "Environment variables" (Node 20 to 24), and those its modules read when they are called:
 * `tty`'s color depth (`COLORTERM`, `TERM_PROGRAM`, `TMUX`, ...), `os.homedir()` and `os.tmpdir()`,
 * the TLS certificate check. A test that sets one changes what Node does for every later reader,
 * so it is never a name the test made up (RUNTIME-FACTS 40).
 */
export const NODE_ENVIRONMENT: ReadonlySet<string> = new Set([
  // The documented list.
  'FORCE_COLOR', 'NO_COLOR', 'NODE_COMPILE_CACHE', 'NODE_COMPILE_CACHE_PORTABLE', 'NODE_DEBUG', 'NODE_DEBUG_NATIVE',
  'NODE_DISABLE_COLORS', 'NODE_DISABLE_COMPILE_CACHE', 'NODE_EXTRA_CA_CERTS', 'NODE_ICU_DATA', 'NODE_NO_WARNINGS',
  'NODE_OPTIONS', 'NODE_PATH', 'NODE_PENDING_DEPRECATION', 'NODE_PENDING_PIPE_INSTANCES', 'NODE_PRESERVE_SYMLINKS',
  'NODE_REDIRECT_WARNINGS', 'NODE_REPL_EXTERNAL_MODULE', 'NODE_REPL_HISTORY', 'NODE_SKIP_PLATFORM_CHECK',
  'NODE_TEST_CONTEXT', 'NODE_TLS_REJECT_UNAUTHORIZED', 'NODE_USE_ENV_PROXY', 'NODE_USE_SYSTEM_CA', 'NODE_V8_COVERAGE',
  'OPENSSL_CONF', 'SSL_CERT_DIR', 'SSL_CERT_FILE', 'TZ', 'UV_THREADPOOL_SIZE', 'UV_USE_IO_URING', 'HTTP_PROXY',
  'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy',
  // Read by Node's modules when called: terminal colors, home and temporary directories.
  'COLORTERM', 'TERM', 'TERM_PROGRAM', 'TERM_PROGRAM_VERSION', 'TMUX', 'TEAMCITY_VERSION', 'CI', 'HOME', 'TMPDIR',
  'TMP', 'TEMP', 'USERPROFILE', 'SystemRoot', 'windir',
]);

/** Is `origin` an environment variable (`process.env.X`), and which one? */
export function environmentVariable(origin: { readonly kind: string; readonly name?: string; readonly path?: readonly string[] }): string | undefined {
  const path = origin.path;
  if (origin.kind !== 'global' || origin.name !== ENVIRONMENT.global || !path || path.length !== ENVIRONMENT.path.length + 1) return undefined;
  return ENVIRONMENT.path.every((key, i) => path[i] === key) ? path.at(-1) : undefined;
}

/** Where a runner runs the test files of one run, which decides whether an unrestored patch reaches later files. */
export interface RunnerIsolation {
  /** How messages name the runner. */
  readonly label: string;
  /** file: each file gets fresh modules and globals (its own registry, context or process); process: files share them. */
  readonly scope: 'file' | 'process';
  /** Node core modules (`fs`, `os`, ...) are shared between files even though the rest is isolated. */
  readonly sharedCoreModules: boolean;
  /** Hooks written at the top level of a spec file belong to the root suite and run around every test of every file (RUNTIME-FACTS 25, 32). */
  readonly rootHooksForEveryFile: boolean;
  /**
   * The next file is loaded only after this file's tests and after hooks have run: an `afterAll`
   * restore of a write made while the file loads comes before any other file sees it (Jest, and
   * Vitest with `isolate: false`: checked with both). Mocha and Jasmine load every file first.
   */
  readonly loadsFilesOneByOne: boolean;
  /**
   * A describe runs its own tests before its nested describes, whatever the source order (Mocha,
   * RUNTIME-FACTS 42); the others run a block's tests and describes in the order they are written.
   */
  readonly ownTestsBeforeNestedDescribes: boolean;
}

/**
 * Verified by running each runner (see shared/RUNTIME-FACTS.md): Jest gives each file its own
 * registry and global object but shares core modules within a worker; Vitest (`isolate: true`, the
 * default) and node:test (a process per file) isolate everything; Mocha, Jasmine and Bun load every
 * file into one process; AVA runs each file in its own worker.
 */
export const RUNNER_ISOLATION: Readonly<Record<RunnerId, RunnerIsolation>> = {
  jest: { label: 'Jest', scope: 'file', sharedCoreModules: true, rootHooksForEveryFile: false, loadsFilesOneByOne: true, ownTestsBeforeNestedDescribes: false },
  vitest: { label: 'Vitest', scope: 'file', sharedCoreModules: false, rootHooksForEveryFile: false, loadsFilesOneByOne: true, ownTestsBeforeNestedDescribes: false },
  'node-test': { label: 'node:test', scope: 'file', sharedCoreModules: false, rootHooksForEveryFile: false, loadsFilesOneByOne: false, ownTestsBeforeNestedDescribes: false },
  ava: { label: 'AVA', scope: 'file', sharedCoreModules: false, rootHooksForEveryFile: false, loadsFilesOneByOne: false, ownTestsBeforeNestedDescribes: false },
  mocha: { label: 'Mocha', scope: 'process', sharedCoreModules: true, rootHooksForEveryFile: true, loadsFilesOneByOne: false, ownTestsBeforeNestedDescribes: true },
  jasmine: { label: 'Jasmine', scope: 'process', sharedCoreModules: true, rootHooksForEveryFile: true, loadsFilesOneByOne: false, ownTestsBeforeNestedDescribes: false },
  // QUnit loads every module of the run into one page (or one Node process with its own CLI) first.
  qunit: { label: 'QUnit', scope: 'process', sharedCoreModules: true, rootHooksForEveryFile: false, loadsFilesOneByOne: false, ownTestsBeforeNestedDescribes: false },
  bun: { label: "Bun's test runner", scope: 'process', sharedCoreModules: true, rootHooksForEveryFile: false, loadsFilesOneByOne: false, ownTestsBeforeNestedDescribes: false },
};

/** A kind of scoped replacement, and what undoes it. */
export type HelperFamily =
  | 'jest-mock'
  | 'vitest-mock'
  | 'vitest-global'
  | 'vitest-env'
  | 'vitest-timers'
  | 'sinon'
  | 'sinon-sandbox'
  | 'node-mock'
  | 'node-timers'
  | 'fake-timers'
  | 'mock-fs'
  | 'jest-timers'
  | 'testdouble';

export interface ScopedHelperSpec {
  readonly callee: readonly OriginPattern[];
  readonly family: HelperFamily;
  /** How messages name the call. */
  readonly label: string;
  /**
   * What the arguments name: a member (`obj, 'key'`), every method of an object, a global, an
   * environment variable, the clock; or `fs`: whatever the arguments, the file system of Node's
   * `fs` module, shared by every file that runs in the process (a Jest worker's files too).
   */
  readonly target: 'member' | 'object' | 'global' | 'env' | 'timers' | 'module' | 'fs';
  /** Fewest arguments for the call to replace anything (`sinon.stub()` alone makes a free-standing stub). */
  readonly minArgs: number;
  /**
   * Member paths on the replaced member itself that undo this replacement (`obj.method.restore()`,
   * `console.warn.mockRestore()`): the fake installed there carries its own restore. Only helpers
   * that wrap the member have one; a free-standing `sinon.stub()` assigned by hand has none.
   */
  readonly targetRestores?: readonly (readonly string[])[];
}

export interface HelperFamilySpec {
  readonly family: HelperFamily;
  /** Calls that undo every replacement of the family. */
  readonly restoreAll: readonly OriginPattern[];
  /** The same calls as written in setup files and root hooks, which are read by name. */
  readonly restoreAllSpellings: readonly string[];
  /** Member paths on the value a helper returns that undo that one replacement (`spy.mockRestore()`). */
  readonly handleRestores: readonly (readonly string[])[];
  /**
   * Spy calls, as written in setup files, that hand back the spy already on a member instead of
   * wrapping it again (Jest 30, Vitest 4): a setup file that makes one in `beforeEach` and restores
   * it through its handle in `afterEach` also restores the test's own spy of that member.
   */
  readonly respySpellings?: readonly string[];
  /**
   * A restore-all handed to a hook by reference (`afterEach(sinon.restore)`) is later called
   * without its object: `restores` when it still works so (verified with the real runner in
   * fixtures/restore-all-by-reference), `throws` when it fails there and restores nothing.
   * Absent: not verified, so such a reference is neither a restore nor reported.
   */
  readonly unbound?: 'restores' | 'throws';
  /** The runner config flag that undoes the family before every test. */
  readonly config?: { readonly runner: 'jest' | 'vitest'; readonly key: 'restoreMocks' | 'unstubGlobals' | 'unstubEnvs' };
  /**
   * Installing again first takes the last fake away and puts a fresh one in (Jest's and Vitest's
   * `useFakeTimers` uninstall the clock that is still there): a `beforeEach` install is each test's
   * own baseline, not the fake the test before left behind.
   */
  readonly installsAfresh?: boolean;
  /**
   * Calls that set the fake clock's time; a second install keeps the time the last clock was set
   * to (by one of these or by the install's own options), though it drops its pending timers
   * (Vitest 4: `vi.useFakeTimers({ now: 1000 })` left in place, then `vi.useFakeTimers()` again,
   * reads `Date.now() === 1000`; Jest 30 starts the new clock at the real time).
   */
  readonly keepsSetTime?: readonly OriginPattern[];
  /** Wrapping a member that is still wrapped throws (Sinon: "Attempted to wrap get which is already wrapped"). */
  readonly rewrapThrows?: boolean;
  /** Does a replacement left in place survive into later test files when they share a process? (Jest and Vitest undo spies when a file ends.) */
  readonly outlivesFile: boolean;
  /** The fix, for messages: `{{handle}}` is the variable holding the fake; `[[...]]` is said only when there is one. */
  readonly fix: string;
}

const jestGlobalOrImport = (...path: string[]): OriginPattern[] => [
  { global: 'jest', path },
  { module: '@jest/globals', path: ['jest', ...path] },
];
const viGlobalOrImport = (...path: string[]): OriginPattern[] => [
  { global: 'vi', path },
  { module: 'vitest', path: ['vi', ...path] },
];
const moduleExport = (module: string, ...path: string[]): OriginPattern[] => [
  { module, path },
  { module, path: ['default', ...path] },
];
const nodeMock = (...path: string[]): OriginPattern[] => [
  { module: 'node:test', path: ['mock', ...path] },
  { module: 'node:test', path: ['default', 'mock', ...path] },
  { module: 'node:test', path: ['test', 'mock', ...path] },
];

export const SCOPED_HELPERS: readonly ScopedHelperSpec[] = [
  { callee: jestGlobalOrImport('spyOn'), family: 'jest-mock', label: 'jest.spyOn', target: 'member', minArgs: 2, targetRestores: [['mockRestore']] },
  { callee: jestGlobalOrImport('replaceProperty'), family: 'jest-mock', label: 'jest.replaceProperty', target: 'member', minArgs: 3 },
  { callee: viGlobalOrImport('spyOn'), family: 'vitest-mock', label: 'vi.spyOn', target: 'member', minArgs: 2, targetRestores: [['mockRestore']] },
  { callee: viGlobalOrImport('stubGlobal'), family: 'vitest-global', label: 'vi.stubGlobal', target: 'global', minArgs: 2 },
  { callee: viGlobalOrImport('stubEnv'), family: 'vitest-env', label: 'vi.stubEnv', target: 'env', minArgs: 2 },
  { callee: viGlobalOrImport('useFakeTimers'), family: 'vitest-timers', label: 'vi.useFakeTimers', target: 'timers', minArgs: 0 },
  { callee: jestGlobalOrImport('useFakeTimers'), family: 'jest-timers', label: 'jest.useFakeTimers', target: 'timers', minArgs: 0 },
  { callee: moduleExport('sinon', 'stub'), family: 'sinon', label: 'sinon.stub', target: 'object', minArgs: 1, targetRestores: [['restore']] },
  { callee: moduleExport('sinon', 'spy'), family: 'sinon', label: 'sinon.spy', target: 'member', minArgs: 2, targetRestores: [['restore']] },
  { callee: moduleExport('sinon', 'replace'), family: 'sinon', label: 'sinon.replace', target: 'member', minArgs: 3 },
  { callee: moduleExport('sinon', 'define'), family: 'sinon', label: 'sinon.define', target: 'member', minArgs: 3 },
  { callee: moduleExport('sinon', 'replaceGetter'), family: 'sinon', label: 'sinon.replaceGetter', target: 'member', minArgs: 3 },
  { callee: moduleExport('sinon', 'replaceSetter'), family: 'sinon', label: 'sinon.replaceSetter', target: 'member', minArgs: 3 },
  { callee: moduleExport('sinon', 'useFakeTimers'), family: 'sinon', label: 'sinon.useFakeTimers', target: 'timers', minArgs: 0 },
  { callee: nodeMock('method'), family: 'node-mock', label: 'mock.method', target: 'member', minArgs: 2, targetRestores: [['mock', 'restore']] },
  { callee: nodeMock('getter'), family: 'node-mock', label: 'mock.getter', target: 'member', minArgs: 2 },
  { callee: nodeMock('setter'), family: 'node-mock', label: 'mock.setter', target: 'member', minArgs: 2 },
  { callee: nodeMock('property'), family: 'node-mock', label: 'mock.property', target: 'member', minArgs: 2 },
  { callee: nodeMock('timers', 'enable'), family: 'node-timers', label: 'mock.timers.enable', target: 'timers', minArgs: 0 },
  // Sinon's clock on its own: `install()` fakes the global timers and returns the clock that uninstalls them.
  { callee: moduleExport('@sinonjs/fake-timers', 'install'), family: 'fake-timers', label: 'FakeTimers.install', target: 'timers', minArgs: 0 },
  { callee: moduleExport('testdouble', 'replace'), family: 'testdouble', label: 'td.replace', target: 'member', minArgs: 2 },
  // mock-fs: calling the module replaces Node's file system bindings until `mock.restore()`.
  { callee: moduleExport('mock-fs'), family: 'mock-fs', label: 'mock-fs', target: 'fs', minArgs: 0 },
];

/** Calls that hand back their argument, typed as a mock (`jest.mocked(console.warn).mockRestore()`). */
export const MOCK_VIEWS: readonly OriginPattern[] = [...jestGlobalOrImport('mocked'), ...viGlobalOrImport('mocked')];

/** Methods of a Sinon sandbox (`sinon.createSandbox()`) that replace something, with the same arguments as on `sinon`. */
export const SANDBOX_HELPERS: ReadonlySet<string> = new Set(['stub', 'spy', 'replace', 'replaceGetter', 'replaceSetter', 'useFakeTimers']);
/** Methods of a Sinon sandbox that restore every fake made through it (`verifyAndRestore` even when verification throws). */
export const SANDBOX_RESTORES: ReadonlySet<string> = new Set(['restore', 'verifyAndRestore']);
export const SANDBOX_FACTORIES: readonly OriginPattern[] = moduleExport('sinon', 'createSandbox');

export const HELPER_FAMILIES: Readonly<Record<HelperFamily, HelperFamilySpec>> = {
  'jest-mock': {
    family: 'jest-mock',
    unbound: 'restores',
    restoreAll: jestGlobalOrImport('restoreAllMocks'),
    restoreAllSpellings: ['jest.restoreAllMocks'],
    handleRestores: [['mockRestore'], ['restore']],
    respySpellings: ['jest.spyOn'],
    config: { runner: 'jest', key: 'restoreMocks' },
    outlivesFile: false,
    fix: 'call `jest.restoreAllMocks()` in `afterEach`',
  },
  'vitest-mock': {
    family: 'vitest-mock',
    unbound: 'restores',
    restoreAll: viGlobalOrImport('restoreAllMocks'),
    restoreAllSpellings: ['vi.restoreAllMocks'],
    handleRestores: [['mockRestore']],
    respySpellings: ['vi.spyOn'],
    config: { runner: 'vitest', key: 'restoreMocks' },
    outlivesFile: false,
    fix: 'call `vi.restoreAllMocks()` in `afterEach`',
  },
  'vitest-global': {
    family: 'vitest-global',
    unbound: 'restores',
    restoreAll: viGlobalOrImport('unstubAllGlobals'),
    restoreAllSpellings: ['vi.unstubAllGlobals'],
    handleRestores: [],
    config: { runner: 'vitest', key: 'unstubGlobals' },
    outlivesFile: true,
    fix: 'call `vi.unstubAllGlobals()` in `afterEach`',
  },
  'vitest-env': {
    family: 'vitest-env',
    unbound: 'restores',
    restoreAll: viGlobalOrImport('unstubAllEnvs'),
    restoreAllSpellings: ['vi.unstubAllEnvs'],
    handleRestores: [],
    config: { runner: 'vitest', key: 'unstubEnvs' },
    outlivesFile: true,
    fix: 'call `vi.unstubAllEnvs()` in `afterEach`',
  },
  'vitest-timers': {
    family: 'vitest-timers',
    unbound: 'restores',
    installsAfresh: true,
    keepsSetTime: viGlobalOrImport('setSystemTime'),
    restoreAll: viGlobalOrImport('useRealTimers'),
    restoreAllSpellings: ['vi.useRealTimers'],
    handleRestores: [],
    outlivesFile: true,
    fix: 'call `vi.useRealTimers()` in `afterEach`',
  },
  // Jest installs them on the file's own global: the file's later tests see them, later files do not.
  'jest-timers': {
    family: 'jest-timers',
    unbound: 'restores',
    installsAfresh: true,
    restoreAll: jestGlobalOrImport('useRealTimers'),
    restoreAllSpellings: ['jest.useRealTimers'],
    handleRestores: [],
    outlivesFile: false,
    fix: 'call `jest.useRealTimers()` in `afterEach`',
  },
  sinon: {
    family: 'sinon',
    rewrapThrows: true,
    unbound: 'restores',
    // `verifyAndRestore` restores in a `finally`, even when verification throws.
    restoreAll: [...moduleExport('sinon', 'restore'), ...moduleExport('sinon', 'verifyAndRestore')],
    restoreAllSpellings: ['sinon.restore', 'sinon.verifyAndRestore'],
    handleRestores: [['restore']],
    outlivesFile: true,
    fix: 'call `sinon.restore()` in `afterEach`',
  },
  'sinon-sandbox': {
    family: 'sinon-sandbox',
    rewrapThrows: true,
    unbound: 'restores',
    restoreAll: [],
    restoreAllSpellings: [],
    handleRestores: [['restore']],
    outlivesFile: true,
    fix: 'call `{{sandbox}}.restore()` in `afterEach`',
  },
  'node-mock': {
    family: 'node-mock',
    unbound: 'throws',
    restoreAll: [...nodeMock('restoreAll'), ...nodeMock('reset')],
    restoreAllSpellings: ['mock.restoreAll', 'mock.reset'],
    handleRestores: [['mock', 'restore']],
    outlivesFile: true,
    fix: 'use `t.mock` or call `mock.restoreAll()` in `afterEach`',
  },
  'node-timers': {
    family: 'node-timers',
    unbound: 'throws',
    restoreAll: [...nodeMock('timers', 'reset'), ...nodeMock('reset')],
    restoreAllSpellings: ['mock.timers.reset', 'mock.reset'],
    handleRestores: [],
    outlivesFile: true,
    fix: 'use `t.mock.timers` or call `mock.timers.reset()` in `afterEach`',
  },
  'fake-timers': {
    family: 'fake-timers',
    restoreAll: [],
    restoreAllSpellings: [],
    handleRestores: [['uninstall']],
    outlivesFile: true,
    fix: 'call `uninstall()` on its clock in `afterEach`',
  },
  'mock-fs': {
    family: 'mock-fs',
    restoreAll: moduleExport('mock-fs', 'restore'),
    restoreAllSpellings: ['mock.restore', 'mockFs.restore'],
    handleRestores: [],
    outlivesFile: true,
    fix: 'call `mock.restore()` in `afterEach`',
  },
  testdouble: {
    family: 'testdouble',
    restoreAll: moduleExport('testdouble', 'reset'),
    restoreAllSpellings: ['td.reset'],
    handleRestores: [],
    outlivesFile: true,
    fix: 'call `td.reset()` in `afterEach`',
  },
};

/**
 * Assertions that expect a function to throw: `expect(() => x).toThrow()`, `assert.throws(() => x)`.
 * A fake or a write that is itself the whole body of that function is expected to fail.
 */
export const EXPECTED_THROWS = {
  /** `expect(fn)` followed by one of `matchers` in its chain (`.rejects` and other links allowed between; `.not` negates). */
  expect: [{ global: 'expect', path: [] }, { module: 'vitest', path: ['expect'] }, { module: '@jest/globals', path: ['expect'] }, { module: 'chai', path: ['expect'] }] as readonly OriginPattern[],
  matchers: new Set(['toThrow', 'toThrowError', 'toThrowErrorMatchingSnapshot', 'toThrowErrorMatchingInlineSnapshot', 'throw', 'throws']) as ReadonlySet<string>,
  /** The link that turns an expectation around: `expect(fn).not.toThrow()` expects `fn` to run through. */
  negation: 'not',
  /** `assert.throws(fn)` and the like: the function is the first argument. */
  calls: [
    ...['assert', 'node:assert', 'assert/strict', 'node:assert/strict'].flatMap((module) => [
      { module, path: ['throws'] },
      { module, path: ['default', 'throws'] },
      { module, path: ['strict', 'throws'] },
    ]),
    { module: 'chai', path: ['assert', 'throws'] },
  ] as readonly OriginPattern[],
};

/**
 * Calls that check a result and fail the test when it is wrong: a chain that starts at one of
 * `roots` (`expect(x).toBe(1)`, `assert.equal(a, b)`, `sinon.assert.calledOnce(s)`), goes through a
 * member in `chainMembers` (Chai's `x.should.equal(1)`, added to every object), or is a method of
 * the test's own context (`t.equal`, `t.assert.ok`: AVA, node:test), unless the framework's context
 * assertions only record a failure (`contextAssertionsRecord`: tape).
 */
export const ASSERTIONS = {
  roots: [
    // Also where a setup file made them globals (`global.assert = chai.assert`).
    { global: 'expect', path: [] },
    { global: 'assert', path: [] },
    // `expect` from any module of a test framework (a wrapping package such as `@effect/vitest` too).
    ...[...FRAMEWORKS.flatMap((framework) => framework.modules), '@playwright/test', 'chai'].map((module) => ({ module, path: ['expect'] })),
    ...['expect', 'chai'].flatMap((module) => [{ module, path: [] }, { module, path: ['default'] }]),
    { module: 'chai', path: ['assert'] },
    { module: 'chai', path: ['should'] },
    ...['assert', 'node:assert', 'assert/strict', 'node:assert/strict'].flatMap((module) => [
      { module, path: [] },
      { module, path: ['default'] },
      { module, path: ['strict'] },
      { module, path: ['default', 'strict'] },
    ]),
    ...['sinon'].flatMap((module) => [{ module, path: ['assert'] }, { module, path: ['default', 'assert'] }]),
  ] as readonly OriginPattern[],
  chainMembers: new Set(['should']) as ReadonlySet<string>,
};

/** Members whose runtime default a test writes back as cleanup (`process.exitCode = 0` after a failing command). */
export const RUNTIME_DEFAULTS: readonly { readonly global: string; readonly path: readonly string[]; readonly values: readonly (number | null | undefined)[] }[] = [
  { global: 'process', path: ['exitCode'], values: [0, undefined, null] },
];

/** Calls that load a private copy of modules for the callback (`jest.isolateModules(() => { require('./m') })`). */
export const MODULE_ISOLATORS: readonly OriginPattern[] = [
  ...jestGlobalOrImport('isolateModules'),
  ...jestGlobalOrImport('isolateModulesAsync'),
];

/**
 * Browser-driver methods whose callback runs in the page, not in the test process (Puppeteer,
 * Playwright, WebdriverIO): `page.evaluate(() => { window.x = 1 })`. The driver object comes from
 * a fixture or a parameter, so these are matched by method name on any object.
 */
export const PAGE_CALLBACK_METHODS: ReadonlySet<string> = new Set([
  'evaluate', 'evaluateHandle', '$eval', '$$eval', 'evaluateOnNewDocument', 'addInitScript', 'waitForFunction', 'execute', 'executeAsync',
]);

/**
 * Environments whose global names are standard (the `globals` package's lists): a write to any
 * other name on the global object (`globalThis.clsx = ...`) adds a name of the test's own.
 */
export const STANDARD_GLOBAL_ENVIRONMENTS: readonly string[] = [
  'builtin', 'node', 'browser', 'worker', 'serviceworker', 'commonjs', 'jest', 'mocha', 'vitest', 'jasmine',
];

/**
 * Environments whose globals a bare assignment (`setTimeout = fake`, `process = false`) replaces for
 * everything that reads them. The test frameworks' own globals are left out: `expect = chai.expect`
 * is a file setting up its test API, and `require`/`exports` are bindings of the module, not globals.
 */
export const BARE_ASSIGNED_GLOBAL_ENVIRONMENTS: readonly string[] = ['builtin', 'node', 'browser', 'worker', 'serviceworker'];

/** Globals no assignment changes: non-writable properties of the global object (ECMAScript). */
export const READ_ONLY_GLOBALS: ReadonlySet<string> = new Set(['undefined', 'NaN', 'Infinity']);

/**
 * Spies that call through to the original unless given a fake: by family, the helper's method and
 * the argument that gives the implementation (none: only a chained call can). Families whose
 * second spy on the same member throws (Sinon) are left out: a leftover spy breaks the next one.
 */
export const CALL_THROUGH_SPIES: Readonly<Partial<Record<HelperFamily, Readonly<Record<string, number | undefined>>>>> = {
  'jest-mock': { spyOn: undefined },
  'vitest-mock': { spyOn: undefined },
  'node-mock': { method: 2, getter: 2, setter: 2 },
  // A second fake of a member a Sinon spy still wraps throws "already wrapped": hygiene.ts asks that nothing else wraps it.
  sinon: { spy: undefined },
};

/**
 * Calls that empty every Jest or Vitest mock's recorded calls (a reset or a restore does too): a spy
 * a `beforeEach` makes again keeps the calls of the tests before unless one runs in between.
 */
export const CLEAR_ALL_CALLS: readonly OriginPattern[] = ['clearAllMocks', 'resetAllMocks', 'restoreAllMocks'].flatMap((name) => [...jestGlobalOrImport(name), ...viGlobalOrImport(name)]);

/** The same for one Jest or Vitest mock, called on it (`spy.mockClear()`). */
export const CLEAR_CALLS_METHODS: ReadonlySet<string> = new Set(['mockClear', 'mockReset', 'mockRestore']);

/**
 * Members of the global object that neither runner reads between two tests, even after a failing
 * test (checked with Jest 30 and Vitest 4 by faking them in one test and recording calls until the
 * next one begins: none). Jest's runner does call `Object.keys` between tests, and `Array.isArray`
 * after a failure, so a fake of those is seen before the next test can fake them again.
 */
export const UNREAD_BETWEEN_TESTS: readonly OriginPattern[] = [
  ...['log', 'info', 'warn', 'error', 'debug', 'trace'].map((name) => ({ global: 'console', path: [name] })),
  { global: 'Math', path: ['random'] },
  { global: 'Date', path: ['now'] },
];

/** What fake timers replace on the global object: code that reads any of them reads the fake clock. */
export const CLOCK_GLOBALS: ReadonlySet<string> = new Set([
  'Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate',
  'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'performance', 'process',
]);

/** Fake behaviour that lasts only while a callback runs (`spy.withImplementation(fn, cb)`): it puts the fake it found back afterwards. */
export const TEMPORARY_FAKE_METHODS: ReadonlySet<string> = new Set(['withImplementation']);

/** Families whose second fake of a still-wrapped member throws instead of wrapping again. */
export const REWRAP_THROWS: ReadonlySet<HelperFamily> = new Set(['sinon']);

/** Modifiers that register a test or describe that does not run, nor do its hooks (`it.skip`, `test.todo`). */
export const SKIPPING_MODIFIERS: ReadonlySet<string> = new Set(['skip', 'todo']);
/** Global test and describe functions that register one that does not run (Mocha, Jasmine, Jest). */
export const SKIPPING_GLOBALS: ReadonlySet<string> = new Set(['xit', 'xtest', 'xspecify', 'xdescribe', 'xcontext']);

/** Calls on a spy (or its `.mock`) that give it fake behaviour. */
export const FAKE_BEHAVIOUR_METHODS: ReadonlySet<string> = new Set([
  'mockImplementation', 'mockImplementationOnce', 'mockReturnValue', 'mockReturnValueOnce', 'mockResolvedValue',
  'mockResolvedValueOnce', 'mockRejectedValue', 'mockRejectedValueOnce', 'mockReturnThis', 'withImplementation',
]);

/**
 * Functions that give the spy handed to them fake behaviour: `when(vi.spyOn(api, 'get'))
 * .calledWith('/x').thenReturn(...)` (vitest-when, jest-when) sets the spy's implementation, so it no
 * longer calls through.
 */
export const FAKE_BEHAVIOUR_WRAPPERS: readonly OriginPattern[] = ['jest-when', 'vitest-when'].flatMap((module) => [
  { module, path: ['when'] },
  { module, path: ['default', 'when'] },
]);

/** Fake behaviour for the next call only: once used, the spy calls through again (or falls back to a lasting fake). */
export const ONCE_FAKE_METHODS: ReadonlySet<string> = new Set([
  'mockImplementationOnce', 'mockReturnValueOnce', 'mockResolvedValueOnce', 'mockRejectedValueOnce',
]);

/**
 * Mock functions that `jest.spyOn` / `vi.spyOn` hand back as they are: a spy on a member that already
 * holds one installs nothing new (checked with Jest 30 and Vitest 4: the spy is the same function).
 */
export const SPIED_AS_IS: readonly OriginPattern[] = [
  { global: 'jest', path: ['fn'] },
  { module: '@jest/globals', path: ['jest', 'fn'] },
  { global: 'vi', path: ['fn'] },
  { module: 'vitest', path: ['vi', 'fn'] },
];

/** `jest.mock('./m')` / `vi.mock('./m')` with no factory: the file gets an automatic mock of the module. */
export const AUTOMOCKERS: readonly OriginPattern[] = [...jestGlobalOrImport('mock'), ...viGlobalOrImport('mock')];

/**
 * The rewrite a suggestion makes for each remedy the messages name (`remedySourceFor`), by who gives
 * it and the kind of target: the scoped helper (a label of SCOPED_HELPERS) and its arguments. `impl`:
 * the written value becomes the spy's implementation (`.mockImplementation(value)`); `context`: the
 * helper is reached through the running test's context (`t.mock.method`). A kind missing here has no
 * safe rewrite (save-and-restore advice needs judgment): no suggestion.
 */
export interface SuggestedHelper {
  readonly label: string;
  readonly args: readonly ('object' | 'key' | 'value')[];
  readonly impl?: true;
  readonly context?: true;
  /**
   * getter: a plain value through a getter spy (`vi.spyOn(o, 'k', 'get').mockReturnValue(value)`);
   * envObject: an environment variable through the whole `process.env`
   * (`jest.replaceProperty(process, 'env', { ...process.env, K: value })`; replacing the variable
   * itself throws when it is not set); cleanup: the original saved before the write and put back in
   * the test context's `after` (no helper replaces a value).
   */
  readonly as?: 'getter' | 'envObject' | 'cleanup';
  /** Works on a key that may not be there yet, and removes it again. Any other helper throws for a new key (RUNTIME-FACTS 48). */
  readonly newKey?: true;
  /** The helper of the same library for a key known to be new (`sinon.define` for `sinon.replace`). */
  readonly whenNew?: SuggestedHelper;
}

const spyOn = (label: string): SuggestedHelper => ({ label, args: ['object', 'key'], impl: true });
const sinonReplace: SuggestedHelper = { label: 'sinon.replace', args: ['object', 'key', 'value'], whenNew: { label: 'sinon.define', args: ['object', 'key', 'value'], newKey: true } };
const contextMethod: SuggestedHelper = { label: 'mock.method', args: ['object', 'key', 'value'], context: true };
const contextAfter: SuggestedHelper = { label: 'after', args: [], context: true, as: 'cleanup', newKey: true };

export const SUGGESTED_HELPERS: Readonly<Partial<Record<FrameworkId | MockLibrarySpec['id'], Readonly<Partial<Record<GlobalTargetKind | 'module', SuggestedHelper>>>>>> = {
  jest: {
    module: spyOn('jest.spyOn'),
    function: spyOn('jest.spyOn'),
    globalFunction: spyOn('jest.spyOn'),
    value: { label: 'jest.replaceProperty', args: ['object', 'key', 'value'] },
    globalValue: { label: 'jest.replaceProperty', args: ['object', 'key', 'value'] },
    env: { label: 'jest.replaceProperty', args: ['key', 'value'], as: 'envObject', newKey: true },
  },
  vitest: {
    module: spyOn('vi.spyOn'),
    function: spyOn('vi.spyOn'),
    globalFunction: { label: 'vi.stubGlobal', args: ['key', 'value'], newKey: true },
    globalValue: { label: 'vi.stubGlobal', args: ['key', 'value'], newKey: true },
    env: { label: 'vi.stubEnv', args: ['key', 'value'], newKey: true },
    value: { label: 'vi.spyOn', args: ['object', 'key'], as: 'getter' },
  },
  'node-test': { module: contextMethod, function: contextMethod, globalFunction: contextMethod, value: contextAfter, globalValue: contextAfter, env: contextAfter },
  sinon: { module: sinonReplace, function: sinonReplace, globalFunction: sinonReplace, globalValue: sinonReplace, value: sinonReplace },
};
