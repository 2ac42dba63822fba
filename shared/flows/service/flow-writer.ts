import type { FlowIssue } from '../issues.ts';
import type { FlowDocument } from '../schema.ts';
import { validateFlow } from '../validate.ts';
import { settleHead } from './flow-head.ts';
import { loadLatest } from './flow-reader.ts';
import type { FlowsPorts, PlannedLimits } from './ports.ts';
import { headFromVersion, semverOf, type FlowHead, type FlowVersion } from './records.ts';
import { flowServiceErrors, flowUpgradeUrl } from './service-errors.ts';
import { subflowIssues } from './subflow-rules.ts';

/**
 * Checks a document about to be stored against every rule and the workspace's plan (read by the caller).
 * @returns the warnings.
 * @throws NODE_LIMIT_REACHED (402) when the node count is the only problem; FLOW_INVALID (422) listing every error otherwise.
 */
export const checkDocument = async (
  ports: FlowsPorts,
  doc: FlowDocument,
  where: { workspaceId: string; flowId: string | null },
  { plan, limits }: PlannedLimits,
): Promise<FlowIssue[]> => {
  const found = validateFlow(doc, limits, where.flowId ? { flowId: where.flowId } : {});
  const documentOf = async (id: string) => {
    const latest = await loadLatest(ports, id);
    return latest && latest.workspaceId === where.workspaceId && latest.kind !== 'deleted' ? latest.document : null;
  };
  const nested = found.errors.length === 0 ? await subflowIssues(doc, where.flowId, documentOf) : { errors: [], warnings: [] };
  const errors = [...found.errors, ...nested.errors];
  const warnings = [...found.warnings, ...nested.warnings];
  if (errors.length > 0 && errors.every((error) => error.rule === 'TOO_MANY_NODES')) {
    throw flowServiceErrors.quota('NODE_LIMIT_REACHED', {
      limit: limits.nodesPerFlow,
      current: doc.nodes.length,
      plan,
      upgradeUrl: flowUpgradeUrl(ports.appUrl, where.workspaceId),
    });
  }
  if (errors.length > 0) throw flowServiceErrors.invalidDocument(errors, warnings);
  return warnings;
};

export type VersionFields = Pick<FlowVersion, 'kind' | 'document' | 'authorId' | 'provenance' | 'summary' | 'restoredFrom' | 'sourceId'>;

/** Version `versionNumber` of a flow, with the server-managed `metadata.version` set to match. */
export const buildVersion = (
  at: Pick<FlowVersion, 'flowId' | 'workspaceId' | 'versionNumber'>,
  fields: VersionFields,
  now: Date,
): FlowVersion => ({
  ...fields,
  ...at,
  document: { ...fields.document, metadata: { ...fields.document.metadata, version: semverOf(at.versionNumber) } },
  createdAt: now,
});

/** The version after `latest`. */
export const versionAfter = (latest: FlowVersion, fields: VersionFields, now: Date): FlowVersion =>
  buildVersion({ flowId: latest.flowId, workspaceId: latest.workspaceId, versionNumber: latest.versionNumber + 1 }, fields, now);

/** Deletes versions beyond the plan's limit, keeping named snapshots (and the versions not yet published). */
const prune = async (ports: FlowsPorts, version: FlowVersion, versionsKept: number | null): Promise<void> => {
  if (versionsKept === null) return;
  const upTo = version.versionNumber - versionsKept;
  if (upTo < 1) return;
  const snapshots = await ports.snapshots.listByFlow(version.flowId);
  await ports.versions.prune(
    version.flowId,
    upTo,
    snapshots.map((snapshot) => snapshot.versionNumber),
  );
};

/**
 * Commits a version of an existing flow: fence the cache, insert (the commit point), then the
 * derived head (settled on the latest version, `settleHead`), the cache and pruning to the plan's `versionsKept` (null: all). A lost race is 412 with the version that won.
 * @throws VERSION_CONFLICT (412) when another writer committed that number first.
 */
export const commitVersion = async (ports: FlowsPorts, version: FlowVersion, versionsKept: number | null): Promise<void> => {
  await ports.cache.fence(version.flowId, version.versionNumber);
  if (!(await ports.versions.insert(version))) {
    const current = await loadLatest(ports, version.flowId);
    throw flowServiceErrors.versionConflict(current?.versionNumber ?? version.versionNumber);
  }
  await settleHead(ports, version, null);
  await ports.cache.put(version);
  await prune(ports, version, versionsKept);
};

/**
 * Stores version 1 of a new flow and its head. If the head cannot be written the version is
 * removed again, so no half-created flow stays behind.
 */
export const commitNewFlow = async (ports: FlowsPorts, version: FlowVersion): Promise<FlowHead> => {
  const head = headFromVersion(version, null);
  if (!(await ports.versions.insert(version))) throw flowServiceErrors.busy();
  try {
    await ports.heads.insert(head);
  } catch (error) {
    await ports.versions.remove(version.flowId, version.versionNumber);
    throw error;
  }
  await ports.cache.put(version);
  return head;
};
