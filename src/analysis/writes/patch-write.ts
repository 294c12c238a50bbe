/**
 * Which expressions write a member of a shared value (a module's exports or a global), and what do
 * they write? Covers `=`, compound and logical assignment, destructuring targets, `++`/`--`,
 * `delete`, `Object.defineProperty`/`defineProperties`/`assign` and `Reflect.set`/`defineProperty`/
 * `deleteProperty`.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { ANY_KEY, isGlobalMember, memberKey, memberOrigin, originOf, resolveIdentifier, staticKey, unwrap, type Origin, type SharedOrigin } from '../values/binding.js';
import globals from 'globals';
import { indexOf } from '../values/file-index.js';
import { BARE_ASSIGNED_GLOBAL_ENVIRONMENTS, READ_ONLY_GLOBALS } from '../runner/frameworks.js';

export type WriteForm =
  | 'assign' // `a.b = v`, `Reflect.set(a, 'b', v)`, `Object.assign(a, { b: v })`
  | 'modify' // `a.b += v`, `a.b ??= v`, `a.b++`, destructuring into `a.b`
  | 'delete' // `delete a.b`, `Reflect.deleteProperty(a, 'b')`
  | 'define'; // `Object.defineProperty(a, 'b', descriptor)`, `Reflect.defineProperty`, `defineProperties`

export interface Write {
  /** The expression that performs the write: where findings are reported. */
  readonly node: TSESTree.Node;
  readonly form: WriteForm;
  /** The object whose member is written, and the member's key (`ANY_KEY` when computed). */
  readonly object: TSESTree.Node;
  readonly key: string;
  /** The stored value (assign), or the descriptor (define), or the source object (`Object.assign` of a non-literal). */
  readonly value: TSESTree.Node | undefined;
  /** `Object.assign(a, source)` with a source whose keys are unknown: it writes some members of `a`. */
  readonly wholeObject: boolean;
  /** The source text of a key that is not known statically (`name` in `mod[name]`). */
  readonly keyText: string | undefined;
  /** The expression naming the key, when it is written as one (`Symbol.hasInstance` in `a[Symbol.hasInstance]`). */
  readonly keyNode: TSESTree.Node | undefined;
  /** What is written, when it belongs to a module or a global. */
  readonly target: SharedOrigin | undefined;
  /** The global binding itself is written (`process = false`): `object` is that identifier, `key` its name. */
  readonly bare?: boolean;
}

interface CallWriteSpec {
  readonly object: 'Object' | 'Reflect';
  readonly method: string;
  readonly form: WriteForm;
  /** Argument positions: the key (undefined: keys come from an object literal) and the value. */
  readonly key?: number;
  readonly value?: number;
  readonly keyedObject?: number;
}

/** The standard library's writing calls, by what they do. */
const CALL_WRITES: readonly CallWriteSpec[] = [
  { object: 'Object', method: 'defineProperty', form: 'define', key: 1, value: 2 },
  { object: 'Reflect', method: 'defineProperty', form: 'define', key: 1, value: 2 },
  { object: 'Reflect', method: 'set', form: 'assign', key: 1, value: 2 },
  { object: 'Reflect', method: 'deleteProperty', form: 'delete', key: 1 },
  { object: 'Object', method: 'defineProperties', form: 'define', keyedObject: 1 },
  { object: 'Object', method: 'assign', form: 'assign', keyedObject: 1 },
];

const cache = new WeakMap<TSESLint.SourceCode, { readonly all: readonly Write[]; readonly shared: readonly Write[] }>();

function writesIn(sourceCode: TSESLint.SourceCode): { readonly all: readonly Write[]; readonly shared: readonly Write[] } {
  let writes = cache.get(sourceCode);
  if (!writes) {
    const all = collect(sourceCode);
    writes = { all, shared: all.filter((w) => w.target !== undefined) };
    cache.set(sourceCode, writes);
  }
  return writes;
}

/** Every write to a member of a shared value in the file, in source order. */
export function sharedWritesOf(sourceCode: TSESLint.SourceCode): readonly Write[] {
  return writesIn(sourceCode).shared;
}

/** Every member write of the file, in source order: also those to values the file makes (`target` undefined). */
export function memberWritesOf(sourceCode: TSESLint.SourceCode): readonly Write[] {
  return writesIn(sourceCode).all;
}

