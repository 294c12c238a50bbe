/** The plugin's public shape: one name in four places, configs that name real rules, meta that matches the package. */
import { defineConfig } from 'eslint/config';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { rules } from '../rules/index.js';
import plugin, { type RuleName } from '../src/index.js';
import { REPOSITORY_URL } from '../src/rule/create-rule.js';
import { DOCS, ROOT } from './paths.js';

const names = (dir: string, ext: string): string[] =>
  readdirSync(path.join(ROOT, dir))
    .filter((f) => f.endsWith(ext) && f !== `index${ext}`)
    .map((f) => f.slice(0, -ext.length))
    .sort();

const ruleNames = Object.keys(rules).sort();
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

describe('plugin', () => {
  it('has one name in four places: rules/, the rules index, docs/rules/ and tests/rules/', () => {
    assert.deepEqual(names('rules', '.ts'), ruleNames);
    assert.deepEqual(names('docs/rules', '.md'), ruleNames);
    assert.deepEqual(names('tests/rules', '.test.ts'), ruleNames);
  });

  it('carries meta with the package name and version and the patch-leak namespace', () => {
    assert.deepEqual(plugin.meta, { name: pkg.name, version: pkg.version, namespace: 'patch-leak' });
  });

  it('links every rule to its doc, and describes it with Disallow/Require/Enforce/Prefer', () => {
    for (const [name, rule] of Object.entries(rules)) {
      assert.equal(rule.meta.docs?.url, `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`);
      assert.ok(existsSync(path.join(DOCS, `${name}.md`)));
      assert.match(rule.meta.docs?.description ?? '', /^(Disallow|Require|Enforce|Prefer) /);
    }
  });

  it('strict is a named flat config that enables every rule with strict: true', () => {
    const strict = plugin.configs.strict;
    assert.equal(strict.name, 'patch-leak/strict');
    assert.equal(strict.plugins?.['patch-leak'], plugin);
    assert.deepEqual(
      strict.rules,
      Object.fromEntries(Object.keys(plugin.rules).map((rule) => [`patch-leak/${rule}`, ['error', { strict: true }]])),
    );
  });

  it('recommended is a named flat config that enables exactly the recommended rules, with no files glob', () => {
    const recommended = plugin.configs.recommended;
    assert.equal(recommended.name, 'patch-leak/recommended');
    assert.equal(recommended.files, undefined);
    assert.equal(recommended.plugins?.['patch-leak'], plugin);
    const expected = Object.entries(rules)
      .filter(([, rule]) => rule.meta.docs?.recommended)
      .map(([name]) => `patch-leak/${name}`)
      .sort();
    assert.deepEqual(Object.keys(recommended.rules ?? {}).sort(), expected);
  });

  it('names its rules in the public RuleName type exactly as the rules index does', () => {
    // Type-level: each list covers the other (a missing or extra name fails the build).
    const fromIndex: Record<RuleName, unknown> = rules;
    const fromType: Record<keyof typeof rules, unknown> = fromIndex;
    assert.deepEqual(Object.keys(fromType).sort(), ruleNames);
  });

  it("offers the recommended config under 'flat/recommended' too, as eslint-plugin-jest and eslint-plugin-n do", () => {
    assert.equal(plugin.configs['flat/recommended'], plugin.configs.recommended);
  });

  it('is the same object from require() as from import (a CommonJS eslint.config.js)', () => {
    // Resolved by package name, through package.json `exports`, as a user's config does.
    const required = createRequire(import.meta.url)('eslint-plugin-patch-leak') as typeof plugin;
    assert.equal(required, plugin);
    assert.equal(required.configs.recommended.name, 'patch-leak/recommended');
  });

  it("is accepted by ESLint's defineConfig", () => {
    const configs = defineConfig([plugin.configs.recommended as Parameters<typeof defineConfig>[0]]);
    assert.ok(configs.length >= 1);
  });

  it('publishes LICENSE, CHANGELOG, README and the public declarations only, with repository metadata', () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const files = (JSON.parse(packed.stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json', 'dist/src/index.js', 'dist/src/require.cjs', 'dist/src/cli/bin.js']) {
      assert.ok(files.includes(file), `${file} is not published`);
    }
    assert.deepEqual(files.filter((f) => /\.d\.c?ts$/.test(f)).sort(), ['dist/src/index.d.ts', 'dist/src/require.d.cts']);
    assert.ok(!files.some((f) => f.startsWith('dist/tests/')), 'tests are published');
    const meta = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    for (const key of ['license', 'repository', 'homepage', 'bugs']) assert.ok(meta[key], `package.json has no ${key}`);
  });

  it('has a CHANGELOG entry naming every rule', () => {
    const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
    for (const name of ruleNames) assert.ok(changelog.includes(`[${name}]`), `${name} missing from CHANGELOG.md`);
  });
});
