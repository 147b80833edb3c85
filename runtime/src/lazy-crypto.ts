/**
 * node:crypto, loaded on first use rather than at import: signing in (PKCE, the redirect's
 * state) and the token file's temporary names need it, a client's calls over plain HTTP do
 * not, and its load is a noticeable share of importing the runtime on a cold start. Over
 * HTTPS, TLS loads it with the first connection anyway. `process.getBuiltinModule` (Node
 * 20.16+) is synchronous, so the functions that use it stay synchronous.
 */
export function nodeCrypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto');
}
