/**
 * One worker process of the fleet tests: a generated Customer Management client on an
 * OAuthTokenProvider whose store is shared with the other workers (Redis or one file).
 * Prints READY, then answers commands read from stdin, one line each:
 *   `calls N C`  N GetUser calls, C at a time, on one provider
 *   `token`      a fresh provider (as a new process would have) gets a token and makes one call
 * with `RESULT {"ok":…,"reauth":…,"errors":[…]}`.
 * Usage: node fleet-worker.mjs '<WorkerConfig JSON>' (bundled by workers.ts)
 */
import { createInterface } from 'node:readline';
import {
  FileTokenStore,
  OAuthTokenProvider,
  ReauthorizationRequiredError,
  type TokenStore,
} from '@adsgen/runtime';
import { CustomerManagementClient } from '../../generated/customer-management/dist/index.js';
import { RedisThrottleState, RedisTokenStore } from '@adsgen/redis';

export interface WorkerConfig {
  store:
    | { kind: 'redis'; url: string; name: string; lockTtlMs: number }
    | { kind: 'file'; path: string; lockStaleMs?: number };
  apiOrigin: string;
  tokenEndpoint: string;
  developerToken: string;
  accountId: string;
  /** Shares throttle windows through Redis when set. */
  throttle?: { url: string; name: string };
}

export interface WorkerResult {
  ok: number;
  reauth: number;
  errors: string[];
  /** When each HTTP attempt was sent (the client's debug log line right before sending). */
  sentAt: number[];
  /** When the command's last call completed, by this process's clock (the machine's). */
  doneAt: number;
}

function openStore(config: WorkerConfig): TokenStore {
  return config.store.kind === 'redis'
    ? new RedisTokenStore({
        redis: config.store.url,
        name: config.store.name,
        lockTtlMs: config.store.lockTtlMs,
      })
    : new FileTokenStore(config.store.path, { lockStaleMs: config.store.lockStaleMs });
}

async function main(): Promise<void> {
  const config = JSON.parse(process.argv[2] ?? '') as WorkerConfig;
  const store = openStore(config);
  const throttle =
    config.throttle === undefined
      ? undefined
      : new RedisThrottleState({ redis: config.throttle.url, name: config.throttle.name });
  let sentAt: number[] = [];
  const logger = {
    debug: (message: string) => {
      if (/\(attempt \d+\)$/.test(message)) sentAt.push(Date.now());
    },
  };
  const clientFor = (auth: OAuthTokenProvider) =>
    new CustomerManagementClient({
      logger,
      environment: 'sandbox',
      developerToken: config.developerToken,
      accountId: config.accountId,
      endpoint: config.apiOrigin,
      auth,
      ...(throttle === undefined ? {} : { sharedThrottle: throttle }),
    });
  const providerFor = () =>
    new OAuthTokenProvider({
      clientId: 'fleet-test-app',
      environment: 'sandbox',
      store,
      // Tagged with the pid, so a test that holds a token request knows which worker sent it
      // (the identity provider ignores the query).
      tokenEndpoint: `${config.tokenEndpoint}?worker=${process.pid}`,
    });

  const run = async (client: CustomerManagementClient, calls: number, concurrency: number) => {
    sentAt = [];
    const result: WorkerResult = { ok: 0, reauth: 0, errors: [], sentAt, doneAt: 0 };
    let next = 0;
    const lane = async () => {
      while (next < calls) {
        next += 1;
        try {
          await client.getUser({ UserId: null });
          result.ok += 1;
        } catch (error) {
          if (error instanceof ReauthorizationRequiredError) result.reauth += 1;
          result.errors.push(
            error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          );
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
    result.doneAt = Date.now();
    return result;
  };

  const shared = clientFor(providerFor());
  const lines = createInterface({ input: process.stdin });
  process.stdout.write('READY\n');
  for await (const line of lines) {
    const [command, ...args] = line.trim().split(/\s+/);
    let result: WorkerResult;
    if (command === 'calls') {
      result = await run(shared, Number(args[0]), Number(args[1] ?? 1));
    } else if (command === 'token') {
      const fresh = clientFor(providerFor());
      result = await run(fresh, 1, 1);
      await fresh.close();
    } else {
      result = {
        ok: 0,
        reauth: 0,
        errors: [`unknown command ${String(command)}`],
        sentAt: [],
        doneAt: Date.now(),
      };
    }
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  }
}

if (/fleet-worker[^/]*\.(ts|mjs)$/.test(process.argv[1] ?? '')) void main();
