import type { Db } from 'mongodb';
import { ensureServices } from '../../scripts/services/index.ts';
import type { FlowDocument } from '../../shared/flows/index.ts';
import { createUpstashScripts } from '../../shared/infra/upstash/upstash-scripts.ts';
import { authTestEnv } from './auth-test-env.ts';
import createFlow from '../../functions/flows/create.ts';
import applyOperations from '../../functions/flows/apply-operations.ts';
import getFlow from '../../functions/flows/get.ts';
import type { Plan } from '../../shared/workspaces/index.ts';
import { startWorkspaceKit, type Reply, type TestUser } from './workspace-kit.ts';

/** The workspace kit, plus shortcuts for the flow calls most tests make. */
export const startFlowKit = async (database: string) => {
  const kit = await startWorkspaceKit(database);
  const createIn = async (workspaceId: string, as: TestUser, body: Record<string, unknown> = { name: 'Checkout' }) =>
    kit.call(createFlow, `/v1/workspaces/${workspaceId}/flows`, as, { method: 'POST', body });
  /** Creates a flow and returns its id (fails the test when it cannot). */
  const newFlow = async (workspaceId: string, as: TestUser, body?: Record<string, unknown>) => {
    const reply = await createIn(workspaceId, as, body);
    if (reply.status !== 201) throw new Error(`create answered ${reply.status}: ${reply.text}`);
    return reply.body?.id as string;
  };
  const read = (flowId: string, as: TestUser) => kit.call(getFlow, `/v1/flows/${flowId}`, as);
  const apply = (flowId: string, as: TestUser, operations: unknown[], ifMatch?: string) =>
    kit.call(applyOperations, `/v1/flows/${flowId}/operations`, as, {
      method: 'POST',
      body: { operations },
      ...(ifMatch === undefined ? {} : { headers: { 'if-match': ifMatch } }),
    });
  const team = async (plan: Plan = 'pro') => {
    const people = await kit.users('owner', 'editor', 'viewer', 'stranger');
    const workspaceId = await kit.workspace({ owner: [people.owner], editor: [people.editor], viewer: [people.viewer] }, { plan });
    return { workspaceId, ...people };
  };
  /** Moves a deletion (version `versionNumber`) `days` into the past, in MongoDB and past the cache. */
  const ageDeletion = async (flowId: string, versionNumber: number, days: number) => {
    const then = new Date(Date.now() - days * 24 * 60 * 60 * 1000);
    await kit.db.collection('flow_versions').updateOne({ _id: `${flowId}:${versionNumber}` as never }, { $set: { createdAt: then } });
    await kit.db.collection('flows').updateOne({ _id: flowId as never }, { $set: { deletedAt: then, updatedAt: then } });
    await dropCachedFlow(flowId);
  };
  return { ...kit, createIn, newFlow, read, apply, team, ageDeletion };
};

export type FlowKit = Awaited<ReturnType<typeof startFlowKit>>;

/** An ADD_NODE of a screen with a unique id, wired nowhere (a warning, not an error). */
export const addScreen = (id: string, y = 400) => ({
  type: 'ADD_NODE',
  node: { id, type: 'screen', title: `Screen ${id}`, position: { x: 300, y } },
});

/** The ETag of version `n`, as the flow endpoints send it. */
export const etag = (versionNumber: number) => `"v${versionNumber}"`;

/** The document of a flow read (`GET /v1/flows/{id}` or a version). */
export const documentOf = (reply: Reply) => reply.body?.document as FlowDocument;

/** The `rule` of each issue (errors, warnings) or failure in a reply's `key` list. */
export const rulesIn = (reply: Reply, key: 'errors' | 'warnings' | 'failures') =>
  ((reply.body?.[key] as { rule: string }[] | undefined) ?? []).map((found) => found.rule);

/** The version numbers stored for a flow, ascending (what pruning left). */
export const storedVersions = async (db: Db, flowId: string) =>
  (await db.collection('flow_versions').find({ flowId }).sort({ versionNumber: 1 }).toArray()).map(
    (found) => found.versionNumber as number,
  );

/** How many heads and versions a workspace has stored (to show a refused write left nothing behind). */
export const storedCounts = async (db: Db, workspaceId: string) => ({
  flows: await db.collection('flows').countDocuments({ workspaceId }),
  versions: await db.collection('flow_versions').countDocuments({ workspaceId }),
});

/**
 * Drops a flow's entry from the Redis read-through cache (`createFlowCache`: one hash per flow under
 * `flows:latest:<flowId>`), so the next read comes from MongoDB. Tests that change stored versions
 * behind the API's back (e.g. age a deletion) need it: the cache would otherwise keep serving the old copy.
 */
export const dropCachedFlow = async (flowId: string): Promise<void> => {
  const env = authTestEnv(await ensureServices({ only: ['mongodb', 'mail', 'upstash'] }), 'unused');
  const redis = createUpstashScripts({ url: env.UPSTASH_REDIS_REST_URL ?? '', token: env.UPSTASH_REDIS_REST_TOKEN ?? '' });
  await redis.eval("return redis.call('DEL', KEYS[1])", [`flows:latest:${flowId}`], []);
};
