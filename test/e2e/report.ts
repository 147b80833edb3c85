/**
 * The e2e suite's figures, summed over every mock server it started: operations called per
 * protocol, requests validated, faults injected, and every validation error. Printed in
 * afterAll (console.log, so they show in `npm test` output) and asserted empty.
 */
import type { MockServer } from '../../mock/src/server.ts';

export interface E2eFigures {
  soapOperations: number;
  restOperations: number;
  soapCalls: number;
  restCalls: number;
  /** Operations per service and protocol: `customer-management` → { soap, rest }. */
  perService: Map<string, { soap: number; rest: number }>;
  validated: number;
  validationErrors: string[];
  faultsInjected: number;
}

export class E2eReport {
  private readonly servers: MockServer[] = [];

  track(server: MockServer): MockServer {
    this.servers.push(server);
    return server;
  }

  figures(): E2eFigures {
    const ops = { soap: new Set<string>(), rest: new Set<string>() };
    const calls = { soap: 0, rest: 0 };
    const out: E2eFigures = {
      soapOperations: 0,
      restOperations: 0,
      soapCalls: 0,
      restCalls: 0,
      perService: new Map(),
      validated: 0,
      validationErrors: [],
      faultsInjected: 0,
    };
    for (const { stats } of this.servers) {
      for (const protocol of ['soap', 'rest'] as const) {
        for (const [key, n] of stats.calls[protocol]) {
          ops[protocol].add(key);
          calls[protocol] += n;
        }
      }
      out.validated += stats.validated;
      out.validationErrors.push(...stats.validationErrors);
      out.faultsInjected += stats.faultsInjected;
    }
    for (const protocol of ['soap', 'rest'] as const) {
      for (const key of ops[protocol]) {
        const service = key.slice(0, key.indexOf('.'));
        const entry = out.perService.get(service) ?? { soap: 0, rest: 0 };
        entry[protocol]++;
        out.perService.set(service, entry);
      }
    }
    out.soapOperations = ops.soap.size;
    out.restOperations = ops.rest.size;
    out.soapCalls = calls.soap;
    out.restCalls = calls.rest;
    return out;
  }

  /** The three summary lines `npm test` prints (plus a per-service breakdown). */
  lines(): string[] {
    const f = this.figures();
    const services = [...f.perService]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([s, n]) => `${s} ${n.soap}/${n.rest}`)
      .join(', ');
    return [
      `e2e: operations called: SOAP ${f.soapOperations} (${f.soapCalls} calls), REST ${f.restOperations} (${f.restCalls} calls) [SOAP/REST per service: ${services}]`,
      `e2e: requests validated: ${f.validated} (XSD for SOAP, JSON Schema for REST), ${f.validationErrors.length} validation errors`,
      `e2e: faults injected: ${f.faultsInjected}`,
    ];
  }
}
