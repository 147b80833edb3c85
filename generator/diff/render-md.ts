import {
  addressColumns,
  BREAKING_NOTE,
  CATEGORY_TITLES,
  describeSide,
  reportTitle,
} from './render-common.ts';
import { CATEGORIES, type Change, type DiffReport } from './types.ts';

/**
 * The Markdown report (the default output of `adsgen diff`): title, the two files, totals per
 * category, then the breaking and the non-breaking changes grouped by category, then the
 * operation table with SOAP action and REST method/path side by side.
 */
export function renderMarkdown(report: DiffReport): string {
  const lines: string[] = [];
  const { summary } = report;
  lines.push(`# ${esc(reportTitle(report))}`, '');
  lines.push(
    `- From: ${esc(describeSide(report.from))}`,
    `- To: ${esc(describeSide(report.to))}`,
    '',
  );
  if (report.changes.length === 0) {
    lines.push('No differences: the two surfaces are the same.', '');
    return lines.join('\n');
  }
  lines.push(
    `**${summary.breaking} breaking, ${summary.nonBreaking} non-breaking** changes.`,
    '',
    `_${BREAKING_NOTE}_`,
    '',
  );
  lines.push('| Category | Breaking | Non-breaking |', '|---|---:|---:|');
  for (const c of CATEGORIES) {
    const t = summary.byCategory[c];
    if (t.breaking + t.nonBreaking > 0)
      lines.push(`| ${esc(CATEGORY_TITLES[c])} | ${t.breaking} | ${t.nonBreaking} |`);
  }
  lines.push(`| **Total** | **${summary.breaking}** | **${summary.nonBreaking}** |`, '');

  for (const [title, breaking] of [
    ['Breaking changes', true],
    ['Non-breaking changes', false],
  ] as const) {
    const selected = report.changes.filter((c) => c.breaking === breaking);
    if (selected.length === 0) continue;
    lines.push(`## ${title} (${selected.length})`, '');
    for (const category of CATEGORIES) {
      const group = selected.filter((c) => c.category === category);
      if (group.length === 0) continue;
      lines.push(`### ${esc(CATEGORY_TITLES[category])} (${group.length})`, '');
      for (const c of group) lines.push(`- ${item(c)}`);
      lines.push('');
    }
  }

  const cols = addressColumns(report);
  if (report.operations.length > 0 && (cols.soap || cols.rest)) {
    lines.push(`## Operations (${report.operations.length})`, '');
    const head = [
      'Operation',
      ...(cols.soap ? ['SOAP action'] : []),
      ...(cols.rest ? ['REST method and path'] : []),
      'In',
    ];
    lines.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
    for (const op of report.operations) {
      const cells = [
        esc(op.name),
        ...(cols.soap ? [op.soapAction ? code(op.soapAction) : ''] : []),
        ...(cols.rest ? [op.rest ? code(`${op.rest.method} ${op.rest.path}`) : ''] : []),
        op.presence === 'both' ? 'both' : op.presence === 'from' ? 'removed' : 'added',
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function item(c: Change): string {
  const where = [c.operation, c.type && (c.field ? `${c.type}.${c.field}` : c.type)]
    .filter(Boolean)
    .join(' · ');
  return `\`${c.kind}\`${where ? ` ${esc(where)}` : ''}: ${esc(c.message)}`;
}

function code(s: string): string {
  return `\`${s.replace(/`/g, "'")}\``;
}

/** Backslash-escapes what Markdown would read as markup (underscores inside names are safe). */
function esc(s: string): string {
  return s.replace(/[\\`*<>[\]|]/g, (ch) => `\\${ch}`);
}
