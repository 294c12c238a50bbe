/**
 * The one directory walk: what it leaves out before reading, and symbolic links followed once per
 * real directory (links are made in a temporary directory at test time, never committed).
 */
import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { filesUnder, gitignoreReads, oncePerRealFile } from '../../src/project/files-under.js';
import { RECHECK_MS } from '../../src/project/freshness.js';
import { namedElsewhere } from '../../src/project/names-in-sources.js';
import { projectWith } from '../projects.js';

/** A temporary project's root with these files (its package.json included). */
function rootWith(files: Readonly<Record<string, string>>): string {
  return realpathSync(path.dirname(projectWith(files, 'package.json')));
}

const relativeTo = (root: string, files: readonly string[]) => files.map((file) => path.relative(root, file).split(path.sep).join('/')).sort();
const pathsUnder = (root: string, options = {}) => relativeTo(root, filesUnder(root, options).map((file) => file.path));

describe('the files under a directory', () => {
  it('never enters node_modules or .git, and leaves out dot entries unless asked', () => {
    const root = rootWith({ 'test/a.js': '', 'node_modules/x/test/b.js': '', '.git/hooks/c.js': '', '.github/d.yml': '', 'test/.eslintrc.js': '' });
    assert.deepEqual(pathsUnder(root), ['package.json', 'test/a.js']);
    assert.deepEqual(pathsUnder(root, { dot: true }), ['.github/d.yml', 'package.json', 'test/.eslintrc.js', 'test/a.js']);
  });

  it('leaves out what .gitignore ignores, and does not read an ignored or pruned directory', () => {
    const root = rootWith({ '.gitignore': 'build/\n*.log.js\n', 'build/nested/x.test.js': '', 'test/a.test.js': '', 'test/b.log.js': '', 'vendor/deep/y.test.js': '' });
    const asked: string[] = [];
    const prune = (directory: string) => {
      asked.push(path.relative(root, directory).split(path.sep).join('/'));
      return path.basename(directory) === 'vendor';
    };
    assert.deepEqual(pathsUnder(root, { gitignoreFrom: root, prune }), ['package.json', 'test/a.test.js']);
    // Neither build/nested nor vendor/deep was ever looked at: their parents were not read.
    assert.deepEqual(asked.sort(), ['build', 'test', 'vendor']);
  });

  it("applies a nested .gitignore to its own directory only, and the repository's files above a walk started lower", () => {
    const root = rootWith({
      '.git/HEAD': '',
      '.gitignore': '/packages/a/out/\n',
      'packages/a/.gitignore': 'generated/\n',
      'packages/a/generated/x.test.js': '',
      'packages/a/out/y.test.js': '',
      'packages/a/src/z.test.js': '',
      'packages/b/generated/w.test.js': '',
    });
    const expected = ['package.json', 'packages/a/src/z.test.js', 'packages/b/generated/w.test.js'];
    assert.deepEqual(pathsUnder(root, { gitignoreFrom: root }), expected);
    const fromA = filesUnder(path.join(root, 'packages', 'a'), { gitignoreFrom: root }).map((file) => file.path);
    assert.deepEqual(relativeTo(root, fromA), ['packages/a/src/z.test.js']);
  });

  it('follows a link back to an ancestor once: each real directory is entered once, and the walk ends', () => {
    const root = rootWith({ 'test/a.test.js': '', 'src/b.js': '' });
    symlinkSync('..', path.join(root, 'test', 'loop'));
    symlinkSync(path.join(root, 'test'), path.join(root, 'src', 'tests-again'));
    assert.deepEqual(pathsUnder(root), ['package.json', 'src/b.js', 'test/a.test.js']);
  });

  it('follows a link to a directory outside the tree, by the path it was reached at', () => {
    const outside = rootWith({ 'shared/c.test.js': '' });
    const root = rootWith({ 'test/a.test.js': '' });
    symlinkSync(path.join(outside, 'shared'), path.join(root, 'test', 'shared'));
    // And a link from inside the linked directory back to the tree: the tree is not walked again.
    symlinkSync(root, path.join(outside, 'shared', 'back'));
    assert.deepEqual(pathsUnder(root), ['package.json', 'test/a.test.js', 'test/shared/c.test.js']);
  });

  it('lists a link to a file with its real path, so that a file reached twice is kept once', () => {
    const root = rootWith({ 'other/real.test.js': '', 'test/a.test.js': '' });
    symlinkSync(path.join('..', 'other', 'real.test.js'), path.join(root, 'test', 'linked.test.js'));
    symlinkSync('missing.js', path.join(root, 'test', 'broken.js'));
    const files = filesUnder(root);
    const linked = files.find((file) => file.path.endsWith('linked.test.js'));
    assert.equal(linked?.real, path.join(root, 'other', 'real.test.js'));
    // By its own path when that is kept; by the link when only the link is (a runner selects `test/` only).
    assert.deepEqual(relativeTo(root, oncePerRealFile(files)), ['other/real.test.js', 'package.json', 'test/a.test.js']);
    assert.deepEqual(relativeTo(root, oncePerRealFile(files, (file) => file.includes(`${path.sep}test${path.sep}`))), ['test/a.test.js', 'test/linked.test.js']);
  });

  it('reads a .gitignore once for several walks, and again after it changed', async () => {
    const root = rootWith({ '.gitignore': 'a.js\n', 'test/a.js': '', 'test/b.js': '' });
    gitignoreReads.count = 0;
    assert.deepEqual(pathsUnder(root, { gitignoreFrom: root }), ['package.json', 'test/b.js']);
    assert.deepEqual(pathsUnder(path.join(root, 'test'), { gitignoreFrom: root }).length, 1);
    assert.equal(gitignoreReads.count, 1);
    writeFileSync(path.join(root, '.gitignore'), 'b.js\n');
    const later = new Date(Date.now() + 10_000);
    utimesSync(path.join(root, '.gitignore'), later, later);
    await new Promise((resolve) => setTimeout(resolve, RECHECK_MS + 50));
    assert.deepEqual(pathsUnder(root, { gitignoreFrom: root }), ['package.json', 'test/a.js']);
    assert.equal(gitignoreReads.count, 2);
  });

  it('lists only the files whose name the caller accepts, a link by its own name, .gitignore still applying to those', () => {
    const root = rootWith({ '.gitignore': 'ignored.js\n', 'test/a.test.js': '', 'test/data.json': '', 'test/ignored.js': '', 'other/real.txt': '' });
    symlinkSync(path.join('..', 'other', 'real.txt'), path.join(root, 'test', 'linked.js'));
    symlinkSync(path.join('..', 'test', 'a.test.js'), path.join(root, 'other', 'notes.txt'));
    const asked: string[] = [];
    const names = (name: string) => {
      asked.push(name);
      return name.endsWith('.js');
    };
    assert.deepEqual(pathsUnder(root, { gitignoreFrom: root, names }), ['test/a.test.js', 'test/linked.js']);
    assert.deepEqual(asked.sort(), ['a.test.js', 'data.json', 'ignored.js', 'linked.js', 'notes.txt', 'package.json', 'real.txt']);
    // Without the filter the same walk lists every file .gitignore keeps.
    assert.deepEqual(pathsUnder(root, { gitignoreFrom: root }), ['other/notes.txt', 'other/real.txt', 'package.json', 'test/a.test.js', 'test/data.json', 'test/linked.js']);
  });
});

describe('a word named elsewhere, in a project with links', () => {
  it('reads through a loop once and does not take a link to the test file for another file', () => {
    const test = 'test/own.spec.ts';
    const file = projectWith({ [test]: "it('a', () => { process.env.FOO_BAR_BAZ = 'set'; });\n", 'src/index.ts': 'export {};\n' }, test);
    const root = path.dirname(path.dirname(file));
    symlinkSync('..', path.join(root, 'test', 'loop'));
    mkdirSync(path.join(root, 'alias'));
    symlinkSync(path.join('..', test), path.join(root, 'alias', 'own.spec.ts'));
    assert.equal(namedElsewhere(file, 'FOO_BAR_BAZ'), false);
  });
});
