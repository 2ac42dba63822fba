import type { SignedCheckpoint } from './checkpoint.ts';

/**
 * The audit log's end: entries are kept 7 years (the product's retention table), then removed
 * from the start of their chain. A hash chain cut at its start verifies only from an anchor the
 * verifier trusts, so the cut is made at a signed checkpoint: entries up to a checkpoint signed
 * more than 7 years ago are all older than that, and the checkpoint (its signature, the number
 * and hash of its entry) vouches for the first entry kept. The chain's head is always kept (the
 * appender links the next entry to it).
 */
export const auditRetentionYears = 7;

/** Entries signed before this instant may have been removed. */
export const auditRetentionBound = (now: Date): Date => {
  const bound = new Date(now.getTime());
  bound.setUTCFullYear(bound.getUTCFullYear() - auditRetentionYears);
  return bound;
};

const signedBy = (checkpoint: SignedCheckpoint, bound: Date) => Date.parse(checkpoint.signedAt) <= bound.getTime();

/** The newest checkpoint signed at or before `bound`: the entries it covers may all go. */
export const retentionAnchor = (checkpoints: readonly SignedCheckpoint[], bound: Date): SignedCheckpoint | null =>
  checkpoints
    .filter((c) => signedBy(c, bound))
    .reduce<SignedCheckpoint | null>((newest, c) => (newest && newest.seq >= c.seq ? newest : c), null);

/** The number through which entries are removed: the anchor's, never the head (0: none). */
export const retentionCut = (anchor: SignedCheckpoint | null, headSeq: number): number =>
  anchor ? Math.max(0, Math.min(anchor.seq, headSeq - 1)) : 0;

/**
 * For a verifier meeting a chain whose first entry is `firstSeq` > 1: the oldest checkpoint signed
 * at or before `bound` at or after the gap (`firstSeq - 1`), or null (the start is missing). A
 * partly finished cut (entries up to the anchor's number still there) is anchored too.
 */
export const cutAnchor = (checkpoints: readonly SignedCheckpoint[], firstSeq: number, bound: Date): SignedCheckpoint | null =>
  checkpoints
    .filter((c) => c.seq >= firstSeq - 1 && signedBy(c, bound))
    .reduce<SignedCheckpoint | null>((oldest, c) => (oldest && oldest.seq <= c.seq ? oldest : c), null);

/** A checkpoint that may stand before the cut: signed at or before `bound`. */
export const mayPrecedeCut = signedBy;
