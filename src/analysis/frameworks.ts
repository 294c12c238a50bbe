/**
 * What each test framework and mocking library calls its tests, hooks and scoped helpers.
 *
 * This is the only place that knows framework names. Everything else asks these tables, after
 * resolving a callee through scope (see binding.ts): a local function called `it` is not a test.
 */

export type FrameworkId = 'jest' | 'vitest' | 'mocha' | 'node-test' | 'jasmine';

/** Roles a call can play in a test file. */
export type HookKind = 'beforeAll' | 'beforeEach' | 'afterEach' | 'afterAll';
export type StructureRole =
  | { kind: 'test' }
  | { kind: 'describe' }
  | { kind: 'hook'; hook: HookKind }
  /** Registers a callback that runs when the current test ends (`onTestFinished`). */
  | { kind: 'cleanup' };

const test = { kind: 'test' } as const;
const describe = { kind: 'describe' } as const;
const cleanup = { kind: 'cleanup' } as const;
const hook = (h: HookKind): StructureRole => ({ kind: 'hook', hook: h });

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
  /** How to replace a member so the framework puts it back, in one sentence fragment. */
  readonly remedy: string;
}

export const FRAMEWORKS: readonly FrameworkSpec[] = [
  {
    id: 'vitest',
    modules: ['vitest'],
    exports: {
      describe, suite: describe, it: test, test, bench: test,
      beforeAll: hook('beforeAll'), beforeEach: hook('beforeEach'),
      afterEach: hook('afterEach'), afterAll: hook('afterAll'),
      onTestFinished: cleanup,
    },
    markerGlobals: ['vi'],
    remedy: "use `vi.spyOn({{object}}, {{key}})` and restore it with `mockRestore()` or `restoreMocks: true`",
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
    remedy:
      "use `jest.spyOn({{object}}, {{key}})` (or `jest.replaceProperty` for a non-function value) and restore it with `mockRestore()` or `restoreMocks: true`",
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
    remedy: "use `t.mock.method({{object}}, {{key}})`, which node:test restores when the test ends",
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
    remedy: 'save the original and put it back in `afterEach`, or in a `finally` block',
  },
  {
    id: 'jasmine',
    modules: [],
    exports: {},
    markerGlobals: ['jasmine'],
    remedy: "use `spyOn({{object}}, {{key}})`, which Jasmine removes after each spec",
  },
];

/** Mocking libraries that bring their own scoped replacement, preferred in messages when the file uses them. */
export interface MockLibrarySpec {
  readonly id: 'sinon' | 'testdouble';
  readonly modules: readonly string[];
  readonly remedy: string;
}

export const MOCK_LIBRARIES: readonly MockLibrarySpec[] = [
  {
    id: 'sinon',
    modules: ['sinon'],
    remedy: "use `sinon.replace({{object}}, {{key}}, fake)` with `sinon.restore()` in `afterEach`",
  },
  {
    id: 'testdouble',
    modules: ['testdouble'],
    remedy: "use `td.replace({{object}}, {{key}})` with `td.reset()` in `afterEach`",
  },
];

/** The remedy when nothing tells which framework the file runs under. */
export const GENERIC_REMEDY = 'save the original and put it back in `afterEach`, or in a `finally` block';

/** Modifiers chained on a structure call that keep its role: `it.only`, `describe.each(table)(...)`. */
export const STRUCTURE_MODIFIERS: ReadonlySet<string> = new Set([
  'only', 'skip', 'todo', 'concurrent', 'sequential', 'each', 'for', 'fails', 'shuffle',
  'skipIf', 'runIf', 'failing', 'serial',
]);

/** `test.extend(...)` (Vitest) makes a new test function with fixtures. */
export const TEST_EXTENDERS: ReadonlySet<string> = new Set(['extend', 'scoped']);

/** node:test's test context: `t.after(fn)` runs fn when the test ends, `t.mock` is reset then too. */
export const TEST_CONTEXT_CLEANUPS: ReadonlySet<string> = new Set(['after']);

/** Vitest passes `onTestFinished` in the test context too: `it('x', ({ onTestFinished }) => ...)`. */
export const CONTEXT_CLEANUP_PROPERTIES: ReadonlySet<string> = new Set(['onTestFinished']);

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
export const REQUIRE_FACTORIES: readonly OriginPattern[] = ['module', 'node:module'].flatMap((module) => [
  { module, path: ['createRequire'] },
  { module, path: ['default', 'createRequire'] },
]);

export function roleOfGlobal(name: string): StructureRole | undefined {
  return Object.hasOwn(GLOBAL_NAMES, name) ? GLOBAL_NAMES[name] : undefined;
}

export function frameworkOfModule(specifier: string): FrameworkSpec | undefined {
  return FRAMEWORKS.find((f) => f.modules.includes(specifier));
}

export function roleOfExport(specifier: string, exportName: string): StructureRole | undefined {
  const framework = frameworkOfModule(specifier);
  if (!framework || !Object.hasOwn(framework.exports, exportName)) return undefined;
  return framework.exports[exportName];
}

export function frameworkOfMarkerGlobal(name: string): FrameworkSpec | undefined {
  return FRAMEWORKS.find((f) => f.markerGlobals.includes(name));
}

export function mockLibraryOfModule(specifier: string): MockLibrarySpec | undefined {
  return MOCK_LIBRARIES.find((l) => l.modules.includes(specifier));
}


/**
 * The scoped alternative to name in a message, for what the file uses: its mock library first
 * (sinon, testdouble), then its test framework, else the portable save-and-restore advice.
 */
export function remedyFor(
  frameworks: ReadonlySet<FrameworkId>,
  mockLibraries: ReadonlySet<MockLibrarySpec['id']>,
  object: string,
  key: string,
): string {
  const library = MOCK_LIBRARIES.find((l) => mockLibraries.has(l.id));
  const framework = FRAMEWORKS.find((f) => frameworks.has(f.id));
  const template = library?.remedy ?? framework?.remedy ?? GENERIC_REMEDY;
  return template.replaceAll('{{object}}', object).replaceAll('{{key}}', key);
}
