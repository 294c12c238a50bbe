// Lists the restore sites of one suite that the command is quiet on, in a seeded order, for the
// mutation recall guard (docs/accuracy.md, "Recall guard (mutation)"). It prints candidates; a
// person reads each one and records the mutant by hand in corpus-mutants.json.
//
// Usage (from anywhere):
//   node scripts/mutants/list-candidates.mjs --files files.txt --findings findings.json \
//     [--seed 20261207] [--count 10] <suite root>
// files.txt: `patch-leak --list-files` run from the suite root; findings.json: `patch-leak
// --format json` run from the suite root. A candidate is a line of a checked file that looks like
// a restore (the kinds below) in a file with no finding at all. The draw goes round the kinds in
// a fixed order and takes, in each kind, the next candidate of a seeded shuffle, at most one per
// file, so the first picks are varied; every candidate is printed, in draw order.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const kinds = [
  ['mockRestore', /\.mockRestore\(\s*\)/],
  ['restoreAllMocks', /\brestoreAllMocks\(\s*\)/],
  ['useRealTimers', /\buseRealTimers\(\s*\)/],
  ['unstubAll', /\bunstubAll(?:Envs|Globals)\(\s*\)/],
  ['uninstall', /\.uninstall\(\s*\)/],
  ['restoreAll', /\bmock\.restoreAll\(\s*\)/],
  ['sinon.restore', /\b(?:sinon|sandbox|sb|box)\.restore\(\s*\)/],
  ['x.restore', /\.restore\(\s*\)/],
  ['delete env', /^\s*delete\s+process\.env\b/],
  ['assign saved', /^\s*[\w$.[\]'"`]+\s*=\s*(?:orig|original|saved|old|real|prev|previous|backup|initial|cached)[\w$.[\]'"]*\s*;?\s*$/i],
];

function parseArgs(argv) {
  const options = { seed: 20261207, count: 10 };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--files') options.files = argv[++i];
    else if (arg === '--findings') options.findings = argv[++i];
    else if (arg === '--seed') options.seed = Number(argv[++i]);
    else if (arg === '--count') options.count = Number(argv[++i]);
    else rest.push(arg);
  }
  if (!options.files || !options.findings || rest.length !== 1) {
    console.error('usage: list-candidates.mjs --files files.txt --findings findings.json [--seed N] [--count N] <suite root>');
    process.exit(2);
  }
  options.root = rest[0];
  return options;
}

// mulberry32: a small seeded generator, so the draw is the same on every machine.
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, random) {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const options = parseArgs(process.argv.slice(2));
const files = readFileSync(options.files, 'utf8').split('\n').filter(Boolean);
const report = JSON.parse(readFileSync(options.findings, 'utf8'));
const reported = new Set(report.findings.map((finding) => finding.file));

const byKind = new Map(kinds.map(([name]) => [name, []]));
for (const file of files) {
  if (reported.has(file)) continue;
  const lines = readFileSync(path.join(options.root, file), 'utf8').split('\n');
  lines.forEach((text, index) => {
    const kind = kinds.find(([, pattern]) => pattern.test(text));
    if (kind) byKind.get(kind[0]).push({ file, line: index + 1, kind: kind[0], text: text.trim() });
  });
}

const random = generator(options.seed);
const queues = new Map([...byKind].map(([name, list]) => [name, shuffle(list, random)]));
const draw = [];
const usedFiles = new Set();
while ([...queues.values()].some((queue) => queue.length > 0)) {
  for (const queue of queues.values()) {
    if (queue.length === 0) continue;
    const fresh = queue.findIndex((item) => !usedFiles.has(item.file));
    const [next] = queue.splice(Math.max(fresh, 0), 1);
    usedFiles.add(next.file);
    draw.push(next);
  }
}
const total = [...byKind.values()].reduce((sum, list) => sum + list.length, 0);
console.log(`# ${total} candidates in ${files.length - reported.size} quiet files; seed ${options.seed}`);
for (const [name, list] of byKind) console.log(`#   ${name}: ${list.length}`);
draw.forEach((item, index) => console.log(`${index + 1}\t${item.kind}\t${item.file}:${item.line}\t${item.text}`));
