/**
 * @adsgen/redis: Redis for a fleet of adsgen clients sharing one Microsoft Advertising user —
 * a token store whose refresh happens once per fleet, and throttle windows every worker sees.
 */
export { RedisTokenStore, type RedisTokenStoreOptions } from './redis-token-store.js';
export { RedisThrottleState, type RedisThrottleStateOptions } from './redis-throttle-state.js';
export type { LockHolder } from './redis-lock.js';
export type { RedisInput } from './connection.js';
