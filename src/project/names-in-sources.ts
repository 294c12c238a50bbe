/**
 * Does any file of the project, other than this one, name this word? An environment variable that
 * only its test file names (`process.env.FOO_BAR_BAZ`) is the test's own: no code under test, no
 * other test, script or config reads it by name. The project is the outermost package of the git
 * repository the file is in (every workspace package), or the directory its runner starts in when
 * there is no repository (a stray package.json above it is not the project); its text files are read once, on the first question (the rules ask
 * only about findings), and read again when the answer is older than `MAX_AGE_MS`, so an editor
 * sees a new mention within a minute.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { runnerRootOf } from './config-location.js';
import { filesUnder, oncePerRealFile } from './files-under.js';
import { parseSource } from './parse.js';
import { readOrUnknown } from './read-failures.js';
import { walk } from './syntax.js';

const MAX_AGE_MS = 60_000;
/** More files than a project has: a home directory or a disk. */
const MAX_FILES = 50_000;
const TOO_MANY: readonly { readonly file: string; readonly text: string }[] = [];
/** Larger files are generated or data: lockfiles, bundles, snapshots of whole responses. */
const MAX_FILE_BYTES = 1_000_000;
/** Text a program, a script or a config can name a variable in. */
const TEXT_FILE = picomatch(
  ['*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,vue,svelte,json,jsonc,yml,yaml,toml,ini,env,sh,bash,zsh,ps1,cmd,bat,py,rb,go,rs,java,kt,md,mdx,txt}', 'Dockerfile*', 'Makefile', '.env*', '.*rc'],
  { dot: true },
);

interface Sources {
  readonly root: string;
  readonly texts: readonly { readonly file: string; readonly text: string }[];
  readonly readAt: number;
  /** Per script file, what it names as a key, read once whatever the word asked (undefined: it does not parse). */
  readonly keys: Map<string, Keys | undefined>;
}

/** What a script names as a key: strings, member and object-key names, and its templates' text. */
interface Keys {
  readonly names: ReadonlySet<string>;
  readonly templates: readonly string[];
}

const cache = new Map<string, Sources>();

/** Files on the tests' side of a project: under a test directory, or named like a test. */
export function isTestSideFile(file: string): boolean {
  return TEST_SIDE.test(file);
}

const TEST_SIDE = /(?:^|[\\/])(?:test|tests|spec|specs|__tests__|__mocks__|e2e)[\\/]|[._-](?:test|spec)\.[cm]?[jt]sx?$/i;

/**
 * True when a file of the project other than `filename` (and, when given, one `among` accepts by its
 * path in the project) names `word` (as a whole word). Unknown (the project cannot be read): named.
 */
export function namedElsewhere(filename: string, word: string, among?: (file: string) => boolean): boolean {
  return readOrUnknown("the project's sources", path.resolve(filename), () => namedInSources(filename, word, among), true);
}

/** The project's text files around `filename`, read as for `namedElsewhere` and shared with it; undefined when no project is found or it is too large to read. */
export function projectTexts(filename: string): Sources['texts'] | undefined {
  const sources = sourcesAround(filename);
  return sources === undefined ? undefined : sources.texts;
}

function sourcesAround(filename: string): Sources | undefined {
  const root = projectRootOf(path.dirname(path.resolve(filename)));
  if (root === undefined) return undefined;
  let sources = cache.get(root);
  if (!sources || Date.now() - sources.readAt > MAX_AGE_MS) {
    sources = { root, texts: read(root), readAt: Date.now(), keys: new Map() };
    cache.set(root, sources);
  }
  return sources.texts === TOO_MANY ? undefined : sources;
}

function namedInSources(filename: string, word: string, among?: (file: string) => boolean): boolean {
  const sources = sourcesAround(filename);
  // No project around the file, or one too large to read: nothing can be said, so assume it is named.
  if (sources === undefined) return true;
  const root = sources.root;
  const self = path.resolve(filename);
  // The first file that names it answers: a script is parsed only when its text has the word and it is one of `among`.
  for (const { file, text } of sources.texts) {
    if (file === self || (among && !among(path.relative(root, file))) || !namesWord(text, word)) continue;
    if (!SCRIPT_FILE.test(file)) return true;
    // A script is parsed once, on the first word it has, however many words are asked after.
    if (!sources.keys.has(file)) sources.keys.set(file, keysOf(file, text));
    if (namesAsKey(sources.keys.get(file), word)) return true;
  }
  return false;
}

/**
 * The outermost directory with a package.json up to the repository root (the directory holding
 * `.git`); else where the runner starts; undefined when no package.json is found.
 */
function projectRootOf(start: string): string | undefined {
  let outermost: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) outermost = dir;
    if (existsSync(path.join(dir, '.git'))) return outermost;
    if (path.dirname(dir) === dir) break;
  }
  return runnerRootOf(start).root;
}

function read(root: string): Sources['texts'] {
  let files: string[];
  try {
    files = oncePerRealFile(filesUnder(root, { dot: true, gitignoreFrom: root, names: TEXT_FILE }));
  } catch {
    return TOO_MANY;
  }
  if (files.length > MAX_FILES) return TOO_MANY;
  const texts: { file: string; text: string }[] = [];
  for (const file of files) {
    try {
      if (statSync(file).size > MAX_FILE_BYTES) continue;
      texts.push({ file, text: readFileSync(file, 'utf8') });
    } catch {
      // Unreadable: it names nothing.
    }
  }
  return texts;
}

const WORD_CHARACTER = /[\w$]/;
const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;

/**
 * In a script, a variable is named as a key: a string (`env['X']`, `getenv('X')`), a member
 * (`process.env.X`), an object key (`{ X: '1' }`, `const { X } = process.env`) or text in a template.
 * A local binding of the same spelling (`const FOO_BAR_BAZ = {...}`) is not the variable. A file
 * that does not parse (no keys) is taken at its word.
 */
function namesAsKey(keys: Keys | undefined, word: string): boolean {
  return keys === undefined || keys.names.has(word) || keys.templates.some((raw) => namesWord(raw, word));
}

function keysOf(file: string, text: string): Keys | undefined {
  let program: TSESTree.Program;
  try {
    program = parseSource(text, { ecmaVersion: 'latest', sourceType: 'module', filePath: file, range: false, loc: false, jsx: /x$/.test(file) });
  } catch {
    return undefined;
  }
  const names = new Set<string>();
  const templates: string[] = [];
  walk(program, (node) => {
    if (node.type === T.Literal && typeof node.value === 'string') names.add(node.value);
    else if (node.type === T.TemplateElement) templates.push(node.value.raw);
    else if (node.type === T.MemberExpression && !node.computed && node.property.type === T.Identifier) names.add(node.property.name);
    else if (node.type === T.Property && !node.computed && node.key.type === T.Identifier) names.add(node.key.name);
  });
  return { names, templates };
}

function namesWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    const before = at > 0 ? (text[at - 1] ?? '') : '';
    const after = text[at + word.length] ?? '';
    if (!WORD_CHARACTER.test(before) && !WORD_CHARACTER.test(after)) return true;
  }
  return false;
}
