import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createSnapshot from '../../../functions/flows/create-snapshot.ts';
import diffVersions from '../../../functions/flows/diff-versions.ts';
import getVersion from '../../../functions/flows/get-version.ts';
import listVersions from '../../../functions/flows/list-versions.ts';
import restoreVersion from '../../../functions/flows/restore-version.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';
import { documentOf, etag, storedVersions, addScreen, startFlowKit, type FlowKit } from '../../support/flow-kit.ts';

let kit: FlowKit;

beforeAll(async () => {
  kit = await startFlowKit('it_flows_endpoints_history');
}, servicesHookTimeoutMs);
afterAll(async () => kit.close());

interface VersionInfo {
  version: number;
  kind: string;
  authorId: string;
  summary: { count: number; byType: Record<string, number>; text: string };
  restoredFrom: number | null;
  nodeCount: number;
  snapshots: string[];
}

const versionsOf = async (flowId: string, as: TestUser, query = '') => {
  const reply = await kit.call(listVersions, `/v1/flows/${flowId}/versions${query}`, as);
  return { reply, items: (reply.body?.items ?? []) as VersionInfo[], nextBefore: reply.body?.nextBefore as number | null };
};
const versionOf = (flowId: string, n: number | string, as: TestUser) => kit.call(getVersion, `/v1/flows/${flowId}/versions/${n}`, as);
const restore = (flowId: string, n: number, as: TestUser, ifMatch?: string) =>
  kit.call(restoreVersion, `/v1/flows/${flowId}/versions/${n}/restore`, as, {
    method: 'POST',
    ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }),
  });
const snapshot = (flowId: string, name: string, as: TestUser) =>
  kit.call(createSnapshot, `/v1/flows/${flowId}/snapshots`, as, { method: 'POST', body: { name } });
const diff = (flowId: string, from: number | string, to: number | string, as: TestUser) =>
  kit.call(diffVersions, `/v1/flows/${flowId}/diff?from=${from}&to=${to}`, as);

/** A flow taken to version 1 + `edits` by one-operation batches, each adding a screen. */
const flowWithEdits = async (edits: number, plan: 'free' | 'pro' = 'pro') => {
  const team = await kit.team(plan);
  const flowId = await kit.newFlow(team.workspaceId, team.owner);
  for (let n = 1; n <= edits; n++) {
    const reply = await kit.apply(flowId, team.editor, [addScreen(`s${n}`, 400 + n * 10)], etag(n));
    if (reply.status !== 200) throw new Error(`edit ${n} answered ${reply.status}: ${reply.text}`);
  }
  return { ...team, flowId };
};

describe('GET /v1/flows/{flowId}/versions and /versions/{n}', () => {
  it('should list versions newest first with kind, author and summary, a page at a time', async () => {
    const { flowId, owner, editor, viewer } = await flowWithEdits(3);
    const all = await versionsOf(flowId, viewer);
    expect(all.reply.status).toBe(200);
    expect(all.items.map((item) => item.version)).toEqual([4, 3, 2, 1]);
    expect(all.items[0]).toMatchObject({ kind: 'edited', authorId: editor.id, nodeCount: 5, restoredFrom: null, snapshots: [] });
    expect(all.items[0]?.summary).toEqual({ count: 1, byType: { ADD_NODE: 1 }, text: '1 × ADD_NODE' });
    expect(all.items[3]).toMatchObject({ kind: 'created', authorId: owner.id, nodeCount: 2 });

    const first = await versionsOf(flowId, viewer, '?limit=3');
    expect(first.items.map((item) => item.version)).toEqual([4, 3, 2]);
    expect(first.nextBefore).toBe(2);
    const second = await versionsOf(flowId, viewer, `?limit=3&before=${first.nextBefore}`);
    expect(second.items.map((item) => item.version)).toEqual([1]);
    expect(second.nextBefore).toBeNull();
  });

  it('should return the document of version n as it was then', async () => {
    const { flowId, viewer } = await flowWithEdits(2);
    const second = await versionOf(flowId, 2, viewer);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: flowId, version: 2, kind: 'edited' });
    expect(documentOf(second).nodes.map((node) => node.id)).toEqual(['start', 'end', 's1']);
    expect(documentOf(second).metadata.version).toBe('2.0.0');
  });

  it.each([
    ['a version that never existed', 9, 404, 'VERSION_NOT_FOUND'],
    ['version 0', 0, 400, 'VALIDATION_FAILED'],
    ['a version that is not a number', 'latest', 400, 'VALIDATION_FAILED'],
  ])('should answer %s with a problem', async (_case, n, status, code) => {
    const { flowId, owner } = await flowWithEdits(1);
    expect(outcome(await versionOf(flowId, n, owner))).toEqual({ status, code });
  });

  it('should answer 404 FLOW_NOT_FOUND when a stranger lists or reads versions', async () => {
    const { flowId, stranger } = await flowWithEdits(1);
    expect(outcome((await versionsOf(flowId, stranger)).reply)).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
    expect(outcome(await versionOf(flowId, 1, stranger))).toEqual({ status: 404, code: 'FLOW_NOT_FOUND' });
  });
});

