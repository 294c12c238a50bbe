/** Whether any other file of the project names a word: what makes an environment variable the test's own. */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { namedElsewhere } from '../../src/project/names-in-sources.js';
import { projectWith } from '../projects.js';

const TEST = 'test/utils.spec.ts';
const OWN = `it('a', () => { process.env.FOO_BAR_BAZ = 'set'; });\n`;

describe('a word named elsewhere in the project', () => {
  it('is not when only the test file names it', () => {
    const file = projectWith({ [TEST]: OWN, 'src/utils.ts': 'export const x = process.env.OTHER;\n' }, TEST);
    assert.equal(namedElsewhere(file, 'FOO_BAR_BAZ'), false);
  });
  it('is when the code under test reads it, as a member, a string or an object key', () => {
    for (const source of ['process.env.FOO_BAR_BAZ', "process.env['FOO_BAR_BAZ']", 'const { FOO_BAR_BAZ } = process.env', 'spawn(cmd, { env: { FOO_BAR_BAZ: "1" } })']) {
      const file = projectWith({ [TEST]: OWN, 'src/utils.ts': `${source};\n` }, TEST);
      assert.equal(namedElsewhere(file, 'FOO_BAR_BAZ'), true, source);
    }
  });
  it('is not for a local constant of the same spelling in another script (firebase-tools containerCleaner.spec.ts)', () => {
    const file = projectWith({ [TEST]: OWN, 'test/other.spec.ts': 'const FOO_BAR_BAZ = { tags: [] };\nuse(FOO_BAR_BAZ);\n' }, TEST);
    assert.equal(namedElsewhere(file, 'FOO_BAR_BAZ'), false);
  });
  it('answers each word asked about the same script for itself (the script is read once for all of them)', () => {
    const other = 'const FOO_BAR_BAZ = 1;\nuse(FOO_BAR_BAZ, process.env.SECOND_WORD, `${x} THIRD_WORD`, { FOURTH_WORD: 1 });\n';
    const file = projectWith({ [TEST]: OWN, 'src/other.ts': other }, TEST);
    assert.equal(namedElsewhere(file, 'FOO_BAR_BAZ'), false);
    assert.equal(namedElsewhere(file, 'SECOND_WORD'), true);
    assert.equal(namedElsewhere(file, 'THIRD_WORD'), true);
    assert.equal(namedElsewhere(file, 'FOURTH_WORD'), true);
    assert.equal(namedElsewhere(file, 'use'), false);
  });
  it('is when a config or a shell script names it', () => {
    const file = projectWith({ [TEST]: OWN, '.github/workflows/ci.yml': 'env:\n  FOO_BAR_BAZ: 1\n' }, TEST);
    assert.equal(namedElsewhere(file, 'FOO_BAR_BAZ'), true);
  });
  it('is assumed when there is no project around the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'patch-leak-no-project-'));
    writeFileSync(path.join(dir, 'a.test.js'), OWN);
    assert.equal(namedElsewhere(path.join(dir, 'a.test.js'), 'FOO_BAR_BAZ'), true);
  });
});
