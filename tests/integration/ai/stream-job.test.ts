import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sendMessage from '../../../functions/ai/send-message.ts';
import streamJob from '../../../functions/ai/stream-job.ts';
import type { Agents } from '../../../shared/ai/index.ts';
import type { FunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { registerKnativeFunction } from '../../../shared/platform/hosts/knative.ts';
import { insertWelcome, welcomeMessage } from '../../support/ai-flows.ts';
import { startAiJobsKit, type AiJobsKit } from '../../support/ai-jobs-kit.ts';
import { aiTestEnv } from '../../support/ai-kit.ts';
import { startAiWireServer, type WireServer } from '../../support/ai-wire-server.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { scriptedAgents } from '../../support/test-agents.ts';

let kit: AiJobsKit;
let baseUrl: string;
let server: ReturnType<typeof getTestServer>;
let wire: WireServer;
// The planner and the architect on the OpenAI-wire server (the tests that swap in agents of their own do not reach it).
const provider = `stream-${randomUUID().slice(0, 8)}`;
beforeAll(async () => {
  wire = await startAiWireServer();
  kit = await startAiJobsKit(
    'it_ai_stream_job',
    aiTestEnv(wire, [{ name: provider, kind: 'openai' }], `planner.*=${provider}:gpt-4.1-mini;architect.*=${provider}:gpt-4.1-mini`),
  );
  registerKnativeFunction(streamJob as unknown as FunctionDefinition, 'ai-stream-job', kit.env);
  server = getTestServer('ai-stream-job');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, servicesHookTimeoutMs);
afterAll(async () => {
  server.close();
  await kit.close();
  await wire.close();
});

/** Reads server-sent events as they arrive, until `last` is seen. */
const readEvents = async (
  body: ReadableStream<Uint8Array>,
  onEvent: (event: { event: string; id: string; data: string }) => void,
  last: string,
) => {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const field = (name: string) =>
        block
          .split('\n')
          .find((line) => line.startsWith(`${name}: `))
          ?.slice(name.length + 2) ?? '';
      const event = { event: field('event'), id: field('id'), data: field('data') };
      onEvent(event);
      if (event.event === last) {
        await reader.cancel();
        return;
      }
    }
  }
};

describe('GET /v1/ai/jobs/{jobId}/events under the Functions Framework host', () => {
  it('should stream each step as it happens, then the job’s end', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const sent = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
      method: 'POST',
      body: { message: welcomeMessage, intent: 'ai.plan' },
    });
    const jobId = sent.body?.jobId as string;
    const response = await fetch(`${baseUrl}/v1/ai/jobs/${jobId}/events`, {
      headers: { authorization: `Bearer ${team.editor.token}`, 'x-forwarded-for': kit.address },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    // The planner waits until the stream has delivered the first steps: a buffered response would never get there.
    let streamed!: () => void;
    const firstStepsStreamed = new Promise<void>((resolve) => (streamed = resolve));
    const { agents } = scriptedAgents(insertWelcome());
    const held: Agents = {
      ...agents,
      plan: async (context) => {
        await firstStepsStreamed;
        return agents.plan(context);
      },
    };
    const events: { event: string; id: string; data: string }[] = [];
    const reading = readEvents(
      response.body!,
      (event) => {
        events.push(event);
        if (event.data.includes('"retrieving"')) streamed();
      },
      'done',
    );
    await kit.run({ jobId, workspaceId: team.workspaceId, flowId }, { agents: held });
    await reading;
    expect(events.filter((event) => event.event === 'step').map((event) => (JSON.parse(event.data) as { step: string }).step)).toEqual([
      'classifying',
      'retrieving',
      'planning',
      'building',
      'validating',
    ]);
    const done = JSON.parse(events.at(-1)?.data ?? '{}') as Record<string, unknown>;
    expect(done).toMatchObject({ id: jobId, status: 'done', result: { kind: 'proposal' } });
  }, 60_000);

  it('should stream the architect’s operations as the model produces them, numbered with the steps, before the job ends', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const sent = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
      method: 'POST',
      body: { message: welcomeMessage, intent: 'ai.plan' },
    });
    const jobId = sent.body?.jobId as string;
    // The model's stream stops half-way until the SSE client has seen an operation: a draft only told at the end never gets there.
    let open!: (by: string) => void;
    const gate = new Promise<string>((resolve) => (open = resolve));
    const giveUp = setTimeout(() => open('timeout'), 20_000);
    const operations = insertWelcome().map((operation) => ({ rationale: 'Welcome first', operation: JSON.stringify(operation) }));
    wire.script(provider, [
      { reply: JSON.stringify({ steps: [welcomeMessage], clarifyingQuestion: null }) },
      { reply: JSON.stringify({ operations }), pieces: 40, gate: { after: 30, open: gate } },
    ]);
    const response = await fetch(`${baseUrl}/v1/ai/jobs/${jobId}/events`, {
      headers: { authorization: `Bearer ${team.editor.token}`, 'x-forwarded-for': kit.address },
    });
    const events: { event: string; id: string; data: string }[] = [];
    const reading = readEvents(
      response.body!,
      (event) => {
        events.push(event);
        if (event.event === 'operation') open('client');
      },
      'done',
    );
    await kit.run({ jobId, workspaceId: team.workspaceId, flowId }, {});
    await reading;
    clearTimeout(giveUp);

    // The first operation reached the client while the model's stream was still held.
    expect(await gate).toBe('client');
    expect(wire.requests(provider).at(-1)?.stream).toBe(true);
    const told = events.filter((event) => event.event === 'operation').map((event) => JSON.parse(event.data) as Record<string, unknown>);
    expect(told.map((operation) => `${String(operation.round)}:${String(operation.id)}`)).toEqual(['0:op1', '0:op2', '0:op3', '0:op4']);
    expect(told[0]).toMatchObject({ operation: { type: 'ADD_NODE', node: { id: 'welcome' } }, rationale: 'Welcome first' });
    // In the log's order: after `building`, before `validating`; ids are the entries' numbers, increasing.
    const order = events.map((event) => (event.event === 'step' ? (JSON.parse(event.data) as { step: string }).step : event.event));
    expect(order).toEqual([
      'classifying',
      'retrieving',
      'planning',
      'building',
      'operation',
      'operation',
      'operation',
      'operation',
      'validating',
      'done',
    ]);
    const ids = events.map((event) => Number(event.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(JSON.parse(events.at(-1)?.data ?? '{}')).toMatchObject({ status: 'done', result: { kind: 'proposal' } });
  }, 60_000);

  it('should answer 404 JOB_NOT_FOUND as problem+json, not a stream, for someone else’s job', async () => {
    const team = await kit.team(20);
    const flowId = await kit.newFlow(team.workspaceId, team.editor);
    const sent = await kit.call(sendMessage, `/v1/flows/${flowId}/ai/messages`, team.editor, {
      method: 'POST',
      body: { message: 'Is it long?', intent: 'ai.chat' },
    });
    const response = await fetch(`${baseUrl}/v1/ai/jobs/${String(sent.body?.jobId)}/events`, {
      headers: { authorization: `Bearer ${team.owner.token}`, 'x-forwarded-for': kit.address },
    });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe('JOB_NOT_FOUND');
  });
});
