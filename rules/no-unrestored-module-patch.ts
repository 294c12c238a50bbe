import { matchesAny, originOf, unwrap } from '../src/analysis/values/binding.js';
import { remedyFor, VALUE_FACTORIES } from '../src/analysis/runner/frameworks.js';
import { AST_NODE_TYPES, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { isTestOwnedModuleKey } from '../src/analysis/visibility/hygiene.js';
import { createRule } from '../src/rule/create-rule.js';
import { DEFAULT_RULE_OPTIONS, RULE_OPTIONS_SCHEMA, type RuleOptions } from '../src/rule/rule-options.js';
import { keyText, objectText, PATCH_MESSAGES, reportBlockWrites, reportPatches, type PatchMessageId } from '../src/rule/patch-report.js';
import { patchesOf } from '../src/analysis/patches/patches.js';
import { SUGGESTION_MESSAGES, type SuggestionMessageId } from '../src/fix/messages.js';

export default createRule<[RuleOptions], PatchMessageId | SuggestionMessageId>({
  name: 'no-unrestored-module-patch',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow replacing members of imported modules in tests without a guaranteed restore',
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
        reportPatches(context, (patch, { structure, frameworks, strict }) => {
          // A library setting changed through its API (`mongoose.set(key, value)`): the catalogue names the rule and the undo.
          // What the code under test uses up (a nock interceptor without `persist()`) is hygiene, reported with `strict`.
          if (patch.api) return patch.api.rule === 'module' && (strict || !patch.api.usedUp) ? patch.api.remedy : undefined;
          if (patch.target.kind !== 'module') return undefined;
          // `delete mod.x` with no restore anywhere is nearly always cleanup of a member that the
          // test or the code under test added; it is judged only when the file also restores it.
          if (patch.write.form === 'delete' && patch.verdict.kind === 'unrestored') return undefined;
          // A key the test adds to a registry for itself, that nothing else names (`Schema.Types.Int8 = Int8`): hygiene.
          if (!strict && isTestOwnedModuleKey(context.sourceCode, structure, patch.write, context.filename)) return undefined;
          // A spy only replaces functions (`vi.spyOn(settings, 'retries')` throws on a number): a
          // member given a plain value, or changed in place, gets the remedies for values.
          const kind = patch.write.form === 'modify' || isPlainValue(context.sourceCode, patch.write.value) ? 'value' : 'module';
          return { remedy: remedyFor(frameworks, structure.mockLibraries, objectText(context, patch), keyText(patch), kind), kind };
        });
        // Members of objects the tests of a describe share (the file makes them): the block's later tests see a write.
        const { structure } = patchesOf(context);
        reportBlockWrites(context, (object, key, fake) => remedyFor(structure.frameworks, structure.mockLibraries, object, key, fake ? 'module' : 'value'));
      },
    };
  },
});

/** A literal, template, object or array: a value that is certainly not a function. */
function isPlainValue(sourceCode: TSESLint.SourceCode, value: TSESTree.Node | undefined): boolean {
  if (!value) return false;
  const expr = unwrap(value);
  if (expr.type === AST_NODE_TYPES.UnaryExpression) return expr.argument.type === AST_NODE_TYPES.Literal;
  // `JSON.stringify({...})`, `String(n)`: a primitive made by a built-in.
  if (expr.type === AST_NODE_TYPES.CallExpression) return matchesAny(originOf(sourceCode, expr.callee), VALUE_FACTORIES);
  return [AST_NODE_TYPES.Literal, AST_NODE_TYPES.TemplateLiteral, AST_NODE_TYPES.ObjectExpression, AST_NODE_TYPES.ArrayExpression].includes(expr.type);
}
