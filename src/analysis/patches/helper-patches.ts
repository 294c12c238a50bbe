/**
 * Which calls of the suite's own helpers leave shared state patched, and is each undone before the
 * next test? A call of a relative-imported helper whose summary (helper-summaries.ts) writes shared
 * members is a change, judged by the shared restore model (restore.ts) where the caller makes it:
 * in a test, a hook, at the file's top level. It is undone by a call through the value it returned
 * (`const clock = freezeClock()` … `afterEach(() => clock.restore())`, `restore()`), the handle
 * handed to an after hook (`afterEach(restore)`), or, for fakes a scoped helper made, the caller's
 * restore-all of that family (`sinon.restore()`, a `restoreMocks` config). A helper that registers
 * its own after hook or cleanup restores for its caller, and is never reported.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import path from 'node:path';
import { isRelativeSpecifier } from '../../project/module-file.js';
import { autoRestoresOf } from '../restore/auto-restore.js';
import { ANY_KEY, memberOrigin, originOf, originOfVariable, sameOrigin, staticKey, unwrap, variableOf, type SharedOrigin } from '../values/binding.js';
import { indexOf } from '../values/file-index.js';
import { isAfterHook } from '../runner/frameworks.js';
import { handlesOf, mayHold, type Slot } from '../restore/handles.js';
import { helperSummary, type HelperPatch, type HelperSummary } from '../writes/helper-summaries.js';
import type { Patch, PutBackMember } from './patch.js';
import { resolveRelativeModule } from '../../project/module-file.js';
import { sharedWritesOf, type Write } from '../writes/patch-write.js';
import { restoreReach } from '../restore/restore-reach.js';
import { judgeWith, type Restore } from '../restore/restore.js';
import { restoreReferencesOf, scopedHelpersOf } from '../writes/scoped-helpers.js';
import type { TestStructure } from '../runner/test-structure.js';

/** A helper call that leaves something patched, with what it patches as the caller names it. */
interface PatchingCall {
  readonly call: TSESTree.CallExpression;
  readonly summary: HelperSummary;
  readonly targets: readonly { readonly target: SharedOrigin; readonly text: string; readonly patch: HelperPatch }[];
}

const cache = new WeakMap<TSESLint.SourceCode, readonly Patch[]>();

/** `Date.now`, `window.HTMLElement.prototype.focus`: a member chain the caller can write as it is. */
const PLAIN_CHAIN = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;

/** The patches the file's calls of its own helpers leave, each with its verdict. */
export function helperPatchesOf(sourceCode: TSESLint.SourceCode, structure: TestStructure): readonly Patch[] {
  let found = cache.get(sourceCode);
  if (!found) {
    found = collect(sourceCode, structure);
    cache.set(sourceCode, found);
  }
  return found;
}

function collect(sourceCode: TSESLint.SourceCode, structure: TestStructure): Patch[] {
  const filename = structure.filename;
  // A file that imports nothing by relative path calls no helper of the suite.
  if (!path.isAbsolute(filename) || !importsRelative(sourceCode)) return [];
  const patching: PatchingCall[] = [];
  // Calls of the suite's helpers that put members back (`restoreOriginalGetBoundingClientRect()`): restores of those members.
  const puttingBack: { readonly call: TSESTree.CallExpression; readonly targets: readonly SharedOrigin[] }[] = [];
  const relative = new Map<TSESLint.Scope.Variable, boolean>();
  for (const call of indexOf(sourceCode).calls) {
    const callee = unwrap(call.callee);
    // Most calls (`expect(x).to.equal(y)`) go through no name the file imports by relative path: skipped before resolving.
    const root = rootName(callee);
    const variable = root && variableOf(sourceCode, root);
    if (!variable) continue;
    let imported = relative.get(variable);
    if (imported === undefined) {
      imported = boundToRelativeModule(variable);
      relative.set(variable, imported);
    }
    if (!imported) continue;
    const origin = originOf(sourceCode, callee);
    if (origin.kind !== 'module' || origin.path.length !== 1 || !isRelativeSpecifier(origin.source)) continue;
    const summary = helperSummary(filename, origin.source, origin.path[0] ?? 'default');
    if (summary && summary.putsBack.length > 0) puttingBack.push({ call, targets: summary.putsBack });
    if (!summary || summary.registersRestore || summary.patches.length === 0) continue;
    const targets = summary.patches.flatMap((patch) => {
      const target = callerTarget(sourceCode, filename, call, patch);
      return target ? [{ ...target, patch }] : [];
    });
    if (targets.length > 0) patching.push({ call, summary, targets });
  }
  if (patching.length === 0) return [];
  return judged(sourceCode, structure, patching, puttingBack);
}

