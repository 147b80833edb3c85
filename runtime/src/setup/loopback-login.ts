/**
 * Interactive sign-in for tools (`adsgen auth login`): the authorization-code grant with PKCE
 * and state, ending with the tokens saved by the provider's store.
 *
 * Loopback flow: a one-shot HTTP listener on 127.0.0.1 receives the browser's redirect
 * (`http://localhost:<port>/`, the redirect Microsoft allows any port on for desktop apps).
 * Paste flow, for machines without a browser: the redirect goes to Microsoft's native-client
 * page and the user pastes the address it ends on.
 *
 * The state is checked before the code is used and the verifier never leaves this process;
 * no token, code or verifier is printed.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OAuthError } from '../auth/oauth-error.js';
import type { OAuthTokenProvider } from '../auth/oauth-token-provider.js';
import type { Tokens } from '../auth/token-provider.js';
import { MICROSOFT_NATIVE_REDIRECT_URI } from '../environment.js';

/** @public */
export interface LoopbackLoginOptions {
  /** Port to listen on; default 0 (any free port). */
  port?: number;
  /** Called with the consent URL once the listener is up (print it, open a browser). */
  onUrl: (url: string) => void | Promise<void>;
  /** Give up after this long without a redirect. Default 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** `prompt` of the authorization request (`select_account`, `consent`, …). */
  prompt?: string;
}

const DONE_PAGE =
  '<!doctype html><meta charset="utf-8"><title>adsgen</title><p>Signed in. You can close this window and return to the terminal.</p>';
const FAILED_PAGE =
  '<!doctype html><meta charset="utf-8"><title>adsgen</title><p>Sign-in did not complete. See the terminal.</p>';

/**
 * Runs the loopback flow to the end: resolves with the saved tokens.
 *
 * @public
 */
export async function loginWithLoopback(
  provider: OAuthTokenProvider,
  options: LoopbackLoginOptions,
): Promise<Tokens> {
  const { createServer } = await import('node:http');
  let settle!: { resolve: (url: URL) => void; reject: (e: unknown) => void };
  const redirected = new Promise<URL>((resolve, reject) => (settle = { resolve, reject }));
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Browsers also ask for /favicon.ico; only a request carrying the OAuth answer counts.
    if (!url.searchParams.has('state')) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const ok = url.searchParams.has('code') && !url.searchParams.has('error');
    res
      .writeHead(ok ? 200 : 400, {
        'Content-Type': 'text/html; charset=utf-8',
        Connection: 'close',
      })
      .end(ok ? DONE_PAGE : FAILED_PAGE);
    settle.resolve(url);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const timer = setTimeout(
    () =>
      settle.reject(
        new OAuthError(`No sign-in arrived within ${Math.round(timeoutMs / 1000)} s`, {
          error: 'timeout',
        }),
      ),
    timeoutMs,
  );
  const onAbort = (): void =>
    settle.reject(new OAuthError('Sign-in was cancelled', { error: 'cancelled' }));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const { port } = server.address() as AddressInfo;
    const redirectUri = `http://localhost:${port}/`;
    const request = provider.getAuthorizationUrl({
      redirectUri,
      ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
    });
    await options.onUrl(request.url);
    const url = await redirected;
    // The browser was given its page; the listener's job is done before the code exchange.
    return await provider.exchangeRedirect(url, {
      state: request.state,
      codeVerifier: request.codeVerifier,
      redirectUri,
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** @public */
export interface PasteLoginOptions {
  /** Called with the consent URL (print it). */
  onUrl: (url: string) => void | Promise<void>;
  /** Reads the address the browser ended on, as pasted by the user. */
  readRedirect: () => Promise<string>;
  /** Default: Microsoft's native-client page. */
  redirectUri?: string;
  prompt?: string;
}

/**
 * The no-browser flow: print the URL, take the pasted redirect, exchange its code.
 *
 * @public
 */
export async function loginWithPaste(
  provider: OAuthTokenProvider,
  options: PasteLoginOptions,
): Promise<Tokens> {
  const redirectUri = options.redirectUri ?? MICROSOFT_NATIVE_REDIRECT_URI;
  const request = provider.getAuthorizationUrl({
    redirectUri,
    ...(options.prompt === undefined ? {} : { prompt: options.prompt }),
  });
  await options.onUrl(request.url);
  const pasted = (await options.readRedirect()).trim();
  if (pasted === '')
    throw new OAuthError('No redirect address was pasted', { error: 'missing_code' });
  return provider.exchangeRedirect(pasted, {
    state: request.state,
    codeVerifier: request.codeVerifier,
    redirectUri,
  });
}
