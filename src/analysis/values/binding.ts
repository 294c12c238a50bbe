/**
 * Where does a value come from? Resolves an expression, through ESLint scope analysis, to the module
 * or global it was read from, following aliases (`const x = mod.y`), destructuring, `require`,
 * awaited `import()` and TypeScript wrappers. Names are never matched by text: a local variable
 * called `require` or `window` is a local.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { indexOf } from './file-index.js';
import { FUNCTION_FACTORIES, GLOBAL_OBJECT_NAMES, MODULE_LOADERS, REQUIRE_FACTORIES, type OriginPattern } from '../runner/frameworks.js';

/** A key that is not known statically (`mod[name]`). It matches any key when comparing paths. */
export const ANY_KEY = '\u0000*';

export type Origin =
  /** A value read from module `source`; `path` are the member keys read from its exports. */
  | { readonly kind: 'module'; readonly source: string; readonly path: readonly string[] }
  /** A value read from global `name` (`globalThis.x` is global `x`). */
  | { readonly kind: 'global'; readonly name: string; readonly path: readonly string[] }
  /** A value made in this file (object literal, `new`, function, copy). Writes to it reach nothing shared. */
  | { readonly kind: 'local' }
  /** A fresh copy (`{ ...mod.settings }`, `structuredClone(x)`) of a shared value. */
  | { readonly kind: 'copy'; readonly of: SharedOrigin }
  /** A saved property descriptor (`Object.getOwnPropertyDescriptor(mod, 'x')`) of a shared member. */
  | { readonly kind: 'descriptor'; readonly of: SharedOrigin }
  | { readonly kind: 'unknown' };

export type SharedOrigin = Extract<Origin, { kind: 'module' | 'global' }>;

const LOCAL: Origin = { kind: 'local' };
const UNKNOWN: Origin = { kind: 'unknown' };


/** Calls that return a fresh copy of their first argument. */
const COPY_FUNCTIONS: ReadonlySet<string> = new Set(['structuredClone']);
/** Methods that return a fresh shallow copy when called with no arguments: `process.argv.slice()`. */
const COPY_METHODS: ReadonlySet<string> = new Set(['slice', 'concat']);

type Variable = TSESLint.Scope.Variable;

/** What an identifier refers to: a variable of this file, or a global (unresolved or configured). */
export type Resolved = { kind: 'variable'; variable: Variable } | { kind: 'global'; name: string };

interface FileBindings {
  readonly references: Map<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>;
  readonly origins: WeakMap<TSESTree.Node, Origin>;
  readonly variableOrigins: WeakMap<Variable, Origin>;
  /** `this.x`, by property name: Mocha shares `this` between a describe's hooks and tests. */
  readonly contextOrigins: Map<string, Origin>;
}

const cache = new WeakMap<TSESLint.SourceCode, FileBindings>();

function bindingsOf(sourceCode: TSESLint.SourceCode): FileBindings {
  let found = cache.get(sourceCode);
  if (!found) {
    const references = new Map<TSESTree.Identifier | TSESTree.JSXIdentifier, TSESLint.Scope.Reference>();
    for (const scope of sourceCode.scopeManager?.scopes ?? []) {
      for (const reference of scope.references) references.set(reference.identifier, reference);
    }
    found = { references, origins: new WeakMap(), variableOrigins: new WeakMap(), contextOrigins: new Map() };
    cache.set(sourceCode, found);
  }
  return found;
}

/** Resolves an identifier in expression position. */
export function resolveIdentifier(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): Resolved | undefined {
  const reference = bindingsOf(sourceCode).references.get(id);
  if (!reference) return undefined;
  const variable = reference.resolved;
  if (!variable || (variable.defs.length === 0 && variable.scope.type === 'global')) {
    return { kind: 'global', name: id.name };
  }
  return { kind: 'variable', variable };
}

/** The variable an identifier resolves to, if it is one of this file's. */
export function variableOf(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): Variable | undefined {
  const resolved = resolveIdentifier(sourceCode, id);
  return resolved?.kind === 'variable' ? resolved.variable : undefined;
}

