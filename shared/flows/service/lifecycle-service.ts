import { renamed } from './blank-flow.ts';
import { createFrom, noBatch } from './flow-creation.ts';
import { inFlowPlace } from './flow-quotas.ts';
import { loadForCaller, requireAccess } from './flow-reader.ts';
import { commitVersion, versionAfter } from './flow-writer.ts';
import { madeBy } from './provenance.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { flowServiceErrors } from './service-errors.ts';

/** Deleted flows can be undeleted for this long; the retention job purges them after it. */
export const restorableForMs = 30 * 24 * 60 * 60 * 1000;

/** Retries a write that lost a race with another writer (deletes and undeletes carry no If-Match). */
const withRetries = async <T>(attempt: () => Promise<T>, tries = 3): Promise<T> => {
  for (let left = tries; ; left--) {
    try {
      return await attempt();
    } catch (error) {
      if (left <= 1 || (error as { code?: unknown }).code !== 'VERSION_CONFLICT') throw error;
    }
  }
};

/** Duplicating, deleting and undeleting flows. The caller's workspace access is checked here. */
export const createFlowLifecycleService = (ports: FlowsPorts) => ({
  /** A copy of the flow's latest version as a new flow in the same workspace. */
  duplicate: async (caller: FlowCaller, flowId: string) => {
    const source = await loadForCaller(ports, caller, flowId, 'flows:read');
    await requireAccess(caller, source.workspaceId, 'flows:create');
    const name = `Copy of ${source.document.metadata.flowName}`.slice(0, 100);
    return createFrom(ports, caller, source.workspaceId, renamed(source.document, name), {
      kind: 'duplicated',
      text: `duplicated from ${flowId} version ${source.versionNumber}`,
      sourceId: flowId,
    });
  },

  /** Soft delete: a version of kind `deleted`, restorable for 30 days. Deleting a deleted flow answers FLOW_NOT_FOUND. */
  remove: async (caller: FlowCaller, flowId: string) =>
    withRetries(async () => {
      const latest = await loadForCaller(ports, caller, flowId, 'flows:delete');
      const version = versionAfter(
        latest,
        {
          kind: 'deleted',
          document: latest.document,
          ...madeBy(caller),
          summary: noBatch('deleted'),
          restoredFrom: null,
          sourceId: null,
        },
        ports.clock.now(),
      );
      const { limits } = await ports.plans.limitsOf(latest.workspaceId);
      await commitVersion(ports, version, limits.versionsKept);
      return version;
    }),

  /** Brings a deleted flow back within 30 days of its deletion. @throws FLOW_NOT_DELETED, FLOW_NOT_FOUND after 30 days. */
  undelete: async (caller: FlowCaller, flowId: string) =>
    withRetries(async () => {
      const latest = await loadForCaller(ports, caller, flowId, 'flows:delete', { includeDeleted: true });
      if (latest.kind !== 'deleted') throw flowServiceErrors.notDeleted();
      const now = ports.clock.now();
      if (now.getTime() - latest.createdAt.getTime() > restorableForMs) throw flowServiceErrors.notFound();
      const planned = await ports.plans.limitsOf(latest.workspaceId);
      // A deleted flow gave its place up: undeleting claims one again (released if the commit loses a race).
      return inFlowPlace(ports, { workspaceId: latest.workspaceId, flowId }, planned, async () => {
        const version = versionAfter(
          latest,
          {
            kind: 'undeleted',
            document: latest.document,
            ...madeBy(caller),
            summary: noBatch('undeleted'),
            restoredFrom: null,
            sourceId: null,
          },
          now,
        );
        await commitVersion(ports, version, planned.limits.versionsKept);
        return version;
      });
    }),
});
