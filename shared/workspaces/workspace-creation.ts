import { claimFirstFree, newId, type FreePlace } from '../kernel/index.ts';
import { limitReached } from './errors.ts';
import { effectivePlan, planLimits, type Plan } from './plan-limits.ts';
import type { WorkspaceRecord } from './ports.ts';
import { freePlaces, isSlotHeld, latestSlots, type WorkspaceSlot } from './workspace-slots.ts';
import { upgradeUrl, type WorkspacesPorts } from './workspaces-ports.ts';

interface Allowance {
  plan: Plan;
  limit: number | null;
  /** Workspaces counted against the limit now. */
  current: number;
  personal: WorkspaceRecord | null;
  places: FreePlace[];
}

/**
 * What the account may still create: the limit of its personal workspace's plan (`free` without
 * one), less the personal workspace (place 1), the places its slots hold and the workspaces it owns
 * without a slot of its own (made before slots existed, or transferred to it).
 */
const allowanceOf = async ({ workspaces, slots }: WorkspacesPorts, userId: string, now: Date): Promise<Allowance> => {
  const [personal, owned, placed] = await Promise.all([workspaces.findPersonal(userId), workspaces.findOwned(userId), slots.list(userId)]);
  const plan = personal ? effectivePlan(personal, now) : 'free';
  const limit = planLimits[plan].workspaces;
  const latest = latestSlots(placed);
  const held = [...latest.values()].filter(({ slot, holder }) => isSlotHeld(slot, holder, now));
  const slotted = new Set(held.map(({ slot }) => slot.workspaceId));
  const unslotted = owned.filter((workspace) => !workspace.personal && !slotted.has(workspace.id)).length;
  const current = (personal ? 1 : 0) + unslotted + held.length;
  const places = freePlaces(latest, { first: personal ? 2 : 1, last: limit === null ? null : limit - unslotted }, now);
  return { plan, limit, current, personal, places };
};

const refusal = (ports: WorkspacesPorts, { plan, limit, current, personal }: Allowance) =>
  limitReached('WORKSPACE_LIMIT_REACHED', {
    limit: limit ?? 0,
    current,
    plan,
    upgradeUrl: upgradeUrl(ports.appUrl, personal?.id ?? null),
  });

/**
 * Creates a free workspace owned by `userId` if the limit allows. The commit point is the insert of
 * a slot (a numbered place, unique): racing creates each win a different place or none, so the limit
 * holds however many run at once. Then the workspace and the owner membership are written; until the
 * membership exists nobody can reach the workspace.
 * @throws WORKSPACE_LIMIT_REACHED (402) when no place is free.
 */
export const createOwnedWorkspace = async (ports: WorkspacesPorts, userId: string, name: string): Promise<WorkspaceRecord> => {
  const now = ports.clock.now();
  const allowance = await allowanceOf(ports, userId, now);
  const workspace: WorkspaceRecord = {
    id: newId('wsp'),
    name,
    ownerId: userId,
    personal: false,
    plan: 'free',
    trialEndsAt: null,
    createdAt: now,
    deletedAt: null,
  };
  const slotOf = (place: FreePlace): WorkspaceSlot => ({ ownerId: userId, ...place, workspaceId: workspace.id, claimedAt: now });
  const claimed = await claimFirstFree(allowance.places, {
    claim: (place) => ports.slots.claim(slotOf(place)),
    fill: () => ports.workspaces.insert(workspace),
    release: (place) => ports.slots.release(slotOf(place)),
  });
  if (claimed) {
    await ports.members.insert({ workspaceId: workspace.id, userId, role: 'owner', joinedAt: now, invitationId: null });
    return workspace;
  }
  // Every place read as free was taken by a racing create: say what the account holds now.
  throw refusal(ports, allowance.places.length === 0 ? allowance : await allowanceOf(ports, userId, now));
};
