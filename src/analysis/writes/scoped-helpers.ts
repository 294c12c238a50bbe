/**
 * Which calls replace something through a scoped helper (`jest.spyOn`, `vi.stubGlobal`,
 * `sinon.stub`, node:test's top-level `mock.method`, a Sinon sandbox), and which calls undo them
 * (`spy.mockRestore()`, `vi.restoreAllMocks()`, `sinon.restore()`, `sandbox.restore()`)? Callees
 * are resolved through scope against the catalogue in frameworks.ts.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { ANY_KEY, matchesAny, memberOrigin, originOf, staticKey, unwrap, variableOf, writesOf, type SharedOrigin } from '../values/binding.js';
import { indexOf } from '../values/file-index.js';
import {
  HELPER_FAMILIES,
  MOCK_VIEWS,
  SANDBOX_FACTORIES,
  SANDBOX_HELPERS,
  SANDBOX_RESTORES,
  SCOPED_HELPERS,
  type HelperFamily,
  type HelperFamilySpec,
  type ScopedHelperSpec,
} from '../runner/frameworks.js';
import type { Registration, TestStructure } from '../runner/test-structure.js';

type Variable = TSESLint.Scope.Variable;

export interface HelperCall {
  readonly call: TSESTree.CallExpression;
  readonly family: HelperFamily;
  readonly label: string;
  /** What undoes all of it at once: the family, or for a sandbox, that sandbox. */
  readonly group: string;
  /** The variable the returned fake is stored in, if any (`const spy = jest.spyOn(...)`). */
  readonly handle: Variable | undefined;
  /** Declared with `using`: restored when the block exits. */
  readonly disposed: boolean;
  /** What is replaced, for messages: `console.error`, `globalThis.fetch`, `process.env.API_URL`. */
  readonly name: string;
  /** The sandbox's source text, for sandboxed helpers. */
  readonly sandbox: string | undefined;
  /** The replaced object is made in this file (`new Client()`, a literal): the fake dies with it. */
  readonly onLocalObject: boolean;
  /** The shared member it replaces (`jest.spyOn(console, 'warn')`: global `console.warn`), when known. */
  readonly target: SharedOrigin | undefined;
  /** Paths on that member whose call undoes this replacement (`restore`, `mockRestore`, `mock.restore`). */
  readonly targetRestores: readonly string[];
  /** The shared object whose every method an object helper given the object alone wraps (`sinon.stub(client)`), when known. */
  readonly wholeObject?: SharedOrigin;
}

export interface RestoreCall {
  readonly call: TSESTree.CallExpression;
  /** Undoes every replacement of this group (`vi.restoreAllMocks()`, `sandbox.restore()`). */
  readonly group: string | undefined;
  /** Undoes the one replacement whose fake this variable holds (`spy.mockRestore()`). */
  readonly handle: Variable | undefined;
  /**
   * The expression a handle's restore is called on (`this.stub` in `this.stub.restore()`, `vars.stub`,
   * a loop's element): undoes the replacements whose fake it may hold (handles.ts).
   */
  readonly receiver?: TSESTree.Expression;
  /**
   * Undoes the replacement of this member, reached through the member itself (`obj.method.restore()`,
   * `jest.mocked(console.warn).mockRestore()`): `path` is the restore called on it.
   */
  readonly throughTarget?: { readonly target: SharedOrigin; readonly path: string };
}

/**
 * A restore-all handed to a hook or cleanup by reference (`afterEach(sinon.restore)`): the runner
 * calls it later without its object. `works` says whether it still restores so.
 */
export interface RestoreReference {
  /** The reference passed (`sinon.restore`), where it is reported. */
  readonly node: TSESTree.Expression;
  /** The hook or cleanup registration it is passed to. */
  readonly registration: Registration;
  /** What it undoes: a family, or a sandbox. */
  readonly group: string;
  readonly works: boolean;
}

export interface ScopedHelpers {
  readonly helpers: readonly HelperCall[];
  readonly restores: readonly RestoreCall[];
}

const cache = new WeakMap<TSESLint.SourceCode, ScopedHelpers>();

