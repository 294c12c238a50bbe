/**
 * The SARIF 2.1.0 log that code scanning uploads: every rule of the plugin described once (short
 * and full description, help text and markdown, default level), each result pointing at its rule
 * by `ruleIndex`, and locations as percent-encoded URIs relative to the `SRCROOT` base.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '../../rules/index.js';
import { REPOSITORY_URL } from '../rule/create-rule.js';
import { notCheckedOf, type Finding, type NotChecked, type Report } from './report.js';

/** The ids SARIF results carry for a file that was not checked (its ESLint `ruleId` is null), with their description. */
const NOT_CHECKED: Record<NotChecked, string> = {
  'parse-error': 'The file does not parse, so no rule could check it.',
  unreadable: 'The file could not be read, so no rule could check it.',
  'internal-error': 'The analysis of the file failed (an internal error), so it was not checked.',
};
const DOCS = fileURLToPath(new URL('../../../docs/rules/', import.meta.url));

interface RuleDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: 'error' | 'warning' };
}

export function sarif(report: Report) {
  const descriptors = ruleDescriptors(new Set(report.findings.flatMap((f) => notCheckedOf(f) ?? [])));
  const index = new Map(descriptors.map((rule, i) => [rule.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'patch-leak', version: report.version, informationUri: REPOSITORY_URL, rules: descriptors } },
        originalUriBaseIds: { SRCROOT: { uri: `${fileUri(report.cwd)}/` } },
        results: report.findings.map((finding) => {
          const ruleId = finding.ruleId ?? notCheckedOf(finding) ?? 'parse-error';
          return {
            ruleId,
            // A rule of a user's own config (`--all-rules`) is not described in the driver: no index.
            ...(index.has(ruleId) ? { ruleIndex: index.get(ruleId) } : {}),
            level: finding.severity,
            message: { text: finding.message },
            locations: [{ physicalLocation: { artifactLocation: artifact(report, finding.file), region: region(finding) } }],
            ...(finding.alsoUsedBy.length > 0
              ? {
                  relatedLocations: finding.alsoUsedBy.map((file, id) => ({
                    id,
                    message: { text: 'also imports the patched module' },
                    physicalLocation: { artifactLocation: artifact(report, file) },
                  })),
                }
              : {}),
          };
        }),
      },
    ],
  };
}

/** The plugin's rules in a fixed order (so a rule's index never depends on which rules found something), then the causes of files not checked that occurred. */
function ruleDescriptors(notChecked: ReadonlySet<NotChecked>): RuleDescriptor[] {
  const described: RuleDescriptor[] = Object.entries(rules).map(([name, rule]) => {
    const id = `patch-leak/${name}`;
    const short = `${rule.meta.docs?.description ?? id}.`;
    const helpUri = `${REPOSITORY_URL}/blob/main/docs/rules/${name}.md`;
    const why = whyOf(name) ?? short;
    return {
      id,
      name,
      shortDescription: { text: short },
      fullDescription: { text: plain(why) },
      help: { text: `${plain(why)} Documentation: ${helpUri}`, markdown: `${why}\n\n[Documentation of ${id}](${helpUri})` },
      helpUri,
      // Every rule is an error in the configs that enable it (recommended, strict).
      defaultConfiguration: { level: 'error' },
    };
  });
  const causes = (Object.keys(NOT_CHECKED) as NotChecked[]).filter((cause) => notChecked.has(cause));
  return [
    ...described,
    ...causes.map((id): RuleDescriptor => {
      const text = NOT_CHECKED[id];
      return { id, name: id, shortDescription: { text }, fullDescription: { text }, help: { text, markdown: text }, defaultConfiguration: { level: id === 'internal-error' ? 'warning' : 'error' } };
    }),
  ];
}

/** The first paragraph of the rule's documentation after its generated header (the why), or undefined when the docs are not installed. */
function whyOf(name: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(DOCS, `${name}.md`), 'utf8');
  } catch {
    return undefined;
  }
  const body = text.split('<!-- end auto-generated rule header -->')[1];
  const paragraph = body?.trim().split(/\n\s*\n/)[0];
  return paragraph ? paragraph.replace(/\s*\n\s*/g, ' ') : undefined;
}

/** Markdown without backticks and link targets, for the plain-text fields. */
function plain(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replaceAll('`', '');
}

function region(finding: Finding) {
  const region: Record<string, number> = { startLine: finding.line, startColumn: Math.max(1, finding.column) };
  if (finding.endLine !== undefined) region.endLine = finding.endLine;
  if (finding.endColumn !== undefined) region.endColumn = finding.endColumn;
  return region;
}

/** A file relative to SRCROOT as a URI reference: each path segment percent-encoded (spaces, `%`, `#`, non-ASCII). */
function artifact(report: Report, file: string) {
  const relative = path.relative(report.cwd, file).split(path.sep);
  return { uri: relative.map(encodeURIComponent).join('/'), uriBaseId: 'SRCROOT' };
}

function fileUri(dir: string): string {
  const segments = dir.split(path.sep).map(encodeURIComponent).join('/');
  return `file://${segments.startsWith('/') ? '' : '/'}${segments}`;
}
