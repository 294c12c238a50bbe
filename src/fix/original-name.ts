/**
 * What is the variable that keeps a patched member's original called? `original` and the key
 * (`originalApiUrl` for `process.env.API_URL`), when no variable of that name is visible where it is
 * declared or read anywhere under it; else the same, numbered.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { ANY_KEY } from '../analysis/values/binding.js';

/** `original` + the key in PascalCase, free at `block` (a function or the program); numbered from 2 when taken (`originalLoad2`). */
export function originalName(sourceCode: TSESLint.SourceCode, block: TSESTree.Node, key: string): string | undefined {
  const base = `original${pascalCase(key === ANY_KEY ? '' : key)}`;
  for (let n = 1; n <= 9; n++) {
    const name = freeName(sourceCode, block, n === 1 ? base : `${base}${n}`);
    if (name) return name;
  }
  return undefined;
}

/** `base`, free at `block`; numbered from 2 when taken (`restore2`). */
export function freshName(sourceCode: TSESLint.SourceCode, block: TSESTree.Node, base: string): string | undefined {
  for (let n = 1; n <= 9; n++) {
    const name = freeName(sourceCode, block, n === 1 ? base : `${base}${n}`);
    if (name) return name;
  }
  return undefined;
}

/** `API_URL` → `ApiUrl`, `retries` → `Retries`: the part of a variable name that names the key. */
function pascalCase(key: string): string {
  const words = key.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const allCaps = key === key.toUpperCase();
  return words.map((word) => (word[0] ?? '').toUpperCase() + (allCaps ? word.slice(1).toLowerCase() : word.slice(1))).join('');
}

/** `name`, when no variable of that name is in scope at `block` or read through it; else undefined. */
function freeName(sourceCode: TSESLint.SourceCode, block: TSESTree.Node, name: string): string | undefined {
  let scope: TSESLint.Scope.Scope | null = sourceCode.scopeManager?.acquire(block) ?? null;
  if (!scope) return undefined;
  const inside = [scope];
  for (let i = 0; i < inside.length; i++) inside.push(...(inside[i]?.childScopes ?? []));
  if (inside.some((s) => s.set.has(name) || s.through.some((reference) => reference.identifier.name === name))) return undefined;
  for (; scope; scope = scope.upper) if (scope.set.has(name)) return undefined;
  return name;
}
