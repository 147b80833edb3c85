import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createPkcePair, randomState } from '../../../runtime/src/auth/pkce.ts';

describe('PKCE S256', () => {
  it('matches the RFC 7636 appendix B vector', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates a 43-character base64url verifier and its challenge', () => {
    const pair = createPkcePair();
    expect(pair.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pair.codeChallengeMethod).toBe('S256');
    const expected = createHash('sha256')
      .update(pair.codeVerifier)
      .digest('base64')
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    expect(pair.codeChallenge).toBe(expected);
  });

  it('never repeats verifiers or states', () => {
    const verifiers = new Set(Array.from({ length: 200 }, () => createPkcePair().codeVerifier));
    const states = new Set(Array.from({ length: 200 }, () => randomState()));
    expect(verifiers.size).toBe(200);
    expect(states.size).toBe(200);
    for (const state of states) expect(state).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });
});