/** Strips what does not change the value: TS casts, non-null, `satisfies`, optional chains. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case T.TSAsExpression:
      case T.TSSatisfiesExpression:
      case T.TSNonNullExpression:
      case T.TSTypeAssertion:
      case T.TSInstantiationExpression:
        current = current.expression;
        break;
      case T.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

/** The statically known key of a member access, `ANY_KEY` when computed from a non-constant. */
export function memberKey(sourceCode: TSESLint.SourceCode, member: TSESTree.MemberExpression): string {
  if (!member.computed) {
    return member.property.type === T.Identifier ? member.property.name : `#${member.property.name}`;
  }
  return staticKey(sourceCode, member.property) ?? ANY_KEY;
}

/** A property key given as an expression: a literal, a plain template, or a `const` holding one. */
export function staticKey(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, seen = new Set<Variable>()): string | undefined {
  const expr = unwrap(node);
  if (expr.type === T.Literal) {
    return typeof expr.value === 'string' || typeof expr.value === 'number' ? String(expr.value) : undefined;
  }
  if (expr.type === T.TemplateLiteral && expr.expressions.length === 0) return expr.quasis[0]?.value.cooked ?? undefined;
  if (expr.type === T.Identifier) {
    const variable = variableOf(sourceCode, expr);
    const def = variable?.defs[0];
    if (!variable || seen.has(variable) || variable.defs.length !== 1 || def?.type !== 'Variable') return undefined;
    if (def.parent.kind !== 'const' || def.node.id.type !== T.Identifier || !def.node.init) return undefined;
    seen.add(variable);
    return staticKey(sourceCode, def.node.init, seen);
  }
  return undefined;
}

/** Where the value of `node` comes from. */
export function originOf(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): Origin {
  return originWithin(sourceCode, node, new Set());
}

/**
 * How deep one origin question may recurse (member chains, aliases of aliases). Deeper input, which
 * real code does not have, reads as unknown instead of overflowing the stack.
 */
export const MAX_ORIGIN_DEPTH = 200;
let depth = 0;

function originWithin(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, seen: Set<Variable>): Origin {
  const { origins } = bindingsOf(sourceCode);
  const cached = origins.get(node);
  if (cached) return cached;
  if (depth >= MAX_ORIGIN_DEPTH) return UNKNOWN;
  depth++;
  try {
    const origin = computeOrigin(sourceCode, unwrap(node), seen);
    origins.set(node, origin);
    return origin;
  } finally {
    depth--;
  }
}

function computeOrigin(sourceCode: TSESLint.SourceCode, expr: TSESTree.Node, seen: Set<Variable>): Origin {
  switch (expr.type) {
    case T.Identifier: {
      const resolved = resolveIdentifier(sourceCode, expr);
      if (!resolved) return UNKNOWN;
      if (resolved.kind === 'global') return { kind: 'global', name: resolved.name, path: [] };
      return variableOrigin(sourceCode, resolved.variable, seen);
    }
    case T.MemberExpression: {
      if (expr.object.type === T.ThisExpression && !expr.computed && expr.property.type === T.Identifier) {
        return contextOrigin(sourceCode, expr.property.name, seen);
      }
      return savedMember(sourceCode, expr, seen) ?? memberOrigin(originWithin(sourceCode, expr.object, seen), memberKey(sourceCode, expr));
    }
    case T.CallExpression: {
      // `createRequire(import.meta.url)` returns a `require`.
      if (matchesAny(originWithin(sourceCode, expr.callee, seen), REQUIRE_FACTORIES)) {
        return { kind: 'global', name: 'require', path: [] };
      }
      const loaded = loadedModule(sourceCode, expr, seen);
      if (loaded !== undefined) return { kind: 'module', source: loaded, path: [] };
      return copiedValue(sourceCode, expr, seen) ?? savedDescriptor(sourceCode, expr, seen) ?? UNKNOWN;
    }
    case T.AwaitExpression: {
      const argument = unwrap(expr.argument);
      if (argument.type === T.ImportExpression) {
        const source = staticKey(sourceCode, argument.source);
        return source === undefined ? UNKNOWN : { kind: 'module', source, path: [] };
      }
      if (argument.type === T.CallExpression) {
        const loaded = loadedModule(sourceCode, argument, seen);
        if (loaded !== undefined) return { kind: 'module', source: loaded, path: [] };
      }
      return UNKNOWN;
    }
    case T.ObjectExpression: {
      const spreads = expr.properties.filter((p) => p.type === T.SpreadElement);
      const only = spreads[0];
      if (spreads.length === 1 && only && expr.properties.length === 1) {
        const of = originWithin(sourceCode, only.argument, seen);
        if (of.kind === 'module' || of.kind === 'global') return { kind: 'copy', of };
        // A copy of a saved copy is a copy of the original.
        if (of.kind === 'copy') return of;
      }
      return LOCAL;
    }
    case T.AssignmentExpression:
      return expr.operator === '=' ? originWithin(sourceCode, expr.right, seen) : UNKNOWN;
    case T.SequenceExpression: {
      const last = expr.expressions.at(-1);
      return last ? originWithin(sourceCode, last, seen) : UNKNOWN;
    }
    case T.ArrayExpression: {
      // `[...process.argv]`: a fresh copy of a shared array.
      const only = expr.elements.length === 1 ? expr.elements[0] : undefined;
      if (only?.type === T.SpreadElement) {
        const of = originWithin(sourceCode, only.argument, seen);
        if (of.kind === 'module' || of.kind === 'global') return { kind: 'copy', of };
        if (of.kind === 'copy') return of;
      }
      return LOCAL;
    }
    case T.NewExpression:
    case T.FunctionExpression:
    case T.ArrowFunctionExpression:
    case T.ClassExpression:
    case T.Literal:
    case T.TemplateLiteral:
      return LOCAL;
    default:
      return UNKNOWN;
  }
}

