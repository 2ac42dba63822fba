import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrokerPublisher } from '../../../shared/infra/broker/broker-publisher.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';

/** A real HTTP server standing in for the broker ingress: records requests, answers what it is told. */
let server: Server;
let brokerUrl: string;
let nextStatus = 202;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(nextStatus).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  brokerUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/uxflow/default`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const heartbeat = { job: 'ops-heartbeat', firedAt: '2026-11-26T10:00:00.000Z', tickId: 'tick-1' };

describe('the broker publisher', () => {
  it('should post a binary-mode CloudEvent with our source and the given id when the broker accepts', async () => {
    nextStatus = 202;
    const publisher = createBrokerPublisher(brokerUrl, '/functions/ops-heartbeat');
    const { id } = await publisher.publish({ id: 'hb-1', type: 'com.uxflow.ops.heartbeat.v1', subject: 'ops-heartbeat', data: heartbeat });
    const request = received.at(-1)!;
    expect(id).toBe('hb-1');
    expect(request.headers).toMatchObject({
      'ce-specversion': '1.0',
      'ce-id': 'hb-1',
      'ce-type': 'com.uxflow.ops.heartbeat.v1',
      'ce-source': '/functions/ops-heartbeat',
      'ce-subject': 'ops-heartbeat',
    });
    expect(request.headers['content-type']).toContain('application/json');
    expect(JSON.parse(request.body)).toEqual(heartbeat);
  });

  it('should refuse to publish data that breaks the catalog schema without calling the broker', async () => {
    const before = received.length;
    const publisher = createBrokerPublisher(brokerUrl, '/functions/x');
    const bad = { ...heartbeat, firedAt: 'yesterday' };
    await expect(publisher.publish({ type: 'com.uxflow.ops.heartbeat.v1', subject: 's', data: bad })).rejects.toThrow();
    expect(received.length).toBe(before);
  });

  it('should throw BROKER_REJECTED when the broker answers 5xx', async () => {
    nextStatus = 503;
    const error: unknown = await createBrokerPublisher(brokerUrl, '/functions/x')
      .publish({ type: 'com.uxflow.ops.heartbeat.v1', subject: 's', data: heartbeat })
      .catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('BROKER_REJECTED');
  });

  it('should throw BROKER_UNREACHABLE when nothing listens', async () => {
    const error: unknown = await createBrokerPublisher('http://127.0.0.1:1/none', '/functions/x')
      .publish({ type: 'com.uxflow.ops.heartbeat.v1', subject: 's', data: heartbeat })
      .catch((e: unknown) => e);
    expect(isDomainError(error) && error.code).toBe('BROKER_UNREACHABLE');
  });
});
