import { PRODUCTION_DEVELOPER_TOKEN, startMockServer } from './server.ts';

/**
 * `npm run mock -- --port N [--environment sandbox|production] [--seed N] [--token-lifetime S]`
 *
 * Serves until killed. Prints the origin, then one `MOCK_READY {json}` line (origin, a
 * pre-issued access token, the developer token, seeded ids) for scripts, and the call
 * statistics when stopped.
 */
export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args === undefined) {
    process.stderr.write(
      'usage: adsgen-mock [--port N] [--environment sandbox|production] [--seed N] [--token-lifetime SECONDS]\n',
    );
    return 2;
  }
  const server = await startMockServer({
    port: args.port,
    environment: args.environment,
    seed: args.seed,
    tokenLifetimeS: args.tokenLifetimeS,
    developerTokens: args.environment === 'production' ? [PRODUCTION_DEVELOPER_TOKEN] : undefined,
  });
  const tokens = server.oauth.issue();
  const ready = {
    origin: server.origin,
    environment: server.state.environment,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    developerToken: server.state.developerToken,
    customerId: server.state.ids.customerId,
    accountId: server.state.ids.accountId,
    userId: server.state.ids.userId,
    tokenEndpoint: `${server.origin}/common/oauth2/v2.0/token`,
  };
  process.stdout.write(`adsgen mock server listening on ${server.origin} (${ready.environment})\n`);
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
  tokenLifetimeS?: number;
}

function parseArgs(argv: string[]): Args | undefined {
  const out: Args = { port: 0, environment: 'sandbox' };
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
      case '--token-lifetime':
        out.tokenLifetimeS = Number(value());
        break;
      default:
        return undefined;
    }
  }
  return out;
}
