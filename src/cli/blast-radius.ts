/**
 * Who else is hit by a leak? For each patch of a project module that escapes its file (the
 * isolation model says later files see it), the other checked test files that import the same
 * module. Two internal rules report what the command needs, in the same lint pass (so it works in
 * ESLint's worker threads): `targets`, the module each escaping patch writes, at the patch; and
 * `imports`, the relative modules each file imports. Their messages are JSON, read back here and
 * never shown.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import path from 'node:path';
import { originOf } from '../analysis/values/binding.js';
import { indexOf } from '../analysis/values/file-index.js';
import { isolationOf, laterFilesReason } from '../analysis/runner/isolation.js';
import { patchesOf } from '../analysis/patches/patches.js';
import { guarded, INTERNAL_ERROR_MESSAGES, type InternalErrorId } from '../rule/internal-error.js';
import { settingsOf } from '../rule/settings.js';

export const CLI_NAMESPACE = 'patch-leak-internal';

const targets: TSESLint.RuleModule<'target' | InternalErrorId, []> = {
  meta: { type: 'problem', schema: [], messages: { target: '{{json}}', ...INTERNAL_ERROR_MESSAGES } },
  defaultOptions: [],
  create(context) {
    return guarded(context, () => ({
      'Program:exit'() {
        const { structure, patches } = patchesOf(context);
        const escaping = patches.filter((p) => p.target.kind === 'module' && p.verdict.kind !== 'restored' && p.verdict.kind !== 'teardown');
        if (escaping.length === 0) return;
        const isolation = isolationOf(settingsOf(context).isolation, structure.frameworks, context.filename);
        for (const patch of escaping) {
          if (patch.target.kind !== 'module' || !isRelative(patch.target.source) || !laterFilesReason(isolation, patch.target)) continue;
          context.report({ node: patch.write.node, messageId: 'target', data: { json: JSON.stringify({ module: patch.target.source }) } });
        }
      },
    }));
  },
};

const imports: TSESLint.RuleModule<'imports' | InternalErrorId, []> = {
  meta: { type: 'problem', schema: [], messages: { imports: '{{json}}', ...INTERNAL_ERROR_MESSAGES } },
  defaultOptions: [],
  create(context) {
    return guarded(context, () => ({
      'Program:exit'(program: TSESTree.Program) {
        const found = new Set<string>();
        const index = indexOf(context.sourceCode);
        for (const declaration of index.imports) found.add(declaration.source.value);
        for (const call of index.calls) {
          const origin = call.arguments.length === 1 ? originOf(context.sourceCode, call) : undefined;
          if (origin?.kind === 'module' && origin.path.length === 0) found.add(origin.source);
        }
        const relative = [...found].filter(isRelative);
        if (relative.length > 0) context.report({ node: program, messageId: 'imports', data: { json: JSON.stringify({ imports: relative }) } });
      },
    }));
  },
};

export const cliPlugin = { meta: { name: CLI_NAMESPACE }, rules: { targets, imports } };

function isRelative(specifier: string): boolean {
  return specifier.startsWith('./') || specifier.startsWith('../');
}

/** A module's identity on disk, without extension or `/index`: `./a`, `./a.js` and `./a/index.ts` meet. */
export function moduleKey(fromFile: string, specifier: string): string {
  const full = path.resolve(path.dirname(fromFile), specifier);
  return full.replace(/\.(?:[cm]?[jt]s|[jt]sx|json)$/, '').replace(/[\\/]index$/, '');
}

/** Test files by the modules they import, from the `imports` reports of every file. */
export class ImportGraph {
  private readonly importers = new Map<string, Set<string>>();

  add(file: string, specifiers: readonly string[]): void {
    for (const specifier of specifiers) {
      const key = moduleKey(file, specifier);
      const files = this.importers.get(key) ?? new Set();
      this.importers.set(key, files);
      files.add(file);
    }
  }

  /** The other files that import what `specifier` names from `file`, sorted. */
  otherImporters(file: string, specifier: string): string[] {
    return [...(this.importers.get(moduleKey(file, specifier)) ?? [])].filter((other) => other !== file).sort();
  }
}