/** `freezeClock` in `freezeClock()`, `helpers` in `helpers.freezeClock()`. */
function rootName(callee: TSESTree.Node): TSESTree.Identifier | undefined {
  let current = callee;
  while (current.type === T.MemberExpression && !current.computed) current = unwrap(current.object);
  return current.type === T.Identifier ? current : undefined;
}

/** A name bound by an import or a `require` of a relative path: `import { x } from './support'`, `const { x } = require('../helpers')`. */
function boundToRelativeModule(variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  if (variable.defs.length !== 1 || !def) return false;
  if (def.type === 'ImportBinding') return def.parent.type === T.ImportDeclaration && isRelativeSpecifier(def.parent.source.value);
  if (def.type !== 'Variable' || !def.node.init) return false;
  let init = unwrap(def.node.init);
  if (init.type === T.AwaitExpression) init = unwrap(init.argument);
  if (init.type === T.MemberExpression) init = unwrap(init.object);
  const source = init.type === T.CallExpression ? init.arguments[0] : init.type === T.ImportExpression ? init.source : undefined;
  return source?.type === T.Literal && typeof source.value === 'string' && isRelativeSpecifier(source.value);
}

/** Does the file import or require a module by relative path? */
function importsRelative(sourceCode: TSESLint.SourceCode): boolean {
  const text = sourceCode.text;
  return /(?:from|require\s*\(|import\s*\()\s*['"]\.\.?[/'"]/.test(text);
}

/** What the helper patches, as the caller reaches it: its own target, or the caller's argument's member. */
function callerTarget(sourceCode: TSESLint.SourceCode, filename: string, call: TSESTree.CallExpression, patch: HelperPatch): { target: SharedOrigin; text: string } | undefined {
  if (patch.target) {
    const target = patch.target;
    if (target.kind !== 'module' || !path.isAbsolute(target.source)) return { target, text: patch.text };
    const relative = path.relative(path.dirname(filename), target.source).split(path.sep).join('/');
    return { target: { ...target, source: relative.startsWith('.') ? relative : `./${relative}` }, text: patch.text };
  }
  const parameter = patch.parameter;
  const argument = parameter ? call.arguments[parameter.index] : undefined;
  if (!parameter || !argument || argument.type === T.SpreadElement) return undefined;
  let origin = originOf(sourceCode, argument);
  let text = sourceCode.getText(argument);
  for (const step of parameter.path) {
    const keyArgument = typeof step === 'number' ? call.arguments[step] : undefined;
    const key = typeof step === 'string' ? step : keyArgument && keyArgument.type !== T.SpreadElement ? (staticKey(sourceCode, keyArgument) ?? ANY_KEY) : ANY_KEY;
    origin = memberOrigin(origin, key);
    text += key === ANY_KEY ? '[…]' : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
  }
  return origin.kind === 'module' || origin.kind === 'global' ? { target: origin, text } : undefined;
}

function judged(
  sourceCode: TSESLint.SourceCode,
  structure: TestStructure,
  patching: readonly PatchingCall[],
  puttingBack: readonly { readonly call: TSESTree.CallExpression; readonly targets: readonly SharedOrigin[] }[],
): Patch[] {
  const handles = handlesOf(sourceCode, structure);
  const autoRestored = autoRestoresOf(structure.filename);
  const scoped = scopedHelpersOf(sourceCode);
  const restoredByReference = new Set(restoreReferencesOf(sourceCode, structure).filter((reference) => reference.works).map((reference) => reference.group));
  const asRestore = new Map<TSESTree.CallExpression, Restore>();
  const restoreOf = (call: TSESTree.CallExpression): Restore => {
    let restore = asRestore.get(call);
    if (!restore) {
      restore = { write: asChange(call), reach: 'exact' };
      asRestore.set(call, restore);
    }
    return restore;
  };
  // The caller's own restores of a member (`Date.now = originalNow` in its afterEach), with what they put back.
  const callerRestores = sharedWritesOf(sourceCode).flatMap((write) => {
    const reach = write.target ? restoreReach(sourceCode, write, structure) : undefined;
    return reach && write.target ? [{ restore: { write, reach } satisfies Restore, target: write.target }] : [];
  });
  const byChange = new Map<Write, PatchingCall>();
  const undoing = new Map<PatchingCall, Restore[]>();
  const patches: Patch[] = [];
  for (const helperCall of patching) {
    const families = new Set(helperCall.targets.map(({ patch }) => patch.family));
    // Fakes of a family the caller restores all of, by config or by reference in a hook.
    if (![...families].some((family) => family === undefined || (!autoRestored.has(family) && !restoredByReference.has(family)))) continue;
    const stored = helperCall.summary.returnsValue ? handles.storedIn(helperCall.call) : [];
    // The handle handed to an after hook or a cleanup: the runner calls it.
    if (stored.length > 0 && handedToTeardown(structure, handles, stored)) continue;
    const restores = [
      ...(stored.length > 0 ? callsThrough(sourceCode, handles, stored, helperCall.call) : []),
      ...scoped.restores.filter((restore) => restore.group !== undefined && families.has(restore.group as HelperPatch['family'])).map((restore) => restore.call),
      // A helper that puts back every member this call changes.
      ...puttingBack.filter((other) => helperCall.targets.every(({ target }) => other.targets.some((put) => sameOrigin(put, target)))).map((other) => other.call),
    ].map(restoreOf);
    // The caller puts back every member the call changes itself (the saved original written back).
    const ownRestores = helperCall.targets.map(({ target }) => callerRestores.filter((candidate) => sameOrigin(candidate.target, target)));
    if (ownRestores.every((found) => found.length > 0)) restores.push(...ownRestores.flat().map(({ restore }) => restore));
    const change = asChange(helperCall.call);
    byChange.set(change, helperCall);
    undoing.set(helperCall, restores);
  }
  if (byChange.size === 0) return [];
  const verdictOf = judgeWith(sourceCode, structure, [...asRestore.values(), ...callerRestores.map(({ restore }) => restore)], (change) => {
    const helperCall = byChange.get(change);
    return helperCall ? (undoing.get(helperCall) ?? []) : [];
  }, undefined, (change) => byChange.get(change)?.targets.map(({ target }) => target) ?? []);
  for (const [change, helperCall] of byChange) {
    const verdict = verdictOf(change);
    const name = `${shortened(sourceCode.getText(helperCall.call.callee))}()`;
    for (const rule of ['global', 'module'] as const) {
      const first = helperCall.targets.find(({ target }) => target.kind === rule);
      if (!first) continue;
      // Messages stay short: the target is named where the caller has nothing to call.
      const ofRule = helperCall.targets.filter(({ target }) => target.kind === rule);
      const remedy = helperCall.summary.returnsValue ? 'restore what it returns in `afterEach`' : `put ${membersNamed(ofRule.map(({ text }) => shortened(text)))} back in \`afterEach\``;
      // Nothing handed back: the caller can save each member and put it back itself, when it reaches every one.
      const members = helperCall.summary.returnsValue ? [] : ofRule.map(({ target }) => callerMember(sourceCode, structure.filename, target));
      const putBack = members.length > 0 && members.every((member) => member !== undefined) ? (members as PutBackMember[]) : undefined;
      const undo = helperCall.summary.returnedUndo;
      const returned = undo ? { method: undo.method, members: shortened(ofRule.map(({ text }) => text).join('`, `')) } : undefined;
      patches.push({ write: change, target: first.target, name, verdict, api: { rule, remedy, usedUp: false, ...(putBack ? { putBack } : {}), ...(returned ? { returned } : {}) } });
    }
  }
  return patches;
}

/**
 * A member the helper changes, as the caller can write it: a global's member chain (`Date.now`), or
 * a member of a module through the caller's own top-level binding of it (`import config from
 * '../src/config.js'` → `config.timeout`). Undefined when the caller reaches it by no such name (a
 * module it does not import, a key not known statically): then no save-and-restore is offered.
 */
function callerMember(sourceCode: TSESLint.SourceCode, filename: string, target: SharedOrigin): PutBackMember | undefined {
  if (target.kind === 'global') {
    const text = [target.name, ...target.path].join('.');
    return target.path.length > 0 && PLAIN_CHAIN.test(text) ? { text, through: 'global' } : undefined;
  }
  const file = resolveRelativeModule(filename, target.source);
  const scope = sourceCode.scopeManager?.globalScope?.childScopes.find((child) => child.type === 'module') ?? sourceCode.scopeManager?.globalScope;
  if (!file || !scope) return undefined;
  for (const variable of scope.variables) {
    if (variable.defs.length !== 1) continue;
    const origin = originOfVariable(sourceCode, variable);
    if (origin.kind !== 'module' || origin.path.length >= target.path.length || !origin.path.every((key, i) => key === target.path[i])) continue;
    if (resolveRelativeModule(filename, origin.source) !== file) continue;
    const text = [variable.name, ...target.path.slice(origin.path.length)].join('.');
    if (PLAIN_CHAIN.test(text)) return { text, through: 'binding' };
  }
  return undefined;
}

/** Calls made through the value the helper returned: `clock.restore()`, `restore()`, `handles.forEach((h) => h.undo())`. */
function callsThrough(sourceCode: TSESLint.SourceCode, handles: ReturnType<typeof handlesOf>, stored: readonly Slot[], helperCall: TSESTree.CallExpression): TSESTree.CallExpression[] {
  return indexOf(sourceCode).calls.filter((call) => {
    if (call === helperCall) return false;
    const callee = unwrap(call.callee);
    const receiver = callee.type === T.MemberExpression ? callee.object : callee;
    return handles.readFrom(receiver).some((read) => stored.some((slot) => mayHold(read, slot)));
  });
}

/** Is the handle passed to an after hook or a cleanup (`afterEach(restore)`, `t.after(restore)`)? */
function handedToTeardown(structure: TestStructure, handles: ReturnType<typeof handlesOf>, stored: readonly Slot[]): boolean {
  return structure.registrations.some(
    (registration) =>
      (registration.role.kind === 'cleanup' || isAfterHook(registration.role)) &&
      registration.call.arguments.some((argument) => handles.readFrom(argument).some((read) => stored.some((slot) => mayHold(read, slot)))),
  );
}

/** The call as a change for the restore model: no member is written. */
function asChange(node: TSESTree.CallExpression): Write {
  return { node, form: 'assign', object: node, key: '', value: undefined, wholeObject: false, keyText: undefined, keyNode: undefined, target: undefined };
}

const MAX_NAME = 40;

function shortened(text: string): string {
  return text.length > MAX_NAME ? `${text.slice(0, MAX_NAME - 1)}…` : text;
}

/** The members a helper call changes, as a message names them: every one up to two, then how many more. */
function membersNamed(texts: readonly string[]): string {
  const unique = [...new Set(texts)].map((text) => `\`${text}\``);
  if (unique.length <= 2) return unique.join(' and ');
  return `${unique[0]}, ${unique[1]} and ${unique.length - 2} more`;
}
