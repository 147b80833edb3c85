import { adApiFault } from '../faults/api-fault.ts';
import type { TokenService } from '../oauth/token-service.ts';

export type Environment = 'sandbox' | 'production';

/** The sandbox's universal developer token (public, documented by Microsoft). */
export const SANDBOX_DEVELOPER_TOKEN = 'BBD37VB98';

export interface PresentedCredentials {
  developerToken?: string;
  accessToken?: string;
  customerId?: string;
  accountId?: string;
}

export interface CredentialPolicy {
  environment: Environment;
  /** Developer tokens valid in `environment`. */
  developerTokens: ReadonlySet<string>;
  tokens: TokenService;
  canAccessCustomer(userId: string, customerId: string): boolean;
  canAccessAccount(userId: string, accountId: string): boolean;
}

/**
 * Checks the three credentials in the order the service does: developer token (105, HTTP 403:
 * wrong environment or unknown), access token (109 when expired, 105 when unknown or
 * missing; HTTP 401), then CustomerId / CustomerAccountId against what the token's user may
 * reach (106, HTTP 403). Returns the user the token belongs to. Messages never echo a token.
 */
export function checkCredentials(p: CredentialPolicy, c: PresentedCredentials): { userId: string } {
  if (!c.developerToken || !p.developerTokens.has(c.developerToken)) {
    const hint =
      c.developerToken === SANDBOX_DEVELOPER_TOKEN && p.environment === 'production'
        ? 'The sandbox developer token is not valid in production.'
        : c.developerToken
          ? `The developer token is not valid in ${p.environment}.`
          : 'The DeveloperToken header is missing.';
    throw adApiFault(105, 403, hint);
  }
  if (!c.accessToken) throw adApiFault(105, 401, 'The access token is missing.');
  const access = p.tokens.checkAccess(c.accessToken);
  if (!access.ok) {
    throw access.reason === 'expired'
      ? adApiFault(109, 401)
      : adApiFault(105, 401, 'The access token is not one this server issued, or it was revoked.');
  }
  if (c.customerId && !p.canAccessCustomer(access.userId, c.customerId)) {
    throw adApiFault(106, 403, 'CustomerId');
  }
  if (c.accountId && !p.canAccessAccount(access.userId, c.accountId)) {
    throw adApiFault(106, 403, 'CustomerAccountId');
  }
  return { userId: access.userId };
}