/**
 * The origin of `this.name`: what every `this.name = ...` in the file stores, when they all agree.
 * Mocha runs a describe's hooks and tests with one shared `this`, so `before(function () { this.env
 * = process.env.NODE_ENV })` saves the original there for the `after` hook to put back.
 */
function contextOrigin(sourceCode: TSESLint.SourceCode, name: string, seen: Set<Variable>): Origin {
  const { contextOrigins } = bindingsOf(sourceCode);
  const cached = contextOrigins.get(name);
  if (cached) return cached;
  contextOrigins.set(name, UNKNOWN); // while computing: a cycle reads unknown
  let agreed: Origin | undefined;
  for (const assignment of indexOf(sourceCode).assignments) {
    const left = assignment.left;
    if (left.type !== T.MemberExpression || left.object.type !== T.ThisExpression || left.computed) continue;
    if (left.property.type !== T.Identifier || left.property.name !== name) continue;
    const origin = assignment.operator === '=' ? originWithin(sourceCode, assignment.right, seen) : UNKNOWN;
    if (!agreed) agreed = origin;
    else if (!sameOrigin(agreed, origin)) agreed = UNKNOWN;
  }
  const origin = agreed ?? UNKNOWN;
  contextOrigins.set(name, origin);
  return origin;
}

/**
 * `saved.log` where `const saved = { log: console.log }`: originals kept in an object literal the
 * file never changes (its only uses read members), so `console.log = saved.log` puts one back.
 */
function savedMember(sourceCode: TSESLint.SourceCode, member: TSESTree.MemberExpression, seen: Set<Variable>): Origin | undefined {
  const object = unwrap(member.object);
  if (object.type !== T.Identifier) return undefined;
  const variable = variableOf(sourceCode, object);
  const def = variable?.defs[0];
  if (!variable || variable.defs.length !== 1 || def?.type !== 'Variable' || def.node.id.type !== T.Identifier || !def.node.init) return undefined;
  const init = unwrap(def.node.init);
  if (init.type !== T.ObjectExpression) return undefined;
  const key = memberKey(sourceCode, member);
  if (key === ANY_KEY || !variable.references.every((reference) => reference.init === true || readsMember(reference.identifier))) return undefined;
  let value: TSESTree.Node | undefined;
  for (const property of init.properties) {
    // A spread after the property may replace it.
    if (property.type === T.SpreadElement) value = undefined;
    else if (property.kind === 'init' && !property.method && (property.computed ? staticKey(sourceCode, property.key) : propertyName(property.key)) === key) value = property.value;
  }
  if (!value) return undefined;
  const origin = originWithin(sourceCode, value, seen);
  return origin.kind === 'module' || origin.kind === 'global' || origin.kind === 'copy' || origin.kind === 'descriptor' ? origin : undefined;
}

/** Is this use of a variable a read of one of its members (`saved.log`, `saved.log()`), never a write to it or a hand-off? */
function readsMember(id: TSESTree.Identifier | TSESTree.JSXIdentifier): boolean {
  const parent = id.parent;
  if (parent?.type !== T.MemberExpression || parent.object !== id) return false;
  const use = parent.parent;
  if (use.type === T.AssignmentExpression && use.left === parent) return false;
  if (use.type === T.UpdateExpression) return false;
  if (use.type === T.UnaryExpression && use.operator === 'delete') return false;
  return true;
}

