/**
 * The packed package, installed as users install it (slow: run by `npm run test:install`, which
 * .ci/run calls after `npm test`). Throwaway projects under the system temp directory, each
 * installed once from the npm registry:
 *  - ESLint 9.0.0 (the oldest supported), an ESM config;
 *  - the latest ESLint 9, a CommonJS config (`require('eslint-plugin-patch-leak')`), and
 *    tests/types/user-configs.ts type-checked against ESLint 9's types;
 *  - the latest ESLint 10, an `eslint.config.ts` that is type-checked (with typescript-eslint).
 * Each adds eslint-plugin-jest and @vitest/eslint-plugin after this plugin (that failed with
 * ERESOLVE while typescript-eslint was pinned), and lints a leaking and a restored test file with
 * ESLint and with the `patch-leak` command. Then the package is installed from a git checkout as
 * the pre-commit framework 4 does (`npm install -g --install-links git+file://...`), and, when
 * `pre-commit` is on PATH, the real framework installs and runs the hook.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { parse as parseShell } from 'shell-quote';
import { ROOT } from '../paths.js';

const run = promisify(execFile);
const { version: VERSION } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const scratch = mkdtempSync(path.join(os.tmpdir(), 'patch-leak-install-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

interface Result {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function sh(cwd: string, command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  delete fullEnv.NODE_TEST_CONTEXT;
  try {
    const { stdout, stderr } = await run(command, [...args], { cwd, env: fullEnv, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function npm(cwd: string, ...args: string[]): Promise<void> {
  const result = await sh(cwd, 'npm', [...args, '--no-audit', '--no-fund', '--loglevel=error']);
  assert.equal(result.code, 0, `npm ${args.join(' ')} in ${cwd}:\n${result.stderr}`);
}

function write(root: string, files: Readonly<Record<string, string>>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), content);
  }
}

/** Test files in the style of each module format: one module patch and one env write, leaking or restored. */
function testFiles(format: 'commonjs' | 'module' | 'typescript'): Record<string, string> {
  const ext = format === 'typescript' ? 'ts' : 'js';
  const load =
    format === 'commonjs' ? "const config = require('../src/config');" : `import * as config from '../src/config${format === 'typescript' ? '' : '.js'}';`;
  const source = format === 'commonjs' ? 'exports.mode = "prod";\n' : 'export const mode = "prod";\n';
  return {
    [`src/config.${ext}`]: format === 'typescript' ? 'export const settings = { mode: "prod" };\n' : source,
    [`test/leak.test.${ext}`]: [
      format === 'typescript' ? "import { settings } from '../src/config';" : load,
      "it('a', () => {",
      format === 'typescript' ? "  settings.mode = 'test';" : "  config.mode = 'test';",
      "  process.env.API_URL = 'http://localhost';",
      '});',
      '',
    ].join('\n'),
    [`test/restored.test.${ext}`]: [
      format === 'typescript' ? "import { settings } from '../src/config';" : load,
      "it('a', () => {",
      format === 'typescript' ? '  const saved = settings.mode;' : '  const saved = config.mode;',
      '  const savedUrl = process.env.API_URL;',
      '  try {',
      format === 'typescript' ? "    settings.mode = 'test';" : "    config.mode = 'test';",
      "    process.env.API_URL = 'http://localhost';",
      '  } finally {',
      format === 'typescript' ? '    settings.mode = saved;' : '    config.mode = saved;',
      '    if (savedUrl === undefined) delete process.env.API_URL; else process.env.API_URL = savedUrl;',
      '  }',
      '});',
      '',
    ].join('\n'),
  };
}

function expectedFindings(ext: string): string[] {
  return [`test/leak.test.${ext}:3 patch-leak/no-unrestored-module-patch`, `test/leak.test.${ext}:4 patch-leak/no-unrestored-global-patch`];
}

interface EslintResult {
  filePath: string;
  messages: { line: number; ruleId: string | null; fatal?: boolean; message: string }[];
}

/** `file:line ruleId` of this plugin's findings (and of any fatal error), from ESLint's JSON output. */
function findingsOf(root: string, json: string): string[] {
  return (JSON.parse(json) as EslintResult[])
    .flatMap((result) =>
      result.messages
        .filter((m) => m.fatal || m.ruleId === null || m.ruleId.startsWith('patch-leak/'))
        .map((m) => `${path.relative(root, result.filePath).split(path.sep).join('/')}:${m.line} ${m.ruleId ?? m.message}`),
    )
    .sort();
}

let tarball = '';
before(async () => {
  // Packed as the release workflow packs it: `npm pack` with its lifecycle scripts, in a clone of HEAD.
  const source = path.join(scratch, 'pack-source');
  const cloned = await sh(scratch, 'git', ['clone', '--quiet', ROOT, source]);
  assert.equal(cloned.code, 0, cloned.stderr);
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'));
  const packed = await sh(source, 'npm', ['pack', '--json', '--pack-destination', scratch]);
  assert.equal(packed.code, 0, packed.stderr);
  tarball = path.join(scratch, (JSON.parse(packed.stdout) as { filename: string }[])[0]?.filename ?? '');
  const changed = await sh(source, 'git', ['status', '--porcelain', '--', 'package.json']);
  assert.equal(changed.stdout, '', 'packing leaves package.json as it was');
});

