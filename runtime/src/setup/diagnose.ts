/**
 * Failures of a credential check turned into what a person can act on: which credential is
 * wrong, the probable cause, and the fix. Microsoft's own troubleshooting guide is the source:
 * 105 is a token (developer or access) wrong for the environment, 106 valid credentials
 * without access to the customer/account, 109 an expired access token, 117 throttling,
 * invalid_grant a refresh token that needs consent again, AADSTS codes the identity platform's
 * configuration problems. Messages never quote a token.
 */
import { OAuthError } from '../auth/oauth-error.js';
import { TokenStoreError } from '../auth/token-store-error.js';
import type { Environment } from '../environment.js';
import {
  AdsApiError,
  ReauthorizationRequiredError,
  ThrottledError,
  TransportError,
} from '../errors.js';
import { SANDBOX_DEVELOPER_TOKEN } from '../config/from-env.js';

/**
 * The credential a failure points at.
 *
 * @public
 */
export type Credential =
  | 'refresh-token'
  | 'oauth-app'
  | 'developer-token'
  | 'access-token'
  | 'environment'
  | 'customer-id'
  | 'account-id'
  | 'user'
  | 'network'
  | 'service';

/** @public */
export interface Diagnosis {
  credential: Credential;
  /** The code that led here: `105`, `invalid_grant`, `AADSTS70000`, `ECONNREFUSED`… */
  code: string;
  cause: string;
  fix: string;
}

/** @public */
export interface DiagnoseContext {
  environment: Environment;
  developerToken: string;
  /** How to sign in again, for the fix text (`adsgen auth login --environment sandbox`). */
  loginCommand: string;
}

const AADSTS: Readonly<Record<number, Omit<Diagnosis, 'code'>>> = {
  50011: {
    credential: 'oauth-app',
    cause: 'the redirect URI is not registered for this application',
    fix: 'add http://localhost (Mobile and desktop applications) to the app registration, or use --paste',
  },
  50173: {
    credential: 'refresh-token',
    cause: 'the grant was revoked (the user changed their password or signed out everywhere)',
    fix: 'sign in again',
  },
  65001: {
    credential: 'refresh-token',
    cause: 'the user has not consented to this application',
    fix: 'sign in again and accept the permissions',
  },
  650052: {
    credential: 'oauth-app',
    cause: "the organization's tenant has not enabled Microsoft Advertising for work accounts",
    fix: 'an admin of the tenant must be added to Microsoft Advertising and enable work accounts',
  },
  70000: {
    credential: 'refresh-token',
    cause: 'the refresh token is invalid, expired or revoked (or was issued for other scopes)',
    fix: 'sign in again',
  },
  70008: {
    credential: 'refresh-token',
    cause: 'the refresh token expired (unused for too long) or was already redeemed',
    fix: 'sign in again',
  },
  700016: {
    credential: 'oauth-app',
    cause: 'no application with this client id exists in the tenant (an old hexadecimal id?)',
    fix: 'check --client-id / MSADS_CLIENT_ID, or register a new app (its id is a GUID) and sign in again',
  },
  700082: {
    credential: 'refresh-token',
    cause: 'the refresh token expired because it was not used for too long',
    fix: 'sign in again',
  },
  7000215: {
    credential: 'oauth-app',
    cause: 'the client secret is wrong or expired',
    fix: 'create a new secret in the app registration and pass it as --client-secret / MSADS_CLIENT_SECRET',
  },
  7000218: {
    credential: 'oauth-app',
    cause: 'the app is registered as a web (confidential) app and needs its client secret',
    fix: 'pass --client-secret / MSADS_CLIENT_SECRET, or allow public client flows in the registration',
  },
  90002: {
    credential: 'oauth-app',
    cause: 'the tenant does not exist',
    fix: 'check --tenant / MSADS_TENANT (common, consumers, organizations or your tenant id)',
  },
};

/**
 * The first AADSTS code an error carries (in `errorCodes` or in its text).
 *
 * @public
 */
export function aadstsCode(error: unknown): number | undefined {
  if (error instanceof OAuthError && error.errorCodes.length > 0) return error.errorCodes[0];
  const match = /AADSTS(\d+)/.exec(error instanceof Error ? error.message : '');
  return match === null ? undefined : Number(match[1]);
}

/**
 * What went wrong when refreshing the access token from the stored refresh token.
 *
 * @public
 */
export function diagnoseSignIn(error: unknown, ctx: DiagnoseContext): Diagnosis {
  const aadsts = aadstsCode(error);
  const known = aadsts === undefined ? undefined : AADSTS[aadsts];
  const relogin = (text: string): string =>
    text === 'sign in again' ? `run ${ctx.loginCommand}` : text;
  if (known !== undefined) return { ...known, code: `AADSTS${aadsts}`, fix: relogin(known.fix) };
  if (error instanceof ReauthorizationRequiredError) {
    const none = /No refresh token is stored/.test(error.message);
    return {
      credential: 'refresh-token',
      code: none ? 'no-refresh-token' : 'invalid_grant',
      cause: none
        ? 'no refresh token is stored: nobody has signed in with this store yet'
        : 'the refresh token was rejected (invalid_grant): it expired, was revoked, or consent was withdrawn',
      fix: `run ${ctx.loginCommand}`,
    };
  }
  if (error instanceof TokenStoreError)
    return {
      credential: 'refresh-token',
      code: `store-${error.code}`,
      cause: `the token store cannot be used (${error.message})`,
      fix: `fix or delete the file, then run ${ctx.loginCommand}`,
    };
  if (error instanceof OAuthError)
    return {
      credential: 'oauth-app',
      code: error.error,
      cause: `the identity platform refused the request (${error.error})`,
      fix: 'check the client id, secret, tenant and scope of the app registration',
    };
  if (error instanceof TransportError)
    return {
      credential: 'network',
      code: error.details.code ?? error.reason,
      cause: `the identity platform could not be reached (${error.reason})`,
      fix: 'check the network, a proxy, or --oauth-endpoint',
    };
  return unexpected(error);
}

