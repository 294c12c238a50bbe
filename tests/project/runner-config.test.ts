/** The project's runner configuration, read statically: what is declared is found, nothing is executed. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { Linter } from 'eslint';
import plugin from '../../src/index.js';
import { clearProjectConfigCache, projectConfigOf, runsAsTest } from '../../src/project/runner-config.js';
import { projectWith } from '../projects.js';

const JEST = '{ "devDependencies": { "jest": "30.5.2" }, "scripts": { "test": "jest" } }';
const VITEST = '{ "devDependencies": { "vitest": "4.1.12" }, "scripts": { "test": "vitest run" } }';
const MOCHA = '{ "devDependencies": { "mocha": "12.0.3" }, "scripts": { "test": "mocha" } }';

function configOf(files: Record<string, string>) {
  const file = projectWith(files);
  return { config: projectConfigOf(file), root: path.dirname(path.dirname(file)) };
}

/** The settings of a runner config, without its file selection and projects (tested in test-selection). */
function settingsOf<C extends object>(config: C | undefined): Omit<C, 'selection' | 'projects'> | undefined {
  if (!config) return undefined;
  const settings: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  delete settings.selection;
  delete settings.projects;
  return settings as Omit<C, 'selection' | 'projects'>;
}

describe('runner config, read statically', () => {
  beforeEach(() => clearProjectConfigCache());

  describe('which runners a project declares', () => {
    it('takes the test script first: it is what `npm test` runs', () => {
      const { config } = configOf({ 'package.json': '{ "devDependencies": { "jest": "1", "vitest": "1" }, "scripts": { "test": "vitest run --coverage" } }' });
      assert.deepEqual([...config.runners], ['vitest']);
    });

    it('falls back to dependencies and config files', () => {
      const { config } = configOf({ 'package.json': '{ "devDependencies": { "mocha": "1" } }', 'jest.config.json': '{}' });
      assert.deepEqual([...config.runners].sort(), ['jest', 'mocha']);
    });

    it('recognises node --test, bun test, ava and jasmine in scripts', () => {
      const cases = [
        ['node --test test/', 'node-test'],
        ['c8 node --import tsx --test', 'node-test'],
        ['tsx --test test/*.ts', 'node-test'],
        ['bun test', 'bun'],
        ['ava --verbose', 'ava'],
        ['jasmine', 'jasmine'],
        ['tsc -p . && cross-env NODE_ENV=test ./node_modules/.bin/jest --ci', 'jest'],
        ['nyc --reporter=lcov mocha', 'mocha'],
        ['node scripts/check.js && vitest run', 'vitest'],
      ];
      for (const [script, runner] of cases) {
        clearProjectConfigCache();
        const { config } = configOf({ 'package.json': JSON.stringify({ scripts: { test: script } }) });
        assert.deepEqual([...config.runners], [runner], script);
      }
    });

    it('follows `npm run x`, `yarn x`, `pnpm x` and `bun run x` one level, with the arguments passed along', () => {
      const scripts = {
        'test:unit': 'vitest run',
        'test:e2e': 'playwright test',
        lint: 'eslint .',
      };
      const cases: [string, string[]][] = [
        ['npm run lint && npm run test:unit', ['vitest']],
        ['yarn test:unit', ['vitest']],
        ['pnpm run -s test:unit', ['vitest']],
        ['bun run test:unit', ['vitest']],
        ['npm run test:e2e', []],
      ];
      for (const [test, runners] of cases) {
        clearProjectConfigCache();
        const { config } = configOf({ 'package.json': JSON.stringify({ scripts: { ...scripts, test } }) });
        assert.deepEqual([...config.runners], runners, test);
      }
      clearProjectConfigCache();
      const passed = configOf({ 'package.json': JSON.stringify({ scripts: { ...scripts, test: 'npm run test:unit -- --no-isolate' } }) });
      assert.equal(passed.config.vitest?.isolate, false);
    });

    it('uses the nearest package.json of the linted file, and none above a project-less file', () => {
      const file = projectWith({ 'package.json': MOCHA, 'packages/web/package.json': JEST }, 'packages/web/test/a.test.js');
      assert.deepEqual([...projectConfigOf(file).runners], ['jest']);
      assert.equal(projectConfigOf(file).root, path.dirname(path.dirname(file)));
    });
  });

  describe('Jest', () => {
    it('reads the jest key of package.json, with defaults for what it leaves out', () => {
      const { config, root } = configOf({
        'package.json': '{ "scripts": { "test": "jest" }, "jest": { "restoreMocks": true, "setupFiles": ["<rootDir>/test/setup.js", "jest-plugin"] } }',
      });
      assert.deepEqual(settingsOf(config.jest), {
        file: path.join(root, 'package.json'),
        restoreMocks: true,
        clearMocks: false,
        resetMocks: false,
        setupFiles: [path.join(root, 'test/setup.js'), 'jest-plugin'],
        setupFilesAfterEnv: [],
      });
    });

    it('applies a preset named by path as Jest does: own keys win, setup files of the preset first', () => {
      const { config, root } = configOf({
        'package.json': JEST,
        'jest.config.js': "module.exports = { preset: './config/jest-preset.js', clearMocks: false, setupFiles: ['<rootDir>/own.js'] };",
        'config/jest-preset.js': "module.exports = { restoreMocks: true, clearMocks: true, setupFiles: ['<rootDir>/preset.js'], setupFilesAfterEnv: ['<rootDir>/after.js'] };",
      });
      assert.deepEqual(settingsOf(config.jest), {
        file: path.join(root, 'jest.config.js'),
        restoreMocks: true,
        clearMocks: false,
        resetMocks: false,
        setupFiles: [path.join(root, 'preset.js'), path.join(root, 'own.js')],
        setupFilesAfterEnv: [path.join(root, 'after.js')],
      });
      assert.deepEqual(config.notes, []);
    });

    it("reads a package's jest-preset through node_modules, for the root and for a project directory", () => {
      const { config, root } = configOf({
        'package.json': '{ "scripts": { "test": "jest" }, "jest": { "projects": ["<rootDir>/packages/*"] } }',
        'node_modules/@acme/jest-preset/jest-preset.json': '{ "restoreMocks": true, "setupFilesAfterEnv": ["@acme/jest-preset/setup"] }',
        'packages/a/package.json': '{ "jest": { "preset": "@acme/jest-preset" } }',
        'packages/b/package.json': '{ "jest": { "testEnvironment": "node" } }',
      });
      assert.deepEqual(
        config.jest?.projects?.map((project) => [path.relative(root, project.file ?? ''), project.restoreMocks, project.setupFilesAfterEnv]),
        [
          [path.join('packages', 'a', 'package.json'), true, ['@acme/jest-preset/setup']],
          [path.join('packages', 'b', 'package.json'), false, []],
        ],
      );
    });

    it('assumes Jest\'s defaults where a preset cannot be found, and says so', () => {
      const { config, root } = configOf({ 'package.json': JEST, 'jest.config.js': "module.exports = { preset: 'ts-jest', clearMocks: true };" });
      assert.equal(config.jest?.restoreMocks, false);
      assert.equal(config.jest?.clearMocks, true);
      assert.deepEqual(config.notes, [`${path.join(root, 'jest.config.js')}: the preset 'ts-jest' is not found (statically, from ${root}); Jest's defaults are assumed for the settings it may set`]);
    });

    it('names in --debug each setting it cannot read, and takes it as not set', () => {
      const { config, root } = configOf({ 'package.json': JEST, 'jest.config.js': "module.exports = { restoreMocks: process.env.CI === 'true', setupFiles: [...shared], clearMocks: true };" });
      assert.equal(config.jest?.restoreMocks, 'unknown');
      assert.equal(config.jest?.clearMocks, true);
      assert.deepEqual(config.notes, [`${path.join(root, 'jest.config.js')}: \`restoreMocks\`, \`setupFiles\` cannot be read statically; taken as not set`]);
    });

    it('reads a TypeScript config through a typed const and export default', () => {
      const { config, root } = configOf({
        'package.json': JEST,
        'jest.config.ts': `import type { Config } from 'jest';
const config: Config = {
  clearMocks: true,
  restoreMocks: false,
  setupFilesAfterEnv: ['./test/after-env.ts'],
};
export default config;`,
      });
      assert.equal(config.jest?.file, path.join(root, 'jest.config.ts'));
      assert.equal(config.jest?.clearMocks, true);
      assert.equal(config.jest?.restoreMocks, false);
      assert.deepEqual(config.jest?.setupFilesAfterEnv, [path.join(root, 'test/after-env.ts')]);
    });

    it('marks a computed value unknown, for that key only', () => {
      const { config } = configOf({
        'package.json': JEST,
        'jest.config.js': "module.exports = { restoreMocks: process.env.CI === 'true', setupFiles: [], resetMocks: true };",
      });
      assert.equal(config.jest?.restoreMocks, 'unknown');
      assert.equal(config.jest?.resetMocks, true);
      assert.deepEqual(config.jest?.setupFiles, []);
    });

    it('reads a shared base the config requires or imports from a relative path, and no further than a few files', () => {
      const { config, root } = configOf({
        'package.json': JEST,
        'jest.config.js': "const base = require('./config/jest.base');\nmodule.exports = { ...base, clearMocks: true };",
        'config/jest.base.js': "const { shared } = require('./shared.cjs');\nmodule.exports = { ...shared, restoreMocks: true, setupFiles: ['<rootDir>/setup.js'] };",
        'config/shared.cjs': 'exports.shared = { resetMocks: true };',
      });
      assert.equal(config.jest?.restoreMocks, true);
      assert.equal(config.jest?.clearMocks, true);
      // `const { shared } = require(...)` is followed to the export of that name.
      assert.equal(config.jest?.resetMocks, true);
      // <rootDir> is the main config's.
      assert.deepEqual(config.jest?.setupFiles, [path.join(root, 'setup.js')]);
      clearProjectConfigCache();
      const cycle = configOf({
        'package.json': JEST,
        'jest.config.js': "module.exports = { ...require('./a.js'), restoreMocks: true };",
        'a.js': "module.exports = { ...require('./jest.config.js') };",
      });
      assert.equal(cycle.config.jest?.restoreMocks, true);
      assert.equal(cycle.config.jest?.clearMocks, 'unknown');
    });

    it('marks every key unknown after a spread it cannot read', () => {
      const { config } = configOf({ 'package.json': JEST, 'jest.config.js': "const base = require('./base');\nmodule.exports = { restoreMocks: true, ...base };" });
      assert.equal(config.jest?.restoreMocks, 'unknown');
      assert.equal(config.jest?.clearMocks, 'unknown');
    });

    it('applies writes made to the config at the top level, and distrusts any other change', () => {
      const read = (code: string) => {
        clearProjectConfigCache();
        return configOf({ 'package.json': JEST, 'jest.config.js': code }).config.jest;
      };
      // Plain statements run in order: their values are as good as the literal's.
      assert.equal(read('const config = { restoreMocks: false };\nconfig.restoreMocks = true;\nmodule.exports = config;')?.restoreMocks, true);
      assert.equal(read("module.exports = { restoreMocks: false };\nmodule.exports['restoreMocks'] = true;")?.restoreMocks, true);
      assert.equal(read('exports.restoreMocks = true;\nexports.clearMocks = true;')?.clearMocks, true);
      assert.equal(read('exports.restoreMocks = true;\nmodule.exports = { clearMocks: true };')?.restoreMocks, false);
      // A conditional write, a mutating call or an escape makes what it touches unknown, and only that.
      const conditional = read('const config = { restoreMocks: false, clearMocks: true };\nif (process.env.CI) config.restoreMocks = true;\nmodule.exports = config;');
      assert.equal(conditional?.restoreMocks, 'unknown');
      assert.equal(conditional?.clearMocks, true);
      const pushed = read("const config = { setupFiles: [], restoreMocks: true };\nconfig.setupFiles.push('./more.js');\nmodule.exports = config;");
      assert.equal(pushed?.setupFiles, 'unknown');
      assert.equal(pushed?.restoreMocks, true);
      assert.equal(read("const config = { restoreMocks: false };\nObject.assign(config, require('./more'));\nmodule.exports = config;")?.restoreMocks, 'unknown');
      assert.equal(read('const config = { restoreMocks: false };\ntweak(config);\nexport default config;')?.restoreMocks, 'unknown');
    });

    it('follows `export { config as default }`', () => {
      const { config } = configOf({ 'package.json': JEST, 'jest.config.mjs': 'const config = { restoreMocks: true };\nexport { config as default };' });
      assert.equal(config.jest?.restoreMocks, true);
    });
  });

  describe('Vitest', () => {
    it('reads defineConfig from vitest/config in TypeScript', () => {
      const { config, root } = configOf({
        'package.json': VITEST,
        'vitest.config.ts': `import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: { restoreMocks: true, unstubGlobals: true, setupFiles: ['./test/setup.ts'] } satisfies object,
});`,
      });
      assert.deepEqual(settingsOf(config.vitest), {
        file: path.join(root, 'vitest.config.ts'),
        isolate: true,
        singleWorker: false,
        restoreMocks: true,
        unstubGlobals: true,
        unstubEnvs: false,
        setupFiles: [path.join(root, 'test/setup.ts')],
      });
    });

    it('reads Vitest 1-3 singleThread/singleFork for the pool that runs, and not under Vitest 4, which ignores poolOptions', () => {
      const read = (vitest: string, test: string) => {
        clearProjectConfigCache();
        const pkg = `{ "devDependencies": { "vitest": "${vitest}" }, "scripts": { "test": "vitest run" } }`;
        return configOf({ 'package.json': pkg, 'vitest.config.ts': `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ test: ${test} });` }).config.vitest?.singleWorker;
      };
      assert.equal(read('^3.2.4', "{ pool: 'threads', poolOptions: { threads: { singleThread: true } } }"), 'singleThread');
      // Vitest 2 and 3 run the forks pool by default.
      assert.equal(read('^3.2.4', '{ poolOptions: { forks: { singleFork: true } } }'), 'singleFork');
      assert.equal(read('~2.1.0', '{ poolOptions: { threads: { singleThread: true } } }'), false);
      // Vitest 1 ran the threads pool by default.
      assert.equal(read('1.6.0', '{ poolOptions: { threads: { singleThread: true } } }'), 'singleThread');
      assert.equal(read('^3.2.4', "{ pool: 'forks', poolOptions: { threads: { singleThread: true } } }"), false);
      assert.equal(read('^4.0.0', "{ pool: 'threads', poolOptions: { threads: { singleThread: true } } }"), false);
      assert.equal(read('latest', "{ pool: 'threads', poolOptions: { threads: { singleThread: true } } }"), false);
      assert.equal(read('^3.2.4', "{ pool: 'threads', poolOptions: { threads: { singleThread: process.env.CI === 'true' } } }"), false);
    });

    it('trusts defineConfig only from the runners\' packages: a local helper of that name may change anything', () => {
      const read = (file: string, code: string) => {
        clearProjectConfigCache();
        return configOf({ 'package.json': VITEST, [file]: code }).config.vitest?.isolate;
      };
      assert.equal(read('vitest.config.mts', "import { defineConfig as config } from 'vitest/config';\nexport default config({ test: { isolate: false } });"), false);
      assert.equal(read('vitest.config.cjs', "const { defineConfig } = require('vitest/config');\nmodule.exports = defineConfig({ test: { isolate: false } });"), false);
      assert.equal(read('vite.config.ts', "import { defineConfig } from 'vite';\nexport default defineConfig({ test: { isolate: false } });"), false);
      assert.equal(read('vitest.config.ts', "import { defineConfig } from './tooling/config';\nexport default defineConfig({ test: { isolate: false } });"), 'unknown');
      clearProjectConfigCache();
      const jest = configOf({ 'package.json': JEST, 'jest.config.ts': "import { defineConfig } from 'jest';\nexport default defineConfig({ restoreMocks: true });" }).config.jest;
      assert.equal(jest?.restoreMocks, true);
    });

    it('merges configs as Vite\'s mergeConfig does, reading a base imported from a file beside it', () => {
      const { config, root } = configOf({
        'package.json': VITEST,
        'vite.config.ts': "import { defineConfig } from 'vite';\nimport react from '@vitejs/plugin-react';\nexport default defineConfig({ plugins: [react()], test: { isolate: false, setupFiles: './test/base.ts' } });",
        'vitest.config.ts': `import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';
export default mergeConfig(viteConfig, defineConfig({ test: { restoreMocks: true, setupFiles: ['./test/setup.ts'] } }));`,
      });
      assert.equal(config.vitest?.isolate, false);
      assert.equal(config.vitest?.restoreMocks, true);
      assert.equal(config.vitest?.unstubGlobals, false);
      // Lists are concatenated, base first.
      assert.deepEqual(config.vitest?.setupFiles, [path.join(root, 'test/base.ts'), path.join(root, 'test/setup.ts')]);
    });

    it('knows over an unreadable base only what the override sets outright', () => {
      const { config } = configOf({
        'package.json': VITEST,
        'vitest.config.mts': "import { mergeConfig } from 'vitest/config';\nimport { base } from '@acme/vitest-preset';\nexport default mergeConfig(base, { test: { restoreMocks: true, setupFiles: ['./s.ts'] } });",
      });
      assert.equal(config.vitest?.restoreMocks, true);
      assert.equal(config.vitest?.isolate, 'unknown');
      assert.equal(config.vitest?.unstubEnvs, 'unknown');
      // Added to a list nobody can read.
      assert.equal(config.vitest?.setupFiles, 'unknown');
    });

    it('finds isolate: false in test, in pool options, in inline projects and on the command line', () => {
      const cases: Record<string, string>[] = [
        { 'vitest.config.mjs': 'export default { test: { isolate: false } };' },
        { 'vitest.config.mjs': 'const config = { test: { isolate: true } };\nconfig.test.isolate = false;\nexport default config;' },
        { 'vitest.config.mjs': "export default { test: { pool: 'threads', poolOptions: { threads: { isolate: false } } } };" },
        { 'vitest.config.mjs': "export default { test: { projects: [{ test: { name: 'unit', isolate: false } }] } };" },
        { 'package.json': '{ "devDependencies": { "vitest": "4" }, "scripts": { "test": "vitest run --no-isolate" } }' },
        {
          'vitest.config.ts': `import { defineConfig } from 'vitest/config';
import type { UserConfig } from 'vite';
const test: UserConfig['test'] = { isolate: false, setupFiles: ['./setup.ts'] as string[] };
export default defineConfig({ test } as UserConfig);`,
        },
        // Vitest 3 workspace files: only inline projects are read.
        { 'vitest.workspace.ts': "import { defineWorkspace } from 'vitest/config';\nexport default defineWorkspace(['packages/*', { test: { name: 'db', isolate: false } }]);" },
      ];
      for (const files of cases) {
        clearProjectConfigCache();
        assert.equal(configOf({ 'package.json': VITEST, ...files }).config.vitest?.isolate, false, JSON.stringify(files));
      }
    });

    it('takes setupFiles as a string or a list, resolving files Vitest would find from the root and leaving packages', () => {
      const { config, root } = configOf({ 'package.json': VITEST, 'vitest.config.mjs': "export default { test: { setupFiles: 'test/setup.ts' } };", 'test/setup.ts': '' });
      assert.deepEqual(config.vitest?.setupFiles, [path.join(root, 'test/setup.ts')]);
      clearProjectConfigCache();
      const listed = configOf({ 'package.json': VITEST, 'vitest.config.mjs': "export default { test: { setupFiles: ['@testing-library/jest-dom/vitest', './test/a.ts'] } };" });
      assert.deepEqual(listed.config.vitest?.setupFiles, ['@testing-library/jest-dom/vitest', path.join(listed.root, 'test/a.ts')]);
    });

    it('does not take a Vite app for a Vitest project, but uses its vite.config when Vitest is declared', () => {
      const app = configOf({ 'package.json': '{ "devDependencies": { "vite": "7" } }', 'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig(({ mode }) => ({ base: mode }));" });
      assert.deepEqual([...app.config.runners], []);
      assert.deepEqual(app.config.notes, []);
      clearProjectConfigCache();
      const { config, root } = configOf({ 'package.json': VITEST, 'vite.config.ts': "import { defineConfig } from 'vite';\nexport default defineConfig({ base: '/app/' });" });
      assert.equal(config.vitest?.file, path.join(root, 'vite.config.ts'));
      assert.equal(config.vitest?.isolate, true);
    });

    it('reads the test key of vite.config, and a function config by the value it returns', () => {
      assert.equal(configOf({ 'package.json': VITEST, 'vite.config.js': 'export default { test: { isolate: false } };' }).config.vitest?.isolate, false);
      clearProjectConfigCache();
      const arrow = configOf({ 'package.json': VITEST, 'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig(() => ({ test: { restoreMocks: true } }));" });
      assert.equal(arrow.config.vitest?.isolate, true);
      assert.equal(arrow.config.vitest?.restoreMocks, true);
      clearProjectConfigCache();
      const asyncBody = configOf({
        'package.json': VITEST,
        'vitest.config.mts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig(async ({ mode }) => {\n  const test = { isolate: false, setupFiles: [] };\n  return { test: { ...test, restoreMocks: mode === 'ci' } };\n});",
      });
      assert.equal(asyncBody.config.vitest?.isolate, false);
      // A parameter is unknown, and so is what is computed from it.
      assert.equal(asyncBody.config.vitest?.restoreMocks, 'unknown');
      clearProjectConfigCache();
      // A body doing more than declaring and returning is not followed.
      const busy = configOf({ 'package.json': VITEST, 'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig(() => { if (process.env.CI) return {}; return { test: {} }; });" });
      assert.equal(busy.config.vitest?.isolate, 'unknown');
    });

    it('reads a named export of a shared base imported as .mjs and written as .mts', () => {
      const { config } = configOf({
        'package.json': VITEST,
        'vitest.config.mts': "import { defineConfig, mergeConfig } from 'vitest/config';\nimport { base } from './vitest.config.base.mjs';\nexport default mergeConfig(base, defineConfig({ test: { unstubEnvs: true }, plugins: [...makePlugins()] }));",
        'vitest.config.base.mts': "import { defineConfig } from 'vitest/config';\nexport const base = defineConfig({ test: { restoreMocks: true, isolate: true } });",
      });
      assert.equal(config.vitest?.restoreMocks, true);
      assert.equal(config.vitest?.unstubEnvs, true);
      // A computed key elsewhere (`plugins`) leaves the settings that are written known.
      assert.equal(config.vitest?.isolate, true);
    });
  });

  describe('configs built from imported objects and local functions', () => {
    const BASE = "import { defineConfig } from 'vitest/config';\nexport default defineConfig({ define: { DEBUG: true }, test: { restoreMocks: true, reporters: process.env.CI ? ['github-actions'] : ['default'] } });";

    it('reads a config spreading an imported base and its `test` key', () => {
      const file = projectWith(
        {
          'package.json': VITEST,
          'vite/vite.config.ts': BASE,
          'packages/core/package.json': '{ "scripts": { "test": "vitest run" }, "devDependencies": { "vitest": "4" } }',
          'packages/core/vite.config.ts': "import { defineConfig } from 'vitest/config';\nimport baseConfig from '../../vite/vite.config';\nexport default defineConfig({ ...baseConfig, test: { ...baseConfig.test, environment: 'node' } });",
        },
        'packages/core/test/a.test.ts',
      );
      const config = projectConfigOf(file);
      assert.equal(config.vitest?.restoreMocks, true);
      assert.equal(config.vitest?.isolate, true);
      assert.equal(config.vitest?.projects, undefined);
      // Read, and not set: Vitest's default is assumed, and --debug says so.
      assert.deepEqual(config.notes, [`${path.join(path.dirname(path.dirname(file)), 'vite.config.ts')}: Vitest isolate not set; Vitest's default (isolate: true) assumed`]);
    });

    it('keeps what an imported base says against isolation, and what is computed there unknown', () => {
      const isolateOff = configOf({
        'package.json': VITEST,
        'base.mjs': "export const shared = { test: { isolate: false, unstubEnvs: process.env.CI === 'true' } };",
        'vitest.config.mjs': "import { shared } from './base.mjs';\nexport default { test: { ...shared.test, setupFiles: [...(shared.test.setupFiles ?? [])] } };",
      });
      assert.equal(isolateOff.config.vitest?.isolate, false);
      assert.equal(isolateOff.config.vitest?.unstubEnvs, 'unknown');
      clearProjectConfigCache();
      // A member of something that is not read stays unknown.
      const computed = configOf({ 'package.json': VITEST, 'vitest.config.mjs': 'export default { test: { ...configs.base.test } };' });
      assert.equal(computed.config.vitest?.isolate, 'unknown');
    });

    it('keeps the keys a conditional spread cannot set, and leaves unknown those it may', () => {
      const cases: [string, boolean | 'unknown'][] = [
        ["{ ...base.test, isolate: false, ...(process.env.DEBUG ? { silent: false } : {}), pool: 'threads' }", false],
        ['{ isolate: false, ...(process.env.DEBUG && { silent: false }) }', false],
        ['{ isolate: false, ...(process.env.DEBUG ? { isolate: true } : {}) }', 'unknown'],
        ['{ isolate: false, ...(process.env.DEBUG && { isolate: true }) }', 'unknown'],
        ['{ isolate: process.env.CI ? false : false }', false],
        ['{ isolate: false, ...(process.env.DEBUG ? { isolate: true } : settings) }', 'unknown'],
        // A member of a list is not followed: it is no absent key.
        ["{ isolate: false, ...base.test, ...{ isolate: ['a'].length } }", 'unknown'],
      ];
      for (const [test, isolate] of cases) {
        clearProjectConfigCache();
        const { config } = configOf({ 'package.json': VITEST, 'base.mjs': 'export default { test: {} };', 'vitest.config.mjs': `import base from './base.mjs';\nexport default { test: ${test} };` });
        assert.equal(config.vitest?.isolate, isolate, test);
      }
    });

    it("takes a negated project entry as an exclusion from the others, as Vitest does, not as a glob of its own", () => {
      const { config, root } = configOf({
        'package.json': VITEST,
        'vitest.config.ts': "export default { test: { projects: ['packages/*/vitest.config.ts', '!packages/website/vitest.config.ts'] } };",
        'packages/core/vitest.config.ts': 'export default { test: { restoreMocks: true } };',
        'packages/website/vitest.config.ts': 'export default { test: {} };',
        'packages/core/src/index.ts': 'export const x = 1;',
      });
      assert.deepEqual(
        config.vitest?.projects?.map((project) => [path.relative(root, project.file ?? ''), project.restoreMocks]),
        [['packages/core/vitest.config.ts', true]],
      );
    });

    it('reads projects a local function returns, with its parameters bound to the arguments', () => {
      const { config } = configOf({
        'package.json': VITEST,
        'vitest.config.ts': `import { defineConfig } from 'vitest/config';
function project(pool, isolate) {
  return { test: { name: pool, pool, isolate, restoreMocks: true } };
}
const browser = (name = 'browser') => ({ test: { name, unstubGlobals: true } });
export default defineConfig({ test: { projects: [project('threads'), project('forks', false), browser()] } });`,
      });
      assert.deepEqual(
        config.vitest?.projects?.map((project) => [project.isolate, project.restoreMocks, project.unstubGlobals]),
        [
          [true, true, false],
          [false, true, false],
          [true, false, true],
        ],
      );
      assert.deepEqual(
        config.notes.map((note) => note.replace(/^.*vitest\.config\.ts/, '')),
        [" (project 'threads'): Vitest isolate not set; Vitest's default (isolate: true) assumed", " (project 'browser'): Vitest isolate not set; Vitest's default (isolate: true) assumed"],
      );
    });

    it("follows a project's `extends` naming a config file, the root one included", () => {
      const { config } = configOf({
        'package.json': VITEST,
        'vitest.config.ts': `import { defineConfig } from 'vitest/config';
export default defineConfig({
  test: {
    isolate: false,
    projects: [project('threads'), project('forks'), { extends: './base.config.ts', test: { name: 'base' } }, { extends: './missing.config.ts', test: { name: 'missing' } }],
  },
});
function project(pool) {
  return { extends: './vitest.config.ts', test: { name: pool, pool } };
}`,
        'base.config.ts': 'export default { test: { restoreMocks: true } };',
      });
      assert.deepEqual(
        config.vitest?.projects?.map((project) => [project.isolate, project.restoreMocks]),
        [
          [false, false],
          [false, false],
          [true, true],
          [true, false],
        ],
      );
      assert.ok(config.notes.some((note) => note.endsWith("a project's `extends` names './missing.config.ts', which does not exist; not followed")), JSON.stringify(config.notes));
    });

    it("reads Vitest's exported defaults in include and exclude lists", () => {
      const file = projectWith({
        'package.json': VITEST,
        'vitest.config.ts': "import { configDefaults, defaultExclude, defineConfig } from 'vitest/config';\nexport default defineConfig({ test: { include: [...configDefaults.include], exclude: [...defaultExclude, '**/fixtures/**'] } });",
      });
      const root = path.dirname(path.dirname(file));
      assert.equal(runsAsTest(file), true);
      assert.equal(runsAsTest(path.join(root, 'test/fixtures/a.test.ts')), false);
      clearProjectConfigCache();
      // Another package's list is unknown, and so is the selection.
      const other = projectWith({ 'package.json': VITEST, 'vitest.config.ts': "import { defaultExclude } from '@acme/defaults';\nexport default { test: { exclude: [...defaultExclude, '**/fixtures/**'] } };" });
      assert.equal(projectConfigOf(other).vitest?.selection, 'unknown');
    });

    it('leaves unknown what a local function computes, or one that does more than return', () => {
      const { config } = configOf({
        'package.json': VITEST,
        'vitest.config.ts': `function fromEnv(name) {
  return { test: { name, isolate: process.env[name] !== 'shared' } };
}
function busy(name) {
  if (name === 'a') return { test: { isolate: false } };
  return { test: { name } };
}
export default { test: { projects: [fromEnv('a'), busy('b')] } };`,
      });
      assert.deepEqual(
        config.vitest?.projects?.map((project) => project.isolate),
        ['unknown'],
      );
      assert.ok(config.notes.some((note) => note.endsWith('a project entry is computed and left out')), JSON.stringify(config.notes));
    });
  });

  describe('options on the command line', () => {
    it('reads the config file the script names with --config or -c, against the file\'s own directory for Jest', () => {
      const { config, root } = configOf({
        'package.json': '{ "scripts": { "test": "jest -c config/jest.unit.js" } }',
        'jest.config.js': 'module.exports = { restoreMocks: false };',
        'config/jest.unit.js': "module.exports = { restoreMocks: true, setupFiles: ['<rootDir>/setup.js'] };",
      });
      assert.equal(config.jest?.file, path.join(root, 'config/jest.unit.js'));
      assert.equal(config.jest?.restoreMocks, true);
      // Jest's rootDir defaults to the directory of the config file.
      assert.deepEqual(config.jest?.setupFiles, [path.join(root, 'config/setup.js')]);
      clearProjectConfigCache();
      const vitest = configOf({ 'package.json': '{ "scripts": { "test": "vitest run --config=vitest.ci.mts" } }', 'vitest.ci.mts': 'export default { test: { unstubEnvs: true } };' });
      assert.equal(vitest.config.vitest?.unstubEnvs, true);
      clearProjectConfigCache();
      const inline = configOf({ 'package.json': JSON.stringify({ scripts: { test: `jest --config '{"clearMocks":true}'` } }) });
      assert.equal(inline.config.jest?.clearMocks, true);
    });

    it('keeps what several runs agree on, and makes the rest unknown', () => {
      const { config } = configOf({
        'package.json': '{ "scripts": { "test": "jest -c jest.unit.js && jest -c jest.int.js" } }',
        'jest.unit.js': 'module.exports = { restoreMocks: true, clearMocks: true };',
        'jest.int.js': 'module.exports = { restoreMocks: false, clearMocks: true };',
      });
      assert.equal(config.jest?.restoreMocks, 'unknown');
      assert.equal(config.jest?.clearMocks, true);
      clearProjectConfigCache();
      // Isolation is off when any run turns it off: one such run is enough to leak.
      const vitest = configOf({ 'package.json': '{ "scripts": { "test": "vitest run && vitest run --no-isolate test/slow" } }' });
      assert.equal(vitest.config.vitest?.isolate, false);
    });

    it('adds Mocha --require and -r from the script to the config\'s', () => {
      const { config, root } = configOf({
        'package.json': '{ "scripts": { "test": "mocha -r ts-node/register --require=./test/hooks.ts \\"test/**/*.ts\\"" } }',
        '.mocharc.json': '{ "require": "./test/global.js" }',
      });
      assert.deepEqual(config.mocha?.require, ['ts-node/register', path.join(root, 'test/hooks.ts'), path.join(root, 'test/global.js')]);
    });

    it('notes a config file named on the command line that is not there', () => {
      const { config, root } = configOf({ 'package.json': '{ "scripts": { "test": "mocha --config test/.mocharc.yml" } }' });
      assert.equal(config.mocha?.require, 'unknown');
      assert.equal(config.notes.length, 1);
      assert.ok(config.notes[0]?.startsWith(`${path.join(root, 'test/.mocharc.yml')}: cannot be read statically`), config.notes[0]);
    });

    it('notes a test script that starts no runner it reads: the runner and its isolation are taken from the dependencies', () => {
      const { config } = configOf({ 'package.json': '{ "scripts": { "test": "astro-scripts test \\"test/**/*.test.js\\"" }, "devDependencies": { "mocha": "^11.0.0" } }' });
      assert.deepEqual([...config.runners], ['mocha']);
      assert.deepEqual(config.notes, [
        "the `test` script starts no test runner this linter reads (`astro-scripts test test/**/*.test.js`): the runner is taken from the dependencies and configs, with its default isolation; set `settings['patch-leak'].isolation` if the files run otherwise",
      ]);
      assert.deepEqual(configOf({ 'package.json': '{ "scripts": { "test": "mocha" } }' }).config.notes, []);
    });
  });

  describe('Mocha and node:test', () => {
    it('reads require from .mocharc in YAML, JSON with comments, and JavaScript', () => {
      const cases: Record<string, string>[] = [
        { '.mocharc.yml': "# hooks\nrequire:\n  - ./test/hooks.js\n  - 'ts-node/register'\nspec: test/**/*.test.js\n" },
        { '.mocharc.json': '{\n  // root hooks\n  "require": ["./test/hooks.js", "ts-node/register"]\n}' },
        { '.mocharc.cjs': "module.exports = { require: ['./test/hooks.js', 'ts-node/register'], spec: 'test' };" },
        { '.mocharc.yaml': "---\nrequire: [ ./test/hooks.js, 'ts-node/register' ] # inline\n" },
      ];
      for (const files of cases) {
        clearProjectConfigCache();
        const { config, root } = configOf({ 'package.json': MOCHA, ...files });
        assert.deepEqual(config.mocha?.require, [path.join(root, 'test/hooks.js'), 'ts-node/register'], Object.keys(files)[0]);
      }
    });

    it("reads Mocha's file option: files loaded first, whose hooks are root hooks", () => {
      const { config, root } = configOf({ 'package.json': MOCHA, '.mocharc.js': "module.exports = { file: ['tests/setup.js'] };" });
      assert.deepEqual(config.mocha?.files, [path.join(root, 'tests/setup.js')]);
      assert.deepEqual(config.mocha?.require, []);
      clearProjectConfigCache();
      // Like require, it concatenates the command line, the rc file and package.json.
      const merged = configOf({
        'package.json': '{ "scripts": { "test": "mocha --file ./a.js" }, "mocha": { "file": "c.js" } }',
        '.mocharc.json': '{ "file": ["b.js"] }',
      });
      assert.deepEqual(merged.config.mocha?.files, ['a.js', 'b.js', 'c.js'].map((name) => path.join(merged.root, name)));
    });

    it('merges require from the rc file and package.json, as Mocha does, and resolves files it would find from the root', () => {
      const { config, root } = configOf({
        'package.json': '{ "scripts": { "test": "mocha" }, "mocha": { "require": "./test/global.js" } }',
        '.mocharc.yml': 'require: [test/hooks, ts-node/register]\n',
        'test/hooks.js': '',
      });
      assert.equal(config.mocha?.file, path.join(root, '.mocharc.yml'));
      // Mocha resolves `test/hooks` against the working directory because test/hooks.js exists there.
      assert.deepEqual(config.mocha?.require, [path.join(root, 'test/hooks'), 'ts-node/register', path.join(root, 'test/global.js')]);
      clearProjectConfigCache();
      const quoted = configOf({ 'package.json': MOCHA, '.mocharc.yml': `require: ["./test/a, b.js", './c.js']\n` });
      assert.deepEqual(quoted.config.mocha?.require, [path.join(quoted.root, 'test/a, b.js'), path.join(quoted.root, 'c.js')]);
    });

    it('looks for .mocharc files in Mocha\'s order, .mocharc.mjs included', () => {
      const { config, root } = configOf({
        'package.json': MOCHA,
        '.mocharc.mjs': "export default { require: ['./test/esm-hooks.mjs'] };",
        '.mocharc.json': '{ "require": ["./test/hooks.js"] }',
      });
      assert.equal(config.mocha?.file, path.join(root, '.mocharc.mjs'));
      assert.deepEqual(config.mocha?.require, [path.join(root, 'test/esm-hooks.mjs')]);
    });

    it('sees --test-isolation=none in the test script', () => {
      assert.equal(configOf({ 'package.json': '{ "scripts": { "test": "node --test --test-isolation=none" } }' }).config.nodeTest?.isolation, 'none');
      clearProjectConfigCache();
      assert.equal(configOf({ 'package.json': '{ "scripts": { "test": "node --experimental-test-isolation none --test" } }' }).config.nodeTest?.isolation, 'none');
      clearProjectConfigCache();
      assert.equal(configOf({ 'package.json': '{ "scripts": { "test": "node --test" } }' }).config.nodeTest?.isolation, 'process');
    });
  });

  describe('projects none of whose entries can be read', () => {
    const unreadable: Record<string, Record<string, string>> = {
      'Vitest entries a local function makes': {
        'package.json': VITEST,
        'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nfunction project(pool) {\n  if (!pool) throw new Error('a pool');\n  return { test: { name: pool, pool } };\n}\nexport default defineConfig({ test: { projects: [project('threads'), project('forks')] } });",
      },
      'a Vitest entry naming a file that does not exist': { 'package.json': VITEST, 'vitest.config.ts': "export default { test: { projects: ['./missing/vitest.config.ts'] } };" },
      'a Vitest entry that is computed': { 'package.json': VITEST, 'vitest.config.ts': 'export default { test: { projects: [makeProject()] } };' },
      'Jest entries that are computed': { 'package.json': JEST, 'jest.config.js': 'module.exports = { projects: [makeProject("a"), makeProject("b")] };' },
      'a Jest entry naming a file that does not exist': { 'package.json': JEST, 'jest.config.js': "module.exports = { projects: ['<rootDir>/missing/jest.config.js'] };" },
    };
    for (const [name, files] of Object.entries(unreadable)) {
      it(`reads the project, and lints its files, with ${name}`, () => {
        const file = projectWith({ ...files, 'test/example.test.ts': 'import * as mod from "../src/mod";\nit("a", () => { mod.value = 1; });\nit("b", () => {});\n' });
        const config = projectConfigOf(file);
        assert.ok(config.runners.size === 1, JSON.stringify([...config.runners]));
        assert.ok(config.notes.some((note) => /project/.test(note)), JSON.stringify(config.notes));
        const linter = new Linter({ configType: 'flat', cwd: path.dirname(path.dirname(file)) });
        const messages = linter.verify(readFileSync(file, 'utf8'), [{ files: ['**/*.ts'], plugins: { 'patch-leak': plugin }, rules: { 'patch-leak/no-unrestored-module-patch': 'error' } }], file);
        assert.deepEqual(
          messages.map((message) => message.ruleId),
          ['patch-leak/no-unrestored-module-patch'],
        );
      });
    }
  });

  describe('settings that cannot be read', () => {
    it('names a Mocha list it cannot read, and reads the rest', () => {
      const { config, root } = configOf({ 'package.json': MOCHA, '.mocharc.js': "module.exports = { require: hooks(), file: ['./test/setup.js'] };" });
      assert.equal(config.mocha?.require, 'unknown');
      assert.deepEqual(config.mocha?.files, [path.join(root, 'test/setup.js')]);
      assert.deepEqual(config.notes, [`${path.join(root, '.mocharc.js')}: \`require\` cannot be read statically; taken as not set`]);
    });
  });

  describe('never running anything', () => {
    it('reads configs whose execution would write a marker and exit, without doing either', () => {
      const marker = (root: string) => path.join(root, 'EXECUTED');
      const evil = (value: string) => `require('fs').writeFileSync(require('path').join(__dirname, 'EXECUTED'), 'x');\nprocess.exit(3);\nmodule.exports = ${value};`;
      const { config, root } = configOf({
        'package.json': '{ "devDependencies": { "jest": "1", "vitest": "1", "mocha": "1" } }',
        'jest.config.js': evil('{ restoreMocks: true }'),
        'vitest.config.mjs': "import fs from 'node:fs';\nfs.writeFileSync(new URL('./EXECUTED', import.meta.url), 'x');\nprocess.exit(3);\nexport default { test: { isolate: false } };",
        '.mocharc.js': evil("{ require: ['./hooks.js'] }"),
      });
      assert.equal(config.jest?.restoreMocks, true);
      assert.equal(config.vitest?.isolate, false);
      assert.deepEqual(config.mocha?.require, [path.join(root, 'hooks.js')]);
      assert.equal(existsSync(marker(root)), false);
    });

    it('reads configs named on the command line, workspace files and writes to the config without running any of them', () => {
      const exitCode = process.exitCode;
      const run = "require('fs').writeFileSync(require('path').join(__dirname, 'EXECUTED'), 'x'); process.exit(3)";
      const { config, root } = configOf({
        'package.json': JSON.stringify({ scripts: { test: 'npm run unit && npm run hooks', unit: 'jest -c config/jest.js && vitest run', hooks: 'mocha -r ./test/hooks.js' } }),
        'config/jest.js': `${run};\nmodule.exports = { ...require('./base'), restoreMocks: false };\nmodule.exports.restoreMocks = true;\nmodule.exports.clearMocks = (() => { ${run}; })();`,
        'config/base.js': `${run};\nmodule.exports = { resetMocks: true };`,
        'vitest.workspace.mjs': `import fs from 'node:fs';\nfs.writeFileSync(new URL('./EXECUTED', import.meta.url), 'x');\nprocess.exit(3);\nexport default [{ test: { isolate: false } }];`,
        'test/hooks.js': `${run};\nexports.mochaHooks = { afterEach() { ${run}; } };`,
      });
      assert.deepEqual([...config.runners].sort(), ['jest', 'mocha', 'vitest']);
      assert.equal(config.jest?.restoreMocks, true);
      assert.equal(config.jest?.clearMocks, 'unknown');
      assert.equal(config.jest?.resetMocks, true);
      assert.equal(config.vitest?.isolate, false);
      assert.deepEqual(config.mocha?.require, [path.join(root, 'test/hooks.js')]);
      assert.equal(existsSync(path.join(root, 'EXECUTED')), false);
      assert.equal(existsSync(path.join(root, 'config/EXECUTED')), false);
      assert.equal(existsSync(path.join(root, 'test/EXECUTED')), false);
      assert.equal(process.exitCode, exitCode);
    });

    it('lints a project whose config and setup files would write a marker and exit if run', () => {
      const evil = "require('fs').writeFileSync(require('path').join(__dirname, 'EXECUTED'), 'x');\nprocess.exit(3);\n";
      const file = projectWith(
        {
          'package.json': '{ "scripts": { "test": "jest" } }',
          'jest.config.js': `${evil}module.exports = { restoreMocks: false, setupFilesAfterEnv: ['<rootDir>/test/setup.js'] };`,
          'test/setup.js': `${evil}afterEach(() => jest.restoreAllMocks());`,
        },
        'test/api.test.js',
      );
      const linter = new Linter({ configType: 'flat', cwd: path.dirname(path.dirname(file)) });
      const code = "const api = require('../src/api');\nit('a', () => { jest.spyOn(api, 'get'); api.base = 'x'; });\nit('b', () => {});";
      const findings = linter.verify(code, [plugin.configs.recommended as Linter.Config], file).map((m) => m.ruleId);
      // The setup file's restoreAllMocks covers the spy; the assignment is still a patch.
      assert.deepEqual(findings, ['patch-leak/no-unrestored-module-patch']);
      assert.equal(existsSync(path.join(path.dirname(path.dirname(file)), 'EXECUTED')), false);
      assert.equal(existsSync(path.join(path.dirname(file), 'EXECUTED')), false);
    });

    it('notes an unparseable config instead of throwing', () => {
      const { config, root } = configOf({ 'package.json': JEST, 'jest.config.js': 'module.exports = {' });
      assert.equal(config.jest?.restoreMocks, 'unknown');
      assert.equal(config.notes.length, 1);
      assert.match(config.notes[0] ?? '', new RegExp(`^${path.join(root, 'jest.config.js').replaceAll('\\', '\\\\')}: cannot be read statically`));
    });

    it('declares nothing from a package.json it cannot parse, and says so', () => {
      const { config, root } = configOf({ 'package.json': '{ "scripts": { "test": "jest" }, }' });
      assert.deepEqual([...config.runners], []);
      assert.equal(config.jest, undefined);
      assert.equal(config.mocha, undefined);
      assert.equal(config.notes.length, 1);
      assert.ok(config.notes[0]?.startsWith(`${path.join(root, 'package.json')}: cannot be read statically`), config.notes[0]);
    });

    it('notes a config whose export is computed as a whole', () => {
      const { config, root } = configOf({ 'package.json': VITEST, 'vitest.config.ts': "import { defineConfig } from 'vitest/config';\nexport default defineConfig(configFor(process.env));" });
      assert.equal(config.vitest?.isolate, 'unknown');
      assert.deepEqual(config.notes, [
        `${path.join(root, 'vitest.config.ts')}: exports a computed config; its settings are taken as unknown`,
        `${path.join(root, 'vitest.config.ts')}: Vitest isolate cannot be read (computed); Vitest's default (isolate: true) assumed`,
      ]);
    });

    it('reads each project once per lint run', () => {
      const file = projectWith({ 'package.json': JEST });
      const first = projectConfigOf(file);
      assert.equal(projectConfigOf(path.join(path.dirname(file), 'other.test.js')), first);
      clearProjectConfigCache();
      assert.notEqual(projectConfigOf(file), first);
    });
  });
});
