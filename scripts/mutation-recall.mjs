// Recall guard by mutation (docs/accuracy.md, "Recall guard (mutation)"): each mutant takes away
// one restore that a real suite writes (blanks its lines, or unwraps the `finally` that guarded
// it), and the command must then report the fake that is no longer put back.
//
// Usage:
//   node scripts/mutation-recall.mjs [--bin dist/src/cli/bin.js] [--min 0.9]
//     [--mutants scripts/mutants/corpus-mutants.json] [--id <mutant id>] [--print-hashes]
//     [--show] <suite>=<path to its checkout> ...
//   --id (repeatable) runs only those mutants; --print-hashes prints each mutant's sha256 of the
//   text it takes away (to record a new mutant); --show prints the lines each mutant changes.
//
// The mutants are data, not code: suite, file, the 1-based line range to blank or the line of the
// `try` whose `finally` to unwrap, a short sha256 of the text taken away (a checkout that does not
// match is refused), the verdict read by hand, and the lines where the fake is installed.
// For each suite given, the checkout is hard-link copied (`cp -al`) to a temporary directory; the
// one file a mutant changes is unlinked and written as a new file there, so the checkout itself
// is never written. The command runs from the copy's root on that one file, first unmutated (the
// site must be quiet: otherwise the mutant is flagged as bad and not counted), then mutated.
//
// A mutant is reported when a finding of the expected rule starts on one of its fake lines or on
// one of the two lines after it (a chained call spelled over several lines). Mutations keep every
// line where it was (deleted text becomes blank lines), so the lines need no mapping.
//
// Exit code: 0 when recall on the truly leaking mutants of every suite run together is at least
// --min, 1 when under, 2 on bad usage, a checkout that does not match, or a command that fails.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from '@typescript-eslint/typescript-estree';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const NEAR_LINES = 2;

