import { isClaimPending, latestClaims, openPlaces, type FreePlace } from '../../kernel/index.ts';

/**
 * The plan's flows per workspace as numbered places (`shared/kernel/numbered-places.ts`): creating,
 * importing or duplicating a flow claims place `number` of its workspace by inserting the slot
 * `(workspaceId, number, generation)`, unique; so does undeleting one. What is particular to flows
 * is when a slot holds its place (`isFlowSlotHeld`).
 */
export interface FlowSlot {
  workspaceId: string;
  /** 1 … the plan's flows limit. */
  number: number;
  /** 1 for the first claim of the number, then one more per reuse. */
  generation: number;
  flowId: string;
  claimedAt: Date;
}

/** The flow a slot names, from its head; null when the head does not exist (not written yet, or purged). */
export interface FlowSlotHolder {
  deletedAt: Date | null;
}

export interface PlacedFlowSlot {
  slot: FlowSlot;
  holder: FlowSlotHolder | null;
}

/** What the limit reads of a workspace. */
export interface FlowPlaces {
  /** The workspace's flows that are not deleted (those holding no place count too). */
  activeFlowIds: string[];
  /** Every slot the workspace ever claimed (all generations), each with its flow as it is now. */
  slots: PlacedFlowSlot[];
}

/** `flow_slots`: append-only, one insert per claim. */
export interface FlowSlotStore {
  /**
   * The active flows, then the slots: in that order, so a flow written in between shows as a slot
   * (its slot is claimed before its head), never as an active flow without one.
   */
  read: (workspaceId: string) => Promise<FlowPlaces>;
  /** Inserts the slot; false when that (workspace, number, generation) is taken: another writer won the place. */
  claim: (slot: FlowSlot) => Promise<boolean>;
  /** Deletes a slot; only to undo a claim whose flow could not be written. Idempotent. */
  release: (slot: FlowSlot) => Promise<void>;
}

const later = (a: FlowSlot, b: FlowSlot) =>
  a.claimedAt.getTime() - b.claimedAt.getTime() || a.number - b.number || a.generation - b.generation;

/** Each flow's latest slot: an undelete claims a place again, and the flow's earlier slots stop holding theirs. */
export const latestSlotOfFlow = (slots: readonly PlacedFlowSlot[]): Map<string, FlowSlot> => {
  const latest = new Map<string, FlowSlot>();
  for (const { slot } of slots) {
    const known = latest.get(slot.flowId);
    if (!known || later(slot, known) > 0) latest.set(slot.flowId, slot);
  }
  return latest;
};

/**
 * Whether a slot holds its place. Only a flow's latest slot can. It does while its flow exists and
 * is not deleted; and for ten minutes while its write is under way: a create's flow not written
 * yet, or an undelete's flow still deleted (deleted before the claim).
 * A deleted flow frees its place at once: an undelete has to claim one again.
 */
export const isFlowSlotHeld = ({ slot, holder }: PlacedFlowSlot, latestOfItsFlow: FlowSlot | undefined, now: Date): boolean => {
  if (latestOfItsFlow !== undefined && later(slot, latestOfItsFlow) < 0) return false;
  if (holder === null) return isClaimPending(slot, now);
  if (holder.deletedAt === null) return true;
  return holder.deletedAt.getTime() <= slot.claimedAt.getTime() && isClaimPending(slot, now);
};

export interface FlowAllowance {
  /** Flows counted against the limit now. */
  current: number;
  /** The places to try, in order. */
  places: FreePlace[];
}

/**
 * What the workspace may still add under `limit`: the places its slots hold, and its active flows
 * that hold none (made before slots existed, or while the plan had no flows limit) count.
 */
export const flowAllowance = ({ activeFlowIds, slots }: FlowPlaces, limit: number, now: Date): FlowAllowance => {
  const ofFlow = latestSlotOfFlow(slots);
  const isHeld = (placed: PlacedFlowSlot) => isFlowSlotHeld(placed, ofFlow.get(placed.slot.flowId), now);
  const latest = latestClaims(slots);
  const held = [...latest.values()].filter(isHeld);
  const slotted = new Set(held.map(({ slot }) => slot.flowId));
  const unslotted = activeFlowIds.filter((id) => !slotted.has(id)).length;
  return {
    current: held.length + unslotted,
    places: openPlaces(latest, { first: 1, last: limit - unslotted }, isHeld),
  };
};