/**
 * What went wrong on a service call. `step` says which call failed, because the same code
 * means different things: 106 on GetUser is a user without an Advertising account in this
 * environment; 106 on a Campaign Management read is a customer/account the user cannot reach.
 *
 * @public
 */
export function diagnoseCall(
  error: unknown,
  step: 'get-user' | 'search-accounts' | 'campaign-read',
  ctx: DiagnoseContext,
): Diagnosis {
  if (!(error instanceof AdsApiError)) {
    if (error instanceof ReauthorizationRequiredError || error instanceof OAuthError)
      return diagnoseSignIn(error, ctx);
    if (error instanceof TransportError)
      return {
        credential: 'network',
        code: error.details.code ?? error.reason,
        cause: `the service could not be reached (${error.reason})`,
        fix: 'check the network, a proxy, or --endpoint',
      };
    return unexpected(error);
  }
  const entry = error.errors[0];
  const code = entry?.code;
  const other: Environment = ctx.environment === 'sandbox' ? 'production' : 'sandbox';
  if (error instanceof ThrottledError || code === 117)
    return {
      credential: 'service',
      code: String(code ?? error.httpStatus),
      cause: 'the call rate limit was exceeded (not a credential problem)',
      fix: 'wait about 60 s and run doctor again',
    };
  if (code === 105) return diagnose105(error.httpStatus, ctx, other);
  if (code === 106) {
    if (step === 'get-user')
      return {
        credential: 'user',
        code: '106',
        cause: `the signed-in Microsoft account has no Microsoft Advertising user in ${ctx.environment}`,
        fix:
          ctx.environment === 'sandbox'
            ? 'sign up for a sandbox account (a separate sign-up from production), then sign in again with that user'
            : 'sign in with the Microsoft account that uses Microsoft Advertising (or sign it up)',
      };
    const which = /CustomerAccountId/i.test(entry?.details ?? entry?.message ?? '')
      ? 'account-id'
      : 'customer-id';
    return {
      credential: which,
      code: '106',
      cause:
        which === 'account-id'
          ? 'the user has no access to the account id sent (CustomerAccountId)'
          : 'the user has no access to the customer id sent (CustomerId)',
      fix: 'use a customer id and account id from the list of reachable accounts',
    };
  }
  if (code === 109 || code === 3101)
    return {
      credential: 'access-token',
      code: String(code),
      cause:
        code === 109
          ? 'the access token expired although it was just refreshed (clock skew, or a stale shared store)'
          : 'the access token is not valid for Microsoft Advertising (wrong scope or identity platform)',
      fix: `check the clock, then run ${ctx.loginCommand}`,
    };
  if (code === 1102 || code === 208)
    return {
      credential: 'account-id',
      code: String(code),
      cause: 'the account id is not a valid account for this customer',
      fix: 'use an account id from the list of reachable accounts',
    };
  if (code === 1490 || code === 1029)
    return {
      credential: 'customer-id',
      code: String(code),
      cause:
        code === 1029 ? 'the call needs a customer id' : 'the customer id is not a valid customer',
      fix: 'pass --customer-id with the ParentCustomerId of the account',
    };
  return {
    credential: 'service',
    code: String(code ?? error.httpStatus),
    cause: `the service refused the call (${entry?.errorCode ?? `HTTP ${error.httpStatus}`}, TrackingId ${error.trackingId ?? 'none'})`,
    fix: 'look the code up in Microsoft’s operation error codes; quote the TrackingId to support',
  };
}

function diagnose105(httpStatus: number, ctx: DiagnoseContext, other: Environment): Diagnosis {
  const sandboxToken = ctx.developerToken === SANDBOX_DEVELOPER_TOKEN;
  if (ctx.environment === 'production' && sandboxToken)
    return {
      credential: 'developer-token',
      code: '105',
      cause: `${SANDBOX_DEVELOPER_TOKEN} is the sandbox's universal developer token; it is not valid in production`,
      fix: 'use your own developer token (Developer Portal), or --environment sandbox',
    };
  if (ctx.environment === 'sandbox' && !sandboxToken)
    return {
      credential: 'developer-token',
      code: '105',
      cause: 'production developer tokens are not valid in sandbox',
      fix: `use the universal sandbox developer token ${SANDBOX_DEVELOPER_TOKEN}`,
    };
  // Microsoft answers a bad developer token with 403 and a bad access token with 401.
  if (httpStatus === 403)
    return {
      credential: 'developer-token',
      code: '105',
      cause: `the developer token is not valid in ${ctx.environment}${ctx.environment === 'production' ? ' (unknown, revoked, or not yet approved for production: the Developer Portal shows its status)' : ''}`,
      fix: 'copy the token from the Developer Portal (Account → Developer Portal) into --developer-token / MSADS_DEVELOPER_TOKEN',
    };
  return {
    credential: 'environment',
    code: '105',
    cause: `the access token was refreshed but the ${ctx.environment} service does not accept it: it was probably issued by the ${other} identity platform (signed in with the other --environment)`,
    fix: `run ${ctx.loginCommand}`,
  };
}

function unexpected(error: unknown): Diagnosis {
  return {
    credential: 'service',
    code: error instanceof Error ? error.name : 'unknown',
    cause: `unexpected failure: ${error instanceof Error ? error.message : 'unknown error'}`,
    fix: 'run with ADSGEN_DEBUG=1 and report it',
  };
}