it("the packed package.json has no script npm would list as an install script (npm 11 warns on every install)", async () => {
  const manifest = await sh(scratch, 'tar', ['-xOzf', tarball, 'package/package.json']);
  const { scripts = {} } = JSON.parse(manifest.stdout) as { scripts?: Record<string, string> };
  assert.deepEqual(
    Object.keys(scripts).filter((name) => ['preinstall', 'install', 'postinstall', 'prepare', 'prepack', 'postpack'].includes(name)),
    [],
  );
  assert.ok('test' in scripts, 'the other scripts are kept');
});

interface Project {
  readonly name: string;
  readonly eslint: string;
  readonly format: 'commonjs' | 'module' | 'typescript';
  readonly extra: readonly string[];
  readonly files: Readonly<Record<string, string>>;
  /** Files to type-check with tsc (the project's tsconfig.json). */
  readonly typeCheck: readonly string[];
}

const USER_CONFIGS = readFileSync(path.join(ROOT, 'tests/types/user-configs.ts'), 'utf8');
const TSCONFIG = (files: readonly string[]) =>
  JSON.stringify({ compilerOptions: { target: 'ES2023', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] }, files });

const PROJECTS: readonly Project[] = [
  {
    name: 'eslint-9.0-esm',
    eslint: 'eslint@9.0.0',
    format: 'module',
    extra: [],
    typeCheck: [],
    files: {
      'package.json': '{ "name": "esm-project", "private": true, "type": "module" }\n',
      'eslint.config.mjs': [
        "import patchLeak from 'eslint-plugin-patch-leak';",
        "import jest from 'eslint-plugin-jest';",
        '',
        "export default [{ files: ['test/**'], ...jest.configs['flat/recommended'], settings: { jest: { version: 30 } } }, patchLeak.configs.recommended];",
        '',
      ].join('\n'),
    },
  },
  {
    name: 'eslint-9-commonjs',
    eslint: 'eslint@^9',
    format: 'commonjs',
    extra: ['typescript'],
    typeCheck: ['user-configs.ts'],
    files: {
      'package.json': '{ "name": "cjs-project", "private": true, "type": "commonjs" }\n',
      'eslint.config.js': [
        "const patchLeak = require('eslint-plugin-patch-leak');",
        "const jest = require('eslint-plugin-jest');",
        "const vitest = require('@vitest/eslint-plugin');",
        '',
        'module.exports = [',
        "  { files: ['test/**'], ...jest.configs['flat/recommended'], settings: { jest: { version: 30 } } },",
        "  { files: ['test/**'], plugins: { vitest }, rules: { 'vitest/no-identical-title': 'error' } },",
        "  patchLeak.configs['flat/recommended'],",
        '];',
        '',
      ].join('\n'),
      'user-configs.ts': USER_CONFIGS,
    },
  },
  {
    name: 'eslint-10-typescript',
    eslint: 'eslint@^10',
    format: 'typescript',
    extra: ['typescript', 'typescript-eslint', 'jiti'],
    typeCheck: ['eslint.config.ts', 'user-configs.ts'],
    files: {
      'package.json': '{ "name": "ts-project", "private": true, "type": "module" }\n',
      'eslint.config.ts': [
        "import vitest from '@vitest/eslint-plugin';",
        "import { defineConfig } from 'eslint/config';",
        "import patchLeak from 'eslint-plugin-patch-leak';",
        "import tseslint from 'typescript-eslint';",
        '',
        'export default defineConfig(',
        "  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },",
        "  { files: ['test/**/*.ts'], plugins: { vitest }, rules: vitest.configs.recommended.rules },",
        "  { files: ['test/**/*.ts'], extends: [patchLeak.configs.recommended] },",
        ');',
        '',
      ].join('\n'),
      'user-configs.ts': USER_CONFIGS,
    },
  },
];

