/**
 * Which calls replace something through a scoped helper (`jest.spyOn`, `vi.stubGlobal`,
 * `sinon.stub`, node:test's top-level `mock.method`, a Sinon sandbox), and which calls undo them
 * (`spy.mockRestore()`, `vi.restoreAllMocks()`, `sinon.restore()`, `sandbox.restore()`)? Callees
 * are resolved through scope against the catalogue in frameworks.ts.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { matchesAny, originOf, staticKey, unwrap, variableOf } from './binding.js';
import { indexOf } from './file-index.js';
import {
  HELPER_FAMILIES,
  SANDBOX_FACTORIES,
  SANDBOX_HELPERS,
  SCOPED_HELPERS,
  type HelperFamily,
  type ScopedHelperSpec,
} from './frameworks.js';

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
}

export interface RestoreCall {
  readonly call: TSESTree.CallExpression;
  /** Undoes every replacement of this group (`vi.restoreAllMocks()`, `sandbox.restore()`). */
  readonly group: string | undefined;
  /** Undoes the one replacement whose fake this variable holds (`spy.mockRestore()`). */
  readonly handle: Variable | undefined;
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
  'restore',
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
    const family = (Object.values(HELPER_FAMILIES) as (typeof HELPER_FAMILIES)[HelperFamily][]).find((f) => matchesAny(origin, f.restoreAll));
    if (family) {
      restores.push({ call, group: family.family, handle: undefined });
      continue;
    }
    if (callee.type !== T.MemberExpression || callee.computed || callee.property.type !== T.Identifier) continue;
    const method = callee.property.name;
    const sandbox = sandboxes.keyOf(callee.object);
    if (sandbox !== undefined) {
      if (method === 'restore') restores.push({ call, group: sandbox, handle: undefined });
      const sandboxed = SANDBOX_HELPERS.has(method) ? SCOPED_HELPERS.find((s) => s.family === 'sinon' && s.label === `sinon.${method}`) : undefined;
      if (sandboxed && call.arguments.length >= sandboxed.minArgs) {
        const text = sourceCode.getText(callee.object);
        helpers.push(helperCall(sourceCode, call, { ...sandboxed, label: `${text}.${method}` }, 'sinon-sandbox', sandbox));
      }
      continue;
    }
    const handle = handleRestored(sourceCode, callee);
    if (handle) restores.push({ call, group: undefined, handle });
  }
  return { helpers, restores };
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
  };
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
    const writes = variable.references.filter((reference) => reference.isWrite());
    if (writes.length === 0 || !writes.every((reference) => reference.writeExpr && this.isFactoryCall(reference.writeExpr))) return undefined;
    return `sandbox:${variable.name}@${variable.identifiers[0]?.range[0] ?? 0}`;
  }

  private isFactoryCall(node: TSESTree.Node): boolean {
    const expr = unwrap(node);
    return expr.type === T.CallExpression && matchesAny(originOf(this.sourceCode, expr.callee), SANDBOX_FACTORIES);
  }
}