/** The origin of member `key` of a value of origin `origin`. */
export function memberOrigin(origin: Origin, key: string): Origin {
  if (origin.kind === 'module') return { kind: 'module', source: origin.source, path: [...origin.path, key] };
  if (origin.kind === 'global') {
    if (origin.path.length === 0 && GLOBAL_OBJECT_NAMES.has(origin.name) && key !== ANY_KEY) {
      return { kind: 'global', name: key, path: [] };
    }
    return { kind: 'global', name: origin.name, path: [...origin.path, key] };
  }
  if (origin.kind === 'copy' || origin.kind === 'descriptor') return UNKNOWN;
  return origin;
}

/** The specifier a call loads: `require('x')`, `createRequire(...)('x')`, `jest.requireActual('x')`. */
function loadedModule(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, seen: Set<Variable>): string | undefined {
  const first = call.arguments[0];
  if (!first || !matchesAny(originWithin(sourceCode, call.callee, seen), MODULE_LOADERS)) return undefined;
  return staticKey(sourceCode, first);
}

/** Does an origin match one of the catalogue's patterns (`jest.requireActual`, `node:module`'s `createRequire`)? */
export function matchesAny(origin: Origin, patterns: readonly OriginPattern[]): boolean {
  return patterns.some((pattern) => {
    if (origin.kind === 'global' && 'global' in pattern) {
      return origin.name === pattern.global && origin.path.join('.') === pattern.path.join('.');
    }
    if (origin.kind === 'module' && 'module' in pattern) {
      return origin.source === pattern.module && origin.path.join('.') === pattern.path.join('.');
    }
    return false;
  });
}

/** `{ ...x }`, `Object.assign({}, x)`, `structuredClone(x)`, `JSON.parse(JSON.stringify(x))`: a fresh copy of a shared value. */
function copiedValue(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, seen: Set<Variable>): Origin | undefined {
  const callee = unwrap(call.callee);
  const [first, second] = call.arguments;
  let copiedArg: TSESTree.Node | undefined;
  if (callee.type === T.Identifier && COPY_FUNCTIONS.has(callee.name) && isGlobal(sourceCode, callee)) {
    copiedArg = first;
  } else if (callee.type === T.MemberExpression && !callee.computed && callee.property.type === T.Identifier && COPY_METHODS.has(callee.property.name) && call.arguments.length === 0) {
    copiedArg = callee.object;
  } else if (
    isGlobalMember(sourceCode, callee, 'Object', 'assign') &&
    call.arguments.length === 2 &&
    first?.type === T.ObjectExpression &&
    first.properties.length === 0
  ) {
    copiedArg = second;
  } else if (isGlobalMember(sourceCode, callee, 'JSON', 'parse') && call.arguments.length === 1 && first?.type === T.CallExpression) {
    // `JSON.parse(JSON.stringify(x))`: a fresh deep copy of x's data (strings, numbers, plain objects;
    // what `process.env` holds). Functions and `undefined` members are left out of it.
    const inner = unwrap(first);
    if (inner.type === T.CallExpression && isGlobalMember(sourceCode, inner.callee, 'JSON', 'stringify') && inner.arguments.length === 1) copiedArg = inner.arguments[0];
  }
  if (!copiedArg || copiedArg.type === T.SpreadElement) return undefined;
  const of = originWithin(sourceCode, copiedArg, seen);
  if (of.kind === 'copy') return of;
  return of.kind === 'module' || of.kind === 'global' ? { kind: 'copy', of } : LOCAL;
}

/** `Object.getOwnPropertyDescriptor(o, 'k')` saves `o.k`; `getOwnPropertyDescriptors(o)` saves every member of `o`. */
function savedDescriptor(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression, seen: Set<Variable>): Origin | undefined {
  const [object, key] = call.arguments;
  if (!object || object.type === T.SpreadElement) return undefined;
  let described: Origin | undefined;
  if (isGlobalMember(sourceCode, call.callee, 'Object', 'getOwnPropertyDescriptor') || isGlobalMember(sourceCode, call.callee, 'Reflect', 'getOwnPropertyDescriptor')) {
    described = key ? memberOrigin(originWithin(sourceCode, object, seen), staticKey(sourceCode, key) ?? ANY_KEY) : undefined;
  } else if (isGlobalMember(sourceCode, call.callee, 'Object', 'getOwnPropertyDescriptors')) {
    described = memberOrigin(originWithin(sourceCode, object, seen), ANY_KEY);
  }
  return described && (described.kind === 'module' || described.kind === 'global') ? { kind: 'descriptor', of: described } : undefined;
}

