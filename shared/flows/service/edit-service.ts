import type { LayoutEngine } from '../layout-engine.ts';
import type { FlowOperation } from '../operation-schema.ts';
import { applyOperations } from '../operations.ts';
import { loadForCaller } from './flow-reader.ts';
import { checkDocument, commitVersion, versionAfter } from './flow-writer.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import type { WriteResult } from './read-service.ts';
import { madeBy, type ProposalVia } from './provenance.ts';
import type { FlowVersion } from './records.ts';
import { flowServiceErrors } from './service-errors.ts';

/** The If-Match check: missing → 428; none of the versions named is current → 412 with the current one. */
const requireVersion = (latest: FlowVersion, expected: readonly number[] | null): void => {
  if (expected === null) throw flowServiceErrors.ifMatchRequired();
  if (!expected.includes(latest.versionNumber)) throw flowServiceErrors.versionConflict(latest.versionNumber);
};

/** How a batch came to be, when not typed by the caller: `via.proposal` for an AI proposal applied on their behalf. */
export interface ApplyOptions {
  via?: ProposalVia;
}

/**
 * Changing flows: batches of operations and restores, under If-Match. `loadLayout` loads the layout
 * library, only when a batch has AUTO_LAYOUT (omit it where no batch is applied).
 */
export const createFlowEditService = (ports: FlowsPorts, loadLayout?: () => Promise<LayoutEngine>) => ({
  /**
   * Applies a batch all or nothing as version n + 1, where n must be one of `expectedVersions` (the If-Match; null: none sent).
   * `options.via` records the version as made by a proposal (its model, prompt, message and per-operation rationales, for
   * blame); otherwise it is the caller's (or their API key's).
   * @throws IF_MATCH_REQUIRED (428), VERSION_CONFLICT (412), OPERATIONS_FAILED / FLOW_INVALID (422), NODE_LIMIT_REACHED (402).
   */
  apply: async (
    caller: FlowCaller,
    flowId: string,
    expectedVersions: readonly number[] | null,
    operations: FlowOperation[],
    options: ApplyOptions = {},
  ): Promise<WriteResult> => {
    const latest = await loadForCaller(ports, caller, flowId, 'flows:update');
    requireVersion(latest, expectedVersions);
    const layout = operations.some((op) => op.type === 'AUTO_LAYOUT') ? await loadLayout?.() : undefined;
    const { document, summary } = applyOperations(latest.document, operations, {
      newId: ports.newId,
      now: ports.clock.now,
      ...(layout ? { layout } : {}),
    });
    const planned = await ports.plans.limitsOf(latest.workspaceId);
    const warnings = await checkDocument(ports, document, { workspaceId: latest.workspaceId, flowId }, planned);
    const version = versionAfter(
      latest,
      {
        kind: 'edited',
        document,
        ...madeBy(caller, options.via ? { proposal: options.via, operations } : undefined),
        summary: { ...summary, byType: { ...summary.byType } },
        restoredFrom: null,
        sourceId: null,
      },
      ports.clock.now(),
    );
    await commitVersion(ports, version, planned.limits.versionsKept);
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
    const planned = await ports.plans.limitsOf(latest.workspaceId);
    const warnings = await checkDocument(ports, old.document, { workspaceId: latest.workspaceId, flowId }, planned);
    const version = versionAfter(
      latest,
      {
        kind: 'restored',
        document: old.document,
        ...madeBy(caller),
        summary: { count: 0, byType: {}, text: `restored version ${versionNumber}` },
        restoredFrom: versionNumber,
        sourceId: null,
      },
      ports.clock.now(),
    );
    await commitVersion(ports, version, planned.limits.versionsKept);
    return { version, warnings };
  },
});
