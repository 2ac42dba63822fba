import { isWithinLimit } from '../../workspaces/index.ts';
import type { FlowsPorts, PlannedLimits } from './ports.ts';
import { flowServiceErrors, flowUpgradeUrl } from './service-errors.ts';

/**
 * Refuses a new (or undeleted) flow beyond the plan's flows per workspace.
 * A count, then an insert: two concurrent creates can pass one over the limit (see docs/flows.md).
 * @throws FLOW_LIMIT_REACHED (402).
 */
export const requireFlowRoom = async (ports: FlowsPorts, workspaceId: string, { plan, limits }: PlannedLimits): Promise<void> => {
  if (limits.flows === null) return;
  const current = await ports.heads.countActive(workspaceId);
  if (isWithinLimit(limits.flows, current)) return;
  throw flowServiceErrors.quota('FLOW_LIMIT_REACHED', {
    limit: limits.flows,
    current,
    plan,
    upgradeUrl: flowUpgradeUrl(ports.appUrl, workspaceId),
  });
};