describe('POST /v1/flows/{flowId}/versions/{n}/restore', () => {
  it('should make version 1’s document the latest as a new version when If-Match is current', async () => {
    const { flowId, owner, editor } = await flowWithEdits(2);
    const reply = await restore(flowId, 1, editor, etag(3));
    expect(reply.status).toBe(200);
    expect(reply.headers.get('etag')).toBe(etag(4));
    expect(reply.body).toMatchObject({ version: 4 });
    const [original, restored] = [documentOf(await versionOf(flowId, 1, owner)), documentOf(await kit.read(flowId, owner))];
    expect(restored).toEqual({ ...original, metadata: { ...original.metadata, version: '4.0.0' } });
    const { items } = await versionsOf(flowId, owner, '?limit=1');
    expect(items[0]).toMatchObject({ version: 4, kind: 'restored', restoredFrom: 1, authorId: editor.id });
  });

  it.each([
    ['no If-Match', undefined, 1, 428, 'IF_MATCH_REQUIRED'],
    ['a stale If-Match', etag(1), 1, 412, 'VERSION_CONFLICT'],
    ['a version that does not exist', etag(2), 7, 404, 'VERSION_NOT_FOUND'],
  ])('should refuse a restore with %s and store nothing', async (_case, ifMatch, n, status, code) => {
    const { flowId, owner } = await flowWithEdits(1);
    expect(outcome(await restore(flowId, n, owner, ifMatch))).toEqual({ status, code });
    expect(await storedVersions(kit.db, flowId)).toEqual([1, 2]);
  });

  it('should answer 403 PERMISSION_DENIED when a viewer restores', async () => {
    const { flowId, viewer } = await flowWithEdits(1);
    expect(outcome(await restore(flowId, 1, viewer, etag(2)))).toEqual({ status: 403, code: 'PERMISSION_DENIED' });
  });
});

describe('POST /v1/flows/{flowId}/snapshots', () => {
  it('should name the latest version, refuse the same name twice and show names in the versions list', async () => {
    const { flowId, owner, editor } = await flowWithEdits(1);
    const reply = await snapshot(flowId, 'Before review', editor);
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ name: 'Before review', version: 2, createdBy: editor.id });
    expect(outcome(await snapshot(flowId, 'Before review', owner))).toEqual({ status: 409, code: 'SNAPSHOT_NAME_TAKEN' });
    expect((await snapshot(flowId, 'Sent to client', owner)).status).toBe(201);
    const { items } = await versionsOf(flowId, owner);
    expect(items.find((item) => item.version === 2)?.snapshots.sort()).toEqual(['Before review', 'Sent to client']);
    expect(items.find((item) => item.version === 1)?.snapshots).toEqual([]);
  });

  it.each([
    ['a viewer', 'viewer', 403, 'PERMISSION_DENIED'],
    ['a stranger', 'stranger', 404, 'FLOW_NOT_FOUND'],
  ] as const)('should refuse a snapshot by %s', async (_case, who, status, code) => {
    const team = await flowWithEdits(0);
    expect(outcome(await snapshot(team.flowId, 'Mine', team[who]))).toEqual({ status, code });
    expect(await kit.db.collection('flow_snapshots').countDocuments({ flowId: team.flowId })).toBe(0);
  });
});

