import type { FaultRule, FaultSpec } from './faults/inject.ts';
import { parseFaultHeader, parseFaultRule } from './faults/inject.ts';
import { startMockServer, type MockServer, type MockServerOptions } from './server.ts';

export interface StartMockOptions extends MockServerOptions {
  /** Fault rules active from the start, as objects or in the CLI's `--fault` syntax. */
  faults?: (FaultRule | string)[];
}

/** Where a fault applies: an operation, optionally narrowed to a protocol and a service. */
export interface FaultTarget {
  protocol?: 'soap' | 'rest';
  service?: string;
  /** How many matching calls get the fault; every one when absent. */
  times?: number;
}

export interface MockFaults {
  /**
   * Injects `fault` into calls of `operation` ('*' for every operation), e.g.
   * `faults.inject('GetCampaignsByIds', '117; retryAfterS=2', { times: 1 })` or
   * `faults.inject('AddAds', { kind: 'reset' })`.
   */
  inject(operation: string, fault: FaultSpec | string, target?: FaultTarget): { remove(): void };
  /** Adds a rule object, or one in the CLI's `--fault` syntax (`GetUser=105; times=1`). */
  add(rule: FaultRule | string): { remove(): void };
  clear(): void;
  /** How many faults were injected so far. */
  readonly count: number;
}

export interface Mock {
  /** `http://127.0.0.1:<port>`: pass it as a client's `endpoint`. */
  url: string;
  oauth: MockServer['oauth'] & { tokenEndpoint: string; authorizeEndpoint: string };
  faults: MockFaults;
  /** The seeded ids, the developer token the mock accepts and the live stores. */
  state: MockServer['state'];
  stats: MockServer['stats'];
  formatStats(): string;
  close(): Promise<void>;
}

/**
 * The documented entry point: starts the mock on 127.0.0.1 (a free port unless `port` is
 * given) and answers every SOAP and REST operation of the six services plus the OAuth
 * endpoints. `seed` makes synthesized answers repeatable; `latencyMs` delays every API answer.
 */
export async function startMock(opts: StartMockOptions = {}): Promise<Mock> {
  const rules = (opts.faults ?? []).map(toRule); // bad specs fail before a port is taken
  const server = await startMockServer(opts);
  for (const rule of rules) server.inject(rule);
  const faults: MockFaults = {
    inject: (operation, fault, target = {}) => {
      const match: FaultRule['match'] = {};
      if (operation !== '*') match.operation = operation;
      if (target.protocol) match.protocol = target.protocol;
      if (target.service) match.service = target.service;
      const spec = typeof fault === 'string' ? parseFaultHeader(fault) : fault;
      return server.inject({
        match,
        fault: spec,
        ...(target.times !== undefined ? { times: target.times } : {}),
      });
    },
    add: (rule) => server.inject(toRule(rule)),
    clear: () => server.clearFaults(),
    get count() {
      return server.stats.faultsInjected;
    },
  };
  return {
    url: server.origin,
    oauth: {
      ...server.oauth,
      tokenEndpoint: `${server.origin}/common/oauth2/v2.0/token`,
      authorizeEndpoint: `${server.origin}/common/oauth2/v2.0/authorize`,
    },
    faults,
    state: server.state,
    stats: server.stats,
    formatStats: () => server.formatStats(),
    close: () => server.close(),
  };
}

function toRule(rule: FaultRule | string): FaultRule {
  return typeof rule === 'string' ? parseFaultRule(rule) : rule;
}
