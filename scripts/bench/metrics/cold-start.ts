import { LoopbackServer } from '../loopback.ts';
import {
  CHILD_CALLS,
  responderFor,
  runChild,
  type ChildRun,
  type ChildService,
} from '../run-child.ts';
import { alternate, median, result, type BenchResult } from '../stats.ts';

/**
 * Cold start: from just before `spawn` to the first request bytes on a loopback socket, each
 * run a fresh `node <child>.mjs`. Ours: import the generated package, construct its client
 * with a StaticTokenProvider, call one operation (SOAP: the target; REST: informational).
 * Theirs: import `soap`, createClientAsync on the same WSDL, the same call. The target row is
 * the span from the script's first line (Node's own spawn and bootstrap, which both sides pay
 * alike and no client can shorten, taken off each run): ≤ 0.2 of soap's. The whole span from
 * spawn is reported beside it, with a breakdown of our time, so a miss says where it goes.
 */
export async function benchColdStart(
  runs: number,
  log: (s: string) => void,
): Promise<BenchResult[]> {
  const server = await LoopbackServer.start();
  const results: BenchResult[] = [];
  try {
    for (const id of Object.keys(CHILD_CALLS) as ChildService[]) {
      server.respondWith(await responderFor(id));
      const s = await alternate(runs, {
        soap: () => runChild(server, { kind: 'ours', id, protocol: 'soap' }, 'cold'),
        rest: () => runChild(server, { kind: 'ours', id, protocol: 'rest' }, 'cold'),
        theirs: () => runChild(server, { kind: 'soap', id }, 'cold'),
      });
      const op = CHILD_CALLS[id].operation;
      const breakdown = oursBreakdown(s.soap);
      const theirs = theirsBreakdown(s.theirs);
      // What no client can go below: an empty Node process reaching its first script line.
      const nodeAlone = median(s.soap.map((r) => r.spawnMs + r.report.boot));
      const floor = nodeAlone / median(s.theirs.map((r) => r.firstBytesMs));
      const floorNote = `floor: Node alone reaches the first script line in ${nodeAlone.toFixed(0)} ms, ${floor.toFixed(2)} of soap's whole cold start`;
      results.push(
        row(
          `cold start: ${id} ${op}, generated client (SOAP) vs soap.createClientAsync`,
          s.soap,
          s.theirs,
          true,
          `ours: ${breakdown}; soap: ${theirs}; ${floorNote}`,
        ),
        row(
          `cold start: ${id} ${op}, generated client (REST) vs soap.createClientAsync`,
          s.rest,
          s.theirs,
          true,
          `ours: ${oursBreakdown(s.rest)}`,
        ),
        afterBootstrap(
          `cold start from the script's first line: ${id} ${op}, generated client (SOAP) vs soap`,
          s.soap,
          s.theirs,
          false,
        ),
        afterBootstrap(
          `cold start from the script's first line: ${id} ${op}, generated client (REST) vs soap`,
          s.rest,
          s.theirs,
          true,
        ),
      );
      log(
        `  cold start ${id}: ours SOAP ${ms(s.soap)} [${breakdown}], REST ${ms(s.rest)}; soap ${ms(s.theirs)} [${theirs}]; ${floorNote}`,
      );
    }
  } finally {
    await server.close();
  }
  return results;
}

function row(
  metric: string,
  ours: ChildRun[],
  theirs: ChildRun[],
  informational: boolean,
  note: string,
): BenchResult {
  return result(
    metric,
    median(ours.map((r) => r.firstBytesMs)),
    median(theirs.map((r) => r.firstBytesMs)),
    'soap',
    'ms',
    'lower',
    0.1,
    {
      informational,
      runs: ours.length,
      peakRssKB: {
        ours: ours.map((r) => r.report.maxRssKB),
        baseline: theirs.map((r) => r.report.maxRssKB),
      },
      note,
    },
  );
}

/** Script start → first bytes: what each side adds on top of an empty Node process. */
function afterBootstrap(
  metric: string,
  ours: ChildRun[],
  theirs: ChildRun[],
  informational: boolean,
): BenchResult {
  const beyond = (r: ChildRun) => r.firstBytesMs - r.spawnMs - r.report.boot;
  return result(
    metric,
    median(ours.map(beyond)),
    median(theirs.map(beyond)),
    'soap',
    'ms',
    'lower',
    0.2,
    {
      informational,
      runs: ours.length,
      note: 'first request bytes minus the time until the first line of the script runs (spawn + Node bootstrap), per run',
    },
  );
}

/** Median of each phase, in ms: the clocks are the child's marks placed on the parent's. */
function phases(runs: ChildRun[], spans: Record<string, (r: ChildRun) => number>): string {
  return Object.entries(spans)
    .map(([name, span]) => `${name} ${median(runs.map(span)).toFixed(1)}`)
    .join(', ');
}

function oursBreakdown(runs: ChildRun[]): string {
  return phases(runs, {
    'spawn+node bootstrap': (r) => r.spawnMs + r.report.boot,
    'import @adsgen/runtime': (r) => r.report.runtimeImported! - r.report.boot,
    'import package': (r) => r.report.packageImported! - r.report.runtimeImported!,
    'construct client': (r) => r.report.constructed - r.report.packageImported!,
    'call → first bytes': (r) => r.firstBytesMs - r.spawnMs - r.report.constructed,
  });
}

function theirsBreakdown(runs: ChildRun[]): string {
  return phases(runs, {
    'spawn+node bootstrap': (r) => r.spawnMs + r.report.boot,
    'import soap': (r) => r.report.soapImported! - r.report.boot,
    createClientAsync: (r) => r.report.constructed - r.report.soapImported!,
    'call → first bytes': (r) => r.firstBytesMs - r.spawnMs - r.report.constructed,
  });
}

function ms(runs: ChildRun[]): string {
  return `${median(runs.map((r) => r.firstBytesMs)).toFixed(0)} ms`;
}
