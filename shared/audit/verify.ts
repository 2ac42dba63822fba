import { z } from 'zod';
import { chainedFormOf, entryHash, genesisHash, type Digest } from './chain.ts';
import { checkpointMessage, type SignedCheckpoint } from './checkpoint.ts';
import { chainedEntrySchema, entryId } from './entry.ts';
import type { SignatureCheck } from './ports.ts';
import { cutAnchor, mayPrecedeCut } from './retention.ts';

/** Why an entry (or the chain at it) does not verify. */
export type BreakReason =
  | 'malformed'
  | 'id_mismatch'
  | 'missing'
  | 'out_of_order'
  | 'prev_hash_mismatch'
  | 'hash_mismatch'
  | 'checkpoint_signature_invalid'
  | 'checkpoint_mismatch';

/** The first entry that does not verify: its id and number (for `missing`, the id it should have). */
export interface ChainBreak {
  chain: string;
  _id: string;
  seq: number | null;
  reason: BreakReason;
}

export interface ChainReport {
  chain: string;
  entries: number;
  head: { seq: number; hash: string } | null;
  /** The newest checkpoint that verified, or null. */
  checkpoint: { seq: number; period: string; keyId: string } | null;
  checkpoints: number;
  /** Entries after the newest checkpoint: intact as far as the chain shows, not yet signed. */
  unsigned: number;
  /** The number through which retention removed the chain's start (0: it starts at entry 1). */
  cutThrough: number;
  firstBreak: ChainBreak | null;
}

/** A stored entry exactly as the chain holds it: any other member, or a missing one, is a change. */
const storedEntrySchema = chainedEntrySchema.extend({ _id: z.string(), hash: z.string(), schemaVersion: z.literal(1).optional() }).strict();

/** A malformed entry's name: what it says of itself, else its place in the chain. */
const idOf = (raw: unknown, chain: string, place: number): { _id: string; seq: number } => {
  const value = (raw ?? {}) as { _id?: unknown; seq?: unknown };
  const seq = typeof value.seq === 'number' ? value.seq : place;
  return { _id: typeof value._id === 'string' ? value._id : entryId(chain, seq), seq };
};

/**
 * Verifies one chain fed entry by entry in its claimed order (number order from a database, line
 * order from an export): each entry well-formed, numbered one after the previous, linked to its
 * hash and hashing to its own; then each checkpoint signed by a published key and matching the
 * entry at its number. Stops at the first break and names it.
 */
export const createChainVerifier = (
  chain: string,
  {
    digest,
    checkpoints,
    checkSignature,
    retentionBound,
  }: {
    digest: Digest;
    checkpoints: readonly SignedCheckpoint[];
    checkSignature: SignatureCheck;
    /** Entries signed before this may have been removed by retention (retention.ts); absent: none may. */
    retentionBound?: Date;
  },
) => {
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashesAt = new Map<number, string>();
  let head: { seq: number; hash: string } | null = null;
  let count = 0;
  let cutThrough = 0;
  let firstBreak: ChainBreak | null = null;

  /** A chain that starts after entry 1: the start the anchor vouches for, or null (entries are missing). */
  const startAfterCut = (first: { seq: number; prevHash: string }): { seq: number; hash: string } | null => {
    const anchor = retentionBound
      ? cutAnchor(
          checkpoints.filter((c) => c.chain === chain),
          first.seq,
          retentionBound,
        )
      : null;
    if (!anchor) return null;
    cutThrough = first.seq - 1;
    // At the gap the signed hash is the link; past it, the chain up to the anchor's entry must reach the signed hash (finish).
    return { seq: cutThrough, hash: anchor.seq === cutThrough ? anchor.hash : first.prevHash };
  };

  const broken = (at: { _id: string; seq: number | null }, reason: BreakReason) => {
    firstBreak = { chain, _id: at._id, seq: at.seq, reason };
    return false;
  };

  /** Feeds the next entry; false once the chain is broken (feed no more). */
  const push = (raw: unknown): boolean => {
    if (firstBreak) return false;
    const parsed = storedEntrySchema.safeParse(raw);
    const expected = (head?.seq ?? 0) + 1;
    if (!parsed.success) return broken(idOf(raw, chain, expected), 'malformed');
    const entry = parsed.data;
    if (head === null && count === 0 && entry.seq > 1 && entry.chain === chain) head = startAfterCut(entry);
    if (entry.chain !== chain || entry._id !== entryId(entry.chain, entry.seq)) return broken(entry, 'id_mismatch');
    const next = (head?.seq ?? 0) + 1;
    if (entry.seq > next) return broken({ _id: entryId(chain, next), seq: next }, 'missing');
    if (entry.seq < next) return broken(entry, 'out_of_order');
    if (entryHash(chainedFormOf(entry), digest) !== entry.hash) return broken(entry, 'hash_mismatch');
    if (entry.prevHash !== (head?.hash ?? genesisHash)) return broken(entry, 'prev_hash_mismatch');
    head = { seq: entry.seq, hash: entry.hash };
    if (wanted.has(entry.seq)) hashesAt.set(entry.seq, entry.hash);
    count += 1;
    return true;
  };

  const finish = (): ChainReport => {
    let newest: SignedCheckpoint | null = null;
    for (const checkpoint of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
      if (firstBreak) break;
      const at = { _id: entryId(chain, checkpoint.seq), seq: checkpoint.seq };
      if (checkpoint.chain !== chain || !checkSignature(checkpoint.keyId, checkpointMessage(checkpoint), checkpoint.signature)) {
        broken(at, 'checkpoint_signature_invalid');
        break;
      }
      // Before the retention cut: the entries it signed are gone by design if it is old enough.
      if (checkpoint.seq <= cutThrough) {
        if (!mayPrecedeCut(checkpoint, retentionBound!)) {
          broken(at, 'missing');
          break;
        }
        newest = checkpoint;
        continue;
      }
      // Signed entries that are gone: the chain was cut after its last surviving entry.
      const headSeq = (head as { seq: number } | null)?.seq ?? 0;
      if (headSeq < checkpoint.seq) {
        broken({ _id: entryId(chain, headSeq + 1), seq: headSeq + 1 }, 'missing');
        break;
      }
      if (hashesAt.get(checkpoint.seq) !== checkpoint.hash) {
        broken(at, 'checkpoint_mismatch');
        break;
      }
      newest = checkpoint;
    }
    const finalHead = head;
    const signed = newest;
    return {
      chain,
      entries: count,
      head: finalHead,
      checkpoint: signed ? { seq: signed.seq, period: signed.period, keyId: signed.keyId } : null,
      checkpoints: checkpoints.length,
      unsigned: (finalHead?.seq ?? 0) - (signed?.seq ?? 0),
      cutThrough,
      firstBreak,
    };
  };

  return { push, finish };
};

export interface VerifyReport {
  ok: boolean;
  chains: number;
  entries: number;
  checkpoints: number;
  firstBreak: ChainBreak | null;
  /** Only the chains that broke (a database holds one chain per workspace). */
  broken: ChainReport[];
}

/** Sums chain reports; the first break is the first broken chain's (chains in id order). */
export const summarize = (reports: readonly ChainReport[]): VerifyReport => {
  const broken = reports.filter((r) => r.firstBreak !== null);
  return {
    ok: broken.length === 0,
    chains: reports.length,
    entries: reports.reduce((sum, r) => sum + r.entries, 0),
    checkpoints: reports.reduce((sum, r) => sum + r.checkpoints, 0),
    firstBreak: broken[0]?.firstBreak ?? null,
    broken,
  };
};
