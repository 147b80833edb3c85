/** Public surface of runtime authentication. */
export type { RefreshLock, TokenProvider, Tokens, TokenStore } from './token-provider.js';
export {
  OAuthTokenProvider,
  type OAuthTokenProviderOptions,
  type AuthorizationUrlOptions,
  type AuthorizationRequest,
  type ExchangeCodeOptions,
} from './oauth-token-provider.js';
export type { PendingAuthorization } from './redirect.js';
export { StaticTokenProvider } from './static-token-provider.js';
export { MemoryTokenStore } from './memory-token-store.js';
export { FileTokenStore, type FileTokenStoreOptions } from './file-token-store.js';
export { TokenStoreError } from './token-store-error.js';
export { OAuthError, type OAuthErrorDetails, type OAuthErrorInit } from './oauth-error.js';
export { codeChallengeS256, createPkcePair, randomState, type PkcePair } from './pkce.js';
