/**
 * How findings are printed: `stylish` for people (colour only on a terminal), `json` for tools,
 * `sarif` (2.1.0) for code-scanning upload, `github` for workflow annotations. Findings arrive
 * sorted by file and position, so every format is stable across runs.
 */
import path from 'node:path';
import { notCheckedOf, type Finding, type NotChecked, type Report } from './report.js';
import { sarif } from './sarif.js';

export function relative(report: Report, file: string): string {
  return path.relative(report.cwd, file).split(path.sep).join('/');
}

export function format(report: Report, name: 'stylish' | 'json' | 'sarif' | 'github', color: boolean): string {
  switch (name) {
    case 'stylish':
      return stylish(report, color);
    case 'json':
      return `${JSON.stringify(json(report), null, 2)}\n`;
    case 'sarif':
      return `${JSON.stringify(sarif(report), null, 2)}\n`;
    case 'github':
      return github(report);
  }
}

/** One line: files checked, findings by rule, time taken. */
export function summary(report: Report): string {
  const byRule = countByRule(report);
  const rules = [...Object.entries(byRule), ...Object.entries(countNotChecked(report))].map(([rule, count]) => `${rule} ${count}`).join(', ');
  const seconds = (report.durationMs / 1000).toFixed(2);
  const plural = report.findings.length === 1 ? '' : 's';
  return `patch-leak: ${report.files} test file${report.files === 1 ? '' : 's'} checked, ${report.findings.length} finding${plural}${rules ? ` (${rules})` : ''} in ${seconds}s`;
}

/** Findings per rule id; files that were not checked are counted apart, by cause (`countNotChecked`). */
function countByRule(report: Report): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of report.findings) {
    if (finding.ruleId !== null) counts[finding.ruleId] = (counts[finding.ruleId] ?? 0) + 1;
  }
  return counts;
}

/** Files not checked, by cause; only the causes that occurred. */
function countNotChecked(report: Report): Partial<Record<NotChecked, number>> {
  const counts: Partial<Record<NotChecked, number>> = {};
  for (const finding of report.findings) {
    const cause = notCheckedOf(finding);
    if (cause) counts[cause] = (counts[cause] ?? 0) + 1;
  }
  return counts;
}

function alsoUsedBy(report: Report, finding: Finding): string | undefined {
  const others = finding.alsoUsedBy;
  if (others.length === 0) return undefined;
  return `also used by ${others.length} other test file${others.length === 1 ? '' : 's'}: ${others.map((f) => relative(report, f)).join(', ')}`;
}

/**
 * ESLint's stylish formatter drops a message's final period (after a non-space); the command's
 * stylish output does the same, so a finding reads the same in both. json, sarif and github keep
 * the message as ESLint's own JSON does.
 */
function asStylishShowsIt(message: string): string {
  return message.replace(/([^ ])\.$/u, '$1');
}

function stylish(report: Report, color: boolean): string {
  const paint = (code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[39m` : text);
  const dim = (text: string) => (color ? `\u001b[2m${text}\u001b[22m` : text);
  const lines: string[] = [];
  let file: string | undefined;
  for (const finding of report.findings) {
    if (finding.file !== file) {
      if (file !== undefined) lines.push('');
      file = finding.file;
      lines.push(color ? `\u001b[4m${relative(report, file)}\u001b[24m` : relative(report, file));
    }
    const severity = finding.severity === 'error' ? paint(31, 'error') : paint(33, 'warning');
    lines.push(`  ${dim(`${finding.line}:${finding.column}`)}  ${severity}  ${asStylishShowsIt(finding.message)}  ${dim(finding.ruleId ?? '')}`.trimEnd());
    const also = alsoUsedBy(report, finding);
    if (also) lines.push(`    ${also}`);
  }
  if (lines.length > 0) lines.push('');
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  const warnings = report.findings.length - errors;
  if (report.findings.length > 0) {
    lines.push(paint(errors > 0 ? 31 : 33, `✖ ${report.findings.length} problem${report.findings.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`));
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** The documented JSON shape (version 1). */
function json(report: Report) {
  return {
    version: 1,
    tool: { name: 'patch-leak', version: report.version },
    summary: {
      files: report.files,
      findings: report.findings.length,
      byRule: countByRule(report),
      notChecked: countNotChecked(report),
      durationMs: Math.round(report.durationMs),
    },
    findings: report.findings.map((finding) => ({
      file: relative(report, finding.file),
      line: finding.line,
      column: finding.column,
      endLine: finding.endLine ?? null,
      endColumn: finding.endColumn ?? null,
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      alsoUsedBy: finding.alsoUsedBy.map((f) => relative(report, f)),
    })),
  };
}

/** GitHub workflow commands: `::error file=...,line=...::message`, escaped as the runner expects. */
function github(report: Report): string {
  const data = (text: string) => text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  const property = (text: string) => data(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
  return report.findings
    .map((finding) => {
      const props = [`file=${property(relative(report, finding.file))}`, `line=${finding.line}`, `col=${finding.column}`];
      if (finding.endLine !== undefined) props.push(`endLine=${finding.endLine}`);
      if (finding.endColumn !== undefined) props.push(`endColumn=${finding.endColumn}`);
      props.push(`title=${property(finding.ruleId ?? (notCheckedOf(finding) ?? 'parse-error').replace('-', ' '))}`);
      const also = alsoUsedBy(report, finding);
      return `::${finding.severity === 'error' ? 'error' : 'warning'} ${props.join(',')}::${data(also ? `${finding.message} (${also})` : finding.message)}\n`;
    })
    .join('');
}
