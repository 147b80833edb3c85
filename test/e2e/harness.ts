/**
 * Shared pieces of the e2e suite: sandbox client options against a mock, a fast retry policy
 * whose sleeps are recorded instead of waited, a bounded-concurrency pool, and a guard that
 * turns any unhandled promise rejection into a test failure.
 */
import { StaticTokenProvider, type ClientOptions, type RetryPolicy } from '@adsgen/runtime';
import type { MockServer } from '../../mock/src/server.ts';

/** Sandbox's universal developer token. */
export const SANDBOX_DEVELOPER_TOKEN = 'BBD37VB98';

/** Sandbox options for a client of the mock, as the seeded user, on `protocol`. */
export function sandboxOptions(
  server: MockServer,
  protocol: 'soap' | 'rest',
  extra: Partial<ClientOptions> = {},
): ClientOptions {
  return {
    protocol,
    environment: 'sandbox',
    developerToken: SANDBOX_DEVELOPER_TOKEN,
    endpoint: server.origin,
    customerId: server.state.ids.customerId,
    accountId: server.state.ids.accountId,
    auth: new StaticTokenProvider(server.oauth.issue().access_token),
    retry: false,
    ...extra,
  };
}

/** A retry policy that never waits: each requested delay is pushed onto `delays`. */
export function recordingRetry(maxAttempts = 3): {
  policy: Partial<RetryPolicy>;
  delays: number[];
} {
  const delays: number[] = [];
  return {
    delays,
    policy: {
      maxAttempts,
      baseDelayMs: 10,
      maxDelayMs: 50,
      random: () => 0.5,
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
  };
}

/** Runs `task` over `items` with at most `width` in flight; rejects with the first failure. */
export async function pool<T>(
  items: readonly T[],
  width: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/**
 * Collects process-level unhandled rejections while installed. A client that loses a promise
 * (a socket error after the call settled, a retry timer) shows up here even when every
 * awaited call behaved.
 */
export class UnhandledRejectionGuard {
  readonly seen: unknown[] = [];
  private readonly listener = (reason: unknown): void => {
    this.seen.push(reason);
  };

  install(): void {
    process.on('unhandledRejection', this.listener);
  }

  uninstall(): void {
    process.off('unhandledRejection', this.listener);
  }

  /** Empties the list and returns what it held, as strings for a readable assertion. */
  drain(): string[] {
    return this.seen
      .splice(0)
      .map((r) => (r instanceof Error ? `${r.name}: ${r.message}` : String(r)));
  }
}
