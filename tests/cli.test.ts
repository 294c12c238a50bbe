/**
 * The `patch-leak` command, run as a user runs it: the built bin as a subprocess, in the fixtures
 * and in temporary projects. Exit codes, every output format, the blast radius, bad input.
 */
import AjvModule from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { FIXTURES, ROOT } from './paths.js';
import { projectWith } from './projects.js';

// Both packages are CommonJS with a `default` export property.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const INCIDENT = path.join(FIXTURES, 'fake-invoker');
const LEAK = 'test/agent_proxy_headers_and_errors.test.js';
const CONTRACT = 'test/agent_proxy_validation_errors.test.js';
const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string; markdown: string }; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: { SRCROOT: { uri: string } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      relatedLocations?: unknown[];
    }[];
  }[];
}

/** Validates against the SARIF 2.1.0 JSON schema (tests/schemas), formats included (uri, uri-reference). */
function assertValidSarif(log: SarifLog): void {
  const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'schemas', 'sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const validate = ajv.compile(schema);
  assert.ok(validate(log), JSON.stringify(validate.errors));
}

function patchLeak(cwd: string, ...args: string[]) {
  return patchLeakWith({}, cwd, ...args);
}

/** The command with these environment variables, and `tests/failing-fs.ts` preloaded to act on them. */
function patchLeakWith(variables: NodeJS.ProcessEnv, cwd: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...variables };
  delete env.NODE_TEST_CONTEXT;
  const preload = Object.keys(variables).length > 0 ? ['--import', pathToFileURL(path.join(ROOT, 'dist', 'tests', 'failing-fs.js')).href] : [];
  const result = spawnSync(process.execPath, [...preload, BIN, ...args], { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The files a run checks, relative to `cwd`. */
function filesFound(cwd: string, ...args: string[]): string[] {
  const { stdout } = patchLeak(cwd, '--format', 'json', ...args);
  const report = JSON.parse(stdout) as { summary: { files: number }; findings: { file: string }[] };
  return [...new Set(report.findings.map((f) => f.file))].sort();
}

describe('patch-leak command', { timeout: 60_000 }, () => {
  describe('the incident', () => {
    it('exits 1 with the finding at the leaking line and its blast radius, the contract test', () => {
      const { code, stdout } = patchLeak(INCIDENT);
      assert.equal(code, 1);
      const lines = stdout.split('\n');
      assert.equal(lines[0], LEAK);
      assert.match(lines[1] ?? '', /^ {2}20:5 {2}error {2}`agentProxy\.HttpToolsInvoker` is replaced in a test, never restored.*patch-leak\/no-unrestored-module-patch$/);
      assert.equal(lines[2], `    also used by 1 other test file: ${CONTRACT}`);
      // As ESLint's stylish shows it: without the final period, which the json message keeps.
      assert.match(lines[1] ?? '', /put it back in `afterEach` {2}patch-leak\/no-unrestored-module-patch$/);
      assert.match(stdout, /^patch-leak: 2 test files checked, 1 finding \(patch-leak\/no-unrestored-module-patch 1\) in \d+\.\d\ds$/m);
    });

    it('exits 0 on a fixed variant', () => {
      const { code, stdout } = patchLeak(path.join(FIXTURES, 'fake-invoker-fixed-finally'));
      assert.equal(code, 0);
      assert.match(stdout, /^patch-leak: 2 test files checked, 0 findings in/);
    });

    it('checks files passed by a pre-commit hook, skipping the ones that are not tests', () => {
      assert.equal(patchLeak(INCIDENT, 'src/agent_proxy.js', 'package.json').code, 0);
      assert.equal(patchLeak(INCIDENT, 'src/agent_proxy.js', LEAK).code, 1);
    });
  });

  describe('formats', () => {
    it('json: the documented shape', () => {
      const { code, stdout } = patchLeak(INCIDENT, '--format', 'json');
      assert.equal(code, 1);
      const report = JSON.parse(stdout) as { version: number; tool: unknown; summary: Record<string, unknown>; findings: Record<string, unknown>[] };
      assert.equal(report.version, 1);
      assert.deepEqual(report.tool, { name: 'patch-leak', version });
      assert.deepEqual({ ...report.summary, durationMs: 0 }, { files: 2, findings: 1, byRule: { 'patch-leak/no-unrestored-module-patch': 1 }, notChecked: {}, durationMs: 0 });
      assert.equal(report.findings.length, 1);
      const [finding] = report.findings;
      assert.deepEqual(
        { ...finding, message: undefined },
        {
          file: LEAK,
          line: 20,
          column: 5,
          endLine: 20,
          endColumn: 46,
          ruleId: 'patch-leak/no-unrestored-module-patch',
          severity: 'error',
          message: undefined,
          alsoUsedBy: [CONTRACT],
        },
      );
    });

    it('sarif: valid SARIF 2.1.0, with the blast radius as related locations', () => {
      const { code, stdout } = patchLeak(INCIDENT, '--format', 'sarif');
      assert.equal(code, 1);
      const log = JSON.parse(stdout) as SarifLog;
      assertValidSarif(log);
      const [result] = log.runs[0]?.results ?? [];
      assert.equal(result?.ruleId, 'patch-leak/no-unrestored-module-patch');
      assert.equal(result?.ruleIndex, 0);
      assert.deepEqual(result?.relatedLocations, [
        { id: 0, message: { text: 'also imports the patched module' }, physicalLocation: { artifactLocation: { uri: CONTRACT, uriBaseId: 'SRCROOT' } } },
      ]);
    });

    it('sarif: every rule described, every result indexed to its rule, file names with spaces, % and non-ASCII encoded', () => {
      // fixtures/suggestions-sinon has findings of all three rules; its test files get awkward names.
      const root = mkdtempSync(path.join(os.tmpdir(), 'patch leak %ü-'));
      process.once('exit', () => rmSync(root, { recursive: true, force: true }));
      cpSync(path.join(FIXTURES, 'suggestions-sinon'), root, { recursive: true });
      renameSync(path.join(root, 'test', 'patches.test.js'), path.join(root, 'test', 'with space.test.js'));
      renameSync(path.join(root, 'test', 'globals.test.js'), path.join(root, 'test', '100% globals.test.js'));
      renameSync(path.join(root, 'test', 'sandbox.test.js'), path.join(root, 'test', 'sändbox#1.test.js'));
      const sarifRun = patchLeak(root, '--format', 'sarif');
      const jsonRun = patchLeak(root, '--format', 'json');
      assert.equal(sarifRun.code, 1);
      const log = JSON.parse(sarifRun.stdout) as SarifLog;
      assertValidSarif(log);
      const run = log.runs[0];
      assert.ok(run);
      assert.deepEqual(
        run.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level]),
        [
          ['patch-leak/no-unrestored-module-patch', 'error'],
          ['patch-leak/no-unrestored-global-patch', 'error'],
          ['patch-leak/no-unrestored-spy', 'error'],
        ],
      );
      for (const rule of run.tool.driver.rules) {
        assert.match(rule.shortDescription.text, /^Disallow .*\.$/);
        assert.ok(rule.fullDescription.text.length > rule.shortDescription.text.length, rule.id);
        assert.doesNotMatch(rule.fullDescription.text, /`/);
        assert.match(rule.help.text, new RegExp(`Documentation: https://github\\.com/patch-leak/eslint-plugin-patch-leak/blob/main/docs/rules/${rule.id.slice(11)}\\.md$`));
        assert.match(rule.help.markdown, /`/);
      }
      const expected = (JSON.parse(jsonRun.stdout) as { findings: { file: string; line: number; column: number; ruleId: string; severity: string }[] }).findings;
      assert.equal(run.results.length, expected.length);
      assert.deepEqual(new Set(run.results.map((r) => r.ruleId)).size, 3);
      run.results.forEach((result, i) => {
        const finding = expected[i];
        assert.ok(finding);
        const rule = run.tool.driver.rules[result.ruleIndex];
        assert.equal(rule?.id, finding.ruleId, `result ${i}: ruleIndex ${result.ruleIndex}`);
        assert.equal(result.level, finding.severity);
        const { artifactLocation, region } = result.locations[0]?.physicalLocation ?? {};
        assert.equal(decodeURIComponent(artifactLocation?.uri ?? ''), finding.file);
        assert.deepEqual([region?.startLine, region?.startColumn], [finding.line, finding.column]);
      });
      const uris = new Set(run.results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri));
      assert.ok(uris.has('test/with%20space.test.js'), [...uris].join(' '));
      assert.ok(uris.has('test/100%25%20globals.test.js'), [...uris].join(' '));
      assert.ok(uris.has('test/s%C3%A4ndbox%231.test.js'), [...uris].join(' '));
      assert.match(run.originalUriBaseIds.SRCROOT.uri, /^file:\/\/\/.*\/patch%20leak%20%25%C3%BC-[^/]+\/$/);
    });

    it('github: one ::error workflow command per finding', () => {
      const { code, stdout } = patchLeak(INCIDENT, '-f', 'github');
      assert.equal(code, 1);
      const lines = stdout.trimEnd().split('\n');
      assert.equal(lines.length, 1);
      assert.match(lines[0] ?? '', new RegExp(`^::error file=${LEAK.replaceAll('.', '\\.')},line=20,col=5,endLine=20,endColumn=46,title=patch-leak/no-unrestored-module-patch::\`agentProxy`));
      assert.match(lines[0] ?? '', /\(also used by 1 other test file%3A|also used by 1 other test file: test\/agent_proxy_validation_errors\.test\.js\)$/);
    });
  });

  describe('progress on a terminal', () => {
    // `script` gives the command a pseudo-terminal; stdout goes to a file, so only stderr is the terminal.
    const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
    it('a run that takes longer than the delay shows a progress line on a terminal stderr, cleared before the report', { skip: hasScript ? false : 'no script(1) here' }, () => {
      const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'patch-leak-progress-')), 'report.json');
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', PATCH_LEAK_PROGRESS_DELAY_MS: '0' };
      delete env.NODE_TEST_CONTEXT;
      const shown = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} --format json > ${JSON.stringify(out)}`, '/dev/null'], { cwd: INCIDENT, env, encoding: 'utf8' });
      assert.match(shown.stdout, /\r\u001b\[2Kpatch-leak: finding test files/);
      assert.match(shown.stdout, /\r\u001b\[2Kpatch-leak: checked 2\/2 files\r\u001b\[2K/);
      // The JSON report is untouched by it.
      const report = JSON.parse(readFileSync(out, 'utf8')) as { summary: { files: number } };
      assert.equal(report.summary.files, 2);
    });

    it('nothing when stderr is not a terminal', () => {
      const piped = spawnSync(process.execPath, [BIN], { cwd: INCIDENT, env: { ...process.env, NO_COLOR: '1', PATCH_LEAK_PROGRESS_DELAY_MS: '0', NODE_TEST_CONTEXT: '' }, encoding: 'utf8' });
      assert.doesNotMatch(piped.stderr + piped.stdout, /checked \d+\/\d+ files|finding test files/);
    });
  });

  describe('bad input: one line on stderr, exit 2', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unknown flag', ['--bogus'], /^patch-leak: Unknown option '--bogus'$/],
      ['a missing path', ['no/such/dir'], /^patch-leak: no such file or directory: no\/such\/dir$/],
      ['an unknown format', ['--format', 'xml'], /^patch-leak: unknown format 'xml' \(expected stylish, json, sarif, github\)$/],
      ['a bad --max-warnings', ['--max-warnings', 'lots'], /^patch-leak: --max-warnings needs a whole number, got 'lots'$/],
      ['a missing config', ['--config', 'nope.config.js'], /^patch-leak: config file not found: nope\.config\.js$/],
      ['a flag without its value', ['--format'], /^patch-leak: Option '-f, --format <value>' argument missing$/],
      ['a glob that matches no file', ['nothing/**/*.test.js'], /^patch-leak: no test files match 'nothing\/\*\*\/\*\.test\.js'$/],
      ['a directory without test files', ['src'], /^patch-leak: no test files in src$/],
      ['--all-rules without --config', ['--all-rules'], /^patch-leak: --all-rules needs --config$/],
    ];
    for (const [what, args, message] of cases) {
      it(what, () => {
        const { code, stdout, stderr } = patchLeak(INCIDENT, ...args);
        assert.equal(code, 2);
        assert.equal(stdout, '');
        assert.equal(stderr.split('\n').filter(Boolean).length, 1, stderr);
        assert.match(stderr.trimEnd(), message);
      });
    }
  });

  describe('projects', () => {
    it('reports a file that does not parse, and still checks the others', () => {
      const file = projectWith({
        'package.json': '{ "scripts": { "test": "mocha" } }',
        'test/broken.test.js': "it('x', () => {\n",
        'test/leak.test.js': "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n",
      });
      const { code, stdout } = patchLeak(path.dirname(path.dirname(file)), '--format', 'json');
      assert.equal(code, 1);
      const report = JSON.parse(stdout) as { summary: { byRule: object; notChecked: object }; findings: { file: string; ruleId: string | null; message: string }[] };
      const findings = report.findings;
      assert.deepEqual(findings.map((f) => [f.file, f.ruleId]), [['test/broken.test.js', null], ['test/leak.test.js', 'patch-leak/no-unrestored-module-patch']]);
      // byRule counts rules only, as ruleId names them; the file that does not parse is counted apart.
      assert.deepEqual([report.summary.byRule, report.summary.notChecked], [{ 'patch-leak/no-unrestored-module-patch': 1 }, { 'parse-error': 1 }]);
      assert.match(findings[0]?.message ?? '', /^Parsing error:/);
    });

    it('honours eslint-disable comments for its rules, and ignores those naming rules it does not run', () => {
      const file = projectWith({
        'package.json': '{ "scripts": { "test": "mocha" } }',
        '.eslintignore': 'legacy/\n',
        'test/a.test.js': [
          "const config = require('../src/config');",
          "it('x', () => {",
          '  // eslint-disable-next-line patch-leak/no-unrestored-module-patch -- reset by the next test',
          "  config.mode = 'test';",
          '  // eslint-disable-next-line unicorn/no-null',
          '  run(null);',
          '});',
        ].join('\n'),
      });
      const { code, stdout, stderr } = patchLeak(path.dirname(path.dirname(file)));
      assert.equal(code, 0, stdout);
      assert.equal(stderr, '');
    });

    describe('a file that cannot be checked is one finding on it; the others are checked and printed, and the run exits 2', () => {
      const leak = "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n";
      const LEAK_FINDING = ['test/leak.test.js', 2, 'patch-leak/no-unrestored-module-patch', 'error'];
      type Json = { summary: { files: number; byRule: Record<string, number>; notChecked: Record<string, number> }; findings: { file: string; line: number; ruleId: string | null; severity: string; message: string }[] };
      const rows = (stdout: string) => (JSON.parse(stdout) as Json).findings.map((f) => [f.file, f.line, f.ruleId, f.severity, f.message]);

      it('an analysis that throws (a rule of ours, or one of the config given), in any format', () => {
        const plugin = path.join(ROOT, 'dist', 'src', 'index.js');
        const parser = path.join(ROOT, 'dist', 'tests', 'broken-scopes.js');
        const root = path.dirname(
          projectWith(
            {
              'package.json': '{ "scripts": { "test": "mocha" } }',
              'eslint.config.mjs': [
                `import patchLeak from ${JSON.stringify(plugin)};`,
                `import { brokenScopes } from ${JSON.stringify(parser)};`,
                "const crashes = { create: (context) => ({ Program() { if (context.filename.endsWith('crash.test.js')) throw new Error('the rule broke'); } }) };",
                'export default [',
                '  patchLeak.configs.recommended,',
                "  { plugins: { local: { rules: { crashes } } }, rules: { 'local/crashes': 'error' } },",
                "  { files: ['test/scopes.test.js'], languageOptions: { parser: brokenScopes } },",
                '];',
              ].join('\n'),
              'test/crash.test.js': leak,
              'test/leak.test.js': leak,
              'test/scopes.test.js': leak,
            },
            'package.json',
          ),
        );
        const { code, stdout, stderr } = patchLeak(root, '--format', 'json', '--config', 'eslint.config.mjs');
        assert.equal(code, 2, stderr);
        const findings = rows(stdout);
        assert.deepEqual(findings.map((row) => row.slice(0, 4)), [['test/crash.test.js', 1, null, 'warning'], LEAK_FINDING, ['test/scopes.test.js', 1, null, 'warning']]);
        assert.equal(findings[0]?.[4], 'patch-leak could not check this file: rule local/crashes failed: the rule broke.');
        // Every rule of the plugin failed on the file, for one cause: one warning.
        assert.equal(findings[2]?.[4], 'patch-leak could not analyse this file: scope analysis failed (internal error; please report).');
        const { byRule, notChecked } = (JSON.parse(stdout) as Json).summary;
        assert.deepEqual([byRule, notChecked], [{ 'patch-leak/no-unrestored-module-patch': 1 }, { 'internal-error': 2 }]);
        const stylish = patchLeak(root, '--config', 'eslint.config.mjs');
        assert.equal(stylish.code, 2);
        assert.match(stylish.stdout, /^test\/scopes\.test\.js\n {2}1:1 {2}warning {2}patch-leak could not analyse this file: scope analysis failed \(internal error; please report\)$/m);
        assert.equal(stylish.stderr, '');
      });

      it('an unreadable file (EACCES)', () => {
        const root = path.dirname(projectWith({ 'package.json': '{ "scripts": { "test": "mocha" } }', 'test/leak.test.js': leak, 'test/locked.test.js': leak }, 'package.json'));
        assert.equal(patchLeak(root).code, 1);
        const { code, stdout, stderr } = patchLeakWith({ PATCH_LEAK_TEST_UNREADABLE: 'locked\\.test\\.js$' }, root, '--format', 'json');
        assert.equal(code, 2, stderr);
        const findings = rows(stdout);
        assert.deepEqual(findings.map((row) => row.slice(0, 4)), [LEAK_FINDING, ['test/locked.test.js', 1, null, 'error']]);
        assert.equal(findings[1]?.[4], 'patch-leak could not read this file: EACCES: permission denied.');
        const { summary } = JSON.parse(stdout) as Json;
        assert.equal(summary.files, 2);
        assert.deepEqual([summary.byRule, summary.notChecked], [{ 'patch-leak/no-unrestored-module-patch': 1 }, { unreadable: 1 }]);
      });
    });

    it('parses a CommonJS test file as CommonJS when it is not a valid module (a top-level return)', () => {
      const file = projectWith({
        'package.json': '{ "scripts": { "test": "mocha" } }',
        'test/unix.test.js': "const config = require('../src/config');\nif (process.platform === 'win32') return;\nit('x', () => { config.mode = 'test'; });\n",
      });
      const { code, stdout } = patchLeak(path.dirname(path.dirname(file)), '--format', 'json');
      assert.equal(code, 1);
      const findings = (JSON.parse(stdout) as { findings: { line: number; ruleId: string | null }[] }).findings;
      assert.deepEqual(findings.map((f) => [f.line, f.ruleId]), [[3, 'patch-leak/no-unrestored-module-patch']]);
    });

    it('uses a config given with --config, and --max-warnings for its warnings', () => {
      const plugin = path.join(ROOT, 'dist', 'src', 'index.js');
      const file = projectWith({
        'package.json': '{ "scripts": { "test": "mocha" } }',
        'eslint.config.mjs': `import patchLeak from ${JSON.stringify(plugin)};\nexport default [{ plugins: { 'patch-leak': patchLeak }, rules: { 'patch-leak/no-unrestored-global-patch': 'warn' } }];\n`,
        'test/env.test.js': "it('x', () => { process.env.API_URL = 'x'; });\n",
      });
      const root = path.dirname(path.dirname(file));
      assert.equal(patchLeak(root).code, 1);
      assert.equal(patchLeak(root, '--config', 'eslint.config.mjs').code, 0);
      const over = patchLeak(root, '--config', 'eslint.config.mjs', '--max-warnings', '0');
      assert.equal(over.code, 1);
      // Exit 1 with no error finding says why.
      assert.match(over.stderr, /^patch-leak: 1 warning, more than --max-warnings 0 allows$/m);
      const within = patchLeak(root, '--config', 'eslint.config.mjs', '--max-warnings', '1');
      assert.equal(within.code, 0);
      assert.doesNotMatch(within.stderr, /max-warnings/);
    });

    it('names the --config file that throws while loading, in one line, exit 2', () => {
      const file = projectWith({
        'package.json': '{ "scripts": { "test": "mocha" } }',
        'broken.config.mjs': "throw new Error('the config is broken');\n",
        'test/env.test.js': "it('x', () => { process.env.API_URL = 'x'; });\n",
      });
      const { code, stdout, stderr } = patchLeak(path.dirname(path.dirname(file)), '--config', 'broken.config.mjs');
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.equal(stderr, 'patch-leak: could not load config file broken.config.mjs: the config is broken\n');
    });

    it('checks a large test set with ESLint worker threads', () => {
      const files: Record<string, string> = { 'package.json': '{ "scripts": { "test": "mocha --extension ts" } }' };
      for (let i = 0; i < 70; i++) files[`test/t${String(i).padStart(2, '0')}.test.js`] = "const config = require('../src/config');\nit('x', () => {});\n";
      files['test/t70.test.ts'] = "import { config } from '../src/config';\nit('x', () => { config.mode = 'test' as const; });\n";
      const root = path.dirname(path.dirname(projectWith(files)));
      const { code, stdout } = patchLeak(root, '--format', 'json');
      assert.equal(code, 1);
      const report = JSON.parse(stdout) as { summary: { files: number }; findings: { file: string; alsoUsedBy: string[] }[] };
      assert.equal(report.summary.files, 71);
      assert.deepEqual(report.findings.map((f) => f.file), ['test/t70.test.ts']);
      assert.equal(report.findings[0]?.alsoUsedBy.length, 70);
    });

    it('finds the usual test files at any depth: a monorepo root, spec/ and *Spec.* (Jasmine)', () => {
      const leak = "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n";
      const root = path.dirname(
        projectWith({
          'packages/a/test/leak.js': leak.replace('../src', '../../src'),
          'packages/b/tests/leak.js': leak.replace('../src', '../../src'),
          'packages/c/spec/leak.js': leak.replace('../src', '../../src'),
          'lib/userSpec.js': leak,
          'packages/a/src/config.js': 'exports.mode = 1;\n',
        }, 'package.json'),
      );
      assert.deepEqual(filesFound(root), ['lib/userSpec.js', 'packages/a/test/leak.js', 'packages/b/tests/leak.js', 'packages/c/spec/leak.js']);
      assert.deepEqual(filesFound(root, 'lib/userSpec.js'), ['lib/userSpec.js']);
    });

    it("where test-like names decide, leaves out a fixtures directory's files unless they are named like tests (eslint's tests/fixtures/syntax-error.js)", () => {
      const leak = "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n";
      const root = path.dirname(
        projectWith({
          'tests/lib/leak.js': leak.replace('../src', '../../src'),
          'tests/fixtures/syntax-error.js': 'foo(}',
          'tests/fixtures/cli/broken.js': 'var = 1;',
          'test/__fixtures__/input.js': 'module.exports = 1;',
          'tests/fixtures/nested/leak.test.js': leak,
          'src/config.js': 'exports.mode = 1;\n',
        }, 'package.json'),
      );
      assert.deepEqual(filesFound(root), ['tests/fixtures/nested/leak.test.js', 'tests/lib/leak.js']);
      assert.deepEqual(filesFound(root, 'tests'), ['tests/fixtures/nested/leak.test.js', 'tests/lib/leak.js']);
      // A staged fixture passed by a pre-commit hook is skipped like any other file that is not a test.
      assert.deepEqual(filesFound(root, 'tests/fixtures/syntax-error.js', 'tests/lib/leak.js'), ['tests/lib/leak.js']);
    });

    it('leaves out files matching --ignore-pattern, and honours the root .gitignore in a directory it is given', () => {
      const leak = "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n";
      const root = path.dirname(
        projectWith({ '.gitignore': 'generated/\n', 'pkg/test/generated/leak.test.js': leak, 'pkg/test/fixtures/leak.test.js': leak, 'pkg/test/leak.test.js': leak }, 'package.json'),
      );
      assert.deepEqual(filesFound(root, 'pkg'), ['pkg/test/fixtures/leak.test.js', 'pkg/test/leak.test.js']);
      assert.deepEqual(filesFound(root, '--ignore-pattern', '**/fixtures/**'), ['pkg/test/leak.test.js']);
      assert.deepEqual(filesFound(root, 'pkg/test/fixtures/leak.test.js', 'pkg/test/leak.test.js', '--ignore-pattern', 'pkg/test/fixtures/**'), ['pkg/test/leak.test.js']);
    });

    it("reads Jest's testMatch when testPathIgnorePatterns is computed as a whole: what it may hide stays, the rest is out (prettier)", () => {
      const test = "it('x', () => {});\n";
      const root = path.dirname(
        projectWith({
          'package.json': '{ "type": "module", "scripts": { "test": "jest" }, "devDependencies": { "jest": "^30.0.0" } }',
          'jest.config.js': "const ignored = [];\nif (process.env.CI) ignored.push('tests/slow/');\nexport default { testMatch: ['<rootDir>/tests/format/**/format.test.js'], testPathIgnorePatterns: ignored.map((p) => `<rootDir>/${p}`) };\n",
          'tests/format/js/format.test.js': test,
          'tests/format/js/input.js': 'foo(}',
          'tests/format/css/format.test.js': test,
          'tests/config/setup.js': test,
        }, 'package.json'),
      );
      assert.equal(patchLeak(root, '--list-files').stdout, 'tests/format/css/format.test.js\ntests/format/js/format.test.js\n');
    });

    it('--list-files prints the files a run would check, one per line, checks none and exits 0', () => {
      const leak = "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n";
      const root = path.dirname(projectWith({ 'test/b.test.js': leak, 'test/a.test.js': leak, 'src/config.js': 'exports.mode = 1;\n' }, 'package.json'));
      // Files without a finding are listed too: the JSON output names only files with findings.
      assert.deepEqual(patchLeak(root, '--list-files'), { code: 0, stdout: 'test/a.test.js\ntest/b.test.js\n', stderr: '' });
      assert.deepEqual(patchLeak(root, '--list-files', '--ignore-pattern', 'test/b.*').stdout, 'test/a.test.js\n');
      const debug = patchLeak(root, '--list-files', '--debug');
      assert.equal(debug.stdout, 'test/a.test.js\ntest/b.test.js\n');
      assert.match(debug.stderr, /^patch-leak debug: \. \[no runner\]: /m);
    });

    it('falls back on one rule where no runner is read: named like a test, or placed like one and no support file; type tests never', () => {
      const test = "it('x', () => {});\n";
      const names = [
        'test/a.test.js',
        'test/unit/math.js',
        'test/fixtures/named.test.js',
        'test/setup.test.js',
        'test/helper.js',
        'test/plugin.helper.js',
        'test/setup.ts',
        'test/setupTests.ts',
        'test/global-teardown.js',
        'test/webpack.config.js',
        'test/fixtures/input.js',
        'test/deps/vendored.js',
        'test/types.test-d.ts',
        'test/api.tst.ts',
        'src/index.js',
      ];
      const root = path.dirname(projectWith(Object.fromEntries(names.map((name) => [name, test])), 'package.json'));
      const kept = ['test/a.test.js', 'test/fixtures/named.test.js', 'test/setup.test.js', 'test/unit/math.js'];
      assert.equal(patchLeak(root, '--list-files').stdout, kept.map((file) => `${file}\n`).join(''));
      assert.match(patchLeak(root, '--list-files', '--debug').stderr, /^patch-leak debug: 2 type tests .* left out: the type checker reads them, no runner runs them$/m);
      // The same rule filters a directory given as an argument.
      assert.equal(patchLeak(root, '--list-files', 'test').stdout, kept.map((file) => `${file}\n`).join(''));
    });

    it('finishes on a directory link loop, listing and checking each file once', () => {
      const leak = "const config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n";
      const root = path.dirname(
        projectWith({ 'package.json': '{ "scripts": { "test": "mocha --recursive" } }', 'test/a.test.js': leak, 'src/config.js': 'exports.mode = 1;\n' }, 'package.json'),
      );
      symlinkSync('..', path.join(root, 'test', 'loop'));
      symlinkSync(path.join('..', 'test', 'a.test.js'), path.join(root, 'src', 'alias.test.js'));
      assert.equal(patchLeak(root, '--list-files').stdout, 'test/a.test.js\n');
      assert.equal(patchLeak(root, '--list-files', 'test', 'src/alias.test.js').stdout, 'test/a.test.js\n');
      assert.match(patchLeak(root, '--list-files', '--debug').stderr, /^patch-leak debug: 1 directory links not followed, as they lead to a directory read already or holding them: test\/loop$/m);
      const { code, stdout } = patchLeak(root, '--format', 'json');
      assert.equal(code, 1);
      const report = JSON.parse(stdout) as { findings: { file: string; line: number }[] };
      assert.deepEqual(
        report.findings.map((f) => `${f.file}:${f.line}`),
        ['test/a.test.js:2'],
      );
    });

    it('checks the files a Mocha suite file requires that register tests, as files of the same Mocha process (knex)', () => {
      const root = path.dirname(
        projectWith({
          'package.json': '{ "scripts": { "test": "mocha test/all-tests-suite.js" } }',
          'test/all-tests-suite.js': "describe('unit', function () {\n  require('./unit/config');\n  require('./unit/dialect')('pg');\n});\nconst { cleanup } = require('./helpers');\n",
          'test/unit/config.js': "const config = require('../../src/config');\nit('x', () => { config.mode = 'test'; });\n",
          'test/unit/dialect.js': "module.exports = (name) => describe(name, () => { it('y', () => {}); });\n",
          'test/unit/unused.js': "it('z', () => {});\n",
          'test/helpers.js': 'exports.cleanup = () => {};\n',
          'src/config.js': 'exports.mode = 1;\n',
        }, 'package.json'),
      );
      assert.equal(patchLeak(root, '--list-files').stdout, 'test/all-tests-suite.js\ntest/unit/config.js\ntest/unit/dialect.js\n');
      assert.match(patchLeak(root, '--list-files', '--debug').stderr, /^patch-leak debug: 2 files that test files load \(require\/import\) and that register tests of their own, checked as tests of the loading file's run: test\/unit\/config\.js, test\/unit\/dialect\.js$/m);
      const report = JSON.parse(patchLeak(root, '--format', 'json').stdout) as { findings: { file: string; line: number; message: string }[] };
      assert.deepEqual(report.findings.map((f) => `${f.file}:${f.line}`), ['test/unit/config.js:2']);
      assert.match(report.findings[0]?.message ?? '', /later files \(Mocha\)/);
    });

    it('leaves out Playwright specs that Vitest\'s patterns match unless the test script runs `playwright test`', () => {
      const files = (test: string) => ({
        'package.json': JSON.stringify({ scripts: { test, 'test:e2e': 'playwright test' } }),
        'vitest.config.ts': 'export default { test: {} };\n',
        'src/unit.test.ts': "import { it } from 'vitest';\nit('x', () => {});\n",
        'e2e/login.spec.ts': "import { test } from '@playwright/test';\ntest('x', async ({ page }) => {});\n",
      });
      const without = path.dirname(projectWith(files('vitest run'), 'package.json'));
      assert.equal(patchLeak(without, '--list-files').stdout, 'src/unit.test.ts\n');
      assert.match(patchLeak(without, '--list-files', '--debug').stderr, /^patch-leak debug: 1 Playwright specs left out .*: the test script runs no `playwright test` over them$/m);
      const withRun = path.dirname(projectWith(files('vitest run && npm run test:e2e'), 'package.json'));
      assert.equal(patchLeak(withRun, '--list-files').stdout, 'e2e/login.spec.ts\nsrc/unit.test.ts\n');
    });

    it("leaves out the workspace packages whose test script the root's workspace command does not run (sentry-javascript's nx --exclude)", () => {
      const test = "import { it } from 'vitest';\nit('x', () => {});\n";
      const files = (rootTest: string) => ({
        'package.json': JSON.stringify({ workspaces: ['packages/*'], scripts: { test: rootTest } }),
        'packages/core/package.json': '{ "name": "@s/core", "scripts": { "test": "vitest run" } }',
        'packages/core/test/a.test.ts': test,
        'packages/integration/package.json': '{ "name": "@s/integration", "scripts": { "test": "vitest run" } }',
        'packages/integration/test/b.test.ts': test,
        'packages/e2e/package.json': '{ "name": "@s/e2e", "scripts": { "test:e2e": "vitest run" } }',
        'packages/e2e/test/c.test.ts': test,
      });
      const excluded = path.dirname(projectWith(files('nx run-many -t test --exclude @s/integration'), 'package.json'));
      assert.equal(patchLeak(excluded, '--list-files').stdout, 'packages/core/test/a.test.ts\n');
      assert.match(patchLeak(excluded, '--list-files', '--debug').stderr, /^patch-leak debug: 2 files of workspace packages left out: the test script's workspace command does not run their script/m);
      const all = path.dirname(projectWith(files('lerna run test'), 'package.json'));
      assert.equal(patchLeak(all, '--list-files').stdout, 'packages/core/test/a.test.ts\npackages/integration/test/b.test.ts\n');
      // A root that runs no workspace command leaves each package to its own runner, as before.
      const none = path.dirname(projectWith(files('echo none'), 'package.json'));
      assert.equal(patchLeak(none, '--list-files').stdout, 'packages/core/test/a.test.ts\npackages/e2e/test/c.test.ts\npackages/integration/test/b.test.ts\n');
    });

    it("keeps the files of a root `projects` entry whose config cannot be read, though the root project ignores them (jest's examples/angular)", () => {
      const test = "it('x', () => {});\n";
      const root = path.dirname(
        projectWith({
          'jest.config.js': "module.exports = { projects: ['<rootDir>', '<rootDir>/examples/*/'], testPathIgnorePatterns: ['/node_modules/', '/examples/', '/e2e/.*/__tests__'] };\n",
          'src/__tests__/ok.test.js': test,
          // A spread preset: this project's selection is unread, so test-like names decide for its files.
          'examples/angular/jest.config.js': "module.exports = { ...require('some-preset')(), setupFilesAfterEnv: ['<rootDir>/setup.js'] };\n",
          'examples/angular/app.component.spec.js': test,
          'examples/plain/package.json': '{ "jest": {} }',
          'examples/plain/plain.test.js': test,
          // An e2e fixture: no project of the root's selects it, the root project ignores it on purpose.
          'e2e/fixture/package.json': '{ "jest": {} }',
          'e2e/fixture/__tests__/fixture.test.js': test,
        }, 'package.json'),
      );
      assert.deepEqual(patchLeak(root, '--list-files').stdout.split('\n').filter(Boolean), [
        'examples/angular/app.component.spec.js',
        'examples/plain/plain.test.js',
        'src/__tests__/ok.test.js',
      ]);
    });

    it('parses Flow files (with hermes-eslint) and ignores eslint-env comments (errors under ESLint 10)', () => {
      const root = path.dirname(
        projectWith({
          'test/flow.test.js': "// @flow\n/* eslint-env mocha */\nimport type { Mode } from '../src/config';\nconst config = require('../src/config');\nit('x', () => { config.mode = ('test': any); });\n",
          'test/env.test.js': "/* eslint-env jest */\nconst config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n",
        }, 'package.json'),
      );
      const { code, stdout } = patchLeak(root, '--format', 'json');
      assert.equal(code, 1);
      const findings = (JSON.parse(stdout) as { findings: { file: string; line: number; ruleId: string | null }[] }).findings;
      assert.deepEqual(findings.map((f) => [f.file, f.line, f.ruleId]), [
        ['test/env.test.js', 3, 'patch-leak/no-unrestored-module-patch'],
        ['test/flow.test.js', 5, 'patch-leak/no-unrestored-module-patch'],
      ]);
    });

    it("reports only its own rules' findings with --config, unless --all-rules", () => {
      const plugin = path.join(ROOT, 'dist', 'src', 'index.js');
      const root = path.dirname(
        projectWith({
          'eslint.config.mjs': `import patchLeak from ${JSON.stringify(plugin)};\nexport default [patchLeak.configs.recommended, { rules: { 'no-var': 'error' } }];\n`,
          'test/a.test.js': "var config = require('../src/config');\nit('x', () => { config.mode = 'test'; });\n",
        }, 'package.json'),
      );
      const rulesOf = (...args: string[]) => (JSON.parse(patchLeak(root, '--format', 'json', '--config', 'eslint.config.mjs', ...args).stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId);
      assert.deepEqual(rulesOf(), ['patch-leak/no-unrestored-module-patch']);
      assert.deepEqual(rulesOf('--all-rules'), ['no-var', 'patch-leak/no-unrestored-module-patch']);
    });

    it('ends quietly when the reader of its output stops early (| head)', () => {
      const files: Record<string, string> = {};
      const leaks = "it('x', () => { config.mode = 'test'; });\n".repeat(20);
      for (let i = 0; i < 40; i++) files[`test/t${i}.test.js`] = `const config = require('../src/config');\n${leaks}`;
      const root = path.dirname(projectWith(files, 'package.json'));
      const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
      delete env.NODE_TEST_CONTEXT;
      const command = `"${process.execPath}" "${BIN}" --format json | head -c 10 > /dev/null; echo "\${PIPESTATUS[0]}"`;
      const result = spawnSync('bash', ['-c', command], { cwd: root, env, encoding: 'utf8' });
      assert.equal(result.stdout.trim(), '1'); // the findings' exit code, not a crash's
      assert.doesNotMatch(result.stderr, /EPIPE|Error|\bat /);
    });

    it('prints help and version', () => {
      const help = patchLeak(INCIDENT, '--help');
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: patch-leak \[options\] \[paths or globs\.\.\.\]/);
      assert.deepEqual(patchLeak(INCIDENT, '--version'), { code: 0, stdout: `${version}\n`, stderr: '' });
    });
  });
});
