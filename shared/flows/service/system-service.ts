import { loadLatest } from './flow-reader.ts';
import { restorableForMs } from './lifecycle-service.ts';
import type { FlowsPorts } from './ports.ts';
import type { FlowHead, FlowVersion } from './records.ts';
import type { FlowSystemPorts } from './system-ports.ts';

/**
 * What crons and event consumers do with flows. There is no caller here and no workspace access is
 * checked, so only background functions hold it; HTTP functions use the caller-checked services.
 */
export const createFlowSystemService = (ports: FlowsPorts & FlowSystemPorts) => ({
  /** The flow's latest version, deleted or not; null when it never existed or was purged. */
  loadLatest: (flowId: string): Promise<FlowVersion | null> => loadLatest(ports, flowId),

  /** Flows deleted before `cutoff` (still stored), the earliest deletion first, at most `limit`. */
  listDeletedBefore: (cutoff: Date, limit: number): Promise<FlowHead[]> => ports.retention.deletedBefore(cutoff, limit),

  /**
   * Removes everything stored of a flow deleted longer ago than it can be undeleted (30 days).
   * Resolves false, removing nothing, when the flow is not deleted (any more) or could still be
   * undeleted; true when nothing of it is left (also for a purge cut short before, or a flow that never existed).
   * @throws FLOW_CACHE_UNAVAILABLE when the cache cannot be fenced (nothing is removed; try again later).
   */
  purge: async (flowId: string): Promise<boolean> => {
    const latest = await loadLatest(ports, flowId);
    if (latest) {
      const deletedForMs = ports.clock.now().getTime() - latest.createdAt.getTime();
      if (latest.kind !== 'deleted' || deletedForMs <= restorableForMs) return false;
      // Past the version: no reader can cache the deleted copy again, none is served meanwhile.
      await ports.cache.fence(flowId, latest.versionNumber + 1);
    }
    await ports.retention.purge(flowId);
    return true;
  },

  /** The versions whose created/updated/deleted event is not yet on the bus. */
  eventOutbox: ports.outbox,
});

export type FlowSystemService = ReturnType<typeof createFlowSystemService>;
