/**
 * What a run found: its findings and the files it could not check. The command builds it
 * (main.ts) and every output format prints it (formats.ts, sarif.ts).
 */

export interface Finding {
  /** Absolute path. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
  /** null for a file that does not parse or that ESLint could not lint (see `failure`). */
  readonly ruleId: string | null;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  /** Other checked test files that import the module this finding patches (absolute paths). */
  readonly alsoUsedBy: readonly string[];
  /** Set when the file could not be checked: it cannot be read, or its analysis failed (an internal error). */
  readonly failure?: 'unreadable' | 'internal-error';
}

export interface Report {
  readonly cwd: string;
  readonly version: string;
  readonly files: number;
  readonly findings: readonly Finding[];
  readonly durationMs: number;
}

/** Why a file was not checked, for a finding with no rule: it does not parse, cannot be read, or its analysis failed. */
export type NotChecked = 'parse-error' | 'unreadable' | 'internal-error';

export function notCheckedOf(finding: Finding): NotChecked | undefined {
  return finding.ruleId === null ? (finding.failure ?? 'parse-error') : undefined;
}
