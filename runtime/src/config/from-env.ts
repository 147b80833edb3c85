/**
 * Client options from environment variables, one convention for every service and tool:
 *
 * | variable | meaning |
 * | --- | --- |
 * | `MSADS_DEVELOPER_TOKEN` | developer token (default in sandbox: the universal `BBD37VB98`) |
 * | `MSADS_ENVIRONMENT` | `production` (default) or `sandbox` |
 * | `MSADS_CLIENT_ID` | application (client) id of the app registration |
 * | `MSADS_CLIENT_SECRET` | only for confidential (web) apps |
 * | `MSADS_TENANT` | Microsoft tenant (default `common`, sandbox `consumers`) |
 * | `MSADS_SCOPE` | OAuth scope (default: the environment's) |
 * | `MSADS_TOKEN_STORE` | token file (default `.adsgen/tokens.json`, what `adsgen auth login` writes) |
 * | `MSADS_REFRESH_TOKEN` | a refresh token to start from instead of the token file (CI) |
 * | `MSADS_CUSTOMER_ID` / `MSADS_ACCOUNT_ID` | default CustomerId / CustomerAccountId headers |
 * | `MSADS_PROTOCOL` | `rest` (default) or `soap` |
 * | `MSADS_ENDPOINT` | service origin override (the mock server) |
 * | `MSADS_OAUTH_ENDPOINT` | identity platform origin override (the mock server) |
 *
 * Problems are collected and reported together by variable name; values are never quoted
 * (a developer token or secret in the wrong variable must not end up in a log).
 */
import type { ClientOptions } from '../client.js';
import { isEnvironment, type Environment } from '../environment.js';
import { FileTokenStore } from '../auth/file-token-store.js';
import { MemoryTokenStore } from '../auth/memory-token-store.js';
import { OAuthTokenProvider } from '../auth/oauth-token-provider.js';
import type { TokenStore } from '../auth/token-provider.js';
import type { Protocol } from '../errors.js';
import { oauthUrlsAt } from './oauth-origin.js';

/**
 * The token file `adsgen auth login` writes and `fromEnv()` reads by default.
 *
 * @public
 */
export const DEFAULT_TOKEN_STORE = '.adsgen/tokens.json';
/**
 * Microsoft's universal sandbox developer token (public).
 *
 * @public
 */
export const SANDBOX_DEVELOPER_TOKEN = 'BBD37VB98';

/** @public */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/**
 * What fromEnv builds: client options whose `auth` is an OAuthTokenProvider.
 *
 * @public
 */
export interface EnvClientOptions extends ClientOptions {
  auth: OAuthTokenProvider;
  environment: Environment;
  protocol: Protocol;
  /** The token file, or undefined when MSADS_REFRESH_TOKEN seeded an in-memory store. */
  tokenStorePath: string | undefined;
}

/** @public */
export class EnvConfigError extends Error {
  constructor(
    /** `NAME: what is wrong` per variable. */
    readonly problems: readonly string[],
  ) {
    super(
      `Microsoft Advertising settings are incomplete:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
    this.name = 'EnvConfigError';
  }
}

/** @public */
export function fromEnv(env: EnvSource = process.env): EnvClientOptions {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const value = get(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase() as T;
    if (allowed.includes(lower)) return lower;
    problems.push(`${name}: expected ${allowed.join(' or ')}`);
    return fallback;
  };
  const id = (name: string): string | undefined => {
    const value = get(name);
    if (value !== undefined && !/^\d{1,19}$/.test(value)) {
      problems.push(`${name}: expected a numeric id`);
      return undefined;
    }
    return value;
  };

  const environment = oneOf('MSADS_ENVIRONMENT', ['production', 'sandbox'], 'production');
  const protocol = oneOf('MSADS_PROTOCOL', ['rest', 'soap'], 'rest');
  const developerToken =
    get('MSADS_DEVELOPER_TOKEN') ??
    (environment === 'sandbox' ? SANDBOX_DEVELOPER_TOKEN : undefined);
  if (developerToken === undefined)
    problems.push(
      'MSADS_DEVELOPER_TOKEN: missing (Microsoft Advertising → Developer Portal → Account → Request token)',
    );
  const clientId = get('MSADS_CLIENT_ID');
  if (clientId === undefined)
    problems.push('MSADS_CLIENT_ID: missing (the application id of your app registration)');
  const customerId = id('MSADS_CUSTOMER_ID');
  const accountId = id('MSADS_ACCOUNT_ID');
  const endpoint = get('MSADS_ENDPOINT');
  const oauthOrigin = get('MSADS_OAUTH_ENDPOINT');
  if (problems.length > 0) throw new EnvConfigError(problems);
  if (!isEnvironment(environment)) throw new EnvConfigError(['MSADS_ENVIRONMENT: invalid']);

  const refreshToken = get('MSADS_REFRESH_TOKEN');
  const tokenStorePath =
    refreshToken === undefined ? (get('MSADS_TOKEN_STORE') ?? DEFAULT_TOKEN_STORE) : undefined;
  const store: TokenStore =
    tokenStorePath === undefined
      ? new MemoryTokenStore({ refreshToken })
      : new FileTokenStore(tokenStorePath);
  const tenant = get('MSADS_TENANT');
  const auth = new OAuthTokenProvider({
    clientId: clientId!,
    clientSecret: get('MSADS_CLIENT_SECRET'),
    environment,
    tenant,
    scope: get('MSADS_SCOPE'),
    store,
    ...(oauthOrigin === undefined ? {} : oauthUrlsAt(oauthOrigin, { environment, tenant })),
  });
  return {
    developerToken: developerToken!,
    auth,
    environment,
    protocol,
    tokenStorePath,
    ...(customerId === undefined ? {} : { customerId }),
    ...(accountId === undefined ? {} : { accountId }),
    ...(endpoint === undefined ? {} : { endpoint }),
  };
}