/** The last name of every helper and restore call in the catalogue: `spyOn`, `restoreAllMocks`, `mockRestore`... */
const HELPER_NAMES: ReadonlySet<string> = new Set([
  ...SCOPED_HELPERS.flatMap((spec) => spec.callee.map((pattern) => pattern.path.at(-1) ?? '')),
  ...Object.values(HELPER_FAMILIES).flatMap((family) => [
    ...family.restoreAll.map((pattern) => pattern.path.at(-1) ?? ''),
    ...family.handleRestores.map((path) => path.at(-1) ?? ''),
  ]),
  ...SANDBOX_HELPERS,
  ...SANDBOX_RESTORES,
  ...SCOPED_HELPERS.flatMap((spec) => (spec.targetRestores ?? []).map((path) => path.at(-1) ?? '')),
]);

export function scopedHelpersOf(sourceCode: TSESLint.SourceCode): ScopedHelpers {
  let found = cache.get(sourceCode);
  if (!found) {
    found = collect(sourceCode);
    cache.set(sourceCode, found);
  }
  return found;
}

function collect(sourceCode: TSESLint.SourceCode): ScopedHelpers {
  const helpers: HelperCall[] = [];
  const restores: RestoreCall[] = [];
  const sandboxes = new SandboxFinder(sourceCode);
  for (const call of indexOf(sourceCode).calls) {
    // Most calls (`expect(x).toBe(y)`) cannot be helpers: skip members with names no helper has.
    const callee = unwrap(call.callee);
    if (callee.type === T.MemberExpression && (callee.computed || callee.property.type !== T.Identifier || !HELPER_NAMES.has(callee.property.name))) {
      continue;
    }
    const origin = originOf(sourceCode, call.callee);
    const spec = SCOPED_HELPERS.find((s) => call.arguments.length >= s.minArgs && matchesAny(origin, s.callee));
    if (spec) {
      helpers.push(helperCall(sourceCode, call, spec, spec.family, undefined));
      continue;
    }
    // `mock.reset()` undoes node:test's mocks and its timers: one restore per family it undoes.
    const families = FAMILIES.filter((f) => matchesAny(origin, f.restoreAll));
    if (families.length > 0) {
      for (const family of families) restores.push({ call, group: family.family, handle: undefined });
      continue;
    }
    if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier) continue;
    const method = callee.property.name;
    const sandbox = sandboxes.keyOf(callee.object);
    if (sandbox !== undefined) {
      if (SANDBOX_RESTORES.has(method)) restores.push({ call, group: sandbox, handle: undefined });
      const sandboxed = SANDBOX_HELPERS.has(method) ? SCOPED_HELPERS.find((s) => s.family === 'sinon' && s.label === `sinon.${method}`) : undefined;
      if (sandboxed && call.arguments.length >= sandboxed.minArgs) {
        const text = sourceCode.getText(callee.object);
        helpers.push(helperCall(sourceCode, call, { ...sandboxed, label: `${text}.${method}` }, 'sinon-sandbox', sandbox));
      }
      continue;
    }
    const handle = handleRestored(sourceCode, callee);
    const receiver = handleReceiver(callee);
    if (handle) {
      restores.push({ call, group: undefined, handle, ...(receiver ? { receiver } : {}) });
      continue;
    }
    const throughTarget = targetRestored(sourceCode, callee);
    if (throughTarget || receiver) restores.push({ call, group: undefined, handle: undefined, ...(throughTarget ? { throughTarget } : {}), ...(receiver ? { receiver } : {}) });
  }
  return { helpers, restores };
}

const FAMILIES: readonly HelperFamilySpec[] = Object.values(HELPER_FAMILIES);

/** Every path on a replaced member that restores some helper's replacement, longest first. */
const TARGET_RESTORE_PATHS: readonly (readonly string[])[] = [
  ...new Map(SCOPED_HELPERS.flatMap((spec) => spec.targetRestores ?? []).map((path) => [path.join('.'), path])).values(),
].sort((a, b) => b.length - a.length);

/**
 * `obj.method.restore()`, `(console.warn as jest.Mock).mockRestore()`, `jest.mocked(x).mockRestore()`,
 * `api.get.mock.restore()`: the shared member whose installed fake restores itself.
 */
