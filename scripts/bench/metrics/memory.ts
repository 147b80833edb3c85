import { LoopbackServer } from '../loopback.ts';
import { responderFor, runChild } from '../run-child.ts';
import { alternate, median, result, type BenchResult } from '../stats.ts';

/**
 * Memory: in a fresh `node --expose-gc` process each, V8 heap used after a full GC, once the
 * client is imported/created and one call to the loopback server has returned (the client and
 * the result kept reachable). Ours (generated campaign-management client, SOAP) vs
 * soap.createClientAsync on campaign-management.wsdl and the same call. Target <= 0.5.
 */
export async function benchMemory(runs: number, log: (s: string) => void): Promise<BenchResult[]> {
  const id = 'campaign-management';
  const server = await LoopbackServer.start();
  try {
    server.respondWith(await responderFor(id));
    const s = await alternate(runs, {
      ours: () => runChild(server, { kind: 'ours', id, protocol: 'soap' }, 'memory'),
      rest: () => runChild(server, { kind: 'ours', id, protocol: 'rest' }, 'memory'),
      theirs: () => runChild(server, { kind: 'soap', id }, 'memory'),
    });
    const heap = (runs: typeof s.ours) =>
      median(runs.map((r) => r.report.heapUsed ?? Number.NaN)) / 2 ** 20;
    const rss = (runs: typeof s.ours) => runs.map((r) => r.report.maxRssKB);
    log(
      `  memory ${id}: heap after GC ours SOAP ${heap(s.ours).toFixed(1)} MB, REST ${heap(s.rest).toFixed(1)} MB; soap ${heap(s.theirs).toFixed(1)} MB`,
    );
    return [
      result(
        `memory: heap after import + one call, ${id} generated client (SOAP) vs soap.createClientAsync`,
        heap(s.ours),
        heap(s.theirs),
        'soap',
        'MB',
        'lower',
        0.5,
        {
          runs,
          peakRssKB: { ours: rss(s.ours), baseline: rss(s.theirs) },
        },
      ),
      result(
        `memory: heap after import + one call, ${id} generated client (REST) vs soap.createClientAsync`,
        heap(s.rest),
        heap(s.theirs),
        'soap',
        'MB',
        'lower',
        0.5,
        {
          informational: true,
          runs,
          peakRssKB: { ours: rss(s.rest), baseline: rss(s.theirs) },
        },
      ),
    ];
  } finally {
    await server.close();
  }
}
