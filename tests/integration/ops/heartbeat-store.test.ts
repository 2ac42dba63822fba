import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heartbeatCollection, recordHeartbeat } from '../../../shared/infra/mongodb/heartbeat-store.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { requiredEnv, servicesHookTimeoutMs } from '../../support/required-env.ts';

let client: MongoClient;
const db = () => client.db('it_heartbeat_store');

beforeAll(async () => {
  client = new MongoClient(requiredEnv(await ensureServices({ only: ['mongodb'] }), 'MONGODB_URI'));
}, servicesHookTimeoutMs);
afterAll(async () => {
  await db().dropDatabase();
  await client.close();
});

describe('recordHeartbeat', () => {
  it('should store a heartbeat once when the same event is delivered again', async () => {
    const record = { eventId: 'hb-dup', job: 'ops-heartbeat', firedAt: '2026-11-26T10:00:00.000Z', tickId: 't-dup' };
    expect(await recordHeartbeat(db(), record)).toBe(true);
    expect(await recordHeartbeat(db(), record)).toBe(false);
    expect(await db().collection(heartbeatCollection.name).countDocuments({ tickId: 't-dup' })).toBe(1);
  });

  it('should store exactly one copy when ten deliveries of one event race', async () => {
    const record = { eventId: 'hb-race', job: 'ops-heartbeat', firedAt: '2026-11-26T10:05:00.000Z', tickId: 't-race' };
    const results = await Promise.all(Array.from({ length: 10 }, () => recordHeartbeat(db(), record)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db().collection(heartbeatCollection.name).countDocuments({ tickId: 't-race' })).toBe(1);
  });
});
