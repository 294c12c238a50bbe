// `npm run prepare`: builds dist/ with tsc. npm runs it after `npm install` in this repository and
// when the package is installed from git (`npm install -g git+https://...`, the pre-commit
// framework). Output goes to stderr: `npm pack` runs this script and its stdout is the tarball name.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tscPath = () => {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
};

function run(command, args) {
  const { status, error } = spawnSync(command, args, { cwd: root, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (error || status !== 0) process.exit(status || 1);
}

const tsc = tscPath();
if (tsc) {
  run(process.execPath, [tsc, '-p', 'tsconfig.json']);
} else {
  // `npm install -g <git url>` prepares its clone with an `npm install` that inherits --global, so
  // nothing lands in the clone's node_modules and tsc is missing (an npm bug). Fetch the pinned
  // TypeScript and Node types into a scratch directory and only emit (--noCheck: the other
  // packages' types are missing, and the types were checked in CI).
  const scratch = mkdtempSync(path.join(tmpdir(), 'patch-leak-build-'));
  const { devDependencies } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  try {
    run('npm', ['install', '--global=false', `--prefix=${scratch}`, `typescript@${devDependencies.typescript}`, `@types/node@${devDependencies['@types/node']}`, '--no-save', '--no-audit', '--no-fund', '--no-package-lock']);
    run(process.execPath, [path.join(scratch, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noCheck', '--typeRoots', path.join(scratch, 'node_modules/@types')]);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
