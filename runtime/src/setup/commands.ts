/**
 * The bodies of `adsgen auth login|status|logout` and `adsgen doctor`. The CLI parses flags
 * and hands them here; everything printed goes through `io`, and no token, code, verifier or
 * secret is ever printed. Exit codes: 0 ok, 1 a check or the sign-in failed, 2 bad settings.
 */
import { stat } from 'node:fs/promises';
import { FileTokenStore } from '../auth/file-token-store.js';
import { OAuthTokenProvider } from '../auth/oauth-token-provider.js';
import type { ClientOptions } from '../client.js';
import type { ClientClass } from '../config/create-clients.js';
import { AdsError } from '../errors.js';
import { openInBrowser } from './browser.js';
import {
  runDoctor,
  type DoctorCampaignManagement,
  type DoctorCustomerManagement,
} from './doctor.js';
import { loginWithLoopback, loginWithPaste } from './loopback-login.js';
import { loadProfile, profilePath, removeProfile, saveProfile } from './profile.js';
import {
  resolveSettings,
  SettingsError,
  storePathFrom,
  type SetupFlags,
  type SetupSettings,
} from './settings.js';
import type { EnvSource } from '../config/from-env.js';

/** @public */
export interface CommandIo {
  out(line: string): void;
  err(line: string): void;
  /** One line from the terminal (the pasted redirect address). */
  readLine(prompt: string): Promise<string>;
  env: EnvSource;
}

/** @public */
export interface LoginFlags extends SetupFlags {
  /** Print the URL and read the pasted redirect instead of listening on loopback. */
  paste?: boolean;
  /** Loopback port (default: any free one). */
  port?: number;
  /** Do not try to open a browser (the loopback listener still runs). */
  open?: boolean;
  timeoutS?: number;
}

/** @public */
export async function authLogin(flags: LoginFlags, io: CommandIo): Promise<number> {
  const settings = await settingsOrExit(flags, io, false);
  if (typeof settings === 'number') return settings;
  if (settings.clientId === undefined) {
    io.err(
      'adsgen auth login: --client-id (or MSADS_CLIENT_ID) is required: the Application (client) ID of your app registration',
    );
    return 2;
  }
  const provider = providerFor(settings);
  const flow = flags.paste ? 'paste' : 'loopback';
  io.err(
    `Signing in to Microsoft Advertising (${settings.environment}) as app ${settings.clientId}`,
  );
  try {
    if (flags.paste) {
      await loginWithPaste(provider, {
        onUrl: (url) => {
          io.err('Open this address in a browser on any machine, sign in and accept:');
          io.out(url);
          io.err(
            'The browser ends on a blank page: copy its full address from the address bar and paste it here.',
          );
        },
        readRedirect: () => io.readLine('Redirected address: '),
      });
    } else {
      await loginWithLoopback(provider, {
        ...(flags.port === undefined ? {} : { port: flags.port }),
        ...(flags.timeoutS === undefined ? {} : { timeoutMs: flags.timeoutS * 1000 }),
        onUrl: async (url) => {
          io.err('Sign in and accept in the browser. If none opened, open this address:');
          io.out(url);
          if (flags.open !== false && (await openInBrowser(url)))
            io.err('(opened in your browser)');
          io.err(
            'Waiting for the redirect… (Ctrl-C to stop; --paste on a machine without a browser)',
          );
        },
      });
    }
  } catch (error) {
    io.err(`adsgen auth login: ${describe(error)}`);
    return 1;
  }
  await saveProfile(settings.store, {
    clientId: settings.clientId,
    environment: settings.environment,
    ...(settings.tenant === undefined ? {} : { tenant: settings.tenant }),
    scope: provider.scope,
    tokenEndpoint: provider.tokenEndpoint,
    authorizeEndpoint: provider.authorizeEndpoint,
    signedInAt: new Date().toISOString(),
    flow,
  });
  io.err(`Signed in. Tokens saved to ${settings.store} (readable by you only).`);
  io.err(
    `Next: adsgen doctor${settings.environment === 'sandbox' ? ' --environment sandbox' : ''}`,
  );
  return 0;
}

/** @public */
export async function authStatus(flags: SetupFlags, io: CommandIo): Promise<number> {
  const store = storePathFrom(flags, io.env);
  const profile = await loadProfile(store);
  let tokens;
  try {
    tokens = await new FileTokenStore(store).load();
  } catch (error) {
    io.out(`store: ${store} (unreadable: ${describe(error)})`);
    return 1;
  }
  const mode = await stat(store)
    .then((s) => (s.mode & 0o777).toString(8).padStart(4, '0'))
    .catch(() => undefined);
  io.out(`store: ${store}${mode === undefined ? ' (missing)' : ` (mode ${mode})`}`);
  if (profile !== undefined) {
    io.out(`environment: ${profile.environment}`);
    io.out(`client id: ${profile.clientId}`);
    if (profile.tenant !== undefined) io.out(`tenant: ${profile.tenant}`);
    io.out(`scopes: ${profile.scope}`);
    io.out(`token endpoint: ${profile.tokenEndpoint}`);
    io.out(`signed in: ${profile.signedInAt} (${profile.flow})`);
  }
  const signedIn = tokens?.refreshToken !== undefined && tokens.refreshToken !== '';
  io.out(`refresh token: ${signedIn ? 'present' : 'none'}`);
  if (tokens?.expiresAt !== undefined) {
    const minutes = Math.round((tokens.expiresAt - Date.now()) / 60_000);
    io.out(
      `access token: ${minutes > 0 ? `expires in ${minutes} min` : `expired ${-minutes} min ago (refreshed on the next call)`} (${new Date(tokens.expiresAt).toISOString()})`,
    );
  } else io.out('access token: none');
  if (!signedIn) io.err('Not signed in: run adsgen auth login');
  return signedIn ? 0 : 1;
}

