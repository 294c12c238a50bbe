/**
 * Does another test file of the project wrap this member again? A Sinon spy left on a member makes
 * the next wrap of that member throw "already wrapped" (RUNTIME-FACTS 41), wherever the next wrap
 * is: a stub or spy of a member of that name (through any import, re-export or alias of its
 * module), or a stub of the whole object (`sinon.stub(client)` wraps every method; its module
 * reached by a path naming the same file). The other files are read with the same analysis as a
 * linted file (their scoped helpers, their bindings resolved through scope); a file only calling
 * the member does not wrap it. Only test-side files that name the member or the module are parsed,
 * and only when a call-through spy asks.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import path from 'node:path';
import { isTestSideFile, projectTexts } from '../../project/names-in-sources.js';
import { sourceCodeOf } from '../../project/parse.js';
import { readOrUnknown } from '../../project/read-failures.js';
import { ANY_KEY, samePath, type SharedOrigin } from '../values/binding.js';
import { scopedHelpersOf } from '../writes/scoped-helpers.js';

/** Per other file: what its scoped helpers wrap, each as a member of a module (by identity) or a global. */
const wrapsByFile = new Map<string, { readonly text: string; readonly wraps: readonly Wrap[] }>();

interface Wrap {
  /** `module:<identity>` or `global:<name>`. */
  readonly root: string;
  /** The member path; a whole-object stub ends at the object, with `wholeObject` set. */
  readonly path: readonly string[];
  readonly wholeObject: boolean;
}

/** True when a test-side file of the project other than `filename` wraps `target` (a member of a module or a global). Unknown: it does. */
export function wrappedInOtherTestFiles(filename: string, target: SharedOrigin): boolean {
  return readOrUnknown("the project's test files", path.resolve(filename), () => wrappedElsewhere(path.resolve(filename), target), true);
}

function wrappedElsewhere(filename: string, target: SharedOrigin): boolean {
  const texts = projectTexts(filename);
  if (texts === undefined) return true;
  const key = target.path.at(-1);
  if (key === undefined || key === ANY_KEY) return true;
  const root = rootOf(target, filename);
  const objectWord = target.kind === 'global' ? target.name : path.basename(target.source).replace(/\.[cm]?[jt]sx?$/, '');
  for (const { file, text } of texts) {
    if (file === filename || !SCRIPT_FILE.test(file) || !isTestSideFile(file)) continue;
    if (!namesWord(text, key) && !namesWord(text, objectWord)) continue;
    for (const wrap of wrapsIn(file, text)) {
      // A member of the same name wrapped through any object: the module may be reached another way (a re-export, a path alias).
      if (!wrap.wholeObject && (wrap.path.at(-1) === key || wrap.path.at(-1) === ANY_KEY)) return true;
      if (wrap.wholeObject && wrap.root === root && samePath(wrap.path, target.path.slice(0, -1))) return true;
    }
  }
  return false;
}

const SCRIPT_FILE = /\.[cm]?[jt]sx?$/;
const WORD_CHARACTER = /[\w$]/;

function namesWord(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
    if (!WORD_CHARACTER.test(at > 0 ? (text[at - 1] ?? '') : '') && !WORD_CHARACTER.test(text[at + word.length] ?? '')) return true;
  }
  return false;
}

/** A module by the file it names when it is a relative path (`../src/client` and `../src/client.js` from elsewhere are one module), else by its specifier. */
function rootOf(origin: SharedOrigin, fromFile: string): string {
  if (origin.kind === 'global') return `global:${origin.name}`;
  if (!/^\.\.?(?:\/|$)/.test(origin.source)) return `module:${origin.source}`;
  const resolved = path.resolve(path.dirname(fromFile), origin.source).replace(/\.[cm]?[jt]sx?$/, '').replace(/[\\/]index$/, '');
  return `module:${resolved}`;
}

function wrapsIn(file: string, text: string): readonly Wrap[] {
  const known = wrapsByFile.get(file);
  if (known?.text === text) return known.wraps;
  const wraps = readWraps(file, text);
  wrapsByFile.set(file, { text, wraps });
  return wraps;
}

function readWraps(file: string, text: string): Wrap[] {
  let sourceCode: TSESLint.SourceCode | undefined;
  try {
    sourceCode = sourceCodeOf(text, file);
    if (!sourceCode) return [];
  } catch {
    // A file that does not parse wraps nothing we can tell.
    return [];
  }
  const wraps: Wrap[] = [];
  for (const helper of scopedHelpersOf(sourceCode).helpers) {
    if (helper.target) {
      wraps.push({ root: rootOf(helper.target, file), path: helper.target.path, wholeObject: false });
      continue;
    }
    if (helper.wholeObject) wraps.push({ root: rootOf(helper.wholeObject, file), path: helper.wholeObject.path, wholeObject: true });
  }
  return wraps;
}