function collect(sourceCode: TSESLint.SourceCode): Write[] {
  const index = indexOf(sourceCode);
  const writes: Write[] = [];
  const add = (node: TSESTree.Node, form: WriteForm, object: TSESTree.Node, key: string, keyNode?: TSESTree.Node, value?: TSESTree.Node, wholeObject = false): void => {
    const keyText = key === ANY_KEY && keyNode ? sourceCode.getText(keyNode) : undefined;
    writes.push({ node, form, object, key, value, wholeObject, keyText, keyNode, target: shared(memberOrigin(originOf(sourceCode, object), key)) });
  };
  const addMember = (node: TSESTree.Node, form: WriteForm, member: TSESTree.Node, value?: TSESTree.Node): void => {
    const expr = unwrap(member);
    if (expr.type === T.MemberExpression) add(node, form, expr.object, memberKey(sourceCode, expr), expr.property, value);
  };
  for (const assignment of index.assignments) {
    const left = unwrap(assignment.left);
    if (left.type === T.MemberExpression) {
      addMember(assignment, assignment.operator === '=' ? 'assign' : 'modify', left, assignment.operator === '=' ? assignment.right : undefined);
    } else if (left.type === T.Identifier) {
      const target = bareGlobal(sourceCode, left);
      const assigns = assignment.operator === '=';
      if (target) writes.push({ node: assignment, form: assigns ? 'assign' : 'modify', object: left, key: left.name, value: assigns ? assignment.right : undefined, wholeObject: false, keyText: undefined, keyNode: undefined, target, bare: true });
    } else if (left.type === T.ObjectPattern || left.type === T.ArrayPattern) {
      for (const member of patternMembers(left)) addMember(assignment, 'modify', member);
    }
  }
  for (const update of index.updates) addMember(update, 'modify', update.argument);
  for (const deletion of index.deletes) addMember(deletion, 'delete', deletion.argument);
  for (const call of index.calls) {
    const spec = CALL_WRITES.find((s) => isGlobalMember(sourceCode, call.callee, s.object, s.method));
    const object = call.arguments[0];
    if (!spec || !object || object.type === T.SpreadElement) continue;
    if (spec.key !== undefined) {
      const keyArg = call.arguments[spec.key];
      if (!keyArg) continue;
      const value = spec.value === undefined ? undefined : call.arguments[spec.value];
      add(call, spec.form, object, staticKey(sourceCode, keyArg) ?? ANY_KEY, keyArg, value);
      continue;
    }
    for (const source of call.arguments.slice(spec.keyedObject)) {
      const literal = unwrap(source);
      if (literal.type === T.ObjectExpression && literal.properties.every((p) => p.type === T.Property)) {
        for (const property of literal.properties as TSESTree.Property[]) {
          const key = property.computed ? (staticKey(sourceCode, property.key) ?? ANY_KEY) : keyName(property.key);
          add(call, spec.form, object, key, property.key, property.value);
        }
      } else {
        add(call, spec.form, object, ANY_KEY, undefined, source.type === T.SpreadElement ? undefined : source, true);
      }
    }
  }
  return writes.sort((a, b) => a.node.range[0] - b.node.range[0]);
}

/** Member expressions written by a destructuring assignment: `({ a: mod.x } = v)`, `[mod.y] = v`. */
function patternMembers(pattern: TSESTree.Node): TSESTree.MemberExpression[] {
  switch (pattern.type) {
    case T.MemberExpression:
      return [pattern];
    case T.ObjectPattern:
      return pattern.properties.flatMap((p) => patternMembers(p.type === T.Property ? p.value : p.argument));
    case T.ArrayPattern:
      return pattern.elements.flatMap((e) => (e ? patternMembers(e) : []));
    case T.AssignmentPattern:
      return patternMembers(pattern.left);
    case T.RestElement:
      return patternMembers(pattern.argument);
    default:
      return [];
  }
}

function keyName(key: TSESTree.Node): string {
  if (key.type === T.Identifier) return key.name;
  if (key.type === T.Literal) return String(key.value);
  return ANY_KEY;
}

let bareAssigned: ReadonlySet<string> | undefined;

/**
 * `setTimeout = fake` with no binding of the file named so: a member of the global object, when a
 * standard environment defines it (an undeclared name is a global the file adds, `x = 1` in sloppy
 * code, and a framework's global is the file's own API) and it can be assigned.
 */
function bareGlobal(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): SharedOrigin | undefined {
  // The name itself must be the global: a variable of the file that holds one (`saved = global.process`) is not.
  const resolved = resolveIdentifier(sourceCode, id);
  if (resolved?.kind !== 'global' || READ_ONLY_GLOBALS.has(resolved.name)) return undefined;
  bareAssigned ??= new Set(BARE_ASSIGNED_GLOBAL_ENVIRONMENTS.flatMap((name) => Object.keys((globals as Record<string, Record<string, unknown>>)[name] ?? {})));
  return bareAssigned.has(resolved.name) ? { kind: 'global', name: resolved.name, path: [] } : undefined;
}

function shared(origin: Origin): SharedOrigin | undefined {
  return origin.kind === 'module' || origin.kind === 'global' ? origin : undefined;
}

/** How a write names its target in messages: `agentProxy.HttpToolsInvoker`, `mod[name]`. */
export function describeTarget(sourceCode: TSESLint.SourceCode, write: Write): string {
  if (write.bare) return write.key;
  const object = sourceCode.getText(unwrap(write.object));
  if (write.wholeObject) return object;
  if (write.key === ANY_KEY) return `${object}[${write.keyText ?? '…'}]`;
  return /^[A-Za-z_$][\w$]*$/.test(write.key) ? `${object}.${write.key}` : `${object}[${JSON.stringify(write.key)}]`;
}