describe('GET /v1/flows/{flowId}/diff', () => {
  it('should show the added node and the changed title with its field path', async () => {
    const { flowId, owner } = await flowWithEdits(1);
    await kit.apply(flowId, owner, [{ type: 'UPDATE_NODE', id: 's1', changes: { title: 'Review order' } }], etag(2));

    const added = await diff(flowId, 1, 2, owner);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({
      from: 1,
      to: 2,
      nodes: { added: ['s1'], removed: [], changed: [] },
      edges: { added: [], removed: [] },
    });

    const changed = await diff(flowId, 2, 3, owner);
    expect(changed.body).toMatchObject({
      nodes: { added: [], removed: [], changed: [{ id: 's1', fields: [{ path: 'title', to: 'Review order' }] }] },
    });

    const backwards = await diff(flowId, 2, 1, owner);
    expect(backwards.body).toMatchObject({ nodes: { added: [], removed: ['s1'] } });
  });

  it.each([
    ['a missing version', 1, 9, 404, 'VERSION_NOT_FOUND'],
    ['a from that is not a number', 'one', 2, 400, 'VALIDATION_FAILED'],
    ['a to that is not a number', 1, 'two', 400, 'VALIDATION_FAILED'],
  ])('should answer %s with a problem', async (_case, from, to, status, code) => {
    const { flowId, owner } = await flowWithEdits(1);
    expect(outcome(await diff(flowId, from, to, owner))).toEqual({ status, code });
  });
});

describe('version pruning', () => {
  it('should prune published versions beyond the free plan’s 20, keep snapshots and never reuse numbers', async () => {
    const { flowId, owner, editor } = await flowWithEdits(2, 'free');
    expect((await snapshot(flowId, 'Kept', owner)).status).toBe(201); // names version 3
    for (let n = 3; n <= 24; n++) await kit.apply(flowId, editor, [addScreen(`s${n}`, 400 + n * 10)], etag(n));
    // Nothing is pruned before its event is out (the outbox): 25 versions, all unpublished, are all there.
    expect(await storedVersions(kit.db, flowId)).toHaveLength(25);

    await kit.db.collection('flow_versions').updateMany({ flowId }, { $set: { published: true } });
    expect((await kit.apply(flowId, editor, [addScreen('s25')], etag(25))).status).toBe(200);
    const expected = [3, ...Array.from({ length: 20 }, (_, index) => index + 7)];
    expect(await storedVersions(kit.db, flowId)).toEqual(expected);
    expect((await versionsOf(flowId, owner, '?limit=100')).items.map((item) => item.version)).toEqual([...expected].reverse());
    expect(outcome(await versionOf(flowId, 1, owner))).toEqual({ status: 404, code: 'VERSION_NOT_FOUND' });
    expect(outcome(await versionOf(flowId, 6, owner))).toEqual({ status: 404, code: 'VERSION_NOT_FOUND' });
    expect((await versionOf(flowId, 3, owner)).status).toBe(200);

    expect((await kit.apply(flowId, editor, [addScreen('s26')], etag(26))).body).toMatchObject({ version: 27 });
    expect(outcome(await restore(flowId, 1, owner, etag(27)))).toEqual({ status: 404, code: 'VERSION_NOT_FOUND' });
    expect((await restore(flowId, 3, owner, etag(27))).body).toMatchObject({ version: 28 });
  });
});