function targetRestored(sourceCode: TSESLint.SourceCode, callee: TSESTree.MemberExpression): RestoreCall['throughTarget'] {
  for (const path of TARGET_RESTORE_PATHS) {
    const object = objectBefore(callee, path);
    if (!object) continue;
    let member = unwrap(object);
    // `jest.mocked(x)` and `vi.mocked(x)` hand back `x`.
    if (member.type === T.CallExpression && member.arguments[0] && member.arguments[0].type !== T.SpreadElement && matchesAny(originOf(sourceCode, member.callee), MOCK_VIEWS)) {
      member = unwrap(member.arguments[0]);
    }
    if (member.type !== T.MemberExpression) continue;
    const target = originOf(sourceCode, member);
    if ((target.kind === 'module' || target.kind === 'global') && (target.kind === 'global' || target.path.length > 0)) {
      return { target, path: path.join('.') };
    }
  }
  return undefined;
}

const referenceCache = new WeakMap<TSESLint.SourceCode, readonly RestoreReference[]>();

/**
 * Restore-alls passed to a hook or cleanup by reference: `afterEach(sinon.restore)`,
 * `afterEach(sandbox.verifyAndRestore)`, `afterEach(jest.restoreAllMocks)`, `afterEach(mock.restoreAll)`.
 * Only families whose unbound behaviour was verified with the real runner are listed.
 */
export function restoreReferencesOf(sourceCode: TSESLint.SourceCode, structure: TestStructure): readonly RestoreReference[] {
  let found = referenceCache.get(sourceCode);
  if (!found) {
    found = collectReferences(sourceCode, structure);
    referenceCache.set(sourceCode, found);
  }
  return found;
}

function collectReferences(sourceCode: TSESLint.SourceCode, structure: TestStructure): RestoreReference[] {
  const references: RestoreReference[] = [];
  let sandboxes: SandboxFinder | undefined;
  for (const registration of structure.registrations) {
    const role = registration.role;
    if (role.kind !== 'hook' && role.kind !== 'cleanup') continue;
    for (const argument of registration.call.arguments) {
      const node = unwrap(argument);
      if (node.type !== T.MemberExpression || node.computed || node.property.type !== T.Identifier) continue;
      const origin = originOf(sourceCode, node);
      for (const family of FAMILIES) {
        if (family.unbound && matchesAny(origin, family.restoreAll)) {
          references.push({ node, registration, group: family.family, works: family.unbound === 'restores' });
        }
      }
      if (!SANDBOX_RESTORES.has(node.property.name)) continue;
      sandboxes ??= new SandboxFinder(sourceCode);
      const sandbox = sandboxes.keyOf(node.object);
      const unbound = HELPER_FAMILIES['sinon-sandbox'].unbound;
      if (sandbox !== undefined && unbound) references.push({ node, registration, group: sandbox, works: unbound === 'restores' });
    }
  }
  return references;
}

function helperCall(
  sourceCode: TSESLint.SourceCode,
  call: TSESTree.CallExpression,
  spec: ScopedHelperSpec,
  family: HelperFamily,
  sandbox: string | undefined,
): HelperCall {
  const { handle, disposed } = storedIn(sourceCode, call);
  const callee = unwrap(call.callee);
  return {
    call,
    family,
    label: spec.label,
    group: sandbox ?? family,
    handle,
    disposed,
    name: targetName(sourceCode, call, spec),
    sandbox: sandbox === undefined || callee.type !== T.MemberExpression ? undefined : sourceCode.getText(callee.object),
    onLocalObject: onLocalObject(sourceCode, call, spec),
    target: replacedMember(sourceCode, call, spec),
    targetRestores: (spec.targetRestores ?? []).map((path) => path.join('.')),
    ...wholeObjectOf(sourceCode, call, spec),
  };
}

/** Node's `fs` module as a whole: what a fake file system (mock-fs) replaces underneath it. */
const FILE_SYSTEM: SharedOrigin = { kind: 'module', source: 'fs', path: [] };

