/**
 * A fixed access token (from a vault, a test, a one-off script). It cannot refresh: when the
 * service rejects it, the error reaches the caller.
 */
import { INSPECT_CUSTOM } from '../inspect-custom.js';
import type { TokenProvider } from './token-provider.js';
import { REDACTED } from '../redact.js';

/** @public */
export class StaticTokenProvider implements TokenProvider {
  readonly #accessToken: string;

  constructor(accessToken: string) {
    if (typeof accessToken !== 'string' || accessToken === '')
      throw new TypeError('accessToken is required');
    this.#accessToken = accessToken;
  }

  async getAccessToken(): Promise<string> {
    return this.#accessToken;
  }

  toJSON(): Record<string, unknown> {
    return { type: 'StaticTokenProvider', accessToken: REDACTED };
  }

  [INSPECT_CUSTOM](): string {
    return `StaticTokenProvider { accessToken: '${REDACTED}' }`;
  }
}
