/**
 * The layout: no module of src/ or rules/ reaches itself through its relative imports (type-only
 * imports included), so each can be read and changed from the modules it names alone. Every module
 * of src/analysis/ sits in a folder named after the question it answers (README, "Where things
 * live"), none directly under src/analysis/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './paths.js';

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.c?ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The relative imports of each module, as paths of the other modules (`./a.js` → `a.ts`). */
function importGraph(files: readonly string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const specifiers = [...readFileSync(file, 'utf8').matchAll(/^(?:import|export)[^;]*?from '(\.[^']+)'/gm)].map((m) => m[1] ?? '');
    const targets = specifiers.map((specifier) => path.resolve(path.dirname(file), specifier.replace(/\.(c?)js$/, '.$1ts'))).filter((target) => known.has(target));
    graph.set(file, targets);
  }
  return graph;
}

/** The import cycles: strongly connected groups of more than one module, or a module importing itself. */
function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next += 1;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(path.relative(ROOT, member));
    } while (member !== node);
    if (group.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(group.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

describe('layout', () => {
  it('no module of src/ or rules/ imports itself through other modules', () => {
    const files = [...sourcesUnder(path.join(ROOT, 'src')), ...sourcesUnder(path.join(ROOT, 'rules'))];
    assert.ok(files.length > 50, `found only ${files.length} modules`);
    assert.deepEqual(cyclesOf(importGraph(files)), []);
  });

  it('every module of src/analysis/ sits in a question folder, none directly under it', () => {
    const analysis = path.join(ROOT, 'src', 'analysis');
    const entries = readdirSync(analysis, { withFileTypes: true });
    assert.deepEqual(entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name), []);
    assert.deepEqual(
      entries.map((entry) => entry.name).sort(),
      ['patches', 'restore', 'runner', 'values', 'visibility', 'writes'],
    );
    for (const folder of entries) {
      const inner = readdirSync(path.join(analysis, folder.name), { withFileTypes: true });
      assert.deepEqual(inner.filter((entry) => entry.isDirectory()).map((entry) => entry.name), [], `src/analysis/${folder.name}/ is one level deep`);
      assert.ok(inner.length > 0, `src/analysis/${folder.name}/ is empty`);
    }
  });

  it('finds a cycle where there is one (the check can fail)', () => {
    const a = path.join(ROOT, 'src', 'a.ts');
    const b = path.join(ROOT, 'src', 'b.ts');
    const c = path.join(ROOT, 'src', 'c.ts');
    assert.deepEqual(cyclesOf(new Map([[a, [b]], [b, [a, c]], [c, []]])), [['src/a.ts', 'src/b.ts']]);
  });
});
