import type { FlowIssue } from '../issues.ts';
import type { FlowDocument } from '../schema.ts';
import { inFlowPlace } from './flow-quotas.ts';
import { buildVersion, checkDocument, commitNewFlow } from './flow-writer.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { madeBy } from './provenance.ts';
import { headFromVersion, type FlowHead, type FlowVersion, type VersionKind } from './records.ts';

export interface CreatedFlow {
  head: FlowHead;
  version: FlowVersion;
  warnings: FlowIssue[];
}

/** The summary of a version that is not a batch of operations. */
export const noBatch = (text: string) => ({ count: 0, byType: {}, text });

/** The one path by which flows come to exist: a place of the flows limit, rules, version 1, head. */
export const createFrom = async (
  ports: FlowsPorts,
  caller: FlowCaller,
  workspaceId: string,
  document: FlowDocument,
  origin: { kind: Extract<VersionKind, 'created' | 'imported' | 'duplicated'>; text: string; sourceId: string | null },
  flowId: string = ports.newId('flw'),
): Promise<CreatedFlow> => {
  const planned = await ports.plans.limitsOf(workspaceId);
  return inFlowPlace(ports, { workspaceId, flowId }, planned, async () => {
    const warnings = await checkDocument(ports, document, { workspaceId, flowId }, planned);
    const version = buildVersion(
      { flowId, workspaceId, versionNumber: 1 },
      {
        kind: origin.kind,
        document,
        ...madeBy(caller),
        summary: noBatch(origin.text),
        restoredFrom: null,
        sourceId: origin.sourceId,
      },
      ports.clock.now(),
    );
    return { head: await commitNewFlow(ports, version), version, warnings };
  });
};

/**
 * The flow `flowId` as an earlier attempt of the same request left it: version 1 made by `caller` in
 * `workspaceId`, its head written if that attempt ended before writing it. Null when there is none.
 */
export const earlierAttempt = async (
  ports: FlowsPorts,
  caller: FlowCaller,
  workspaceId: string,
  flowId: string,
): Promise<CreatedFlow | null> => {
  const version = await ports.versions.find(flowId, 1);
  if (version?.workspaceId !== workspaceId || version.authorId !== caller.userId) return null;
  let head = await ports.heads.find(flowId);
  if (!head) {
    head = headFromVersion(version, null);
    await ports.heads.save(head);
  }
  return { head, version, warnings: [] };
};