/** @public */
export async function authLogout(flags: SetupFlags, io: CommandIo): Promise<number> {
  const store = storePathFrom(flags, io.env);
  const { rm } = await import('node:fs/promises');
  const existed = await stat(store).then(
    () => true,
    () => false,
  );
  await rm(store, { force: true });
  await removeProfile(store);
  io.out(
    existed
      ? `Removed ${store} and ${profilePath(store)}.`
      : `Nothing to remove: ${store} does not exist.`,
  );
  io.err(
    'The tokens are deleted here; to withdraw the consent itself, remove the app at https://account.live.com/consent/Manage (personal accounts) or https://myapps.microsoft.com (work accounts).',
  );
  return 0;
}

/**
 * The generated client classes doctor needs (loaded by the CLI from generated/).
 *
 * @public
 */
export interface DoctorClasses {
  CustomerManagementClient: ClientClass;
  CampaignManagementClient: ClientClass;
}

/** @public */
export async function doctor(
  flags: SetupFlags,
  io: CommandIo,
  loadClasses: () => Promise<DoctorClasses>,
): Promise<number> {
  const settings = await settingsOrExit(flags, io, true);
  if (typeof settings === 'number') return settings;
  const missing = [
    settings.clientId === undefined
      ? '--client-id / MSADS_CLIENT_ID (or sign in first: adsgen auth login)'
      : undefined,
    settings.developerToken === undefined
      ? '--developer-token / MSADS_DEVELOPER_TOKEN (Developer Portal → Account; sandbox: BBD37VB98)'
      : undefined,
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) {
    io.err(`adsgen doctor: missing ${missing.join(' and ')}`);
    return 2;
  }
  const auth = providerFor(settings);
  const options: ClientOptions = {
    developerToken: settings.developerToken!,
    auth,
    environment: settings.environment,
    protocol: settings.protocol,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    // One attempt per check: doctor reports, it does not wait out throttling.
    retry: false,
  };
  const classes = await loadClasses();
  io.out(
    `adsgen doctor: ${settings.environment}, ${settings.protocol.toUpperCase()}, store ${settings.store}${settings.endpoint === undefined ? '' : `, endpoint ${settings.endpoint}`}`,
  );
  const report = await runDoctor({
    auth,
    environment: settings.environment,
    developerToken: settings.developerToken!,
    ...(settings.customerId === undefined ? {} : { customerId: settings.customerId }),
    ...(settings.accountId === undefined ? {} : { accountId: settings.accountId }),
    customerManagement: new classes.CustomerManagementClient(options) as DoctorCustomerManagement,
    campaignManagement: new classes.CampaignManagementClient(options) as DoctorCampaignManagement,
    loginCommand: `adsgen auth login --environment ${settings.environment}`,
  });
  for (const check of report.checks) {
    const label =
      check.status === 'ok' ? 'ok     ' : check.status === 'failed' ? 'FAILED ' : 'skipped';
    io.out(`  ${label} ${check.name}: ${check.detail}`);
    if (check.diagnosis !== undefined) {
      io.out(`          wrong: ${check.diagnosis.credential} (${check.diagnosis.code})`);
      io.out(`          fix: ${check.diagnosis.fix}`);
    }
  }
  if (report.accounts.length > 0) {
    io.out(`Accounts the user can reach (${report.accounts.length}):`);
    for (const a of report.accounts)
      io.out(`  account ${a.id}  number ${a.number}  customer ${a.customerId}  ${a.name}`);
  }
  const problems = report.checks.filter((c) => c.status === 'failed').length;
  io.out(problems === 0 ? 'All credentials work.' : `${problems} problem(s) found.`);
  return report.ok ? 0 : 1;
}

async function settingsOrExit(
  flags: SetupFlags,
  io: CommandIo,
  withProfile: boolean,
): Promise<SetupSettings | number> {
  try {
    const profile = withProfile ? await loadProfile(storePathFrom(flags, io.env)) : undefined;
    return resolveSettings(flags, io.env, profile);
  } catch (error) {
    if (error instanceof SettingsError) {
      io.err(`adsgen: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

function providerFor(settings: SetupSettings): OAuthTokenProvider {
  return new OAuthTokenProvider({
    clientId: settings.clientId!,
    ...(settings.clientSecret === undefined ? {} : { clientSecret: settings.clientSecret }),
    environment: settings.environment,
    ...(settings.tenant === undefined ? {} : { tenant: settings.tenant }),
    ...(settings.scope === undefined ? {} : { scope: settings.scope }),
    ...(settings.oauth ?? {}),
    store: new FileTokenStore(settings.store),
  });
}

/** Our errors are redacted already; anything else is named, not quoted. */
function describe(error: unknown): string {
  if (error instanceof AdsError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return 'unknown error';
}
