import { randomUUID } from 'node:crypto';
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

// One key prefix per file (and per run).
const prefix = `it:services:upstash:${randomUUID().slice(0, 8)}:`;
let url: string;
let token: string;
let redis: Redis;

beforeAll(async () => {
  const env = await ensureServices({ only: ['upstash'] });
  url = requiredEnv(env, 'UPSTASH_REDIS_REST_URL');
  token = requiredEnv(env, 'UPSTASH_REDIS_REST_TOKEN');
  redis = new Redis({ url, token });
}, servicesHookTimeoutMs);

/** One raw REST call, as the client would make it, for checks on the wire format. */
async function rawCommand(command: unknown[], headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(command),
  });
}

async function commandStat(command: string): Promise<number> {
  const response = await rawCommand(['INFO', 'commandstats']);
  const { result } = (await response.json()) as { result: string };
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(result)?.[1] ?? 0);
}

describe('Upstash REST bridge through @upstash/redis', () => {
  it('should return the same object when a JSON object was set', async () => {
    const value = { flowId: 'flow_1', steps: [1, 2, 3], nested: { ok: true } };
    await redis.set(`${prefix}object`, value);

    expect(await redis.get(`${prefix}object`)).toEqual(value);
  });

  it('should return the same text when a non-ASCII string was set', async () => {
    const value = 'Grüße aus Zürich — 日本語テキスト 🚀';
    await redis.set(`${prefix}text`, value, { ex: 60 });

    expect(await redis.get(`${prefix}text`)).toBe(value);
  });

  it('should return every result in order when a pipeline is executed', async () => {
    const pipeline = redis.pipeline();
    pipeline.set(`${prefix}counter`, 1);
    pipeline.incr(`${prefix}counter`);
    pipeline.rpush(`${prefix}list`, 'a', 'ä', 'b');
    pipeline.lrange(`${prefix}list`, 0, -1);

    expect(await pipeline.exec()).toEqual(['OK', 2, 3, ['a', 'ä', 'b']]);
  });

  it('should report the failing command when a pipeline entry fails', async () => {
    await redis.set(`${prefix}not-a-number`, 'abc');
    const pipeline = redis.pipeline();
    pipeline.incr(`${prefix}not-a-number`);
    pipeline.get(`${prefix}not-a-number`);

    const [failed, succeeded] = await pipeline.exec({ keepErrors: true });

    expect(failed?.error).toMatch(/^ERR/);
    expect(succeeded).toEqual({ error: undefined, result: 'abc' });
  });

  it('should apply all commands when a multi/exec transaction is executed', async () => {
    const transaction = redis.multi();
    transaction.set(`${prefix}tx`, 10);
    transaction.incrby(`${prefix}tx`, 5);
    transaction.get(`${prefix}tx`);

    expect(await transaction.exec()).toEqual(['OK', 15, 15]);
  });

  it('should reject with the Redis error when a single command fails', async () => {
    await redis.set(`${prefix}string`, 'abc');

    await expect(redis.incr(`${prefix}string`)).rejects.toThrow(/ERR/);
  });

  it('should answer 401 and the client should reject when the token is wrong', async () => {
    const wrongToken = new Redis({ url, token: 'not-the-token', retry: false });

    await expect(wrongToken.get(`${prefix}object`)).rejects.toThrow();
    const response = await fetch(url, { method: 'POST', headers: { authorization: 'Bearer nope' }, body: '["PING"]' });
    expect(response.status).toBe(401);
  });

  it('should base64-encode every string at any depth when the request asks for base64', async () => {
    await redis.rpush(`${prefix}encoded`, 'x', 'ü');

    const encoded = await rawCommand(['LRANGE', `${prefix}encoded`, '0', '-1'], { 'upstash-encoding': 'base64' });
    const plain = await rawCommand(['LLEN', `${prefix}encoded`]);

    expect(await encoded.json()).toEqual({ result: ['eA==', 'w7w='] });
    expect(await plain.json()).toEqual({ result: 2 });
    expect(encoded.headers.get('upstash-sync-token')).toBeTruthy();
  });

  it('should answer NOSCRIPT as an error when EVALSHA names an unknown script', async () => {
    const response = await rawCommand(['EVALSHA', 'ffffffffffffffffffffffffffffffffffffffff', '0']);

    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/^NOSCRIPT/);
  });

  it('should run a loaded script by its sha when EVALSHA is used', async () => {
    const sha = await redis.scriptLoad('return redis.call("INCRBY", KEYS[1], ARGV[1])');

    expect(await redis.evalsha(sha, [`${prefix}script`], [4])).toBe(4);
    expect(await redis.evalsha(sha, [`${prefix}script`], [4])).toBe(8);
  });
});

describe('@upstash/ratelimit on the bridge', () => {
  it.each([
    ['sliding window', Ratelimit.slidingWindow(3, '30 s')],
    ['fixed window', Ratelimit.fixedWindow(3, '30 s')],
  ])('should allow 3 requests then deny when the %s limit is 3', async (name, limiter) => {
    const ratelimit = new Ratelimit({
      redis,
      limiter,
      prefix: `${prefix}ratelimit:${name.replace(' ', '-')}`,
      analytics: false,
      ephemeralCache: false,
    });
    const [evalshaBefore, evalBefore] = [await commandStat('evalsha'), await commandStat('eval')];

    const outcomes = [];
    for (let attempt = 0; attempt < 4; attempt++) outcomes.push(await ratelimit.limit('user_1'));

    expect(outcomes.map((outcome) => outcome.success)).toEqual([true, true, true, false]);
    expect(outcomes.map((outcome) => outcome.remaining)).toEqual([2, 1, 0, 0]);
    // Every limit() sends EVALSHA; only a script Redis has not seen yet costs one NOSCRIPT + EVAL.
    expect((await commandStat('evalsha')) - evalshaBefore).toBeGreaterThanOrEqual(4);
    expect((await commandStat('eval')) - evalBefore).toBeLessThanOrEqual(1);
  });
});
