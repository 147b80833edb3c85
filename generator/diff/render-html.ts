import {
  addressColumns,
  BREAKING_NOTE,
  CATEGORY_TITLES,
  describeSide,
  reportTitle,
} from './render-common.ts';
import { CATEGORIES, type Change, type DiffReport, type OperationRow } from './types.ts';

/**
 * The HTML report: one self-contained page. Everything is rendered into the markup (totals,
 * rows), so it reads without scripts; the inline script only filters rows. No external URL
 * anywhere, and a Content-Security-Policy that forbids every fetch (default-src 'none'), so
 * opening the file never makes a network request.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

export function renderHtml(report: DiffReport): string {
  const title = reportTitle(report);
  const restOf = new Map(report.operations.filter((o) => o.rest).map((o) => [o.name, o.rest!]));
  const body = [
    `<header><h1>${esc(title)}</h1><p class="sides">${esc(describeSide(report.from))}<br>${esc(describeSide(report.to))}</p></header>`,
    totals(report),
    report.changes.length === 0
      ? '<p id="no-changes">No differences: the two surfaces are the same.</p>'
      : changeTable(report.changes, restOf),
    operationTable(report),
  ].join('\n');
  return page(title, body, report.changes.length > 0 ? FILTER_SCRIPT : '');
}

/** The page shell shared with the index page. */
export function page(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
${script ? `<script>${script}</script>` : ''}
</body>
</html>
`;
}

function totals(report: DiffReport): string {
  const { summary } = report;
  const rows = CATEGORIES.map((c) => {
    const t = summary.byCategory[c];
    return `<tr data-category="${c}"><th scope="row"><button type="button" data-filter-category="${c}">${esc(CATEGORY_TITLES[c])}</button></th><td class="num${t.breaking ? ' breaking' : ''}">${t.breaking}</td><td class="num">${t.nonBreaking}</td></tr>`;
  }).join('\n');
  return `<section id="totals" aria-label="Totals">
<div class="big"><span id="total-breaking" class="n breaking">${summary.breaking}</span> breaking</div>
<div class="big"><span id="total-non-breaking" class="n">${summary.nonBreaking}</span> non-breaking</div>
<table class="categories"><thead><tr><th>Category</th><th>Breaking</th><th>Non-breaking</th></tr></thead>
<tbody>
${rows}
</tbody>
<tfoot><tr><th scope="row">Total</th><td class="num" id="sum-breaking">${summary.breaking}</td><td class="num" id="sum-non-breaking">${summary.nonBreaking}</td></tr></tfoot>
</table>
<p class="note">${esc(BREAKING_NOTE)}</p>
</section>`;
}

function changeTable(
  changes: Change[],
  restOf: Map<string, { method: string; path: string }>,
): string {
  const options = CATEGORIES.map(
    (c) => `<option value="${c}">${esc(CATEGORY_TITLES[c])}</option>`,
  ).join('');
  const rows = changes
    .map((c) => {
      const rest = c.operation ? restOf.get(c.operation) : undefined;
      const op = c.operation
        ? `${esc(c.operation)}${rest ? `<div class="rest">${esc(rest.method)} ${esc(rest.path)}</div>` : ''}`
        : '';
      const where = c.type ? esc(c.field ? `${c.type}.${c.field}` : c.type) : '';
      const badge = c.breaking
        ? '<span class="badge b">breaking</span>'
        : '<span class="badge">non-breaking</span>';
      return `<tr data-breaking="${c.breaking}" data-category="${c.category}"><td>${badge}</td><td>${c.category}</td><td><code>${c.kind}</code></td><td>${op}</td><td>${where}</td><td>${esc(c.message)}</td></tr>`;
    })
    .join('\n');
  return `<section id="changes" aria-label="Changes">
<h2>Changes</h2>
<div class="controls">
<input type="search" id="filter" placeholder="Filter by operation, type, field or text" aria-label="Filter changes">
<label><input type="checkbox" id="show-breaking" checked> breaking</label>
<label><input type="checkbox" id="show-non-breaking" checked> non-breaking</label>
<select id="category" aria-label="Category"><option value="">All categories</option>${options}</select>
<span id="shown">${changes.length} of ${changes.length} shown</span>
</div>
<table id="change-table"><thead><tr><th></th><th>Category</th><th>Kind</th><th>Operation</th><th>Type.field</th><th>Change</th></tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

function operationTable(report: DiffReport): string {
  const cols = addressColumns(report);
  if (report.operations.length === 0 || (!cols.soap && !cols.rest)) return '';
  const presence = (o: OperationRow): string =>
    o.presence === 'both' ? 'both' : o.presence === 'from' ? 'removed' : 'added';
  const rows = report.operations
    .map((o) => {
      const cells = [
        `<td>${esc(o.name)}</td>`,
        ...(cols.soap
          ? [`<td>${o.soapAction ? `<code>${esc(o.soapAction)}</code>` : ''}</td>`]
          : []),
        ...(cols.rest
          ? [`<td>${o.rest ? `<code>${esc(o.rest.method)} ${esc(o.rest.path)}</code>` : ''}</td>`]
          : []),
        `<td>${presence(o)}</td>`,
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const head = [
    'Operation',
    ...(cols.soap ? ['SOAP action'] : []),
    ...(cols.rest ? ['REST method and path'] : []),
    'In',
  ];
  return `<section id="operations" aria-label="Operations">
<h2>Operations (${report.operations.length})</h2>
<table><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody></table>
</section>`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light dark; --b: #c62828; --muted: #6b6b6b; --line: #8884; }
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5rem auto; max-width: 1400px; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
.sides, .note { color: var(--muted); }
#totals { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; align-items: flex-start; margin: 1rem 0; }
.big { font-size: 1.1rem; }
.big .n { display: block; font-size: 2.4rem; font-weight: 700; line-height: 1; }
.breaking { color: var(--b); }
.note { flex-basis: 100%; font-size: .9rem; margin: 0; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.categories button { all: unset; cursor: pointer; text-decoration: underline dotted; }
.controls { display: flex; flex-wrap: wrap; gap: .75rem; align-items: center; margin: .5rem 0; position: sticky; top: 0; background: Canvas; padding: .4rem 0; }
#filter { min-width: 22rem; padding: .3rem; }
#shown { color: var(--muted); }
#change-table { width: 100%; table-layout: fixed; }
#change-table th:nth-child(1) { width: 7em; }
#change-table th:nth-child(2) { width: 6.5em; }
#change-table th:nth-child(3) { width: 13%; }
#change-table th:nth-child(4) { width: 17%; }
#change-table th:nth-child(5) { width: 16%; }
#change-table td { overflow-wrap: anywhere; }
.badge { font-size: .75rem; padding: .05rem .4rem; border-radius: .6rem; border: 1px solid var(--line); white-space: nowrap; }
.badge.b { background: var(--b); color: #fff; border-color: var(--b); }
.rest { color: var(--muted); font-family: ui-monospace, monospace; font-size: .8rem; }
code { font-family: ui-monospace, monospace; font-size: .85em; }
`;

/** Row filter: text box, breaking/non-breaking toggles, category (also from the totals table). */
const FILTER_SCRIPT = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#change-table tbody tr'));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var q = document.getElementById('filter');
  var sb = document.getElementById('show-breaking');
  var snb = document.getElementById('show-non-breaking');
  var cat = document.getElementById('category');
  var shown = document.getElementById('shown');
  function apply() {
    var needle = q.value.trim().toLowerCase();
    var n = 0;
    rows.forEach(function (r, i) {
      var b = r.getAttribute('data-breaking') === 'true';
      var ok = (b ? sb.checked : snb.checked) &&
        (!cat.value || r.getAttribute('data-category') === cat.value) &&
        (!needle || texts[i].indexOf(needle) >= 0);
      r.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = n + ' of ' + rows.length + ' shown';
  }
  q.addEventListener('input', apply);
  sb.addEventListener('change', apply);
  snb.addEventListener('change', apply);
  cat.addEventListener('change', apply);
  Array.prototype.forEach.call(document.querySelectorAll('[data-filter-category]'), function (btn) {
    btn.addEventListener('click', function () {
      cat.value = cat.value === btn.getAttribute('data-filter-category') ? '' : btn.getAttribute('data-filter-category');
      apply();
    });
  });
})();
`;
