import type { CredentialPolicy } from './auth/credentials.ts';
import type { ErrorCodes } from './campaigns/error-codes.ts';
import type { CampaignStore } from './campaigns/store.ts';
import type { BulkMock } from './bulk/bulk-mock.ts';
import type { CmStore } from './cm/store.ts';
import type { FaultInjector } from './faults/inject.ts';
import type { ReportJobs } from './reports/jobs.ts';
import type { TokenService } from './oauth/token-service.ts';
import type { ServiceRegistry } from './services.ts';

export interface MockStats {
  /** Calls per `service.Operation`, per protocol (routed calls only). */
  calls: { soap: Map<string, number>; rest: Map<string, number> };
  /** Requests whose body went through XSD or JSON Schema validation. */
  validated: number;
  /** Every violation found, as `protocol service.Operation: message`. Tests assert it stays empty. */
  validationErrors: string[];
  faultsInjected: number;
  /** Total validation time, for the "ms per request" figure. */
  validationMs: number;
}

export function newStats(): MockStats {
  return {
    calls: { soap: new Map(), rest: new Map() },
    validated: 0,
    validationErrors: [],
    faultsInjected: 0,
    validationMs: 0,
  };
}

/** One line per figure npm test prints: operations called per protocol, validations, faults. */
export function formatStats(stats: MockStats): string {
  const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const perRequest = stats.validated ? (stats.validationMs / stats.validated).toFixed(1) : '0';
  return [
    `mock server: SOAP ${stats.calls.soap.size} operations called (${sum(stats.calls.soap)} calls), REST ${stats.calls.rest.size} operations called (${sum(stats.calls.rest)} calls)`,
    `mock server: ${stats.validated} requests validated (${perRequest} ms each), ${stats.validationErrors.length} validation errors`,
    `mock server: ${stats.faultsInjected} faults injected`,
  ].join('\n');
}

export interface MockContext {
  registry: ServiceRegistry;
  stats: MockStats;
  injector: FaultInjector;
  tokens: TokenService;
  store: CmStore;
  /** Campaign Management's entities, shared by SOAP and REST. */
  campaigns: CampaignStore;
  /** Microsoft's error codes, read from the specs on first use. */
  codes(): ErrorCodes;
  policy: CredentialPolicy;
  seed: number;
  /** The Bulk service's downloads and uploads (mock/src/bulk). */
  bulk?: BulkMock;
  /** Submitted report requests and their files. */
  reports: ReportJobs;
  /** `http://127.0.0.1:<port>`, for the download URLs the mock hands out. */
  origin: string;
}

export function countCall(
  stats: MockStats,
  protocol: 'soap' | 'rest',
  service: string,
  operation: string,
): void {
  const m = stats.calls[protocol];
  const k = `${service}.${operation}`;
  m.set(k, (m.get(k) ?? 0) + 1);
}
