import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureServices } from '../../../scripts/services/index.ts';
import type { FlowVersion } from '../../../shared/flows/index.ts';
import { createFlowCache } from '../../../shared/infra/flows/flow-cache.ts';
import { createUpstashScripts } from '../../../shared/infra/upstash/upstash-scripts.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;
let scripts: ReturnType<typeof createUpstashScripts>;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_cache');
  const services = await ensureServices({ only: ['upstash'] });
  scripts = createUpstashScripts({ url: services.UPSTASH_REDIS_REST_URL!, token: services.UPSTASH_REDIS_REST_TOKEN! });
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

const version = (flowId: string, versionNumber: number): FlowVersion => ({
  flowId,
  workspaceId: 'wsp_cache',
  versionNumber,
  kind: 'edited',
  document: {
    metadata: { schemaVersion: '2.0', flowName: `v${versionNumber}`, version: `${versionNumber}.0.0` },
    nodes: [{ id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } }],
    edges: [],
    frames: [],
  },
  authorId: 'usr_cache',
  provenance: { kind: 'apiKey', userId: 'usr_cache', keyId: 'key_cache' },
  createdAt: new Date('2026-11-26T10:00:00Z'),
  summary: { count: 1, byType: { ADD_NODE: 1 }, text: '1 × ADD_NODE' },
  restoredFrom: null,
  sourceId: null,
});

describe('the flow cache (Redis, compare-and-set in Lua)', () => {
  it('should serve what was put, with its dates and document intact', async () => {
    const cache = createFlowCache(scripts, { prefix: `it:${newId('c')}:` });
    await cache.put(version('flw_a', 3));
    expect(await cache.get('flw_a')).toEqual(version('flw_a', 3));
  });

  it('should refuse an older version after a newer one, and any older copy after a fence', async () => {
    const cache = createFlowCache(scripts, { prefix: `it:${newId('c')}:` });
    await cache.put(version('flw_b', 5));
    await cache.put(version('flw_b', 4)); // a slow reader that loaded version 4
    expect((await cache.get('flw_b'))?.versionNumber).toBe(5);
    await cache.fence('flw_b', 6); // a writer about to commit 6
    expect(await cache.get('flw_b')).toBeNull();
    await cache.put(version('flw_b', 5)); // a reader that loaded 5 before the commit
    expect(await cache.get('flw_b')).toBeNull();
    await cache.put(version('flw_b', 6));
    expect((await cache.get('flw_b'))?.versionNumber).toBe(6);
  });

  it('should not let a writer that lost the race drop the winner’s cached copy', async () => {
    const cache = createFlowCache(scripts, { prefix: `it:${newId('c')}:` });
    await cache.fence('flw_c', 2);
    await cache.put(version('flw_c', 2)); // the winner
    await cache.fence('flw_c', 2); // the loser, late
    expect((await cache.get('flw_c'))?.versionNumber).toBe(2);
  });

  it('should miss, not fail, when Redis cannot be reached; and refuse to fence then', async () => {
    const down = createFlowCache(createUpstashScripts({ url: 'http://127.0.0.1:9', token: 'x', timeoutMs: 500 }));
    expect(await down.get('flw_d')).toBeNull();
    await expect(down.put(version('flw_d', 1))).resolves.toBeUndefined();
    await expect(down.fence('flw_d', 2)).rejects.toMatchObject({ code: 'FLOW_CACHE_UNAVAILABLE', kind: 'unavailable' });
  });
});

describe('reads and writes through the endpoints', () => {
  it('should never serve a stale copy after a write, even when a reader that loaded the old version stores it late', async () => {
    const { workspaceId, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, editor);
    const cache = createFlowCache(scripts);
    const before = await kit.read(flowId, editor); // caches version 1
    expect(before.headers.get('etag')).toBe('"v1"');
    const staleCopy = await cache.get(flowId);
    expect(staleCopy?.versionNumber).toBe(1);

    expect((await kit.apply(flowId, editor, [addScreen('after_write')], '"v1"')).status).toBe(200);
    await cache.put(staleCopy!); // the late reader
    const after = await kit.read(flowId, editor);
    expect(after.headers.get('etag')).toBe('"v2"');
    expect(JSON.stringify(after.body?.document)).toContain('after_write');
    expect((await cache.get(flowId))?.versionNumber).toBe(2);
  });

  it('should repair a head left behind by an interrupted write and serve the latest version', async () => {
    const { workspaceId, editor } = await kit.team();
    const flowId = await kit.newFlow(workspaceId, editor);
    expect((await kit.apply(flowId, editor, [addScreen('second')], '"v1"')).status).toBe(200);
    // As if the writer died after inserting version 2: head back at 1, no cached copy.
    await kit.db.collection('flows').updateOne({ _id: flowId as never }, { $set: { versionNumber: 1, nodeCount: 2 } });
    await scripts.eval("return redis.call('DEL', KEYS[1])", [`flows:latest:${flowId}`], []);
    const read = await kit.read(flowId, editor);
    expect(read.headers.get('etag')).toBe('"v2"');
    expect(await kit.db.collection('flows').findOne({ _id: flowId as never })).toMatchObject({ versionNumber: 2, nodeCount: 3 });
  });
});
