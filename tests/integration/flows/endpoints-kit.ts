import type { Db } from 'mongodb';
import { ensureServices } from '../../../scripts/services/index.ts';
import type { FlowDocument } from '../../../shared/flows/index.ts';
import { createUpstashScripts } from '../../../shared/infra/upstash/upstash-scripts.ts';
import { authTestEnv } from '../identity/auth-test-env.ts';
import type { Reply } from '../workspaces/workspace-kit.ts';

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
