/** What may be shown of a Tokens value in logs: which tokens exist and when the access token expires. */
import { REDACTED } from '../redact.js';
import type { Tokens } from './token-provider.js';

export interface TokensView {
  accessToken?: typeof REDACTED;
  refreshToken?: typeof REDACTED;
  expiresAt?: string;
}

export function redactedTokens(tokens: Tokens | undefined): TokensView | undefined {
  if (tokens === undefined) return undefined;
  const view: TokensView = {};
  if (tokens.accessToken !== undefined) view.accessToken = REDACTED;
  if (tokens.refreshToken !== undefined) view.refreshToken = REDACTED;
  if (tokens.expiresAt !== undefined && Number.isFinite(tokens.expiresAt)) {
    view.expiresAt = new Date(tokens.expiresAt).toISOString();
  }
  return view;
}
