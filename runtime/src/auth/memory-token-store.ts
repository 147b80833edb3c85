/**
 * A TokenStore that lives as long as the process. Copies on the way in and out so that a
 * caller mutating the object it passed or got cannot change what is stored.
 */
import type { Tokens, TokenStore } from './token-provider.js';
import { redactedTokens } from './tokens-view.js';
import { INSPECT_CUSTOM } from '../inspect-custom.js';

/** @public */
export class MemoryTokenStore implements TokenStore {
  #tokens: Tokens | undefined;

  constructor(initial?: Tokens) {
    this.#tokens = initial === undefined ? undefined : { ...initial };
  }

  async load(): Promise<Tokens | undefined> {
    return this.#tokens === undefined ? undefined : { ...this.#tokens };
  }

  async save(tokens: Tokens): Promise<void> {
    this.#tokens = { ...tokens };
  }

  toJSON(): Record<string, unknown> {
    return { type: 'MemoryTokenStore', tokens: redactedTokens(this.#tokens) };
  }

  [INSPECT_CUSTOM](
    _depth: number,
    _options: object,
    inspect: (value: unknown, options?: object) => string,
  ): string {
    return `MemoryTokenStore ${inspect(this.toJSON().tokens)}`;
  }
}
