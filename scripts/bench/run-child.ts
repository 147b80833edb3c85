import { join } from 'node:path';
import type { CannedResponse, LoopbackServer } from './loopback.ts';
import { BENCH_DIR } from './paths.ts';
import { getCampaignsByAccountIdResponse, getUserResponse } from './payloads.ts';
import { timeProcess } from './stats.ts';
import { loadDescriptor, soapResponseXml } from './wire.ts';

/** The services the process-level benches call, and the response each call gets. */
export const CHILD_CALLS = {
  'customer-management': { operation: 'GetUser', response: getUserResponse },
  'campaign-management': {
    operation: 'GetCampaignsByAccountId',
    response: () => getCampaignsByAccountIdResponse(5),
  },
} as const;
export type ChildService = keyof typeof CHILD_CALLS;

/** Answers the child's one call: JSON to a REST request, a SOAP envelope otherwise. */
export async function responderFor(id: ChildService): Promise<(head: string) => CannedResponse> {
  const { operation, response } = CHILD_CALLS[id];
  const value = response();
  const xml = soapResponseXml(await loadDescriptor(id), operation, value);
  const json = JSON.stringify(value);
  return (head) =>
    head.includes('\r\ncontent-type: application/json')
      ? { contentType: 'application/json; charset=utf-8', body: json }
      : { contentType: 'text/xml; charset=utf-8', body: xml };
}

/** What a child prints (see calls.mjs): its marks (ms since its own timeOrigin) and sizes. */
export interface ChildReport {
  boot: number;
  constructed: number;
  called: number;
  runtimeImported?: number;
  packageImported?: number;
  soapImported?: number;
  ok: boolean;
  /** Epoch ms of the child's time origin, to place its marks on the parent's clock. */
  timeOrigin: number;
  maxRssKB: number;
  heapUsed?: number;
}

export interface ChildRun {
  /** Parent's hrtime from just before spawn to the first request bytes on the loopback socket. */
  firstBytesMs: number;
  /** From just before spawn to the child's time origin: fork/exec and the runtime's start. */
  spawnMs: number;
  report: ChildReport;
}

export type Contender =
  { kind: 'ours'; id: string; protocol: 'soap' | 'rest' } | { kind: 'soap'; id: string };

/** Spawns one fresh `node <child>.mjs` process against the loopback server and times it. */
export async function runChild(
  server: LoopbackServer,
  who: Contender,
  mode: 'cold' | 'memory',
): Promise<ChildRun> {
  const script =
    who.kind === 'ours'
      ? [join(BENCH_DIR, 'children', 'ours-client.mjs'), who.id, who.protocol, server.origin, mode]
      : [join(BENCH_DIR, 'children', 'soap-client.mjs'), who.id, server.origin, mode];
  const args = mode === 'memory' ? ['--expose-gc', ...script] : script;
  const firstBytes = server.nextFirstBytes();
  const spawnEpoch = performance.timeOrigin + performance.now();
  const started = process.hrtime.bigint();
  let at: bigint | undefined;
  void firstBytes.then((t) => (at = t));
  const done = await timeProcess(process.execPath, args, { timeoutMs: 60_000 });
  // The child exits only after its call returned, so the bytes have arrived by now; one turn
  // of the event loop lets the resolution land.
  await new Promise((resolve) => setImmediate(resolve));
  if (at === undefined)
    throw new Error(`${who.kind} child (${who.id}) exited without sending a request`);
  const line = done.stdout.trim().split('\n').pop() ?? '';
  let report: ChildReport;
  try {
    report = JSON.parse(line) as ChildReport;
  } catch {
    throw new Error(
      `${who.kind} child printed no report:\n${done.stdout.slice(-500)}\n${done.stderr.slice(-1500)}`,
    );
  }
  if (!report.ok)
    throw new Error(`${who.kind} child (${who.id}) did not decode the canned response`);
  return {
    firstBytesMs: Number(at - started) / 1e6,
    spawnMs: report.timeOrigin - spawnEpoch,
    report,
  };
}
