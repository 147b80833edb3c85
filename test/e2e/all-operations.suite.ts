/**
 * Every operation of all six services, called once per
 * protocol through the generated client with a request the generic builder derives from the
 * descriptor, succeeds against the mock and passes its XSD / JSON Schema validation.
 * Operations that exist in one protocol only are called only there, and the other
 * protocol's client refuses them with OperationUnavailableError before any I/O.
 */
import { OperationUnavailableError, getResponseMetadata } from '@adsgen/runtime';
import { describe, expect, it } from 'vitest';
import { campaignPatches, cmPatches, mergeRequest } from './cm-fixtures.ts';
import type { E2eEnv } from './env.ts';
import { pool, sandboxOptions } from './harness.ts';
import { PACKAGES, callOperation, type GeneratedPackage } from './packages.ts';
import { RequestBuilder, operationsIn, type Protocol } from './request-builder.ts';

/** Calls in flight at once: xmllint runs in worker threads, 2 cores keep ~20 requests busy. */
const WIDTH = 24;

/** What one call produced that the test rejects. */
function problem(protocol: Protocol, op: string, result: unknown): string | undefined {
  const meta = getResponseMetadata(result);
  if (typeof result !== 'object' || result === null) return `${protocol} ${op}: no object result`;
  if (meta?.protocol !== protocol)
    return `${protocol} ${op}: $metadata.protocol is ${meta?.protocol}`;
  if (!meta.trackingId) return `${protocol} ${op}: no TrackingId in $metadata`;
  if (meta.httpStatus !== 200) return `${protocol} ${op}: HTTP ${meta.httpStatus}`;
  return undefined;
}

export function allOperationsSuite(env: E2eEnv): void {
  describe('every operation of all six services, once per protocol', () => {
    for (const pkg of PACKAGES) {
      it(`${pkg.id}: every operation succeeds and validates`, async () => {
        const server = await env.server();
        const patches =
          pkg.id === 'customer-management'
            ? cmPatches(server)
            : pkg.id === 'campaign-management'
              ? campaignPatches(server, pkg.descriptor)
              : {};
        const failures: string[] = [];
        const calls: [Protocol, string][] = [];
        for (const protocol of ['soap', 'rest'] as const)
          for (const op of operationsIn(pkg.descriptor, protocol)) calls.push([protocol, op]);
        const clients = {
          soap: pkg.create(sandboxOptions(server, 'soap')),
          rest: pkg.create(sandboxOptions(server, 'rest')),
        };
        const builders = {
          soap: new RequestBuilder(pkg.descriptor, 'soap'),
          rest: new RequestBuilder(pkg.descriptor, 'rest'),
        };
        const errorsBefore = server.stats.validationErrors.length;
        try {
          await pool(calls, WIDTH, async ([protocol, op]) => {
            const request = mergeRequest(builders[protocol].build(op), patches[op]?.() ?? {});
            try {
              const bad = problem(
                protocol,
                op,
                await callOperation(clients[protocol], op, request),
              );
              if (bad) failures.push(bad);
            } catch (error) {
              failures.push(`${protocol} ${op}: ${String(error)}`.slice(0, 600));
            }
          });
          await expectOneProtocolOnlyRefused(pkg, clients);
        } finally {
          await Promise.all([clients.soap.close(), clients.rest.close()]);
        }
        expect(failures).toEqual([]);
        expect(server.stats.validationErrors.slice(errorsBefore)).toEqual([]);
        for (const protocol of ['soap', 'rest'] as const) {
          const called = [...server.stats.calls[protocol].keys()]
            .filter((k) => k.startsWith(`${pkg.id}.`))
            .map((k) => k.slice(pkg.id.length + 1));
          expect(new Set(called)).toEqual(new Set(operationsIn(pkg.descriptor, protocol)));
        }
      }, 120_000);
    }
  });
}

async function expectOneProtocolOnlyRefused(
  pkg: GeneratedPackage,
  clients: Record<Protocol, ReturnType<GeneratedPackage['create']>>,
): Promise<void> {
  for (const op of Object.values(pkg.descriptor.operations)) {
    const missing: Protocol | undefined = !op.soap ? 'soap' : !op.rest ? 'rest' : undefined;
    if (!missing) continue;
    const error = await callOperation(clients[missing], op.name, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationUnavailableError);
    expect(error).toMatchObject({ operation: op.name, protocol: missing });
  }
}
