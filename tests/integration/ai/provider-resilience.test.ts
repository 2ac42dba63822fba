import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ModelRequest } from '../../../shared/ai/index.ts';
import { createCircuitBreaker } from '../../../shared/infra/ai/circuit-breaker.ts';
import { createUpstashScripts } from '../../../shared/infra/upstash/upstash-scripts.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startAiKit, type AiKit } from '../../support/ai-kit.ts';

/**
 * Retries, timeouts, malformed output, the circuit breaker shared through the real Redis by two
 * instances, and fallback to the next provider — against the wire server, through the real SDK.
 */
let kit: AiKit;
beforeAll(async () => {
  kit = await startAiKit('ai_resilience');
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

const request = (jobId: string, overrides: Partial<ModelRequest> = {}): ModelRequest => ({
  agent: 'answerer',
  quality: 'standard',
  system: 'Answer briefly.',
  prompt: 'What is a dead end in a flow?',
  attribution: { workspaceId: 'wsp_resilience', jobId },
  ...overrides,
});
const outcomes = async (jobId: string) => (await kit.calls.listForJob(jobId)).map((call) => [call.provider, call.outcome]);

describe('retries', () => {
  it('should wait out a 429 for as long as Retry-After says, then succeed', async () => {
    const p = kit.provider('rl', 'openai');
    const models = kit.models([p], `*.*=${p.name}:m`);
    kit.server.script(p.name, [{ status: 429, retryAfter: '1' }, { reply: 'A screen with no way on.' }]);
    const started = Date.now();
    const answer = await models.text(request('job_429'));
    expect(answer.text).toBe('A screen with no way on.');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(await outcomes('job_429')).toEqual([
      [p.name, 'rate_limited'],
      [p.name, 'ok'],
    ]);
  });

  it.each([
    ['anthropic', 'ra'],
    ['google', 'rg'],
  ] as const)('should retry %s 500s with backoff and succeed on the third attempt', async (kind, label) => {
    const p = kit.provider(label, kind);
    const models = kit.models([p], `*.*=${p.name}:m`);
    kit.server.script(p.name, [{ status: 500 }, { status: 503 }, { reply: 'Recovered.' }]);
    expect((await models.text(request(`job_500_${label}`))).text).toBe('Recovered.');
    expect((await outcomes(`job_500_${label}`)).map(([, outcome]) => outcome)).toEqual(['server_error', 'server_error', 'ok']);
  });

  it('should give up on a provider after its retries and answer AI_UNAVAILABLE with a Retry-After', async () => {
    const p = kit.provider('gu', 'openai');
    const models = kit.models([p], `*.*=${p.name}:m`, { AI_MAX_RETRIES: '1' });
    kit.server.script(p.name, [], { status: 500 });
    const error = await models.text(request('job_give_up')).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'AI_UNAVAILABLE', extensions: { reason: 'server_error' } });
    expect((error as { extensions: { retryAfter: number } }).extensions.retryAfter).toBeGreaterThan(0);
    expect(kit.server.requests(p.name)).toHaveLength(2);
  });

  it('should not wait on the same provider for a Retry-After longer than allowed', async () => {
    const p = kit.provider('lw', 'openai');
    const models = kit.models([p], `*.*=${p.name}:m`, { AI_RETRY_MAX_WAIT_MS: '500' });
    kit.server.script(p.name, [{ status: 429, retryAfter: '120' }, { reply: 'never asked' }]);
    const error = await models.text(request('job_long_wait')).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AI_UNAVAILABLE', extensions: { reason: 'rate_limited', retryAfter: 120 } });
    expect(kit.server.requests(p.name)).toHaveLength(1);
  });
});

