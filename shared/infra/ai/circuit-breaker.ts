import type { UpstashScripts } from '../upstash/upstash-scripts.ts';

/** A circuit breaker per provider, its state shared by every instance of every function. */
export interface CircuitBreaker {
  /** Whether calls may go to the provider; true when Redis cannot be reached (no state is a closed breaker). */
  isClosed: (provider: string) => Promise<boolean>;
  /** A failed attempt (5xx, 429, timeout, network); opens the breaker at the threshold, and says whether it did. Never throws. */
  failure: (provider: string) => Promise<boolean>;
  /** A served call closes a half-open breaker. Never throws. */
  success: (provider: string) => Promise<void>;
}

export interface BreakerSettings {
  /** Failures within the window that open the breaker. */
  failures: number;
  windowMs: number;
  openMs: number;
  /** Key prefix (tests take one of their own). */
  prefix: string;
  /** How long a Redis call may take before the breaker is taken as closed. */
  redisTimeoutMs?: number;
}

/*
 * Two keys per provider: `<prefix><provider>:fails`, a counter that expires one window after its
 * first failure, and `<prefix><provider>:open`, present while the breaker is open (expires after
 * `openMs`). Opening leaves the counter one short of the threshold for another window: after the
 * open period the breaker is half-open — the next failure opens it again at once, a success clears
 * the counter. Both steps are one Lua script each, so concurrent instances count every failure.
 */
const failureScript = `
local fails = redis.call('INCR', KEYS[1])
if fails == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if fails >= tonumber(ARGV[1]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('SET', KEYS[1], tonumber(ARGV[1]) - 1, 'PX', tonumber(ARGV[2]) + tonumber(ARGV[3]))
  return 1
end
return 0`;

export const createCircuitBreaker = (redis: UpstashScripts, settings: BreakerSettings): CircuitBreaker => {
  const keys = (provider: string) => [`${settings.prefix}${provider}:fails`, `${settings.prefix}${provider}:open`];
  // Redis is never the only copy of anything: a slow or lost Redis leaves every breaker closed.
  const bounded = <T>(work: Promise<T>, fallback: T): Promise<T> =>
    new Promise<T>((resolve) => {
      const timer = setTimeout(() => resolve(fallback), settings.redisTimeoutMs ?? 500);
      work.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        () => {
          clearTimeout(timer);
          resolve(fallback);
        },
      );
    });
  return {
    isClosed: async (provider) =>
      bounded(
        redis.eval("return redis.call('EXISTS', KEYS[1])", [keys(provider)[1]!], []).then((open) => Number(open) === 0),
        true,
      ),
    failure: async (provider) =>
      Number(await bounded(redis.eval(failureScript, keys(provider), [settings.failures, settings.windowMs, settings.openMs]), 0)) === 1,
    success: async (provider) => {
      await bounded(redis.eval("return redis.call('DEL', KEYS[1])", [keys(provider)[0]!], []), 0);
    },
  };
};
