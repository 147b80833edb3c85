/**
 * The settings of `adsgen auth` and `adsgen doctor`, each from the first of: the command-line
 * flag, the MSADS_* environment variable (the convention of `fromEnv()`), the profile
 * `adsgen auth login` saved beside the token file, the default.
 */
import {
  DEFAULT_TOKEN_STORE,
  SANDBOX_DEVELOPER_TOKEN,
  type EnvSource,
} from '../config/from-env.js';
import { oauthUrlsAt } from '../config/oauth-origin.js';
import { isEnvironment, type Environment } from '../environment.js';
import type { LoginProfile } from './profile.js';

/**
 * Flags as the CLI parsed them (absent when not given).
 *
 * @public
 */
export interface SetupFlags {
  clientId?: string;
  clientSecret?: string;
  environment?: string;
  tenant?: string;
  scope?: string;
  store?: string;
  oauthEndpoint?: string;
  endpoint?: string;
  developerToken?: string;
  customerId?: string;
  accountId?: string;
  protocol?: string;
}

/** @public */
export interface SetupSettings {
  clientId: string | undefined;
  clientSecret: string | undefined;
  environment: Environment;
  tenant: string | undefined;
  scope: string | undefined;
  store: string;
  /** Token/authorize endpoint overrides (from --oauth-endpoint, or the profile). */
  oauth: { tokenEndpoint: string; authorizeEndpoint: string } | undefined;
  endpoint: string | undefined;
  developerToken: string | undefined;
  customerId: string | undefined;
  accountId: string | undefined;
  protocol: 'rest' | 'soap';
}

/** @public */
export class SettingsError extends Error {
  override name = 'SettingsError';
}

export function storePathFrom(flags: SetupFlags, env: EnvSource): string {
  return flags.store ?? nonEmpty(env['MSADS_TOKEN_STORE']) ?? DEFAULT_TOKEN_STORE;
}

/** @public */
export function resolveSettings(
  flags: SetupFlags,
  env: EnvSource,
  profile: LoginProfile | undefined,
): SetupSettings {
  const pick = (flag: string | undefined, variable: string): string | undefined =>
    nonEmpty(flag) ?? nonEmpty(env[variable]);
  const environmentText = pick(flags.environment, 'MSADS_ENVIRONMENT') ?? profile?.environment;
  const environment = (environmentText ?? 'production').toLowerCase();
  if (!isEnvironment(environment))
    throw new SettingsError('--environment / MSADS_ENVIRONMENT must be production or sandbox');
  const protocol = (pick(flags.protocol, 'MSADS_PROTOCOL') ?? 'rest').toLowerCase();
  if (protocol !== 'rest' && protocol !== 'soap')
    throw new SettingsError('--protocol / MSADS_PROTOCOL must be rest or soap');
  // The profile only speaks for the environment it was made for.
  const fromProfile = profile?.environment === environment ? profile : undefined;
  const tenant = pick(flags.tenant, 'MSADS_TENANT') ?? fromProfile?.tenant;
  const oauthOrigin = pick(flags.oauthEndpoint, 'MSADS_OAUTH_ENDPOINT');
  const oauth =
    oauthOrigin !== undefined
      ? oauthUrlsAt(oauthOrigin, { environment, ...(tenant === undefined ? {} : { tenant }) })
      : fromProfile === undefined
        ? undefined
        : {
            tokenEndpoint: fromProfile.tokenEndpoint,
            authorizeEndpoint: fromProfile.authorizeEndpoint,
          };
  const customerId = pick(flags.customerId, 'MSADS_CUSTOMER_ID');
  const accountId = pick(flags.accountId, 'MSADS_ACCOUNT_ID');
  for (const [name, value] of [
    ['--customer-id', customerId],
    ['--account-id', accountId],
  ] as const)
    if (value !== undefined && !/^\d{1,19}$/.test(value))
      throw new SettingsError(`${name} must be a numeric id (the Id, not the account Number)`);
  return {
    clientId: pick(flags.clientId, 'MSADS_CLIENT_ID') ?? fromProfile?.clientId,
    clientSecret: pick(flags.clientSecret, 'MSADS_CLIENT_SECRET'),
    environment,
    tenant,
    scope: pick(flags.scope, 'MSADS_SCOPE') ?? fromProfile?.scope,
    store: storePathFrom(flags, env),
    oauth,
    endpoint: pick(flags.endpoint, 'MSADS_ENDPOINT'),
    developerToken:
      pick(flags.developerToken, 'MSADS_DEVELOPER_TOKEN') ??
      (environment === 'sandbox' ? SANDBOX_DEVELOPER_TOKEN : undefined),
    customerId,
    accountId,
    protocol,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
