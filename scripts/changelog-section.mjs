// `node scripts/changelog-section.mjs <version>`: prints the CHANGELOG.md section of that version
// (the release notes of its tag), without its heading. Exits 1 with one line on stderr when the
// CHANGELOG has no section for it, so a version cannot be released without its notes.
import { readFileSync } from 'node:fs';

const version = process.argv[2];
if (!version) {
  process.stderr.write('usage: changelog-section.mjs <version>\n');
  process.exit(2);
}
const text = readFileSync(new URL('../CHANGELOG.md', import.meta.url), 'utf8');
const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const match = new RegExp(`^## \\[${escaped}\\][^\\n]*\\n([\\s\\S]*?)(?=^## |^\\[[^\\]]+\\]: |(?![\\s\\S]))`, 'm').exec(text);
if (!match?.[1]?.trim()) {
  process.stderr.write(`changelog-section: CHANGELOG.md has no section for ${version}\n`);
  process.exit(1);
}
process.stdout.write(`${match[1].trim()}\n`);
