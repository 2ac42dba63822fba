import type { FlowIssue } from '../issues.ts';
import type { FlowOperation } from '../operation-schema.ts';
import { applyOperations } from '../operations.ts';
import { validateFlow } from '../validate.ts';
import { loadForCaller } from './flow-reader.ts';
import { checkDocument, commitVersion, versionAfter } from './flow-writer.ts';
import type { FlowCaller, FlowListQuery, FlowsPorts } from './ports.ts';
import type { FlowVersion } from './records.ts';
import { flowServiceErrors } from './service-errors.ts';

export interface WriteResult {
  version: FlowVersion;
  warnings: FlowIssue[];
}

/** The If-Match check: missing → 428; none of the versions named is current → 412 with the current one. */
const requireVersion = (latest: FlowVersion, expected: readonly number[] | null): void => {
  if (expected === null) throw flowServiceErrors.ifMatchRequired();
  if (!expected.includes(latest.versionNumber)) throw flowServiceErrors.versionConflict(latest.versionNumber);
};

/** Reading, listing and changing flows. */
export const createFlowEditService = (ports: FlowsPorts) => ({
  /** The latest version and its current warnings. @throws FLOW_NOT_FOUND. */
  get: async (caller: FlowCaller, flowId: string): Promise<WriteResult> => {
    const version = await loadForCaller(ports, caller, flowId, 'flows:read');
    const { limits } = await ports.plans.limitsOf(version.workspaceId);
    return { version, warnings: validateFlow(version.document, limits, { flowId }).warnings };
  },

  /** Summaries of the workspace's flows (the caller's membership was checked by the route). */
  list: (workspaceId: string, query: FlowListQuery) => ports.heads.list(workspaceId, query),

  /**
   * Applies a batch all or nothing as version n + 1, where n must be one of `expectedVersions` (the If-Match; null: none sent).
   * @throws IF_MATCH_REQUIRED (428), VERSION_CONFLICT (412), OPERATIONS_FAILED / FLOW_INVALID (422), NODE_LIMIT_REACHED (402).
   */
  apply: async (
    caller: FlowCaller,
    flowId: string,
    expectedVersions: readonly number[] | null,
    operations: FlowOperation[],
  ): Promise<WriteResult> => {
    const latest = await loadForCaller(ports, caller, flowId, 'flows:update');
    requireVersion(latest, expectedVersions);
    const { document, summary } = applyOperations(latest.document, operations, { newId: ports.newId, now: ports.clock.now });
    const warnings = await checkDocument(ports, document, { workspaceId: latest.workspaceId, flowId });
    const version = versionAfter(
      latest,
      {
        kind: 'edited',
        document,
        authorId: caller.userId,
        summary: { ...summary, byType: { ...summary.byType } },
        restoredFrom: null,
        sourceId: null,
      },
      ports.clock.now(),
    );
    await commitVersion(ports, version);
    return { version, warnings };
  },

  /** Makes version `versionNumber`'s document the new latest version (history is kept). Same errors as `apply`. */
  restore: async (
    caller: FlowCaller,
    flowId: string,
    versionNumber: number,
    expectedVersions: readonly number[] | null,
  ): Promise<WriteResult> => {
    const latest = await loadForCaller(ports, caller, flowId, 'flows:update');
    requireVersion(latest, expectedVersions);
    const old = await ports.versions.find(flowId, versionNumber);
    if (!old) throw flowServiceErrors.versionNotFound(versionNumber);
    const warnings = await checkDocument(ports, old.document, { workspaceId: latest.workspaceId, flowId });
    const version = versionAfter(
      latest,
      {
        kind: 'restored',
        document: old.document,
        authorId: caller.userId,
        summary: { count: 0, byType: {}, text: `restored version ${versionNumber}` },
        restoredFrom: versionNumber,
        sourceId: null,
      },
      ports.clock.now(),
    );
    await commitVersion(ports, version);
    return { version, warnings };
  },
});
