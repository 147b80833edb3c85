import { TransportError } from '@adsgen/runtime';
import { DeadlineExceededError, type BulkRecordInput } from '@adsgen/runtime/transfer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BulkClient,
  downloadBulk,
  uploadBulk,
  type BulkKeyword,
  type BulkRecord,
} from '../../generated/bulk/dist/index.js';
import { startMockServer, type MockServer } from '../../mock/src/server.ts';
import { sandboxOptions } from './harness.ts';

/**
 * Bulk download and upload end to end: the generated BulkClient over REST and SOAP against the
 * mock's Bulk service (real zipped CSV/TSV files over loopback HTTP, a real multipart upload).
 */

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const FAST = { pollIntervalMs: 5, maxPollIntervalMs: 20 };

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ bulk: { rows: 300, pollsUntilReady: 2 } });
});
afterAll(async () => server.close());

/** Sums what the type test narrows to: compile-time proof that `Type` discriminates. */
function keywordBids(records: readonly BulkRecord[]): number {
  let total = 0;
  for (const r of records) {
    if (r.Type === 'Keyword') {
      const bid: number | 'delete_value' | undefined = r.Bid;
      const urls: string[] | 'delete_value' | undefined = r['Final Url'];
      if (typeof bid === 'number' && Array.isArray(urls)) total += bid;
      // @ts-expect-error a Campaign column is not a Keyword column
      void r['Budget Type'];
    } else if (r.Type === 'Campaign') {
      // A value set documented as a table is a closed union.
      const status:
        | 'Active'
        | 'BudgetAndManualPaused'
        | 'BudgetPaused'
        | 'Deleted'
        | 'Paused'
        | 'Suspended'
        | undefined = r.Status;
      void status;
    }
  }
  return total;
}

for (const protocol of ['rest', 'soap'] as const) {
  describe(`Bulk over ${protocol.toUpperCase()}`, () => {
    const client = (): BulkClient => new BulkClient(sandboxOptions(server, protocol));

    it('downloads a generated account as typed records, unknown Types kept', async () => {
      const progress: number[] = [];
      const records = await collect(
        downloadBulk(
          client(),
          {
            AccountIds: [server.state.ids.accountId],
            DownloadEntities: ['Campaigns', 'AdGroups', 'Keywords', 'Ads'],
            DataScope: ['EntityData', 'BidSuggestionsData'],
            DownloadFileType: protocol === 'soap' ? 'Tsv' : 'Csv',
          },
          { ...FAST, onProgress: (p) => progress.push(p.percentComplete) },
        ),
      );
      expect(records).toHaveLength(300);
      expect(records[0]).toEqual({ Type: 'Format Version', Name: '6.0' });
      expect(progress.at(-1)).toBe(100);
      expect(progress.length).toBe(3);
      const campaign = records.find((r) => r.Type === 'Campaign');
      expect(campaign).toMatchObject({
        Type: 'Campaign',
        Campaign: 'Campaign 1',
        Budget: 51.5,
        'Budget Type': 'DailyBudgetStandard',
        Language: ['English', 'French'],
      });
      const keywords = records.filter((r): r is BulkKeyword => r.Type === 'Keyword');
      expect(keywords.length).toBeGreaterThan(100);
      expect(keywords[0]).toMatchObject({
        Keyword: 'red shoes 1 1 1',
        'Match Type': 'Phrase',
        Bid: 0.25,
        'Final Url': ['https://contoso.example/kw/1'],
        'Quality Score': 2,
      });
      expect(keywordBids(records)).toBeGreaterThan(0);
      // A negative keyword with a comma and quotes came through CSV/TSV quoting intact.
      expect(records.find((r) => r.Type === 'Campaign Negative Keyword')).toMatchObject({
        Keyword: 'free, "cheap"',
      });
      // Keyword Best Position Bid has no column list in the reference: kept, untyped.
      const unknown = records.find((r) => (r.Type as string) === 'Keyword Best Position Bid');
      expect(unknown).toMatchObject({ values: { 'Bid Suggestion': '1.25' } });
    });

    it('uploads records and reports the one failing row with its error', async () => {
      const adGroupId = '-11';
      const records: BulkRecord[] = [
        {
          Type: 'Keyword',
          'Parent Id': adGroupId,
          Keyword: 'blue shoes',
          'Match Type': 'Exact',
          Bid: 0.4,
          'Client Id': 'a',
        },
        { Type: 'Keyword', 'Parent Id': adGroupId, 'Match Type': 'Broad', 'Client Id': 'b' },
        {
          Type: 'Keyword',
          'Parent Id': adGroupId,
          Keyword: 'green shoes',
          'Match Type': 'Phrase',
          'Client Id': 'c',
        },
      ];
      const result = await uploadBulk(client(), records, FAST);
      expect(result.requestStatus).toBe('CompletedWithErrors');
      const back = await collect(result.records);
      expect(back.map((r) => r.Type)).toEqual(['Format Version', 'Keyword', 'Keyword', 'Keyword']);
      const failed = back.filter((r) => (r.errors?.length ?? 0) > 0);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({
        Type: 'Keyword',
        'Client Id': 'b',
        errors: [
          {
            Type: 'Keyword Error',
            Error: 'CampaignServiceInvalidKeywordText',
            'Error Number': '1503',
          },
        ],
      });
    });

    it('ErrorsOnly: the result holds only the failing record, rebuilt from its error row', async () => {
      const records: BulkRecordInput[] = [
        {
          Type: 'Keyword',
          'Parent Id': '-11',
          Keyword: 'ok',
          'Match Type': 'Exact',
        } as BulkKeyword,
        { Type: 'Unheard Of Record', values: { Name: 'x' } },
      ];
      const result = await uploadBulk(client(), records as BulkRecord[], {
        ...FAST,
        responseMode: 'ErrorsOnly',
        format: 'Tsv',
      });
      const back = await collect(result.records);
      expect(back).toEqual([
        {
          Type: 'Unheard Of Record',
          values: { Name: 'x' },
          errors: [
            {
              Type: 'Unheard Of Record Error',
              Error: 'BulkServiceUnknownTypeForRow',
              'Error Number': '4203',
              values: { Name: 'x' },
            },
          ],
        },
      ]);
    });
  });
}

