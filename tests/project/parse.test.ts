/**
 * Which parser reads a file no ESLint run holds (a config, a setup file, a helper module): ESLint's
 * own (espree with eslint-scope) for JavaScript, the TypeScript parser for TypeScript and for the
 * JavaScript espree rejects. Counted, not timed: `typescriptParses` is the number of files the
 * TypeScript parser was asked to read.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { parseSource, parseWithScope, typescriptParses } from '../../src/project/parse.js';

const OPTIONS = { ecmaVersion: 'latest', sourceType: 'module', range: true, loc: false } as const;

describe('the parser of a file outside the lint', () => {
  beforeEach(() => {
    typescriptParses.count = 0;
  });

  it('reads JavaScript without the TypeScript parser, each of .js .jsx .mjs .cjs', () => {
    for (const filePath of ['a.js', 'a.jsx', 'a.mjs', 'a.cjs']) {
      const program = parseSource("import x from './x';\nexport default { a: 1 };\n", { ...OPTIONS, filePath });
      assert.equal(program.body.length, 2, filePath);
    }
    assert.equal(typescriptParses.count, 0);
  });

  it('reads JSX in a .js file, as the TypeScript parser did', () => {
    const program = parseSource('export const App = () => <div className="a" />;\n', { ...OPTIONS, filePath: 'app.js' });
    assert.equal(program.body[0]?.type, 'ExportNamedDeclaration');
    assert.equal(typescriptParses.count, 0);
  });

  it('hands a .js file espree rejects to the TypeScript parser: Flow or TypeScript annotations', () => {
    const program = parseSource('export function f(x: number): string { return String(x); }\n', { ...OPTIONS, filePath: 'flow.js' });
    assert.equal(program.body[0]?.type, 'ExportNamedDeclaration');
    assert.equal(typescriptParses.count, 1);
  });

  it('reads TypeScript with the TypeScript parser, even when it holds no type', () => {
    parseSource('export default { a: 1 };\n', { ...OPTIONS, filePath: 'jest.config.ts' });
    parseSource('export default { a: 1 };\n', { ...OPTIONS, filePath: 'vitest.config.mts' });
    assert.equal(typescriptParses.count, 2);
  });

  it('resolves a JavaScript file through eslint-scope: imports and locals bound, the runner globals free', () => {
    const code = "import path from 'node:path';\nconst require = () => 1;\ndescribe('a', () => { require(path.join('x')); });\n";
    const { scopeManager } = parseWithScope(code, { ...OPTIONS, filePath: 'helper.js' });
    assert.equal(typescriptParses.count, 0);
    const free = (scopeManager?.globalScope?.through ?? []).map((reference) => reference.identifier.name);
    assert.deepEqual(free, ['describe']);
    const moduleScope = scopeManager?.scopes.find((scope) => scope.type === 'module');
    assert.deepEqual(moduleScope?.variables.map((variable) => [variable.name, variable.defs[0]?.type]), [
      ['path', 'ImportBinding'],
      ['require', 'Variable'],
    ]);
  });

  it('hands a .js file with a top-level return (CommonJS) to the TypeScript parser, with its scopes', () => {
    const { ast, scopeManager } = parseWithScope("if (skip) return;\ndescribe('a', () => {});\n", { ...OPTIONS, filePath: 'legacy.js' });
    assert.equal(ast.body.length, 2);
    assert.ok(scopeManager);
    assert.equal(typescriptParses.count, 1);
  });
});
