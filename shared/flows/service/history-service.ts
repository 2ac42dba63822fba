import { isWithinLimit } from '../../workspaces/index.ts';
import { diffFlows } from '../diff.ts';
import { loadForCaller } from './flow-reader.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import type { FlowSnapshot } from './records.ts';
import { flowServiceErrors, flowUpgradeUrl } from './service-errors.ts';

/** Versions, snapshots and diffs of a flow. */
export const createFlowHistoryService = (ports: FlowsPorts) => {
  const versionOf = async (flowId: string, versionNumber: number) => {
    const found = await ports.versions.find(flowId, versionNumber);
    if (!found) throw flowServiceErrors.versionNotFound(versionNumber);
    return found;
  };

  return {
    /** Versions newest first, each with the names of its snapshots. */
    listVersions: async (caller: FlowCaller, flowId: string, page: { before: number | null; limit: number }) => {
      await loadForCaller(ports, caller, flowId, 'flows:read');
      const [versions, snapshots] = await Promise.all([ports.versions.list(flowId, page), ports.snapshots.listByFlow(flowId)]);
      return versions.map((version) => ({
        ...version,
        snapshots: snapshots.filter((snapshot) => snapshot.versionNumber === version.versionNumber).map((snapshot) => snapshot.name),
      }));
    },

    /** One version with its document. @throws VERSION_NOT_FOUND (never existed, or pruned). */
    getVersion: async (caller: FlowCaller, flowId: string, versionNumber: number) => {
      await loadForCaller(ports, caller, flowId, 'flows:read');
      return versionOf(flowId, versionNumber);
    },

    /**
     * Names the latest version; named versions are never pruned, so they count against the plan's versions kept.
     * @throws SNAPSHOT_NAME_TAKEN (409), SNAPSHOT_LIMIT_REACHED (402).
     */
    snapshot: async (caller: FlowCaller, flowId: string, name: string): Promise<FlowSnapshot> => {
      const latest = await loadForCaller(ports, caller, flowId, 'flows:update');
      const [{ plan, limits }, existing] = await Promise.all([
        ports.plans.limitsOf(latest.workspaceId),
        ports.snapshots.listByFlow(flowId),
      ]);
      if (!isWithinLimit(limits.versionsKept, existing.length)) {
        throw flowServiceErrors.quota('SNAPSHOT_LIMIT_REACHED', {
          limit: limits.versionsKept ?? 0,
          current: existing.length,
          plan,
          upgradeUrl: flowUpgradeUrl(ports.appUrl, latest.workspaceId),
        });
      }
      const snapshot = { flowId, name, versionNumber: latest.versionNumber, createdBy: caller.userId, createdAt: ports.clock.now() };
      if (!(await ports.snapshots.insert(snapshot))) throw flowServiceErrors.snapshotNameTaken(name);
      return snapshot;
    },

    /** What changed from version `from` to version `to` (either order). */
    diff: async (caller: FlowCaller, flowId: string, from: number, to: number) => {
      await loadForCaller(ports, caller, flowId, 'flows:read');
      const [older, newer] = await Promise.all([versionOf(flowId, from), versionOf(flowId, to)]);
      return diffFlows(older.document, newer.document);
    },
  };
};
