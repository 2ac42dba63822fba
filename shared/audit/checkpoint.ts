import { z } from 'zod';
import { canonicalJson } from './chain.ts';

/**
 * What a checkpoint states, signed: "at `signedAt`, chain `chain` had `seq` entries, the last of
 * hash `hash`". One per chain whose head moved, per period; a verifier with the public key alone
 * checks that the entries up to `seq` are the ones signed, and that none of them was cut off.
 */
export const checkpointStatementSchema = z.object({
  v: z.literal(1),
  chain: z.string().min(1).max(100),
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  /** The period it closes (UTC hour, `2025-01-31T09:00Z`). */
  period: z.string().min(1).max(40),
  signedAt: z.iso.datetime(),
  keyId: z.string().min(1).max(100),
});
export type CheckpointStatement = z.infer<typeof checkpointStatementSchema>;

export const signedCheckpointSchema = checkpointStatementSchema.extend({
  alg: z.literal('Ed25519'),
  signature: z.string().min(1).max(200),
});
export type SignedCheckpoint = z.infer<typeof signedCheckpointSchema>;

/** The bytes signed: the statement's canonical JSON (RFC 8785), without the signature. */
export const checkpointMessage = (statement: CheckpointStatement): string => {
  const { v, chain, seq, hash, period, signedAt, keyId } = statement;
  return canonicalJson({ v, chain, seq, hash, period, signedAt, keyId });
};

/** A checkpoint period: the UTC hour `now` falls in. */
export const periodOf = (now: Date): string => `${now.toISOString().slice(0, 13)}:00Z`;

/** A checkpoint's stored id: one per chain and period. */
export const checkpointId = (chain: string, period: string): string => `${chain}@${period}`;