/** `sinon.stub(client)`: an object helper given only the object wraps each of its methods. */
function wholeObjectOf(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, spec: ScopedHelperSpec): { wholeObject?: SharedOrigin } {
  const [only] = call.arguments;
  if (spec.target !== 'object' || call.arguments.length !== 1 || !only || only.type === T.SpreadElement) return {};
  const origin = originOf(sourceCode, only);
  return origin.kind === 'module' || origin.kind === 'global' ? { wholeObject: origin } : {};
}

/** The shared member a member helper replaces (`sinon.stub(fs, 'readFile')`: module `fs`'s `readFile`). */
function replacedMember(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, spec: ScopedHelperSpec): SharedOrigin | undefined {
  if (spec.target === 'fs') return FILE_SYSTEM;
  const [first, second] = call.arguments;
  if ((spec.target !== 'member' && spec.target !== 'object') || !first || !second || first.type === T.SpreadElement || second.type === T.SpreadElement) {
    return undefined;
  }
  const target = memberOrigin(originOf(sourceCode, first), staticKey(sourceCode, second) ?? ANY_KEY);
  return target.kind === 'module' || target.kind === 'global' ? target : undefined;
}

/** The object and key a member helper replaces (`sinon.stub(knex.client, 'acquire')`), as written. */
export function replacedRead(sourceCode: TSESLint.SourceCode, helper: HelperCall): { readonly object: TSESTree.Node; readonly key: string } | undefined {
  const [object, key] = helper.call.arguments;
  if (!helper.onLocalObject || !object || !key || object.type === T.SpreadElement || key.type === T.SpreadElement) return undefined;
  return { object, key: staticKey(sourceCode, key) ?? ANY_KEY };
}

/** Does a member helper replace a member of an object that is not shared (made in this file, or of unknown origin)? */
function onLocalObject(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, spec: ScopedHelperSpec): boolean {
  const first = call.arguments[0];
  if ((spec.target !== 'member' && spec.target !== 'object') || !first || first.type === T.SpreadElement) return false;
  const origin = originOf(sourceCode, first);
  return origin.kind !== 'module' && origin.kind !== 'global';
}

/** The variable that receives the fake, through chained configuration (`jest.spyOn(o, 'm').mockReturnValue(1)`). */
function storedIn(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): { handle: Variable | undefined; disposed: boolean } {
  let current: TSESTree.Node = call;
  for (;;) {
    const parent: TSESTree.Node | undefined = current.parent;
    if (parent?.type === T.MemberExpression && parent.object === current && parent.parent?.type === T.CallExpression && parent.parent.callee === parent) {
      current = parent.parent;
      continue;
    }
    if (parent && (parent.type === T.TSAsExpression || parent.type === T.TSNonNullExpression || parent.type === T.AwaitExpression)) {
      current = parent;
      continue;
    }
    break;
  }
  const parent = current.parent;
  if (parent?.type === T.VariableDeclarator && parent.init === current && parent.id.type === T.Identifier) {
    const declaration = parent.parent;
    const disposed = declaration?.type === T.VariableDeclaration && (declaration.kind === 'using' || declaration.kind === 'await using');
    return { handle: sourceCode.getDeclaredVariables(parent).find((v) => v.name === (parent.id as TSESTree.Identifier).name), disposed };
  }
  if (parent?.type === T.AssignmentExpression && parent.right === current && parent.left.type === T.Identifier) {
    return { handle: variableOf(sourceCode, parent.left), disposed: false };
  }
  return { handle: undefined, disposed: false };
}

/** `spy.mockRestore()`, `stub.restore()`, `fn.mock.restore()`: the variable whose fake is restored. */
function handleRestored(sourceCode: TSESLint.SourceCode, callee: TSESTree.MemberExpression): Variable | undefined {
  const path: string[] = [];
  let object: TSESTree.Node = callee;
  while (object.type === T.MemberExpression && !object.computed && object.property.type === T.Identifier) {
    path.unshift(object.property.name);
    object = unwrap(object.object);
  }
  if (object.type !== T.Identifier) return undefined;
  const joined = path.join('.');
  const restoring = Object.values(HELPER_FAMILIES).some((family) => family.handleRestores.some((p) => p.join('.') === joined));
  return restoring ? variableOf(sourceCode, object) : undefined;
}

