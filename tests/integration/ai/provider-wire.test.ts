import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ModelRequest } from '../../../shared/ai/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startAiKit, type AiKit } from '../../support/ai-kit.ts';
import type { WireKind } from '../../support/ai-wire-server.ts';

/**
 * Each provider adapter, through the real SDK, against a server speaking that provider's wire
 * format: text and a zod-structured object, each plain and streamed; what went over the wire; the
 * usage the port returns and the call log records.
 */
let kit: AiKit;
beforeAll(async () => {
  kit = await startAiKit('ai_wire');
}, servicesHookTimeoutMs);
afterAll(async () => kit?.close());

const planSchema = z.object({ steps: z.array(z.string()).min(1), clarifyingQuestion: z.string().nullable() });
const plan = { steps: ['Add a sign-in screen', 'Connect it to the dashboard'], clarifyingQuestion: null };

const request = (jobId: string): ModelRequest => ({
  agent: 'planner',
  quality: 'standard',
  system: 'You plan changes to UX flows.',
  prompt: 'Add a sign-in step before the dashboard.',
  attribution: { workspaceId: 'wsp_wire', jobId },
});

/** The header each vendor carries its key in. */
const keyHeader: Record<WireKind, string> = { openai: 'authorization', anthropic: 'x-api-key', google: 'x-goog-api-key' };

describe.each([
  { label: 'oa', kind: 'openai' as const, model: 'gpt-4.1-mini', via: 'response_format' },
  // A model with native structured output (output_config.format) and one the SDK serves through a forced JSON tool.
  { label: 'an', kind: 'anthropic' as const, model: 'claude-haiku-4-5', via: 'output_config' },
  { label: 'at', kind: 'anthropic' as const, model: 'claude-3-5-haiku-latest', via: 'tool_choice' },
  { label: 'gm', kind: 'google' as const, model: 'gemini-2.5-flash', via: 'generationConfig' },
])('the $kind adapter ($model)', ({ label, kind, model, via }) => {
  it('should round-trip text and a structured object, plain and streamed, with usage and cost', async () => {
    const provider = kit.provider(label, kind);
    const models = kit.models([provider], `planner.*=${provider.name}:${model}`);
    const jobId = `job_${label}_${kit.run}`;
    kit.server.script(provider.name, [
      { reply: 'Put sign-in first [1].', inputTokens: 120, outputTokens: 30 },
      { reply: JSON.stringify(plan), inputTokens: 200, outputTokens: 50 },
      { reply: 'Streamed: put sign-in first [1].' },
      { reply: JSON.stringify(plan) },
    ]);

    const text = await models.text(request(jobId));
    expect(text.text).toBe('Put sign-in first [1].');
    expect(text.usage).toMatchObject({
      provider: provider.name,
      model,
      inputTokens: 120,
      outputTokens: 30,
      costUsd: (120 * 1 + 30 * 2) / 1e6,
    });
    expect(text.fellBack).toBe(false);

    const object = await models.object({ ...request(jobId), schema: planSchema, schemaName: 'plan' });
    expect(object.object).toEqual(plan);
    expect(object.usage).toMatchObject({ inputTokens: 200, outputTokens: 50 });

    const deltas: string[] = [];
    const streamed = await models.text({ ...request(jobId), onText: (delta) => deltas.push(delta) });
    expect(streamed.text).toBe('Streamed: put sign-in first [1].');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(streamed.text);

    const partials: unknown[] = [];
    const streamedObject = await models.object({
      ...request(jobId),
      schema: planSchema,
      schemaName: 'plan',
      onPartial: (p) => partials.push(p),
    });
    expect(streamedObject.object).toEqual(plan);
    expect(partials.length).toBeGreaterThan(1);
    expect(streamedObject.usage).toMatchObject({ inputTokens: 11, outputTokens: 7 });

    const seen = kit.server.requests(provider.name);
    expect(seen.map((r) => [r.model, r.structured, r.stream])).toEqual([
      [model, false, false],
      [model, true, false],
      [model, false, true],
      [model, true, true],
    ]);
    // Structured output went the provider's way: a JSON schema, a native output format, a forced tool, a response schema.
    expect(Object.keys(seen[1]?.body ?? {})).toContain(via);
    expect(Object.keys(seen[0]?.body ?? {})).not.toContain(via === 'generationConfig' ? 'responseJsonSchema' : via);
    expect(String(seen[0]?.headers[keyHeader[kind]])).toContain(`key-${provider.name}`);
    expect(seen[0]?.text).toContain('You plan changes to UX flows.');
    expect(seen[0]?.text).toContain('Add a sign-in step before the dashboard.');

    const calls = await kit.calls.listForJob(jobId);
    expect(calls.map((c) => [c.outcome, c.inputTokens, c.outputTokens])).toEqual([
      ['ok', 120, 30],
      ['ok', 200, 50],
      ['ok', 11, 7],
      ['ok', 11, 7],
    ]);
    expect(calls[0]).toMatchObject({
      workspaceId: 'wsp_wire',
      jobId,
      functionName: 'ai_wire-fn',
      agent: 'planner',
      quality: 'standard',
      status: 200,
    });
    expect(calls.reduce((sum, c) => sum + c.costUsd, 0)).toBeCloseTo((120 + 60 + 200 + 100 + 11 + 14 + 11 + 14) / 1e6, 12);
  });
});

describe('a configuration without providers', () => {
  it('should say no agent is configured and refuse calls with AI_NOT_CONFIGURED', async () => {
    const models = kit.models([], 'none', kit.offline);
    expect(models.isConfigured('knowledge')).toBe(false);
    expect(models.isConfigured('planner', 'pro')).toBe(false);
    await expect(models.text(request('job_none'))).rejects.toMatchObject({ kind: 'unavailable', code: 'AI_NOT_CONFIGURED' });
  });

  it('should configure only the agents and qualities the map names', () => {
    const provider = kit.provider('cf', 'openai');
    const models = kit.models([provider], `knowledge.standard=${provider.name}:m`);
    expect(models.isConfigured('knowledge')).toBe(true);
    expect(models.isConfigured('knowledge', 'standard')).toBe(true);
    expect(models.isConfigured('knowledge', 'pro')).toBe(false);
    expect(models.isConfigured('planner')).toBe(false);
  });
});