export function isGlobal(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  return resolveIdentifier(sourceCode, id)?.kind === 'global';
}

/** `Object.defineProperty` and the like, with `Object` being the real global. */
export function isGlobalMember(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, object: string, property: string): boolean {
  const expr = unwrap(node);
  if (expr.type !== T.MemberExpression) return false;
  const base = unwrap(expr.object);
  return (
    base.type === T.Identifier &&
    base.name === object &&
    isGlobal(sourceCode, base) &&
    memberKey(sourceCode, expr) === property
  );
}

/** The origin of one of the file's variables, read or not: an import's export, what every write to it stores. */
export function originOfVariable(sourceCode: TSESLint.SourceCode, variable: Variable): Origin {
  return variableOrigin(sourceCode, variable, new Set());
}

/** The origin of a variable: what every write to it stores (all writes must agree). */
function variableOrigin(sourceCode: TSESLint.SourceCode, variable: Variable, seen: Set<Variable>): Origin {
  const { variableOrigins } = bindingsOf(sourceCode);
  const cached = variableOrigins.get(variable);
  if (cached) return cached;
  if (seen.has(variable)) return UNKNOWN;
  seen.add(variable);
  const origin = computeVariableOrigin(sourceCode, variable, seen);
  variableOrigins.set(variable, origin);
  return origin;
}

function computeVariableOrigin(sourceCode: TSESLint.SourceCode, variable: Variable, seen: Set<Variable>): Origin {
  const def = variable.defs[0];
  if (!def) return UNKNOWN;
  switch (def.type) {
    case 'ImportBinding':
      return importOrigin(def.node);
    case 'FunctionName':
    case 'ClassName':
      return LOCAL;
    case 'Variable':
      break;
    default:
      return UNKNOWN;
  }
  const writes = writesOf(variable);
  let agreed: Origin | undefined;
  for (const write of writes) {
    const origin = writeOrigin(sourceCode, write.identifier, seen);
    if (!agreed) agreed = origin;
    else if (!sameOrigin(agreed, origin)) return UNKNOWN;
  }
  // `let x;` with no writes at all holds undefined: nothing shared.
  return agreed ?? LOCAL;
}

function importOrigin(node: TSESTree.Node): Origin {
  switch (node.type) {
    case T.ImportNamespaceSpecifier:
    case T.ImportDefaultSpecifier:
    case T.ImportSpecifier: {
      const declaration = node.parent;
      if (declaration.type !== T.ImportDeclaration || declaration.importKind === 'type') return UNKNOWN;
      if (node.type === T.ImportSpecifier && node.importKind === 'type') return UNKNOWN;
      const source = declaration.source.value;
      if (node.type === T.ImportNamespaceSpecifier) return { kind: 'module', source, path: [] };
      if (node.type === T.ImportDefaultSpecifier) return { kind: 'module', source, path: ['default'] };
      const imported = node.imported.type === T.Identifier ? node.imported.name : node.imported.value;
      return { kind: 'module', source, path: [imported] };
    }
    case T.TSImportEqualsDeclaration:
      return node.moduleReference.type === T.TSExternalModuleReference
        ? { kind: 'module', source: node.moduleReference.expression.value, path: [] }
        : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/**
 * The origin stored by one write to a variable: `const x = v`, `x = v`, or a destructuring of `v`
 * (`const { a: { b } } = v` stores `v.a.b`). A rest element makes a fresh object.
 */
function writeOrigin(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier | TSESTree.JSXIdentifier, seen: Set<Variable>): Origin {
  const keys: string[] = [];
  let node: TSESTree.Node = id;
  for (;;) {
    const parent: TSESTree.Node | undefined = node.parent;
    if (!parent) return UNKNOWN;
    switch (parent.type) {
      case T.Property:
        if (parent.value !== node || parent.parent.type !== T.ObjectPattern) return UNKNOWN;
        keys.unshift(parent.computed ? (staticKey(sourceCode, parent.key) ?? ANY_KEY) : propertyName(parent.key));
        node = parent.parent;
        continue;
      case T.ArrayPattern:
        keys.unshift(String(parent.elements.indexOf(node as TSESTree.DestructuringPattern)));
        node = parent;
        continue;
      case T.AssignmentPattern:
        if (parent.left !== node) return UNKNOWN;
        node = parent;
        continue;
      case T.RestElement:
        return LOCAL;
      case T.VariableDeclarator: {
        const declaration = parent.parent;
        const loop = declaration.parent;
        if (
          parent.id !== node ||
          !parent.init ||
          ((loop.type === T.ForOfStatement || loop.type === T.ForInStatement) && loop.left === declaration)
        ) {
          return UNKNOWN;
        }
        return keys.reduce(memberOrigin, originWithin(sourceCode, parent.init, seen));
      }
      case T.AssignmentExpression:
        if (parent.left !== node || parent.operator !== '=') return UNKNOWN;
        return keys.reduce(memberOrigin, originWithin(sourceCode, parent.right, seen));
      default:
        return UNKNOWN;
    }
  }
}

function propertyName(key: TSESTree.Node): string {
  if (key.type === T.Identifier) return key.name;
  if (key.type === T.Literal) return String(key.value);
  return ANY_KEY;
}

export function sameOrigin(a: Origin, b: Origin): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'module' && b.kind === 'module') return a.source === b.source && samePath(a.path, b.path);
  if (a.kind === 'global' && b.kind === 'global') return a.name === b.name && samePath(a.path, b.path);
  if ((a.kind === 'copy' && b.kind === 'copy') || (a.kind === 'descriptor' && b.kind === 'descriptor')) {
    return sameOrigin(a.of, b.of);
  }
  return false;
}

