import { claimFirstFree, type FreePlace } from '../../kernel/index.ts';
import { flowAllowance, type FlowSlot } from './flow-slots.ts';
import type { FlowsPorts, PlannedLimits } from './ports.ts';
import { flowServiceErrors, flowUpgradeUrl } from './service-errors.ts';

/**
 * Writes a new (or undeleted) flow in a place of the plan's flows per workspace. The commit point
 * is the insert of a slot (a numbered place, unique, `flow-slots.ts`): racing writers each win a
 * different place or none, so the limit holds however many run at once. Then `write` stores the
 * flow; if it throws, the slot is deleted again (a refused document holds no place).
 * Plans without a flows limit claim nothing: their flows count as holding no place if the plan changes.
 * @throws FLOW_LIMIT_REACHED (402) when no place is free.
 */
export const inFlowPlace = async <T>(
  ports: FlowsPorts,
  at: { workspaceId: string; flowId: string },
  { plan, limits }: PlannedLimits,
  write: () => Promise<T>,
): Promise<T> => {
  const limit = limits.flows;
  if (limit === null) return write();
  const now = ports.clock.now();
  const allowance = flowAllowance(await ports.slots.read(at.workspaceId), limit, now);
  const slotOf = (place: FreePlace): FlowSlot => ({ ...at, ...place, claimedAt: now });
  const claimed = await claimFirstFree(allowance.places, {
    claim: (place) => ports.slots.claim(slotOf(place)),
    fill: write,
    release: (place) => ports.slots.release(slotOf(place)),
  });
  if (claimed) return claimed.value;
  // Every place read as free was taken by a racing writer: say what the workspace holds now.
  const { current } = allowance.places.length === 0 ? allowance : flowAllowance(await ports.slots.read(at.workspaceId), limit, now);
  throw flowServiceErrors.quota('FLOW_LIMIT_REACHED', {
    limit,
    current,
    plan,
    upgradeUrl: flowUpgradeUrl(ports.appUrl, at.workspaceId),
  });
};
