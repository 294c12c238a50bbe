/**
 * What a newcomer copies from the README names something that exists: the version's CHANGELOG
 * section (the release notes of its tag), the tag in the install commands and the pre-commit
 * `rev`, and no snippet that would let npx fetch an unrelated package named `patch-leak`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ROOT } from './paths.js';

const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function changelogSection(v: string) {
  return spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'changelog-section.mjs'), v], { encoding: 'utf8' });
}

describe('release and install instructions', () => {
  it("the package's version has a CHANGELOG section, which becomes the release notes", () => {
    const section = changelogSection(version);
    assert.equal(section.status, 0, section.stderr);
    assert.match(section.stdout, /^The first release|^### /m);
    assert.doesNotMatch(section.stdout, /^## /m);
    assert.doesNotMatch(section.stdout, /^\[[^\]]+\]: /m);
  });

  it('a version without a CHANGELOG section cannot be released', () => {
    const section = changelogSection('99.0.0');
    assert.equal(section.status, 1);
    assert.equal(section.stderr, 'changelog-section: CHANGELOG.md has no section for 99.0.0\n');
  });

  it('the release workflow tags the version with the notes of its section and attaches the tarball', () => {
    const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'release.yml'), 'utf8');
    assert.match(workflow, /node scripts\/changelog-section\.mjs "\$\{\{ steps\.version\.outputs\.version \}\}" > release-notes\.md/);
    assert.match(workflow, /gh release create "v\$v" "eslint-plugin-patch-leak-\$v\.tgz"/);
  });

  it('the install commands and the pre-commit rev name the tag of this version', () => {
    assert.ok(README.includes(`npm install --save-dev --install-links "git+https://github.com/patch-leak/eslint-plugin-patch-leak.git#v${version}"`));
    assert.ok(README.includes(`releases/download/v${version}/eslint-plugin-patch-leak-${version}.tgz`));
    assert.deepEqual([...README.matchAll(/^ +rev: (\S+)$/gm)].map((m) => m[1]), [`v${version}`]);
    const hooks = readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
    assert.deepEqual([...hooks.matchAll(/rev: (\S+)$/gm)].map((m) => m[1]), [`v${version}`]);
  });

  it('the registry install is marked as not published yet', () => {
    assert.match(README, /# once the package is published to the npm registry \(not yet\):\nnpm install --save-dev eslint-plugin-patch-leak\n/);
  });

  it('no snippet runs npx patch-leak without naming the package or forbidding the download', () => {
    const docs = [path.join(ROOT, 'README.md'), ...readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join(ROOT, 'docs', f))];
    for (const file of docs) {
      for (const [call] of readFileSync(file, 'utf8').matchAll(/npx [^\n`]*patch-leak/g)) {
        assert.match(call, /^npx (--no-install|-p eslint-plugin-patch-leak) patch-leak/, `${path.relative(ROOT, file)}: ${call}`);
      }
    }
  });
});