describe('the packed package, installed in fresh projects', { concurrency: true, timeout: 600_000 }, () => {
  for (const project of PROJECTS) {
    it(`${project.name}: installs next to eslint-plugin-jest and @vitest/eslint-plugin, and finds exactly the leaks`, async () => {
      const root = path.join(scratch, project.name);
      write(root, { ...project.files, ...testFiles(project.format), 'tsconfig.json': TSCONFIG(project.typeCheck) });
      await npm(root, 'install', '--save-dev', tarball, project.eslint);
      // Added after this plugin, as a user would: this failed with ERESOLVE while typescript-eslint was pinned.
      await npm(root, 'install', '--save-dev', 'eslint-plugin-jest', '@vitest/eslint-plugin', ...project.extra);
      if (project.typeCheck.length > 0) {
        const tsc = await sh(root, process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
        assert.equal(tsc.stdout + tsc.stderr, '', `tsc in ${project.name}`);
      }
      const ext = project.format === 'typescript' ? 'ts' : 'js';
      const eslint = await sh(root, process.execPath, ['node_modules/eslint/bin/eslint.js', '--format', 'json', 'test']);
      assert.ok(eslint.stdout.startsWith('['), `eslint in ${project.name}: ${eslint.stderr}`);
      assert.deepEqual(findingsOf(root, eslint.stdout), expectedFindings(ext), `eslint in ${project.name}`);
      const command = await sh(root, process.execPath, ['node_modules/eslint-plugin-patch-leak/dist/src/cli/bin.js', '--format', 'json']);
      assert.equal(command.code, 1, `patch-leak in ${project.name}: ${command.stderr}`);
      const report = JSON.parse(command.stdout) as { findings: { file: string; line: number; ruleId: string }[] };
      assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort(), expectedFindings(ext), `patch-leak in ${project.name}`);
    });
  }

  describe('from a git checkout (the commit checked out here: HEAD)', () => {
    let checkout = '';
    let target = '';
    before(async () => {
      checkout = path.join(scratch, 'checkout');
      const cloned = await sh(scratch, 'git', ['clone', '--quiet', ROOT, checkout]);
      assert.equal(cloned.code, 0, cloned.stderr);
      // The tag the release workflow creates for this version, which the README's commands name.
      assert.equal((await sh(checkout, 'git', ['tag', `v${VERSION}`])).code, 0);
      // A project with a leak, as a git repository for pre-commit.
      target = path.join(scratch, 'hooked');
      write(target, { 'package.json': '{ "name": "hooked", "private": true }\n', ...testFiles('commonjs') });
      for (const args of [['init', '--quiet'], ['add', '-A']]) assert.equal((await sh(target, 'git', args)).code, 0);
    });

    it('installs with npm install -g --install-links git+file:// (what pre-commit 4 runs), and its command finds the leak', async () => {
      const prefix = path.join(scratch, 'global');
      // Without devDependencies in the clone: prepare fetches TypeScript itself.
      await npm(scratch, 'install', '--global', '--install-links', '--allow-git=root', `--prefix=${prefix}`, `git+file://${checkout}`);
      const command = await sh(target, path.join(prefix, 'bin', 'patch-leak'), ['--format', 'json']);
      assert.equal(command.code, 1, command.stderr);
      const report = JSON.parse(command.stdout) as { findings: { file: string; line: number; ruleId: string }[] };
      assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort(), expectedFindings('js'));
    });

    it("follows the README literally: its git install command at the release tag, then its CI command", async () => {
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const line = /^npm install .*git\+https:\/\/github\.com\/patch-leak\/eslint-plugin-patch-leak\.git#.*$/m.exec(readme)?.[0];
      assert.ok(line, 'the README has a git install command');
      const words = parseShell(line).map(String);
      const url = words.find((word) => word.startsWith('git+https://'));
      assert.equal(url, `git+https://github.com/patch-leak/eslint-plugin-patch-leak.git#v${VERSION}`);
      const project = path.join(scratch, 'from-readme');
      write(project, { 'package.json': '{ "name": "from-readme", "private": true }\n', ...testFiles('commonjs') });
      // The repository URL stands in for this checkout; every other word is the README's.
      const args = words.slice(1).map((word) => (word === url ? `git+file://${checkout}#v${VERSION}` : word));
      await npm(project, ...args, '--allow-git=root');
      const ci = /^- run: (npx .*patch-leak) --format sarif > patch-leak\.sarif$/m.exec(readme)?.[1];
      assert.equal(ci, 'npx --no-install patch-leak');
      const command = await sh(project, 'npx', [...parseShell(ci).map(String).slice(1), '--format', 'json']);
      assert.equal(command.code, 1, command.stderr);
      const report = JSON.parse(command.stdout) as { findings: { file: string; line: number; ruleId: string }[] };
      assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line} ${f.ruleId}`).sort(), expectedFindings('js'));
    });

    const preCommit = process.env.PATH?.split(path.delimiter).some((dir) => {
      try {
        return readFileSync(path.join(dir, 'pre-commit')).length > 0;
      } catch {
        return false;
      }
    });
    it('is installed and run by the pre-commit framework as a hook, which fails on the leak', { skip: preCommit ? false : 'pre-commit is not on PATH' }, async () => {
      // The README's own `rev:`, which names the release tag.
      const rev = /^ {4}rev: (\S+)$/m.exec(readFileSync(path.join(ROOT, 'README.md'), 'utf8'))?.[1];
      assert.equal(rev, `v${VERSION}`);
      write(target, { '.pre-commit-config.yaml': `repos:\n  - repo: ${checkout}\n    rev: ${rev}\n    hooks:\n      - id: patch-leak\n` });
      const result = await sh(target, 'pre-commit', ['run', '--all-files'], { PRE_COMMIT_HOME: path.join(scratch, 'pre-commit-home') });
      assert.equal(result.code, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /patch-leak\.+Failed/);
      assert.match(result.stdout, /3:\d+ +error .*patch-leak\/no-unrestored-module-patch/);
    });
  });
});
