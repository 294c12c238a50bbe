/** Docs that cannot lie: every ❌ example is reported by its rule, every ✅ example is not. */
import tsParser from '@typescript-eslint/parser';
import { Linter } from 'eslint';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import plugin from '../src/index.js';
import { DOCS } from './paths.js';
import { NO_RUNNER_FILENAME } from './projects.js';

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly lang: string;
  readonly code: string;
  readonly line: number;
}

/** Code blocks under the `### ❌ Incorrect` and `### ✅ Correct` headings. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  let kind: Example['kind'] | undefined;
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.startsWith('#')) {
      kind = line.includes('❌') ? 'incorrect' : line.includes('✅') ? 'correct' : undefined;
      continue;
    }
    const fence = /^```(\w+)/.exec(line);
    if (!fence || !kind) continue;
    const start = i + 1;
    while (i + 1 < lines.length && !(lines[i + 1] ?? '').startsWith('```')) i++;
    examples.push({ kind, lang: fence[1] ?? 'js', code: lines.slice(start, i + 1).join('\n'), line: start });
    i++;
  }
  return examples;
}

// Examples are linted as files of a project that declares no runner: only the example itself decides.
const linter = new Linter({ configType: 'flat', cwd: path.dirname(NO_RUNNER_FILENAME) });
const config: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tsParser as Linter.Parser } },
  plugin.configs.recommended as Linter.Config,
];

for (const file of readdirSync(DOCS).filter((f) => f.endsWith('.md'))) {
  const rule = path.basename(file, '.md');
  const examples = examplesOf(readFileSync(path.join(DOCS, file), 'utf8'));
  describe(`docs/rules/${file}`, () => {
    it('has both incorrect and correct examples', () => {
      assert.ok(examples.some((e) => e.kind === 'incorrect'), 'no ❌ example');
      assert.ok(examples.some((e) => e.kind === 'correct'), 'no ✅ example');
    });
    for (const example of examples) {
      it(`${example.kind} example at line ${example.line} is ${example.kind === 'incorrect' ? 'reported' : 'clean'}`, () => {
        const filename = NO_RUNNER_FILENAME.replace(/\.ts$/, example.lang === 'ts' ? '.ts' : '.js');
        const messages = linter.verify(example.code, config, filename);
        assert.deepEqual(messages.filter((m) => m.fatal), [], 'the example does not parse');
        const findings = messages.filter((m) => m.ruleId === `patch-leak/${rule}`);
        if (example.kind === 'incorrect') assert.ok(findings.length > 0, `expected a ${rule} finding`);
        else assert.deepEqual(findings.map((m) => `${m.line}: ${m.message}`), []);
      });
    }
  });
}
