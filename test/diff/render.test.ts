import { describe, expect, it } from 'vitest';
import { summarizeSpecChanges } from '../../generator/diff/change-summary.ts';
import { diffModels } from '../../generator/diff/compare.ts';
import { HTML_CSP, renderHtml } from '../../generator/diff/render-html.ts';
import { renderIndex } from '../../generator/diff/render-index.ts';
import { renderJson } from '../../generator/diff/render-json.ts';
import { renderMarkdown } from '../../generator/diff/render-md.ts';
import type { DiffReport } from '../../generator/diff/types.ts';
import { asRest, field, model, obj, soapOp, soapWith } from './fixtures.ts';

const soap = soapWith([field('UserId', 'int64')], [field('A', 'string'), field('B', 'int32')]);
const soap2 = soapWith([field('UserId', 'int64')], [field('A', 'string'), field('C', 'string')]);
const crossReport = diffModels(soap, asRest(soap));

/** A report whose texts try to break out of their markup. */
function hostile(): DiffReport {
  const r = diffModels(soap, soap2);
  r.changes[0]!.message = '<img src=x onerror="alert(1)"> & `code` | pipe';
  r.changes[0]!.type = '<b>Thing</b>';
  return r;
}

describe('Markdown', () => {
  it('gives the title, files, totals per category and the changes grouped by breaking-ness', () => {
    const md = renderMarkdown(crossReport);
    expect(md.split('\n')[0]).toBe('# test-service: SOAP → REST');
    expect(md).toContain('- From: SOAP: test-service.wsdl (TestService)');
    expect(md).toContain(
      `**${crossReport.summary.breaking} breaking, ${crossReport.summary.nonBreaking} non-breaking** changes.`,
    );
    expect(md).toContain('| Transport (headers, endpoints, faults, encoding) | 5 | 0 |');
    expect(md).toContain('| Wire representation (no data change) | 0 | 1 |');
    expect(md).toContain('## Breaking changes (5)');
    expect(md).toContain('"Authorization: Bearer \\<token\\>"');
    expect(md).toContain(
      '- `int64-representation` GetThing · GetThingRequest.UserId: GetThingRequest.UserId is int64',
    );
    expect(md).toContain('| GetThing | `GetThing` | `POST /Test/v13/GetThing` | both |');
  });

  it('says so when there is nothing', () => {
    const md = renderMarkdown(diffModels(soap, soap));
    expect(md).toContain('No differences: the two surfaces are the same.');
    expect(md).not.toContain('## Breaking');
  });

  it('escapes markup in names and messages', () => {
    const md = renderMarkdown(hostile());
    expect(md).toContain('\\<img src=x onerror="alert(1)"\\> & \\`code\\` \\| pipe');
    expect(md).toContain('\\<b\\>Thing\\</b\\>.B');
    expect(md).not.toMatch(/(?<!\\)<(img|b)/);
  });
});

describe('JSON', () => {
  it('is the report, two-space indented, with a final newline', () => {
    const text = renderJson(crossReport);
    expect(JSON.parse(text)).toEqual(crossReport);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "formatVersion": 1,');
    const first = JSON.parse(text).changes[0];
    expect(Object.keys(first)).toEqual(['kind', 'category', 'breaking', 'from', 'to', 'message']);
  });
});

describe('HTML', () => {
  const html = renderHtml(crossReport);

  it('carries a CSP that forbids the network and no external reference', () => {
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${HTML_CSP}">`);
    expect(HTML_CSP).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'/,
    );
    expect(html).not.toMatch(/(src|href|action)\s*=\s*["']?[a-z]*:?\/\//i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).not.toContain('<link');
  });

  it('renders the totals, the filter controls and the REST method and path beside each operation', () => {
    expect(html).toContain(
      `<span id="total-breaking" class="n breaking">${crossReport.summary.breaking}</span> breaking`,
    );
    expect(html).toContain(
      `<span id="total-non-breaking" class="n">${crossReport.summary.nonBreaking}</span> non-breaking`,
    );
    expect(html).toContain('<input type="search" id="filter"');
    expect(html).toContain('id="show-breaking" checked');
    expect(html).toContain('id="show-non-breaking" checked');
    expect(html).toContain('<td>GetThing<div class="rest">POST /Test/v13/GetThing</div></td>');
    expect(html).toContain(
      '<tr><td>GetThing</td><td><code>GetThing</code></td><td><code>POST /Test/v13/GetThing</code></td><td>both</td></tr>',
    );
    expect(html.match(/<tr data-breaking=/g)).toHaveLength(crossReport.changes.length);
  });

  it('escapes names and messages', () => {
    const page = renderHtml(hostile());
    expect(page).toContain('&#60;img src=x onerror=&#34;alert(1)&#34;&#62; &#38; `code` | pipe');
    expect(page).toContain('&#60;b&#62;Thing&#60;/b&#62;');
    expect(page).not.toContain('<img');
  });

  it('has an index page with each report, its totals and its files', () => {
    const index = renderIndex([
      { report: crossReport, html: 'a.html', md: 'a.md', json: 'a.json' },
      { report: diffModels(soap, soap2), html: 'b.html', md: 'b.md', json: 'b.json' },
    ]);
    expect(index).toContain(`content="${HTML_CSP}"`);
    expect(index).toContain('<a href="a.html">SOAP → REST</a>');
    expect(index).toContain('<a href="b.json">JSON</a>');
    const total = crossReport.summary.breaking + diffModels(soap, soap2).summary.breaking;
    expect(index).toContain(`<span id="total-breaking" class="n breaking">${total}</span>`);
  });
});

describe('change summary for generate', () => {
  it('gives the counts and the first breaking changes', () => {
    const types = (n: number) => Array.from({ length: n }, (_, i) => field(`F${i}`, 'string'));
    const lines = summarizeSpecChanges(
      soapWith([], types(8)),
      soapWith([], [field('New', 'string')]),
      3,
    );
    expect(lines).toEqual([
      '9 surface changes: 8 breaking, 1 non-breaking (field 9)',
      'breaking: Thing.F0 (string) is gone: code that sends or reads it must stop',
      'breaking: Thing.F1 (string) is gone: code that sends or reads it must stop',
      'breaking: Thing.F2 (string) is gone: code that sends or reads it must stop',
      '… and 5 more breaking; see `adsgen diff test-service --from <old spec> --to <new spec>`',
    ]);
  });

  it('says when the file changed but the surface did not', () => {
    expect(summarizeSpecChanges(soap, soap)).toEqual([
      'no surface changes (the file changed, the API surface did not)',
    ]);
  });

  it('names the non-breaking changes when nothing breaks', () => {
    const a = model('soap', [soapOp('A')], [obj('ARequest', []), obj('AResponse', [])]);
    const b = model(
      'soap',
      [soapOp('A'), soapOp('B')],
      [obj('ARequest', []), obj('AResponse', [])],
    );
    expect(summarizeSpecChanges(a, b)).toEqual([
      '1 surface change: 0 breaking, 1 non-breaking (operation 1)',
      'non-breaking: B is new',
    ]);
  });
});
