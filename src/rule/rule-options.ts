/**
 * The options every rule takes. `strict` also reports what is hygiene rather than a leak (see
 * analysis/visibility/hygiene.ts): spies that only watch calls, global names a test file adds for
 * itself, spies on a module the file auto-mocks, a describe body where files are isolated, and
 * per-test inputs (per-test-input.ts).
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';

export interface RuleOptions {
  readonly strict?: boolean;
}

export const RULE_OPTIONS_SCHEMA: JSONSchema4[] = [
  {
    type: 'object',
    properties: {
      strict: {
        type: 'boolean',
        description: 'Also report replacements that stay in place but change nothing a later test relies on (hygiene, not leaks).',
      },
    },
    additionalProperties: false,
  },
];

export const DEFAULT_RULE_OPTIONS: [RuleOptions] = [{ strict: false }];
