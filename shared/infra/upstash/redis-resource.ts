import { Redis } from '@upstash/redis';
import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';

export const redisConfig = defineConfig({
  name: 'upstash-redis',
  shape: {
    UPSTASH_REDIS_REST_URL: z.url(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(8),
  },
  devDefaults: { UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:8079', UPSTASH_REDIS_REST_TOKEN: 'dev-upstash-token' },
});

/** Redis over Upstash's REST protocol: connectionless, right for instances that scale to zero. */
export const redis = defineResource({
  name: 'upstash-redis',
  config: redisConfig,
  create: (config) =>
    new Redis({
      url: config.UPSTASH_REDIS_REST_URL,
      token: config.UPSTASH_REDIS_REST_TOKEN,
      enableTelemetry: false,
      retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    }),
});