describe('timeouts and bad answers', () => {
  it('should abandon a slow answer at the timeout, without retrying it, as unavailable', async () => {
    const p = kit.provider('sl', 'anthropic');
    const models = kit.models([p], `*.*=${p.name}:m`);
    kit.server.script(p.name, [{ reply: 'too late', delayMs: 3000 }]);
    const started = Date.now();
    const error = await models.text(request('job_slow', { timeoutMs: 300 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'AI_UNAVAILABLE', extensions: { reason: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2500);
    expect(await outcomes('job_slow')).toEqual([[p.name, 'timeout']]);
  });

  it.each([
    ['openai', 'mo'],
    ['anthropic', 'ma'],
    ['google', 'mg'],
  ] as const)('should answer AI_OUTPUT_INVALID when %s returns JSON that does not parse against the schema', async (kind, label) => {
    const p = kit.provider(label, kind);
    const models = kit.models([p], `*.*=${p.name}:claude-3-5-haiku-latest`);
    kit.server.script(p.name, [{ reply: '{"steps": ["a", ' }, { reply: '{"steps": "not a list"}' }]);
    const schema = z.object({ steps: z.array(z.string()) });
    for (const jobId of [`job_malformed_${label}`, `job_mismatch_${label}`]) {
      const error = await models.object({ ...request(jobId), schema, schemaName: 'plan' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'invalid', code: 'AI_OUTPUT_INVALID', extensions: { schemaName: 'plan', provider: p.name } });
      // Billed tokens are recorded even for an answer we could not use.
      expect(await kit.calls.listForJob(jobId)).toMatchObject([{ outcome: 'invalid', inputTokens: 11, outputTokens: 7 }]);
    }
  });

  it('should treat a body that is not JSON as a provider failure', async () => {
    const p = kit.provider('gb', 'openai');
    const models = kit.models([p], `*.*=${p.name}:m`, { AI_MAX_RETRIES: '0' });
    kit.server.script(p.name, [{ garbage: true }]);
    await expect(models.text(request('job_garbage'))).rejects.toMatchObject({ kind: 'unavailable', code: 'AI_UNAVAILABLE' });
  });

  it('should stop at once when the caller gives up', async () => {
    const p = kit.provider('ab', 'google');
    const models = kit.models([p], `*.*=${p.name}:m`);
    kit.server.script(p.name, [{ reply: 'slow', delayMs: 3000 }]);
    const error = await models.text(request('job_abort', { signal: AbortSignal.timeout(200) })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'AI_UNAVAILABLE', extensions: { reason: 'aborted' } });
    expect(await outcomes('job_abort')).toEqual([[p.name, 'aborted']]);
  });
});

describe('the circuit breaker and fallback', () => {
  it('should open after N failures, share that through Redis with another instance, and fall back to the next provider', async () => {
    const down = kit.provider('dn', 'openai');
    const spare = kit.provider('sp', 'anthropic');
    const map = `*.*=${down.name}:m,${spare.name}:claude-haiku-4-5; classifier.*=${down.name}:m`;
    const env = { AI_BREAKER_FAILURES: '3', AI_MAX_RETRIES: '2' };
    const first = kit.models([down, spare], map, env);
    const second = kit.models([down, spare], map, env);
    kit.server.script(down.name, [], { status: 500 });
    kit.server.script(spare.name, [], { reply: 'From the spare.' });

    // Instance one: three failed attempts at the first provider open its breaker; the spare answers.
    const answer = await first.text(request('job_breaker_1'));
    expect(answer).toMatchObject({ text: 'From the spare.', fellBack: true, usage: { provider: spare.name, model: 'claude-haiku-4-5' } });
    expect(kit.server.requests(down.name)).toHaveLength(3);

    // Instance two never saw a failure, yet skips the open provider straight away.
    const other = await second.text(request('job_breaker_2'));
    expect(other).toMatchObject({ text: 'From the spare.', fellBack: true });
    expect(kit.server.requests(down.name)).toHaveLength(3);
    expect(await outcomes('job_breaker_2')).toEqual([[spare.name, 'ok']]);

    // With every provider of the list open, the answer is unavailable without a call.
    const error = await second.text(request('job_breaker_3', { agent: 'classifier' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'AI_UNAVAILABLE', extensions: { reason: 'breaker_open' } });
    expect(kit.server.requests(down.name)).toHaveLength(3);
  });

  it('should half-open after the open period: one failure opens it again, a success closes it', async () => {
    const flaky = kit.provider('fl', 'google');
    const models = kit.models([flaky], `*.*=${flaky.name}:m`, {
      AI_BREAKER_FAILURES: '2',
      AI_BREAKER_OPEN_SECONDS: '1',
      AI_MAX_RETRIES: '1',
    });
    kit.server.script(flaky.name, [{ status: 500 }, { status: 500 }, { status: 500 }, { reply: 'Back.' }]);
    await expect(models.text(request('job_half_1'))).rejects.toMatchObject({ code: 'AI_UNAVAILABLE' });
    await expect(models.text(request('job_half_2'))).rejects.toMatchObject({ extensions: { reason: 'breaker_open' } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // Half-open: the single failure re-opens it (no retry gets through).
    await expect(models.text(request('job_half_3'))).rejects.toMatchObject({ code: 'AI_UNAVAILABLE' });
    expect(kit.server.requests(flaky.name)).toHaveLength(3);
    await expect(models.text(request('job_half_4'))).rejects.toMatchObject({ extensions: { reason: 'breaker_open' } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await models.text(request('job_half_5'))).text).toBe('Back.');
  });
});

describe('the breaker without Redis', () => {
  it('should take a breaker it cannot read as closed, quickly', async () => {
    const lost = createCircuitBreaker(createUpstashScripts({ url: 'http://127.0.0.1:9', token: 'unreachable' }), {
      failures: 1,
      windowMs: 60_000,
      openMs: 60_000,
      prefix: `it:${kit.run}:`,
      redisTimeoutMs: 300,
    });
    const started = Date.now();
    expect(await lost.failure('p')).toBe(false);
    expect(await lost.isClosed('p')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
  });
});
