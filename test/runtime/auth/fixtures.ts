/** Shared fixtures of the OAuth provider tests: recognisable fake secrets, a clock, a counting store. */
import type { Tokens, TokenStore } from '../../../runtime/src/auth/token-provider.ts';
import { MemoryTokenStore } from '../../../runtime/src/auth/memory-token-store.ts';

export const CLIENT_SECRET = 'cs-SECRET-client-7f3a9c21';
export const OLD_ACCESS = 'at-SECRET-old-5b1e8d04';
export const OLD_REFRESH = 'rt-SECRET-old-c93f0a77';
export const NEW_ACCESS = 'at-SECRET-new-2d6b4f19';
export const NEW_REFRESH = 'rt-SECRET-rotated-e80c5a36';
export const CODE = 'code-SECRET-auth-91d2e7b3';
export const ALL_SECRETS = [CLIENT_SECRET, OLD_ACCESS, OLD_REFRESH, NEW_ACCESS, NEW_REFRESH, CODE];

export const START = 1_800_000_000_000;

export class Clock {
  time = START;
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** A MemoryTokenStore that counts calls and records events, optionally gating saves. */
export class InstrumentedStore implements TokenStore {
  readonly inner: MemoryTokenStore;
  loads = 0;
  saves: Tokens[] = [];
  events: string[] = [];
  /** When set, save waits for it before storing. */
  saveGate: Promise<void> | undefined;
  /** Called as a save begins. */
  onSaveStart: (() => void) | undefined;
  /** Number of upcoming saves that fail. */
  failSaves = 0;

  constructor(initial?: Tokens) {
    this.inner = new MemoryTokenStore(initial);
  }

  async load(): Promise<Tokens | undefined> {
    this.loads += 1;
    return this.inner.load();
  }

  async save(tokens: Tokens): Promise<void> {
    this.events.push(`save-start:${tokens.refreshToken}`);
    this.onSaveStart?.();
    if (this.saveGate !== undefined) await this.saveGate;
    if (this.failSaves > 0) {
      this.failSaves -= 1;
      this.events.push('save-failed');
      throw new Error('disk full');
    }
    await this.inner.save(tokens);
    this.saves.push({ ...tokens });
    this.events.push('save-end');
  }
}

/** A successful token answer; pass `null` to leave refresh_token or expires_in out. */
export function tokenReply(
  accessToken = NEW_ACCESS,
  refreshToken: string | null = NEW_REFRESH,
  expiresIn: unknown = 3600,
) {
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    access_token: accessToken,
    scope: 'x',
  };
  if (refreshToken !== null) body['refresh_token'] = refreshToken;
  if (expiresIn !== null) body['expires_in'] = expiresIn;
  return { status: 200, body };
}

/** Tokens whose access token expired just before START, with a refresh token to renew it. */
export const expired = (): Tokens => ({
  accessToken: OLD_ACCESS,
  refreshToken: OLD_REFRESH,
  expiresAt: START - 1,
});