describe('Bulk workflow control', () => {
  it('a 117 while polling waits and polls again', async () => {
    const fault = server.inject({
      match: { service: 'bulk', operation: 'GetBulkDownloadStatus' },
      times: 2,
      fault: { kind: 'throttle', status: 'code117', retryAfterS: 1 },
    });
    try {
      const records = await collect(
        downloadBulk(
          new BulkClient(sandboxOptions(server, 'rest')),
          { AccountIds: [server.state.ids.accountId], DownloadEntities: ['Keywords'] },
          FAST,
        ),
      );
      expect(records).toHaveLength(300);
    } finally {
      fault.remove();
    }
  });

  it('abort while polling ends the download with TransportError aborted', async () => {
    const controller = new AbortController();
    const run = collect(
      downloadBulk(
        new BulkClient(sandboxOptions(server, 'soap')),
        { AccountIds: [server.state.ids.accountId], DownloadEntities: ['Keywords'] },
        { ...FAST, signal: controller.signal, onProgress: () => controller.abort() },
      ),
    );
    await expect(run).rejects.toBeInstanceOf(TransportError);
    await expect(run).rejects.toMatchObject({ reason: 'aborted' });
  });

  it('a deadline that passes while polling is DeadlineExceededError in phase poll', async () => {
    const slow = await startMockServer({ bulk: { pollsUntilReady: 1_000_000 } });
    try {
      const run = collect(
        downloadBulk(
          new BulkClient(sandboxOptions(slow, 'rest')),
          { AccountIds: [slow.state.ids.accountId], DownloadEntities: ['Keywords'] },
          { ...FAST, deadlineMs: 1500 },
        ),
      );
      await expect(run).rejects.toBeInstanceOf(DeadlineExceededError);
      await expect(run).rejects.toMatchObject({ phase: 'poll', deadlineMs: 1500 });
    } finally {
      await slow.close();
    }
  });

  it('an upload POST without valid credentials is an AuthenticationError, never retried', async () => {
    const bad = new BulkClient({
      ...sandboxOptions(server, 'rest'),
      auth: { getAccessToken: async () => 'not-a-token-this-server-issued' },
    });
    // GetBulkUploadUrl itself is refused with the same credentials: the typed error surfaces.
    await expect(
      uploadBulk(bad, [{ Type: 'Keyword', Keyword: 'x', 'Match Type': 'Exact' }], FAST),
    ).rejects.toMatchObject({ name: 'AuthenticationError' });
  });
});
