import { CloudEvent, HTTP } from 'cloudevents';
import { describe, expect, it } from 'vitest';
import { defineCronFunction, defineEventFunction, type CronTick, type DeliveredEvent } from '../../../shared/platform/definition/index.ts';
import { createLambdaHandler } from '../../../shared/platform/hosts/lambda.ts';
import { quietTestEnv, testMetadata } from '../../support/test-metadata.ts';

describe('the Lambda host for event and cron functions', () => {
  it('should deliver a binary-mode CloudEvent with checked data when the broker POSTs one', async () => {
    const seen: DeliveredEvent<'com.uxflow.ops.heartbeat.v1'>[] = [];
    const definition = defineEventFunction({
      ...testMetadata,
      events: ['com.uxflow.ops.heartbeat.v1'],
      handler: async (event) => void seen.push(event),
    });
    const handler = createLambdaHandler(definition, 'ops-seen', quietTestEnv) as (event: unknown) => Promise<{ statusCode: number }>;
    const message = HTTP.binary(
      new CloudEvent({
        id: 'e-1',
        type: 'com.uxflow.ops.heartbeat.v1',
        source: '/functions/ops-heartbeat',
        data: { job: 'ops-heartbeat', firedAt: '2026-11-26T10:00:00.000Z', tickId: 't-1' },
      }),
    );
    const result = await handler({ headers: message.headers, body: message.body, isBase64Encoded: false });
    expect(result.statusCode).toBe(204);
    expect(seen[0]).toMatchObject({ id: 'e-1', data: { job: 'ops-heartbeat', tickId: 't-1' } });
  });

  it('should refuse with 400 when the event data breaks the catalog schema', async () => {
    const definition = defineEventFunction({
      ...testMetadata,
      events: ['com.uxflow.ops.heartbeat.v1'],
      handler: async () => {},
    });
    const handler = createLambdaHandler(definition, 'ops-strict', quietTestEnv) as (
      event: unknown,
    ) => Promise<{ statusCode: number; body: string }>;
    const message = HTTP.binary(new CloudEvent({ id: 'e-2', type: 'com.uxflow.ops.heartbeat.v1', source: '/x', data: { job: '' } }));
    const result = await handler({ headers: message.headers, body: message.body });
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toMatchObject({ code: 'EVENT_DATA_INVALID' });
  });

  it('should refuse with 400 when the body is not a CloudEvent', async () => {
    const definition = defineEventFunction({
      ...testMetadata,
      events: ['com.uxflow.ops.heartbeat.v1'],
      handler: async () => {},
    });
    const handler = createLambdaHandler(definition, 'ops-strict', quietTestEnv) as (event: unknown) => Promise<{ statusCode: number }>;
    const result = await handler({ headers: { 'content-type': 'application/json' }, body: '{"hello":1}' });
    expect(result.statusCode).toBe(400);
  });

  it('should turn a scheduled event into a tick addressed to the function when serverless-offline fires a schedule', async () => {
    const ticks: CronTick[] = [];
    const definition = defineCronFunction({
      ...testMetadata,
      schedule: '*/5 * * * *',
      handler: async (tick) => void ticks.push(tick),
    });
    const handler = createLambdaHandler(definition, 'ops-ticker', quietTestEnv) as (event: unknown) => Promise<{ statusCode: number }>;
    const result = await handler({ 'detail-type': 'Scheduled Event', id: 'tick-1', time: '2026-11-26T10:05:00Z', source: 'aws.events' });
    expect(result.statusCode).toBe(204);
    expect(ticks).toEqual([{ id: 'tick-1', job: 'ops-ticker', time: '2026-11-26T10:05:00Z' }]);
  });

  it('should answer 500 so the broker retries when the handler fails', async () => {
    const definition = defineCronFunction({
      ...testMetadata,
      schedule: '0 * * * *',
      handler: async () => Promise.reject(new Error('mongo down')),
    });
    const handler = createLambdaHandler(definition, 'ops-broken', quietTestEnv) as (
      event: unknown,
    ) => Promise<{ statusCode: number; body: string }>;
    const result = await handler({ 'detail-type': 'Scheduled Event', id: 't', time: '2026-11-26T10:05:00Z' });
    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('mongo down');
  });
});
