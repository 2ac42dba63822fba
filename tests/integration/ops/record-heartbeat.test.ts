import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import recordHeartbeatFunction from '../../../functions/ops/record-heartbeat.ts';
import { heartbeatCollection } from '../../../shared/infra/mongodb/heartbeat-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';
import { deliverEvent } from '../../support/deliver-event.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

const recordHeartbeat = named(recordHeartbeatFunction, 'functions/ops/record-heartbeat.ts');
let runtime: Runtime;
const heartbeats = () => runtime.use(mongo).db.collection(heartbeatCollection.name);
const beat = (tickId: string) => ({ job: 'ops-heartbeat', firedAt: '2026-11-26T10:00:00.000Z', tickId });

beforeAll(async () => {
  const env = authTestEnv(await ensureServices({ only: ['mongodb'] }), `it_record_heartbeat_${randomUUID().slice(0, 8)}`);
  runtime = createRuntime(recordHeartbeat, env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

describe('ops-record-heartbeat', () => {
  it('should store a delivered heartbeat once when the broker delivers it twice', async () => {
    const event = { id: `hb-${randomUUID()}`, type: 'com.uxflow.ops.heartbeat.v1' as const, data: beat('t-twice') };
    await deliverEvent(recordHeartbeat, event, runtime);
    await deliverEvent(recordHeartbeat, event, runtime);
    expect(await heartbeats().countDocuments({ tickId: 't-twice' })).toBe(1);
  });

  it.each([
    ['no tick id', { job: 'ops-heartbeat', firedAt: '2026-11-26T10:00:00.000Z' }],
    ['a time that is not ISO-8601', { ...beat('t-bad-time'), firedAt: 'yesterday' }],
  ])('should refuse data the catalog refuses (%s) with EVENT_DATA_INVALID and store nothing', async (_label, data) => {
    const delivered = deliverEvent(recordHeartbeat, { type: 'com.uxflow.ops.heartbeat.v1', data }, runtime);
    await expect(delivered).rejects.toMatchObject({ code: 'EVENT_DATA_INVALID', kind: 'invalid' });
    expect(await heartbeats().countDocuments({ tickId: 't-bad-time' })).toBe(0);
  });

  it('should refuse an event type it does not subscribe to with EVENT_TYPE_NOT_SUBSCRIBED', async () => {
    const delivered = deliverEvent(recordHeartbeat, { type: 'com.uxflow.flow.created.v1', data: beat('t-other') }, runtime);
    await expect(delivered).rejects.toMatchObject({ code: 'EVENT_TYPE_NOT_SUBSCRIBED' });
  });
});
