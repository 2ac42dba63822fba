import { createHash } from 'node:crypto';
import { connect, type AddressInfo } from 'node:net';
import { createRoute, z } from '@hono/zod-openapi';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { CloudEvent, HTTP } from 'cloudevents';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineEventFunction, defineHttpFunction, signature, type DeliveredEvent } from '../../../shared/platform/definition/index.ts';
import { registerKnativeFunction } from '../../../shared/platform/hosts/knative.ts';
import { quietTestEnv, testMetadata } from '../../support/test-metadata.ts';

const rawEcho = defineHttpFunction({
  ...testMetadata,
  route: createRoute({
    method: 'post',
    path: '/v1/echo',
    responses: { 200: { description: 'digest', content: { 'application/json': { schema: z.object({ sha256: z.string() }) } } } },
  }),
  access: signature('stripe'),
  rateLimit: { class: 'webhook' },
  handler: async (c) =>
    c.json(
      {
        sha256: createHash('sha256')
          .update(Buffer.from(await c.req.arrayBuffer()))
          .digest('hex'),
      },
      200,
    ),
});
const received: DeliveredEvent<'com.uxflow.ops.heartbeat.v1'>[] = [];
const consumer = defineEventFunction({
  ...testMetadata,
  events: ['com.uxflow.ops.heartbeat.v1'],
  handler: async (event) => void received.push(event),
});

const servers: ReturnType<typeof getTestServer>[] = [];
const listen = async (name: string) => {
  const server = getTestServer(name);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

beforeAll(() => {
  registerKnativeFunction(rawEcho, 'ops-raw-echo', quietTestEnv);
  registerKnativeFunction(consumer, 'ops-consumer', quietTestEnv);
});
afterAll(() => servers.forEach((server) => server.close()));

describe('the Functions Framework host', () => {
  it('should hand the handler the exact raw bytes when a JSON body has odd spacing', async () => {
    const body = '{ "b":1,\n  "a" : "ü" }';
    const response = await fetch(`${await listen('ops-raw-echo')}/v1/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sha256: createHash('sha256').update(body).digest('hex') });
  });

  it('should answer problem+json 404 when the path is not the route', async () => {
    const response = await fetch(`${await listen('ops-raw-echo')}/v1/other`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([
    ['the JSON is malformed', 'application/json', '{"name": '],
    ['the charset is unknown', 'application/json; charset=klingon', '{}'],
  ])('should answer problem+json, never an HTML page with a stack, when %s', async (_case, contentType, body) => {
    const response = await fetch(`${await listen('ops-raw-echo')}/v1/echo`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    expect([400, 415]).toContain(response.status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await response.json()) as { status: number; code: string };
    expect(problem.status).toBe(response.status);
    expect(problem.code).toMatch(/^(VALIDATION_FAILED|UNSUPPORTED_MEDIA_TYPE)$/);
  });

  it.each([
    ['the Host header is malformed', 'GET /v1/echo HTTP/1.1\r\nHost: a b'],
    ['the method is TRACE', 'TRACE /v1/echo HTTP/1.1\r\nHost: fn.test'],
  ])('should answer problem+json 400, not a crash 500, when %s', async (_case, head) => {
    const { port } = new URL(await listen('ops-raw-echo'));
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(`${head}\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('application/problem+json');
    expect(raw).toContain('"INVALID_REQUEST"');
  });

  it('should deliver a binary CloudEvent through the CloudEvent signature when the broker posts one', async () => {
    const message = HTTP.binary(
      new CloudEvent({
        id: 'kn-1',
        type: 'com.uxflow.ops.heartbeat.v1',
        source: '/functions/ops-heartbeat',
        data: { job: 'ops-heartbeat', firedAt: '2026-11-26T10:00:00.000Z', tickId: 't-kn' },
      }),
    );
    const response = await fetch(await listen('ops-consumer'), {
      method: 'POST',
      headers: message.headers as Record<string, string>,
      body: message.body as string,
    });
    expect(response.status).toBeLessThan(300);
    expect(received.map((e) => e.id)).toContain('kn-1');
  });
});
