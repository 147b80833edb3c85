import { readFile, writeFile } from 'node:fs/promises';
import { esc, page } from './diff/render-html.ts';

/**
 * `adsgen shadow-report <log.jsonl>`: the differences shadow mode collected (one
 * ShadowDifference per line, as `onDifference` wrote them), grouped by operation and path,
 * as Markdown or a self-contained HTML page in the static diff report's style.
 */
export interface ShadowRecord {
  service: string;
  operation: string;
  primary: string;
  shadow: string;
  path: string;
  primaryValue: unknown;
  shadowValue: unknown;
  kind: 'value' | 'error';
  at?: string;
}

export interface ShadowGroup {
  service: string;
  operation: string;
  path: string;
  kind: 'value' | 'error';
  count: number;
  /** Protocol pairs seen (`rest→soap`). */
  directions: string[];
  /** The first occurrence's values. */
  example: { primaryValue: unknown; shadowValue: unknown };
  first?: string;
  last?: string;
}

export class ShadowLogError extends Error {
  override readonly name = 'ShadowLogError';
}

/** Parses the JSONL log; a malformed line is a ShadowLogError naming the line. */
export function parseShadowLog(text: string, file = 'log'): ShadowRecord[] {
  const out: ShadowRecord[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw new ShadowLogError(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    const r = value as Partial<ShadowRecord> | null;
    if (
      !r ||
      typeof r !== 'object' ||
      typeof r.operation !== 'string' ||
      typeof r.path !== 'string' ||
      typeof r.service !== 'string'
    )
      throw new ShadowLogError(
        `${file}:${i + 1}: not a shadow difference (needs service, operation and path)`,
      );
    out.push({
      service: r.service,
      operation: r.operation,
      primary: String(r.primary ?? '?'),
      shadow: String(r.shadow ?? '?'),
      path: r.path,
      primaryValue: r.primaryValue,
      shadowValue: r.shadowValue,
      kind: r.kind === 'error' ? 'error' : 'value',
      ...(typeof r.at === 'string' ? { at: r.at } : {}),
    });
  });
  return out;
}

/** Array indexes folded (`Campaigns[3].Name` → `Campaigns[].Name`), so one drift is one row. */
export function groupDifferences(records: ShadowRecord[]): ShadowGroup[] {
  const groups = new Map<string, ShadowGroup>();
  for (const r of records) {
    const path = r.path.replace(/\[\d+\]/g, '[]');
    const key = `${r.service}\u0000${r.operation}\u0000${path}\u0000${r.kind}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        service: r.service,
        operation: r.operation,
        path,
        kind: r.kind,
        count: 0,
        directions: [],
        example: { primaryValue: r.primaryValue, shadowValue: r.shadowValue },
      };
      groups.set(key, g);
    }
    g.count++;
    const direction = `${r.primary}→${r.shadow}`;
    if (!g.directions.includes(direction)) g.directions.push(direction);
    if (r.at) {
      if (!g.first || r.at < g.first) g.first = r.at;
      if (!g.last || r.at > g.last) g.last = r.at;
    }
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.service.localeCompare(b.service) ||
      a.operation.localeCompare(b.operation) ||
      a.path.localeCompare(b.path),
  );
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

export function renderShadowMarkdown(groups: ShadowGroup[], source: string): string {
  const total = groups.reduce((n, g) => n + g.count, 0);
  const lines = [
    '# Shadow mode: SOAP vs REST differences at run time',
    '',
    `Source: \`${source}\`. ${total} difference(s) in ${groups.length} place(s), over ${new Set(groups.map((g) => `${g.service}.${g.operation}`)).size} operation(s).`,
    '',
  ];
  if (groups.length === 0) {
    lines.push('No differences: every shadowed read decoded the same over both protocols.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    '| service | operation | path | kind | count | primary→shadow | primary value | shadow value |',
    '| --- | --- | --- | --- | ---: | --- | --- | --- |',
  );
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  for (const g of groups) {
    lines.push(
      `| ${g.service} | ${g.operation} | \`${cell(g.path || '(result)')}\` | ${g.kind} | ${g.count} | ${g.directions.join(', ')} | \`${cell(show(g.example.primaryValue))}\` | \`${cell(show(g.example.shadowValue))}\` |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function renderShadowHtml(groups: ShadowGroup[], source: string): string {
  const title = 'Shadow mode: SOAP vs REST differences at run time';
  const total = groups.reduce((n, g) => n + g.count, 0);
  const rows = groups
    .map(
      (g) =>
        `<tr data-kind="${g.kind}"><td>${esc(g.service)}</td><td>${esc(g.operation)}</td><td><code>${esc(g.path || '(result)')}</code></td><td>${g.kind}</td><td class="num">${g.count}</td><td>${esc(g.directions.join(', '))}</td><td><code>${esc(show(g.example.primaryValue))}</code></td><td><code>${esc(show(g.example.shadowValue))}</code></td></tr>`,
    )
    .join('\n');
  const body = [
    `<header><h1>${esc(title)}</h1><p class="sides">${esc(source)}</p></header>`,
    `<section id="totals"><div class="big"><span id="total-differences" class="n${total ? ' breaking' : ''}">${total}</span> difference(s) in ${groups.length} place(s)</div></section>`,
    groups.length === 0
      ? '<p id="no-changes">No differences: every shadowed read decoded the same over both protocols.</p>'
      : `<table id="differences"><thead><tr><th>Service</th><th>Operation</th><th>Path</th><th>Kind</th><th>Count</th><th>Primary→shadow</th><th>Primary value</th><th>Shadow value</th></tr></thead>\n<tbody>\n${rows}\n</tbody></table>`,
  ].join('\n');
  return page(title, body);
}

export async function runShadowReport(
  args: { log: string; format: 'md' | 'html'; out?: string },
  io: { out: (s: string) => void },
): Promise<number> {
  const text = await readFile(args.log, 'utf8');
  const groups = groupDifferences(parseShadowLog(text, args.log));
  const rendered =
    args.format === 'html'
      ? renderShadowHtml(groups, args.log)
      : renderShadowMarkdown(groups, args.log);
  if (args.out) {
    await writeFile(args.out, rendered);
    io.out(`${args.out}: ${groups.length} place(s) with differences`);
  } else io.out(rendered);
  return 0;
}
