import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../generator/diff/render-html.ts';
import { renderIndex } from '../../generator/diff/render-index.ts';
import type { DiffReport } from '../../generator/diff/types.ts';
import { launchChromium } from '../support/chromium.ts';
import { historyToCurrent, soapToRest } from './real-specs.ts';

/**
 * The HTML report in a real browser: the Chromium that npm installs (@sparticuz/chromium),
 * headless, driven by playwright-core. No system browser is needed or used.
 */
const tmp = mkdtempSync(join(tmpdir(), 'adsgen-html-'));
let browser: Browser | undefined;
let report: DiffReport;
let history: DiffReport;

beforeAll(async () => {
  report = await soapToRest('customer-management');
  history = await historyToCurrent('customer-management');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Opens a file:// page and records every request, console error and page error. */
async function open(
  name: string,
  html: string,
): Promise<{ page: Page; url: string; requests: string[]; problems: string[] }> {
  const path = join(tmp, name);
  writeFileSync(path, html);
  const url = pathToFileURL(path).href;
  const page = await browser!.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests, problems };
}

describe('HTML report in headless Chromium', () => {
  it('renders the totals, makes no request but the page itself, and raises no error', async () => {
    const { page, url, requests, problems } = await open('cm.html', renderHtml(report));
    expect(await page.locator('#total-breaking').innerText()).toBe(String(report.summary.breaking));
    expect(await page.locator('#total-non-breaking').innerText()).toBe(
      String(report.summary.nonBreaking),
    );
    const transport = page.locator('#totals tr[data-category="transport"] td');
    expect(await transport.allInnerTexts()).toEqual([
      String(report.summary.byCategory.transport.breaking),
      String(report.summary.byCategory.transport.nonBreaking),
    ]);
    expect(await page.locator('h1').innerText()).toBe('customer-management: SOAP → REST');
    expect(await page.locator('#shown').innerText()).toBe(
      `${report.changes.length} of ${report.changes.length} shown`,
    );
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('filters rows by text, by breaking-ness and by category', async () => {
    const { page, problems } = await open('cm-filter.html', renderHtml(report));
    const visible = () => page.locator('#change-table tbody tr:visible').count();
    expect(await visible()).toBe(report.changes.length);

    await page.locator('#filter').fill('GetUserRequest.UserId');
    const matching = report.changes.filter(
      (c) =>
        `${c.type}.${c.field}` === 'GetUserRequest.UserId' ||
        c.message.includes('GetUserRequest.UserId'),
    ).length;
    expect(matching).toBeGreaterThan(0);
    expect(await visible()).toBe(matching);
    expect(await page.locator('#change-table tbody tr:visible').first().innerText()).toContain(
      'POST /CustomerManagement/v13/User/Query',
    );

    await page.locator('#filter').fill('');
    await page.locator('#show-non-breaking').uncheck();
    expect(await visible()).toBe(report.summary.breaking);
    expect(await page.locator('#shown').innerText()).toBe(
      `${report.summary.breaking} of ${report.changes.length} shown`,
    );

    await page.locator('#show-non-breaking').check();
    await page.locator('button[data-filter-category="wire"]').click();
    const wire = report.summary.byCategory.wire;
    expect(await visible()).toBe(wire.breaking + wire.nonBreaking);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('renders the index page with the summed totals', async () => {
    const entries = [
      { report, html: 'a.html', md: 'a.md', json: 'a.json' },
      { report: history, html: 'b.html', md: 'b.md', json: 'b.json' },
    ];
    const { page, url, requests, problems } = await open('index.html', renderIndex(entries));
    expect(await page.locator('#total-breaking').innerText()).toBe(
      String(report.summary.breaking + history.summary.breaking),
    );
    expect(await page.locator('#reports tbody tr').count()).toBe(2);
    expect(requests).toEqual([url]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
