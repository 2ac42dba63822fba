import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

export const redisConfig = defineConfig({
  name: 'upstash-redis',
  shape: {
    UPSTASH_REDIS_REST_URL: z.url(),
    UPSTASH_REDIS_REST_TOKEN: z.string().min(8),
  },
  devDefaults: { UPSTASH_REDIS_REST_URL: 'http://127.0.0.1:8079', UPSTASH_REDIS_REST_TOKEN: 'dev-upstash-token' },
});
