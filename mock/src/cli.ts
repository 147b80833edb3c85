import { parseFaultRule, type FaultRule } from './faults/inject.ts';
import { PRODUCTION_DEVELOPER_TOKEN } from './server.ts';
import { startMock } from './start-mock.ts';

const USAGE =
  'usage: adsgen-mock [--port N] [--seed N] [--latency MS] [--fault SPEC]… [--environment sandbox|production] [--token-lifetime SECONDS]\n' +
  '  SPEC: [soap:|rest:][<service>.]<Operation|*>=<fault>[; times=N], fault one of\n' +
  '        0 | 105 | 106 | 109 | 117[; retryAfterS=S] | 429[; retryAfterS=S] | html (503) | truncated | reset\n' +
  '        | delay; ms=MS | oversize[; bytes=N] | entity-expansion | unknown-fault-detail\n';

/**
 * `npm run mock -- --port N [--seed N] [--latency MS] [--fault SPEC]… [--environment …]`
 *
 * Serves until killed. Prints the origin, then one `MOCK_READY {json}` line (origin, a
 * pre-issued access token, the developer token, seeded ids) for scripts, and the call
 * statistics when stopped.
 */
export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === undefined) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (typeof args === 'string') {
    process.stderr.write(`adsgen-mock: ${args}\n${USAGE}`);
    return 2;
  }
  const server = await startMock({
    port: args.port,
    environment: args.environment,
    seed: args.seed,
    latencyMs: args.latencyMs,
    tokenLifetimeS: args.tokenLifetimeS,
    developerTokens: args.environment === 'production' ? [PRODUCTION_DEVELOPER_TOKEN] : undefined,
    faults: args.faults,
  });
  const tokens = server.oauth.issue();
  const ready = {
    origin: server.url,
    environment: server.state.environment,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    developerToken: server.state.developerToken,
    customerId: server.state.ids.customerId,
    accountId: server.state.ids.accountId,
    userId: server.state.ids.userId,
    tokenEndpoint: server.oauth.tokenEndpoint,
    authorizeEndpoint: server.oauth.authorizeEndpoint,
    faults: args.faults.length,
  };
  process.stdout.write(`adsgen mock server listening on ${server.url} (${ready.environment})\n`);
  process.stdout.write(`MOCK_READY ${JSON.stringify(ready)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stdout.write(`${server.formatStats()}\n`);
  await server.close();
  return 0;
}

interface Args {
  port: number;
  environment: 'sandbox' | 'production';
  seed?: number;
  latencyMs?: number;
  tokenLifetimeS?: number;
  faults: FaultRule[];
}

/** The arguments, undefined for a usage error, or a message for a bad value. */
function parseArgs(argv: string[]): Args | string | undefined {
  const out: Args = { port: 0, environment: 'sandbox', faults: [] };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split('=', 2) as [string, string | undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--port': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 0 || n > 65535) return undefined;
        out.port = n;
        break;
      }
      case '--environment': {
        const v = value();
        if (v !== 'sandbox' && v !== 'production') return undefined;
        out.environment = v;
        break;
      }
      case '--seed':
        out.seed = Number(value());
        break;
      case '--latency': {
        const n = Number(value());
        if (!Number.isFinite(n) || n < 0) return '--latency takes milliseconds ≥ 0';
        out.latencyMs = n;
        break;
      }
      case '--fault':
        try {
          out.faults.push(parseFaultRule(value() ?? ''));
        } catch (e) {
          return (e as Error).message;
        }
        break;
      case '--token-lifetime':
        out.tokenLifetimeS = Number(value());
        break;
      default:
        return undefined;
    }
  }
  return out;
}
