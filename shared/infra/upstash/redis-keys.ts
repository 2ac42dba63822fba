import type { DataStore, StorePrivacy } from '../../platform/privacy/data-map.ts';

/**
 * A family of Redis keys, declared by the module that writes them: the prefix every key starts
 * with and its privacy facts (the data map). Redis holds no only copy of anything (counters,
 * caches, breakers), so every key carries a TTL. A test refuses a key-shaped string literal in a
 * module that talks to Redis, so a new family cannot skip its declaration.
 */
export interface RedisKeysDeclaration extends DataStore {
  readonly kind: 'redis-keys';
  readonly store: 'redis';
  /** The keys' common start (tests give their own prefix to the adapters). */
  readonly prefix: string;
  /** How long a key lives, for the record of processing. */
  readonly ttl: string;
}

export const defineRedisKeys = /* @__NO_SIDE_EFFECTS__ */ (declaration: {
  prefix: string;
  ttl: string;
  privacy: StorePrivacy;
}): RedisKeysDeclaration => ({ kind: 'redis-keys', store: 'redis', name: declaration.prefix, ...declaration });

export const isRedisKeysDeclaration = (value: unknown): value is RedisKeysDeclaration =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'redis-keys';
