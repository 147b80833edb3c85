import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { handleAuthorize } from './token-endpoint.ts';
import type { TokenService } from './token-service.ts';

/**
 * The sign-in and consent step a browser sees. A browser asking the authorize endpoint for
 * HTML gets a page with "Accept" and "Cancel" (a form posting the request's parameters back);
 * programs (`Accept: *\/*`) keep the immediate redirect. Accept → the usual redirect with a
 * code; Cancel → the redirect Microsoft sends when the user refuses: `error=access_denied`.
 */
export function wantsConsentPage(headers: IncomingHttpHeaders): boolean {
  return /\btext\/html\b/.test(headers.accept ?? '');
}

export function sendConsentPage(url: URL, res: ServerResponse): void {
  const hidden = [...url.searchParams]
    .map(([k, v]) => `<input type="hidden" name="${escape(k)}" value="${escape(v)}">`)
    .join('\n      ');
  const client = escape(url.searchParams.get('client_id') ?? '(no client_id)');
  const scope = escape(url.searchParams.get('scope') ?? '');
  const html = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Mock sign-in: permissions requested</title></head>
  <body>
    <h1>Let this app access your info?</h1>
    <p>Application <code id="client-id">${client}</code> asks for <code id="scope">${scope}</code>.</p>
    <form method="post" action="${escape(url.pathname)}">
      ${hidden}
      <button type="submit" name="decision" value="accept" id="accept">Accept</button>
      <button type="submit" name="decision" value="deny" id="cancel">Cancel</button>
    </form>
  </body>
</html>
`;
  res
    .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
    .end(html);
}

/** The consent form's POST: accept → code redirect; deny → access_denied redirect. */
export function handleConsent(
  tokens: TokenService,
  path: string,
  body: string,
  userId: string,
  res: ServerResponse,
): void {
  const form = new URLSearchParams(body);
  const decision = form.get('decision');
  form.delete('decision');
  const url = new URL(`${path}?${form.toString()}`, 'http://127.0.0.1');
  if (decision === 'accept') return handleAuthorize(tokens, url, userId, res);
  const redirect = form.get('redirect_uri');
  let target: URL;
  try {
    target = new URL(redirect ?? '');
  } catch {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('redirect_uri is required');
    return;
  }
  target.searchParams.set('error', 'access_denied');
  target.searchParams.set(
    'error_description',
    'AADSTS65004: User declined to consent to access the app.',
  );
  const state = form.get('state');
  if (state !== null) target.searchParams.set('state', state);
  res.writeHead(302, { Location: target.toString() }).end();
}

function escape(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
