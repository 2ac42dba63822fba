import { noPersonalData } from '../../platform/privacy/data-map.ts';
import { defineRedisKeys } from './redis-keys.ts';
import type { UpstashScripts } from './upstash-scripts.ts';

/** `uxf:plan:<workspaceId>`: a workspace's plan name. */
export const planCacheKeys = defineRedisKeys({
  prefix: 'uxf:plan:',
  ttl: 'a minute',
  privacy: noPersonalData('the plan name of a workspace', 'cache'),
});

/** Workspaces' plans shared by every instance through Redis, so that billing can invalidate them at once. */
export interface SharedPlanCache {
  /** The cached plan name, or null (a miss, or Redis unavailable). Never throws. */
  get: (workspaceId: string) => Promise<string | null>;
  /** Never throws (a cache is optional). */
  put: (workspaceId: string, plan: string) => Promise<void>;
  /** Drops the workspace's cached plan; throws when Redis cannot be reached (the caller retries). */
  invalidate: (workspaceId: string) => Promise<void>;
}

/**
 * `uxf:plan:<workspaceId>` in Redis. The TTL bounds the one race a delete cannot close: a reader that
 * loaded the old plan just before a change and stores it just after the invalidation.
 */
export const createSharedPlanCache = (redis: UpstashScripts, { prefix = planCacheKeys.prefix, ttlMs = 60_000 } = {}): SharedPlanCache => {
  const key = (workspaceId: string) => `${prefix}${workspaceId}`;
  return {
    get: async (workspaceId) => {
      try {
        const found = await redis.eval("return redis.call('GET', KEYS[1])", [key(workspaceId)], []);
        return typeof found === 'string' ? found : null;
      } catch {
        return null;
      }
    },
    put: async (workspaceId, plan) => {
      try {
        await redis.eval("return redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])", [key(workspaceId)], [plan, ttlMs]);
      } catch {
        // The next lookup reads MongoDB again.
      }
    },
    invalidate: async (workspaceId) => {
      await redis.eval("return redis.call('DEL', KEYS[1])", [key(workspaceId)], []);
    },
  };
};
