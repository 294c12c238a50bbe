// `npm pack` and `npm publish` run `prepack` before they read the files and `postpack` after.
// The `prepare` script builds dist/ for installs from git, and its file is not in the package: a
// tarball's package.json that kept it would make npm 11 warn on every install ("install scripts
// not yet covered by allowScripts"), although npm never runs `prepare` for a tarball.
// `strip` keeps the original text beside package.json and writes it without the scripts that only
// work in this repository (`prepare`, and `prepack`/`postpack`, which npm has read already);
// `restore` puts the original back. Output goes to stderr: `npm pack` prints the tarball name.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const manifest = fileURLToPath(new URL('../package.json', import.meta.url));
const saved = fileURLToPath(new URL('../.package.json.before-pack', import.meta.url));

const action = process.argv[2];
if (action === 'strip') {
  const text = readFileSync(manifest, 'utf8');
  const json = JSON.parse(text);
  const repositoryOnly = ['prepare', 'prepack', 'postpack'].filter((name) => json.scripts?.[name] !== undefined);
  if (repositoryOnly.length > 0) {
    writeFileSync(saved, text);
    for (const name of repositoryOnly) delete json.scripts[name];
    writeFileSync(manifest, `${JSON.stringify(json, null, 2)}\n`);
  }
} else if (action === 'restore') {
  if (existsSync(saved)) renameSync(saved, manifest);
} else {
  console.error('usage: node scripts/packed-manifest.mjs strip|restore');
  process.exit(2);
}
