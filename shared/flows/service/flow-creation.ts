import type { FlowIssue } from '../issues.ts';
import type { FlowDocument } from '../schema.ts';
import { inFlowPlace } from './flow-quotas.ts';
import { buildVersion, checkDocument, commitNewFlow } from './flow-writer.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { madeBy } from './provenance.ts';
import type { FlowHead, FlowVersion, VersionKind } from './records.ts';

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
): Promise<CreatedFlow> => {
  const planned = await ports.plans.limitsOf(workspaceId);
  const flowId = ports.newId('flw');
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
