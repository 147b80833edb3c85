/**
 * `--oauth-endpoint` / `MSADS_OAUTH_ENDPOINT`: another identity platform at the same paths
 * (the mock server, a proxy). The value is an origin, optionally with a path prefix; the
 * tenant and the `/oauth2/v2.0/…` path of the environment's table are kept after it, so
 * `http://127.0.0.1:4000` turns `https://login.microsoftonline.com/common/oauth2/v2.0/token`
 * into `http://127.0.0.1:4000/common/oauth2/v2.0/token`.
 */
import { oauthEndpoints, type Environment } from '../environment.js';

/** @public */
export interface OAuthUrls {
  authorizeEndpoint: string;
  tokenEndpoint: string;
}

/** @public */
export function oauthUrlsAt(
  origin: string,
  options: { environment?: Environment; tenant?: string } = {},
): OAuthUrls {
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    throw new TypeError('the OAuth endpoint is not an absolute URL (e.g. http://127.0.0.1:4000)');
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  const table = oauthEndpoints(options);
  const at = (url: string): string => `${base.origin}${prefix}${new URL(url).pathname}`;
  return { authorizeEndpoint: at(table.authorizeUrl), tokenEndpoint: at(table.tokenUrl) };
}
