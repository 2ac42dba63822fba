import type { WorkspacePermission } from '../../kernel/index.ts';
import type { FlowCaller, FlowsPorts } from './ports.ts';
import { settleHead, walkForward } from './flow-head.ts';
import type { FlowVersion } from './records.ts';
import { flowServiceErrors } from './service-errors.ts';

/**
 * The flow's latest version: from the cache, else from the head and the versions, walking forward
 * past a head left behind by an interrupted write (and repairing it). Null when the flow never existed.
 */
export const loadLatest = async (ports: FlowsPorts, flowId: string): Promise<FlowVersion | null> => {
  const cached = await ports.cache.get(flowId);
  if (cached) return cached;
  const head = await ports.heads.find(flowId);
  const found = (head && (await ports.versions.find(flowId, head.versionNumber))) ?? (await ports.versions.findLatest(flowId));
  if (!found) return null;
  let latest = await walkForward(ports, found);
  if (head?.versionNumber !== latest.versionNumber) latest = await settleHead(ports, latest, head);
  await ports.cache.put(latest);
  return latest;
};

/** Throws FLOW_NOT_FOUND (another tenant's flow looks missing) or PERMISSION_DENIED (a member without the permission). */
export const requireAccess = async (caller: FlowCaller, workspaceId: string, permission: WorkspacePermission): Promise<void> => {
  const decision = await caller.access(workspaceId, permission);
  if (decision === 'not_member') throw flowServiceErrors.notFound();
  if (decision === 'denied') throw flowServiceErrors.denied(permission);
};

/**
 * The latest version of a flow the caller may act on with `permission`.
 * @throws FLOW_NOT_FOUND when missing, deleted (unless `includeDeleted`) or in a workspace the caller is not in.
 */
export const loadForCaller = async (
  ports: FlowsPorts,
  caller: FlowCaller,
  flowId: string,
  permission: WorkspacePermission,
  { includeDeleted = false } = {},
): Promise<FlowVersion> => {
  const latest = await loadLatest(ports, flowId);
  if (!latest) throw flowServiceErrors.notFound();
  await requireAccess(caller, latest.workspaceId, permission);
  if (latest.kind === 'deleted' && !includeDeleted) throw flowServiceErrors.notFound();
  return latest;
};
