import { Redis } from '@upstash/redis';
import { defineResource } from '../../platform/resource.ts';
import { redisConfig } from './redis-config.ts';

/** Redis over Upstash's REST protocol: connectionless, right for instances that scale to zero. */
export const redis = defineResource({
  name: 'upstash-redis',
  config: redisConfig,
  recipient: { name: 'Upstash', role: 'Redis hosting: counters and caches (processor)' },
  create: (config) =>
    new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      enableTelemetry: false,
      retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    }),
});
