import { esc, page } from './render-html.ts';
import { CATEGORY_TITLES, sideName } from './render-common.ts';
import { CATEGORIES, type DiffReport } from './types.ts';

/** One report written by `diff --all`, as the index lists it. Paths are relative to the index. */
export interface IndexEntry {
  report: DiffReport;
  html: string;
  md: string;
  json: string;
}

/**
 * reports/index.html: every report with its totals and links to its three renderings. Same
 * shell and CSP as the reports (no network). No timestamp, so reruns on the same specs give
 * the same bytes.
 */
export function renderIndex(entries: IndexEntry[]): string {
  const catHead = CATEGORIES.map((c) => `<th title="${esc(CATEGORY_TITLES[c])}">${c}</th>`).join(
    '',
  );
  const rows = entries
    .map((e) => {
      const { summary, from, to } = e.report;
      const cats = CATEGORIES.map((c) => {
        const t = summary.byCategory[c];
        return `<td class="num">${t.breaking ? `<span class="breaking">${t.breaking}</span> / ` : ''}${t.nonBreaking}</td>`;
      }).join('');
      const links = [
        `<a href="${esc(e.html)}">HTML</a>`,
        `<a href="${esc(e.md)}">Markdown</a>`,
        `<a href="${esc(e.json)}">JSON</a>`,
      ].join(' · ');
      return `<tr data-service="${esc(to.service)}"><td>${esc(to.service)}</td><td><a href="${esc(e.html)}">${esc(sideName(from))} → ${esc(sideName(to))}</a></td><td class="num breaking">${summary.breaking}</td><td class="num">${summary.nonBreaking}</td>${cats}<td>${links}</td></tr>`;
    })
    .join('\n');
  const breaking = entries.reduce((n, e) => n + e.report.summary.breaking, 0);
  const nonBreaking = entries.reduce((n, e) => n + e.report.summary.nonBreaking, 0);
  const body = `<header><h1>API surface reports</h1>
<p class="sides">${entries.length} reports: each service's SOAP → REST migration, and each spec history version → current. Per category: breaking / non-breaking.</p></header>
<section id="totals" aria-label="Totals">
<div class="big"><span id="total-breaking" class="n breaking">${breaking}</span> breaking</div>
<div class="big"><span id="total-non-breaking" class="n">${nonBreaking}</span> non-breaking</div>
</section>
<table id="reports"><thead><tr><th>Service</th><th>Report</th><th>Breaking</th><th>Non-breaking</th>${catHead}<th>Files</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
  return page('API surface reports', body);
}
