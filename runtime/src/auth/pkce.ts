/**
 * PKCE (RFC 7636) with the S256 method, and the random `state` of the authorization request.
 * Both come from node:crypto's CSPRNG (loaded on first use, see lazy-crypto.ts); base64url
 * without padding as the RFC requires.
 */
import { nodeCrypto } from '../lazy-crypto.js';

/** @public */
export interface PkcePair {
  codeVerifier: string;
  codeChallenge: string;
  codeChallengeMethod: 'S256';
}

/**
 * BASE64URL(SHA256(ASCII(verifier))).
 *
 * @public
 */
export function codeChallengeS256(codeVerifier: string): string {
  return nodeCrypto().createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/**
 * 32 random bytes → a 43-character verifier (the RFC's minimum length, 256 bits of entropy).
 *
 * @public
 */
export function createPkcePair(): PkcePair {
  const codeVerifier = nodeCrypto().randomBytes(32).toString('base64url');
  return {
    codeVerifier,
    codeChallenge: codeChallengeS256(codeVerifier),
    codeChallengeMethod: 'S256',
  };
}

/**
 * An unguessable `state` value for the CSRF check of the redirect.
 *
 * @public
 */
export function randomState(): string {
  return nodeCrypto().randomBytes(24).toString('base64url');
}