function fail(message) {
  console.error(`mutation-recall: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const options = {
    bin: path.join(repoRoot, 'dist/src/cli/bin.js'),
    min: 0.9,
    mutants: path.join(repoRoot, 'scripts/mutants/corpus-mutants.json'),
    ids: new Set(),
    printHashes: false,
    show: false,
    suites: new Map(),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--bin') options.bin = path.resolve(value());
    else if (arg === '--min') options.min = Number(value());
    else if (arg === '--mutants') options.mutants = path.resolve(value());
    else if (arg === '--id') options.ids.add(value());
    else if (arg === '--print-hashes') options.printHashes = true;
    else if (arg === '--show') options.show = true;
    else if (/^[\w.-]+=/.test(arg)) {
      const [name, ...rest] = arg.split('=');
      options.suites.set(name, path.resolve(rest.join('=')));
    } else fail(`unknown argument ${arg}`);
  }
  if (!(options.min >= 0 && options.min <= 1)) fail('--min takes a number between 0 and 1');
  if (options.suites.size === 0) fail('name at least one suite: <suite>=<path to its checkout>');
  if (!existsSync(options.bin)) fail(`no command at ${options.bin} (run npm run build)`);
  return options;
}

const shortHash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Blanks lines `from`..`to` (1-based, inclusive), keeping every other line where it was. */
function blankLines(text, [from, to]) {
  const lines = text.split('\n');
  if (!(from >= 1 && to >= from && to <= lines.length)) throw new Error(`lines ${from}-${to} are not in the file`);
  const taken = lines.slice(from - 1, to).join('\n');
  for (let line = from; line <= to; line++) lines[line - 1] = '';
  return { taken, mutated: lines.join('\n') };
}

function findTry(node, line) {
  if (!node || typeof node.type !== 'string') return undefined;
  if (node.type === 'TryStatement' && node.loc.start.line === line) return node;
  for (const [key, child] of Object.entries(node)) {
    if (key === 'parent' || key === 'loc' || key === 'range') continue;
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) {
      if (item && typeof item === 'object') {
        const found = findTry(item, line);
        if (found) return found;
      }
    }
  }
  return undefined;
}

const blank = (text) => text.replace(/[^\n]/g, ' ');

/**
 * `try { B } finally { F }` → `    { B }         { F }`: the finalizer's statements still run
 * after the body, but no longer when the body throws. Same lines, same columns.
 */
function unwrapFinally(text, line, file) {
  const program = parse(text, { range: true, loc: true, jsx: /\.[jt]sx$/.test(file) || file.endsWith('.js') });
  const statement = findTry(program, line);
  if (!statement) throw new Error(`no try statement starts on line ${line}`);
  if (!statement.finalizer || statement.handler) throw new Error(`the try on line ${line} needs a finally and no catch`);
  const [start, end] = statement.range;
  const mutated =
    text.slice(0, start) +
    blank(text.slice(start, statement.block.range[0])) +
    text.slice(statement.block.range[0], statement.block.range[1]) +
    blank(text.slice(statement.block.range[1], statement.finalizer.range[0])) +
    text.slice(statement.finalizer.range[0]);
  return { taken: text.slice(start, end), mutated };
}

function mutate(text, mutant) {
  if (mutant.delete) return blankLines(text, mutant.delete);
  if (mutant.unwrapFinally) return unwrapFinally(text, mutant.unwrapFinally, mutant.file);
  throw new Error('a mutant needs "delete" or "unwrapFinally"');
}

function showChange(mutant, original, mutated) {
  const before = original.split('\n');
  const after = mutated.split('\n');
  console.log(`== ${mutant.id} ${mutant.file}`);
  before.forEach((line, index) => {
    if (line !== after[index]) console.log(`${index + 1}\t- ${line}\n${index + 1}\t+ ${after[index]}`);
  });
}

function runCommand(bin, cwd, file) {
  const result = spawnSync(process.execPath, [bin, '--format', 'json', file], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`the command exited with ${result.status} on ${file}: ${(result.stderr || '').trim().split('\n')[0]}`);
  }
  return JSON.parse(result.stdout).findings;
}

/** Findings of the mutant's rule that start on one of its fake lines or just after. */
function matching(findings, mutant) {
  const rule = `patch-leak/${mutant.expect.rule}`;
  return findings.filter(
    (finding) =>
      finding.ruleId === rule &&
      mutant.expect.lines.some((line) => finding.line >= line && finding.line <= line + NEAR_LINES),
  );
}

/** Writes `text` as a new file at `target`: a hard link is removed first, never written through. */
function replaceFile(target, text) {
  rmSync(target, { force: true });
  writeFileSync(target, text);
}

function copySuite(source) {
  const directory = mkdtempSync(path.join(tmpdir(), 'mutation-recall-'));
  const copy = path.join(directory, 'suite');
  const result = spawnSync('cp', ['-al', source, copy], { encoding: 'utf8' });
  if (result.status !== 0) {
    rmSync(directory, { recursive: true, force: true });
    throw new Error(`cannot hard-link copy ${source}: ${(result.stderr || '').trim()}`);
  }
  return { directory, copy };
}

function runSuite(name, checkout, mutants, options) {
  const rows = [];
  const { directory, copy } = copySuite(checkout);
  const originals = new Map();
  try {
    for (const mutant of mutants) {
      const target = path.join(copy, mutant.file);
      const original = readFileSync(path.join(checkout, mutant.file), 'utf8');
      const { taken, mutated } = mutate(original, mutant);
      const hash = shortHash(taken);
      if (options.printHashes) {
        console.log(`${mutant.id}\t${hash}`);
        continue;
      }
      if (options.show) {
        showChange(mutant, original, mutated);
        continue;
      }
      if (hash !== mutant.sha256) {
        throw new Error(`${mutant.id}: ${mutant.file} does not match (sha256 ${hash}, expected ${mutant.sha256}); check out ${mutant.commit ?? 'the recorded commit'}`);
      }
      if (!originals.has(mutant.file)) {
        replaceFile(target, original);
        originals.set(mutant.file, runCommand(options.bin, copy, mutant.file));
      }
      const before = matching(originals.get(mutant.file), mutant);
      replaceFile(target, mutated);
      let findings;
      try {
        findings = runCommand(options.bin, copy, mutant.file);
      } finally {
        replaceFile(target, original);
      }
      const key = (finding) => `${finding.ruleId}:${finding.line}`;
      const known = new Set(originals.get(mutant.file).map(key));
      const elsewhere = findings.filter((finding) => !known.has(key(finding)));
      rows.push({ mutant, bad: before.length > 0, reported: matching(findings, mutant).length > 0, elsewhere });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  return rows;
}

function percent(part, whole) {
  return whole === 0 ? 'n/a' : `${((100 * part) / whole).toFixed(1)}%`;
}

const options = parseArgs(process.argv.slice(2));
const data = JSON.parse(readFileSync(options.mutants, 'utf8'));
for (const name of options.suites.keys()) {
  if (!data.mutants.some((mutant) => mutant.suite === name)) fail(`no mutants for suite ${name}`);
}

const table = [];
const misses = [];
const bad = [];
let failed = false;
for (const [name, checkout] of options.suites) {
  const commit = data.suites?.[name]?.commit;
  const mutants = data.mutants
    .filter((mutant) => mutant.suite === name && (options.ids.size === 0 || options.ids.has(mutant.id)))
    .map((mutant) => ({ ...mutant, commit }));
  if (mutants.length === 0) continue;
  let rows;
  try {
    rows = runSuite(name, checkout, mutants, options);
  } catch (error) {
    console.error(`mutation-recall: ${name}: ${error.message}`);
    failed = true;
    continue;
  }
  if (options.printHashes || options.show) continue;
  const counted = rows.filter((row) => !row.bad);
  const leaking = counted.filter((row) => row.mutant.leaks);
  const reported = leaking.filter((row) => row.reported);
  const quietOnSafe = counted.filter((row) => !row.mutant.leaks && !row.reported).length;
  table.push({ name, mutants: rows.length, bad: rows.length - counted.length, leaking: leaking.length, reported: reported.length, safe: counted.length - leaking.length, quietOnSafe });
  for (const row of rows) {
    const state = row.bad ? 'BAD (reported before mutation)' : row.reported ? 'reported' : 'not reported';
    console.log(`${row.mutant.id}\t${row.mutant.leaks ? 'leaks' : 'safe'}\t${state}\t${row.mutant.file}`);
    if (row.bad) bad.push(row.mutant);
    else if (row.mutant.leaks && !row.reported) misses.push(row);
  }
}
if (failed) process.exit(2);
if (options.printHashes || options.show) process.exit(0);

console.log('\n| suite | mutants | bad | truly leaking | reported | recall | safe mutants quiet |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
const total = { mutants: 0, bad: 0, leaking: 0, reported: 0, safe: 0, quietOnSafe: 0 };
for (const row of table) {
  for (const key of Object.keys(total)) total[key] += row[key];
  console.log(`| ${row.name} | ${row.mutants} | ${row.bad} | ${row.leaking} | ${row.reported} | ${percent(row.reported, row.leaking)} | ${row.quietOnSafe} of ${row.safe} |`);
}
console.log(`| **all** | ${total.mutants} | ${total.bad} | ${total.leaking} | ${total.reported} | **${percent(total.reported, total.leaking)}** | ${total.quietOnSafe} of ${total.safe} |`);
if (misses.length > 0) {
  console.log('\nTruly leaking mutants not reported:');
  for (const { mutant, elsewhere } of misses) {
    const other = elsewhere.map((finding) => `${finding.ruleId.replace('patch-leak/', '')}:${finding.line}`).join(', ') || 'none';
    console.log(`- ${mutant.id} ${mutant.file}:${mutant.expect.lines.join(',')} (${mutant.expect.rule}): ${mutant.reason}. New findings elsewhere: ${other}${mutant.notCovered ? `. Documented limit: ${mutant.notCovered}` : ''}`);
  }
}
if (bad.length > 0) {
  console.log('\nBad mutants (the unmutated file already has the finding; not counted):');
  for (const mutant of bad) console.log(`- ${mutant.id} ${mutant.file}:${mutant.expect.lines.join(',')}`);
}
const recall = total.leaking === 0 ? 1 : total.reported / total.leaking;
console.log(`\nrecall ${percent(total.reported, total.leaking)} (minimum ${(100 * options.min).toFixed(0)}%)`);
process.exit(recall < options.min ? 1 : 0);
