import { defineResource } from '../../platform/resource.ts';
import { httpProbe } from '../http-probe.ts';
import { redisConfig } from './redis-config.ts';

/**
 * PING through the Upstash REST endpoint (the same URL and token the client uses), over plain
 * HTTP: the health check need not load the client nor Node's fetch.
 */
export const redisProbe = defineResource({
  name: 'upstash-redis-probe',
  config: redisConfig,
  create: (config) =>
    httpProbe('redis', config.UPSTASH_REDIS_REST_URL, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.UPSTASH_REDIS_REST_TOKEN}`, 'content-type': 'application/json' },
      body: '["PING"]',
    }),
});
