/**
 * A limit kept as numbered places (the workspaces of an account, the flows of a workspace). Taking
 * a place inserts a claim `(owner, number, generation)` under a unique key: of racing writers
 * exactly one gets each place, so the limit holds without counting first (FerretDB runs a
 * conditional update as a read, then a write: only an insert is arbitrated). Claims are never
 * changed; a place is free again when its latest claim no longer holds it (a rule of each domain)
 * and the next writer claims the next generation of that number.
 */
export interface PlaceClaim {
  /** 1 … the limit. */
  number: number;
  /** 1 for the first claim of the number, then one more per reuse. */
  generation: number;
  claimedAt: Date;
}

/** A free place: the number and the generation to claim it with. */
export interface FreePlace {
  number: number;
  generation: number;
}

/** A claim whose holder is not written yet holds its place this long, then it is taken for a write that died. */
export const unwrittenClaimHoldMs = 10 * 60_000;

/** Whether a claim is recent enough to hold its place while its holder is being written. */
export const isClaimPending = (claim: PlaceClaim, now: Date): boolean => now.getTime() - claim.claimedAt.getTime() < unwrittenClaimHoldMs;

/** The latest generation of each number, by number. */
export const latestClaims = <P extends { slot: PlaceClaim }>(claims: readonly P[]): Map<number, P> => {
  const latest = new Map<number, P>();
  for (const placed of claims) {
    const known = latest.get(placed.slot.number);
    if (!known || known.slot.generation < placed.slot.generation) latest.set(placed.slot.number, placed);
  }
  return latest;
};

/**
 * The places to try, in order: each number from `first` to `last` (null: no limit, then as many
 * numbers past the highest known as there may be racers) whose latest claim no longer holds it,
 * with the generation to claim.
 */
export const openPlaces = <P extends { slot: PlaceClaim }>(
  latest: ReadonlyMap<number, P>,
  range: { first: number; last: number | null },
  isHeld: (placed: P) => boolean,
): FreePlace[] => {
  const highest = Math.max(range.first, ...latest.keys());
  const last = range.last ?? highest + 100;
  const places: FreePlace[] = [];
  for (let number = range.first; number <= last; number++) {
    const placed = latest.get(number);
    if (!placed) places.push({ number, generation: 1 });
    else if (!isHeld(placed)) places.push({ number, generation: placed.slot.generation + 1 });
  }
  return places;
};

export interface PlaceWrites<T> {
  /** Inserts the claim of `place`; false when that place and generation are taken (another writer won it). */
  claim: (place: FreePlace) => Promise<boolean>;
  /** Writes what holds the place once it is claimed. */
  fill: (place: FreePlace) => Promise<T>;
  /** Deletes the claim again when `fill` failed, so a refused write holds no place. */
  release: (place: FreePlace) => Promise<void>;
}

/**
 * Claims the first of `places` that no racing writer took, then fills it; a fill that throws
 * releases its claim and rethrows. Resolves null when every place was taken.
 */
export const claimFirstFree = async <T>(places: readonly FreePlace[], writes: PlaceWrites<T>): Promise<{ value: T } | null> => {
  for (const place of places) {
    if (!(await writes.claim(place))) continue;
    try {
      return { value: await writes.fill(place) };
    } catch (error) {
      // The write's own failure is the answer; a claim that a failed release leaves behind frees
      // itself (a claim whose holder was not written stops holding after `unwrittenClaimHoldMs`).
      await writes.release(place).catch(() => undefined);
      throw error;
    }
  }
  return null;
};
