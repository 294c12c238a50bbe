/**
 * Does a write that takes a member away put back what the member was before the file ran? A
 * take-away is `delete obj.m`, `obj.m = undefined` (or `void 0`), or a descriptor whose value is
 * `undefined`. It puts the member back in that state when the member was not there (a global name
 * of the test's own, a key no built-in has), and a `delete` also when the original lives on the
 * prototype: the fake was an own member shadowing it. After faking an own member (a module export,
 * `Math.random`, `fs.readFileSync`) it takes the original away too, and `undefined` written to an
 * environment variable is the string "undefined" (RUNTIME-FACTS 38, 43). Where nothing read tells
 * where the member lived (key-presence.ts), the take-away counts.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { isGlobal } from '../values/binding.js';
import { environmentVariable } from '../runner/frameworks.js';
import { keyPlace } from './key-presence.js';
import type { Write } from '../writes/patch-write.js';
import { withoutTypeWrappers } from '../../project/syntax.js';

/** How a write takes the member away: `delete`, or storing `undefined`; undefined when it stores a value. */
export function takeAwayOf(sourceCode: TSESLint.SourceCode, write: Write): 'delete' | 'undefined' | undefined {
  if (write.form === 'delete') return 'delete';
  if (!write.value || write.wholeObject) return undefined;
  if (write.form === 'assign') return isUndefined(sourceCode, write.value) ? 'undefined' : undefined;
  if (write.form !== 'define') return undefined;
  const descriptor = withoutTypeWrappers(write.value);
  if (descriptor.type !== T.ObjectExpression) return undefined;
  const properties = descriptor.properties.filter((p): p is TSESTree.Property => p.type === T.Property && !p.computed && p.key.type === T.Identifier);
  // `{ value: undefined, writable: true }`; an accessor (`get`) is a value of its own.
  if (properties.length !== descriptor.properties.length || properties.some((p) => p.key.type === T.Identifier && (p.key.name === 'get' || p.key.name === 'set'))) return undefined;
  // Without `value`, a redefinition keeps the value the member has.
  const value = properties.find((p) => p.key.type === T.Identifier && p.key.name === 'value');
  return value && isUndefined(sourceCode, value.value) ? 'undefined' : undefined;
}

/** Does this take-away put the member back as it was before the file ran? */
export function takeAwayRestores(sourceCode: TSESLint.SourceCode, write: Write, filename?: string): boolean {
  const how = takeAwayOf(sourceCode, write);
  const target = write.target;
  if (!how || !target) return false;
  // `process.env.X = undefined` stores "undefined"; `delete process.env.X` is judged by who may provide X (restore-reach.ts).
  if (environmentVariable(target) !== undefined) return how === 'delete';
  const place = keyPlace(target, filename);
  return place === 'absent' || place === 'unknown' || (how === 'delete' && place === 'inherited');
}

function isUndefined(sourceCode: TSESLint.SourceCode, node: TSESTree.Node): boolean {
  const value = withoutTypeWrappers(node);
  if (value.type === T.UnaryExpression) return value.operator === 'void';
  return value.type === T.Identifier && value.name === 'undefined' && isGlobal(sourceCode, value);
}
