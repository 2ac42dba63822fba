import { defineResource } from '../../platform/resource.ts';
import { httpSend } from '../http-send.ts';
import { redisConfig } from './redis-config.ts';

/** The two commands `@upstash/ratelimit` sends (with its deny list and analytics off). */
export interface UpstashScripts {
  /** Runs a Lua script; resolves with its result, throws with Redis's message (e.g. `NOSCRIPT …`). */
  eval: (script: string, keys: string[], args: unknown[]) => Promise<unknown>;
  evalsha: (sha1: string, keys: string[], args: unknown[]) => Promise<unknown>;
}

/**
 * EVAL and EVALSHA over the Upstash REST protocol (`POST /` with a JSON command, plain results),
 * on `node:http`. The rate limiter needs nothing else, and this keeps the full `@upstash/redis`
 * client (~80 KB) and Node's undici `fetch` out of every function that only counts requests.
 */
export const createUpstashScripts = (config: { url: string; token: string; timeoutMs?: number }): UpstashScripts => {
  const command = async (parts: unknown[]) => {
    const { status, body } = await httpSend(config.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(parts),
      signal: AbortSignal.timeout(config.timeoutMs ?? 2000),
    });
    const answer = JSON.parse(body) as { result?: unknown; error?: string };
    if (answer.error !== undefined || status >= 300) throw new Error(answer.error ?? `Upstash REST answered ${status}`);
    return answer.result;
  };
  return {
    eval: (script, keys, args) => command(['EVAL', script, keys.length, ...keys, ...args]),
    evalsha: (sha1, keys, args) => command(['EVALSHA', sha1, keys.length, ...keys, ...args]),
  };
};

/** The scripting part of Upstash Redis, for the rate limiter. Same URL and token as the full client. */
export const upstashScripts = defineResource({
  name: 'upstash-scripts',
  config: redisConfig,
  recipient: { name: 'Upstash', role: 'Redis hosting: counters and caches (processor)' },
  create: (config) => createUpstashScripts({ url: config.UPSTASH_REDIS_REST_URL, token: config.UPSTASH_REDIS_REST_TOKEN }),
});
