import { isFunctionValue, sameOrigin } from '../src/analysis/values/binding.js';
import { DOM_CONTENT, ENVIRONMENT, environmentVariable, GENERIC_REMEDY, isProcessStreamMember, isAfterHook, isProvidedEnvironmentVariable, MODULE_SYSTEM_GLOBALS, newKeyRemedyFor, remedyFor, type GlobalTargetKind } from '../src/analysis/runner/frameworks.js';
import { keyPresence } from '../src/analysis/restore/key-presence.js';
import { isTestOwnedEnvironmentVariable, isTestOwnedGlobal } from '../src/analysis/visibility/hygiene.js';
import { laterFilesReason } from '../src/analysis/runner/isolation.js';
import { namedElsewhere } from '../src/project/names-in-sources.js';
import type { Patch } from '../src/analysis/patches/patch.js';
import { createRule } from '../src/rule/create-rule.js';
import { DEFAULT_RULE_OPTIONS, RULE_OPTIONS_SCHEMA, type RuleOptions } from '../src/rule/rule-options.js';
import { keyText, objectText, PATCH_MESSAGES, reportPatches, type PatchMessageId } from '../src/rule/patch-report.js';
import { SUGGESTION_MESSAGES, type SuggestionMessageId } from '../src/fix/messages.js';

export default createRule<[RuleOptions], PatchMessageId | SuggestionMessageId>({
  name: 'no-unrestored-global-patch',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow replacing globals, environment variables and built-in prototypes in tests without a guaranteed restore',
      recommended: true,
    },
    schema: RULE_OPTIONS_SCHEMA,
    defaultOptions: DEFAULT_RULE_OPTIONS,
    // eslint-disable-next-line eslint-plugin/require-meta-has-suggestions -- reportPatches (src/rule/patch-report.ts) adds them
    hasSuggestions: true,
    messages: { ...PATCH_MESSAGES, ...SUGGESTION_MESSAGES },
  },
  defaultOptions: DEFAULT_RULE_OPTIONS,
  create(context) {
    return {
      'Program:exit'() {
        reportPatches(context, (patch, { structure, frameworks, patches, strict, isolation }) => {
          // State changed through an API (`process.chdir`, `process.on`): the catalogue names the rule and the undo.
          if (patch.api) return patch.api.rule === 'global' && (strict || !patch.api.usedUp) ? patch.api.remedy : undefined;
          const target = patch.target;
          if (target.kind !== 'global' || MODULE_SYSTEM_GLOBALS.has(target.name)) return undefined;
          // A global name no standard environment defines, where no other file can read it, is the test file's own (`globalThis.clsx`): hygiene.
          // No other file can read it where files are isolated, nor where no other file of the project names it.
          if (!strict && isTestOwnedGlobal(target) && (!laterFilesReason(isolation, target) || !namedElsewhere(context.filename, target.name))) return undefined;
          const kind = kindOf(context.sourceCode, patch);
          if (kind !== 'function' && DOM_CONTENT.some((p) => 'global' in p && p.global === target.name && p.path.every((key, i) => target.path[i] === key))) {
            return undefined;
          }
          const variable = environmentVariable(target);
          // Teardown that deletes a variable the machine, a shell or CI may provide loses its value for every later test.
          const losesProvided = variable !== undefined && isProvidedEnvironmentVariable(variable) && patch.verdict.kind === 'unrestored' && isAfterHook(patch.verdict.registration?.role);
          const fileSets = patches.some((other) => other.write.form !== 'delete' && sameOrigin(other.target, target));
          // `delete globalThis.x` after the file set `x` itself is cleanup, not a patch; in teardown, a variable the environment
          // provides is reported in place of the test's writes it takes away, and only then (what the code under test set is its cleanup).
          if (patch.write.form === 'delete' && (losesProvided ? !fileSets : fileSets)) return undefined;
          // So is deleting an environment variable that only the tests and the code under test set.
          if (patch.write.form === 'delete' && variable !== undefined && !isProvidedEnvironmentVariable(variable)) return undefined;
          // A variable the test makes up and nothing else names (`FOO_BAR_BAZ`): hygiene.
          if (!strict && variable !== undefined && isTestOwnedEnvironmentVariable(context.sourceCode, structure, patch.write, variable, context.filename)) return undefined;
          // A key no built-in has (`String.type`): every helper that replaces throws for it.
          // A stream's keys depend on the terminal: only saving and putting back works everywhere.
          if (isProcessStreamMember(target)) return GENERIC_REMEDY;
          const remedy = keyPresence(target) === 'absent' ? newKeyRemedyFor(structure.mockLibraries, objectText(context, patch), keyText(patch)) : remedyFor(frameworks, structure.mockLibraries, objectText(context, patch), keyText(patch), kind);
          return { remedy, kind };
        });
      },
    };
  },
});

function kindOf(sourceCode: Parameters<typeof isFunctionValue>[0], patch: Patch): GlobalTargetKind {
  const { target, write } = patch;
  if (target.kind !== 'global') return 'value';
  const path = target.path;
  if (target.name === ENVIRONMENT.global && path.length === ENVIRONMENT.path.length + 1 && ENVIRONMENT.path.every((key, i) => path[i] === key)) {
    return 'env';
  }
  const isFunction = write.value !== undefined && write.form !== 'define' && isFunctionValue(sourceCode, write.value);
  if (path.length === 0) return isFunction ? 'globalFunction' : 'globalValue';
  return isFunction ? 'function' : 'value';
}