/** Every path on a helper's returned fake that restores it, longest first. */
const HANDLE_RESTORE_PATHS: readonly (readonly string[])[] = [
  ...new Map(Object.values(HELPER_FAMILIES).flatMap((family) => family.handleRestores).map((path) => [path.join('.'), path])).values(),
].sort((a, b) => b.length - a.length);

/** `this.stub.restore()`, `vars.clock.restore()`, `spy.mock.restore()`: the expression whose fake is restored, when it is a member read. */
function handleReceiver(callee: TSESTree.MemberExpression): TSESTree.Expression | undefined {
  for (const path of HANDLE_RESTORE_PATHS) {
    const object = objectBefore(callee, path);
    const receiver = object && unwrap(object);
    if (receiver && (receiver.type === T.MemberExpression || receiver.type === T.Identifier)) return object;
  }
  return undefined;
}

/** The expression `path` is read from at the end of `callee` (`a.b` for `a.b.mock.restore` and `mock.restore`), or undefined when it does not end so. */
function objectBefore(callee: TSESTree.MemberExpression, path: readonly string[]): TSESTree.Expression | undefined {
  let object: TSESTree.Expression = callee;
  for (const name of [...path].reverse()) {
    const member = unwrap(object);
    if (member.type !== T.MemberExpression || member.computed || member.property.type !== T.Identifier || member.property.name !== name) return undefined;
    object = member.object;
  }
  return object;
}

function targetName(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, spec: ScopedHelperSpec): string {
  const [first, second] = call.arguments;
  const key = (node: TSESTree.Node | undefined): string | undefined =>
    node && node.type !== T.SpreadElement ? (staticKey(sourceCode, node) ?? `[${sourceCode.getText(node)}]`) : undefined;
  switch (spec.target) {
    case 'global':
      return `globalThis.${key(first) ?? '?'}`;
    case 'env':
      return `process.env.${key(first) ?? '?'}`;
    case 'timers':
      return 'Date and the timers';
    case 'fs':
      return 'fs';
    default: {
      if (!first || first.type === T.SpreadElement) return '?';
      const object = sourceCode.getText(first);
      const member = key(second);
      if (!member) return spec.target === 'object' ? `every method of ${object}` : object;
      return member.startsWith('[') ? `${object}${member}` : `${object}.${member}`;
    }
  }
}

/** Sinon sandboxes: variables only ever assigned `sinon.createSandbox()`, and `this.x` assigned one (Mocha's context pattern). */
class SandboxFinder {
  private readonly thisProperties: ReadonlySet<string>;

  constructor(private readonly sourceCode: TSESLint.SourceCode) {
    const properties = new Set<string>();
    for (const assignment of indexOf(sourceCode).assignments) {
      const left = unwrap(assignment.left);
      if (
        left.type === T.MemberExpression &&
        left.object.type === T.ThisExpression &&
        !left.computed &&
        left.property.type === T.Identifier &&
        this.isFactoryCall(assignment.right)
      ) {
        properties.add(left.property.name);
      }
    }
    this.thisProperties = properties;
  }

  keyOf(node: TSESTree.Node): string | undefined {
    const expr = unwrap(node);
    if (expr.type === T.MemberExpression && expr.object.type === T.ThisExpression && !expr.computed && expr.property.type === T.Identifier) {
      return this.thisProperties.has(expr.property.name) ? `this.${expr.property.name}` : undefined;
    }
    if (expr.type !== T.Identifier) return undefined;
    const variable = variableOf(this.sourceCode, expr);
    if (!variable) return undefined;
    const writes = writesOf(variable);
    if (writes.length === 0 || !writes.every((reference) => reference.writeExpr && this.isFactoryCall(reference.writeExpr))) return undefined;
    return `sandbox:${variable.name}@${variable.identifiers[0]?.range[0] ?? 0}`;
  }

  private isFactoryCall(node: TSESTree.Node): boolean {
    const expr = unwrap(node);
    return expr.type === T.CallExpression && matchesAny(originOf(this.sourceCode, expr.callee), SANDBOX_FACTORIES);
  }
}