/** The same member path, a key not known statically (`ANY_KEY`) matching any. */
export function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((key, i) => key === b[i] || key === ANY_KEY || b[i] === ANY_KEY);
}

const writeCache = new WeakMap<Variable, readonly TSESLint.Scope.Reference[]>();

/** The references that write a variable (its declaration's initializer included), listed once per variable: a module read in thousands of places is asked about often. */
export function writesOf(variable: Variable): readonly TSESLint.Scope.Reference[] {
  let writes = writeCache.get(variable);
  if (!writes) {
    writes = variable.references.filter((reference) => reference.isWrite());
    writeCache.set(variable, writes);
  }
  return writes;
}

/** Is `prefix` the same shared root as `full`, with a path that starts `full`'s path? */
export function isPrefixOrigin(prefix: SharedOrigin, full: SharedOrigin): boolean {
  if (prefix.kind === 'module' && full.kind === 'module') {
    return prefix.source === full.source && prefix.path.length <= full.path.length && samePath(prefix.path, full.path.slice(0, prefix.path.length));
  }
  if (prefix.kind === 'global' && full.kind === 'global') {
    return prefix.name === full.name && prefix.path.length <= full.path.length && samePath(prefix.path, full.path.slice(0, prefix.path.length));
  }
  return false;
}

/**
 * Is the value a function: a function or class expression, a local function, a `const` holding one,
 * or a fake made by a mocking library (`vi.fn()`, `jest.fn()`, `sinon.stub()`)?
 */
export function isFunctionValue(sourceCode: TSESLint.SourceCode, node: TSESTree.Node, seen = new Set<Variable>()): boolean {
  const expr = unwrap(node);
  switch (expr.type) {
    case T.FunctionExpression:
    case T.ArrowFunctionExpression:
    case T.ClassExpression:
      return true;
    case T.CallExpression: {
      // `vi.fn().mockReturnValue(x)` is still the fake function.
      let call: TSESTree.CallExpression = expr;
      while (call.callee.type === T.MemberExpression && unwrap(call.callee.object).type === T.CallExpression) {
        call = unwrap(call.callee.object) as TSESTree.CallExpression;
      }
      return matchesAny(originOf(sourceCode, call.callee), FUNCTION_FACTORIES);
    }
    case T.Identifier: {
      const variable = variableOf(sourceCode, expr);
      const def = variable?.defs[0];
      if (!variable || !def || seen.has(variable) || variable.defs.length !== 1) return false;
      if (def.type === 'FunctionName' || def.type === 'ClassName') return true;
      if (def.type !== 'Variable' || def.parent.kind !== 'const' || def.node.id.type !== T.Identifier || !def.node.init) return false;
      seen.add(variable);
      return isFunctionValue(sourceCode, def.node.init, seen);
    }
    default:
      return false;
  }
}
