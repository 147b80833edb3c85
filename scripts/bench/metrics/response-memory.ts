import { join } from 'node:path';
import { LoopbackServer } from '../loopback.ts';
import { BENCH_DIR } from '../paths.ts';
import { getCampaignsByAccountIdResponse } from '../payloads.ts';
import { median, result, timeProcess, type BenchResult } from '../stats.ts';
import { loadDescriptor, soapResponseXml } from '../wire.ts';

/**
 * Response memory: a fresh `node --expose-gc` process makes one GetCampaignsByAccountId call
 * (generated campaign-management client) whose response is tens of MB, and reports its peak
 * RSS minus its RSS before the call, per MB of response body, over REST and over SOAP.
 * Target <= 4 (MB of RSS per MB of body). No baseline contender: the row's number is ours.
 */
const CAMPAIGNS = Number(process.env['ADSGEN_BENCH_BIG_CAMPAIGNS'] ?? 100_000);

interface BigReport {
  baselineRssKB: number;
  maxRssKB: number;
  ok: boolean;
}

export async function benchResponseMemory(
  runs: number,
  log: (s: string) => void,
): Promise<BenchResult[]> {
  const id = 'campaign-management';
  const value = getCampaignsByAccountIdResponse(CAMPAIGNS);
  const json = JSON.stringify(value);
  const xml = soapResponseXml(await loadDescriptor(id), 'GetCampaignsByAccountId', value);
  const server = await LoopbackServer.start();
  const results: BenchResult[] = [];
  try {
    server.respondWith((head) =>
      head.includes('\r\ncontent-type: application/json')
        ? { contentType: 'application/json; charset=utf-8', body: json }
        : { contentType: 'text/xml; charset=utf-8', body: xml },
    );
    for (const [protocol, body] of [
      ['rest', json],
      ['soap', xml],
    ] as const) {
      const bodyMB = Buffer.byteLength(body) / 2 ** 20;
      const perMB: number[] = [];
      for (let r = 0; r < Math.max(1, Math.min(runs, 3)); r++) {
        const done = await timeProcess(
          process.execPath,
          [
            '--expose-gc',
            join(BENCH_DIR, 'children', 'big-response.mjs'),
            id,
            protocol,
            server.origin,
          ],
          { timeoutMs: 300_000 },
        );
        const line = done.stdout.trim().split('\n').pop() ?? '';
        const report = JSON.parse(line) as BigReport;
        if (!report.ok) throw new Error(`big-response child (${protocol}) did not decode`);
        perMB.push((report.maxRssKB - report.baselineRssKB) / 1024 / bodyMB);
      }
      const ratio = median(perMB);
      log(
        `  response memory ${protocol.toUpperCase()}: ${bodyMB.toFixed(1)} MB body, peak RSS +${(ratio * bodyMB).toFixed(0)} MB = ${ratio.toFixed(2)} MB per MB`,
      );
      results.push(
        result(
          `response memory: peak RSS growth of one call vs its ${protocol.toUpperCase()} response body (GetCampaignsByAccountId, ${CAMPAIGNS} campaigns)`,
          ratio * bodyMB,
          bodyMB,
          'response body',
          'MB',
          'lower',
          4,
          { runs: perMB.length },
        ),
      );
    }
  } finally {
    await server.close();
  }
  return results;
}
