/**
 * The workspace limit as numbered places. Creating a workspace claims place `number` of its creator
 * by inserting the slot `(ownerId, number, generation)`, unique: of racing creators exactly one gets
 * each place, so the limit holds without counting first. Slots are never changed or deleted; a
 * place is free again when its latest slot's workspace no longer holds it (see `isSlotHeld`), and the
 * next creator claims the next generation of that number.
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
export const unwrittenSlotHoldMs = 10 * 60_000;

/**
 * Whether the slot still holds its place: its workspace is still its creator's and not deleted (or
 * deleted less than 30 days ago); a slot whose workspace is not written yet holds it for ten minutes.
 */
export const isSlotHeld = (slot: WorkspaceSlot, holder: SlotHolder | null, now: Date): boolean => {
  if (holder === null) return now.getTime() - slot.claimedAt.getTime() < unwrittenSlotHoldMs;
  if (holder.ownerId !== slot.ownerId) return false;
  if (holder.deletedAt === null) return true;
  return now.getTime() - holder.deletedAt.getTime() < deletedWorkspaceHoldsPlaceDays * 86_400_000;
};

export interface PlacedSlot {
  slot: WorkspaceSlot;
  holder: SlotHolder | null;
}

/** The latest generation of each number, by number. */
export const latestSlots = (slots: readonly PlacedSlot[]): Map<number, PlacedSlot> => {
  const latest = new Map<number, PlacedSlot>();
  for (const placed of slots) {
    const known = latest.get(placed.slot.number);
    if (!known || known.slot.generation < placed.slot.generation) latest.set(placed.slot.number, placed);
  }
  return latest;
};

/**
 * The places to try, in order: each number from `first` to `last` (null: no limit, then as many
 * numbers past the highest known as there may be racers) whose latest slot no longer holds it,
 * with the generation to claim.
 */
export const freePlaces = (
  latest: ReadonlyMap<number, PlacedSlot>,
  range: { first: number; last: number | null },
  now: Date,
): { number: number; generation: number }[] => {
  const highest = Math.max(range.first, ...latest.keys());
  const last = range.last ?? highest + 100;
  const places: { number: number; generation: number }[] = [];
  for (let number = range.first; number <= last; number++) {
    const placed = latest.get(number);
    if (!placed) places.push({ number, generation: 1 });
    else if (!isSlotHeld(placed.slot, placed.holder, now)) places.push({ number, generation: placed.slot.generation + 1 });
  }
  return places;
};
