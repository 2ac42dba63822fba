import { isClaimPending, latestClaims, openPlaces, unwrittenClaimHoldMs, type FreePlace } from '../kernel/index.ts';

/**
 * The workspace limit as numbered places (`shared/kernel/numbered-places.ts`): creating a workspace
 * claims place `number` of its creator by inserting the slot `(ownerId, number, generation)`,
 * unique. What is particular to workspaces is when a slot holds its place (`isSlotHeld`).
 */
export interface WorkspaceSlot {
  ownerId: string;
  /** 1 … the plan's limit; the personal workspace holds 1 without a slot. */
  number: number;
  /** 1 for the first claim of the number, then one more per reuse. */
  generation: number;
  workspaceId: string;
  claimedAt: Date;
}

/** The workspace a slot names, as the limit needs it; null when it does not exist (yet: it is written just after its slot). */
export interface SlotHolder {
  ownerId: string;
  deletedAt: Date | null;
}

/** A deleted workspace keeps its place this long: its restore window, and no churn of new free workspaces. */
export const deletedWorkspaceHoldsPlaceDays = 30;

/** A slot whose workspace was never written (its create died in between) is free again after this. */
export const unwrittenSlotHoldMs = unwrittenClaimHoldMs;

/**
 * Whether the slot still holds its place: its workspace is still its creator's and not deleted (or
 * deleted less than 30 days ago); a slot whose workspace is not written yet holds it for ten minutes.
 */
export const isSlotHeld = (slot: WorkspaceSlot, holder: SlotHolder | null, now: Date): boolean => {
  if (holder === null) return isClaimPending(slot, now);
  if (holder.ownerId !== slot.ownerId) return false;
  if (holder.deletedAt === null) return true;
  return now.getTime() - holder.deletedAt.getTime() < deletedWorkspaceHoldsPlaceDays * 86_400_000;
};

export interface PlacedSlot {
  slot: WorkspaceSlot;
  holder: SlotHolder | null;
}

/** The latest generation of each number, by number. */
export const latestSlots = (slots: readonly PlacedSlot[]): Map<number, PlacedSlot> => latestClaims(slots);

/** The places to try, in order (`openPlaces`), by the workspace rule of holding one. */
export const freePlaces = (
  latest: ReadonlyMap<number, PlacedSlot>,
  range: { first: number; last: number | null },
  now: Date,
): FreePlace[] => openPlaces(latest, range, ({ slot, holder }) => isSlotHeld(slot, holder, now));
