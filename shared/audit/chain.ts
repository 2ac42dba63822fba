import canonicalize from 'canonicalize';
import { chainedEntrySchema, entryId, type AuditEntry, type ChainedEntry } from './entry.ts';

/** SHA-256 of a UTF-8 string, lower-case hex (node:crypto in production, passed in to keep this pure). */
export type Digest = (text: string) => string;

/** The previous hash of a chain's first entry. */
export const genesisHash = '0'.repeat(64);

/** The chain for entries without a workspace (sign-in failures, staff actions). */
export const platformChain = 'platform';

/**
 * One chain per workspace, one for the platform: appends of different workspaces never race,
 * and a workspace can export and verify its own chain without anyone else's entries.
 */
export const chainOf = (workspaceId: string | null | undefined): string => workspaceId ?? platformChain;

/** RFC 8785 (JCS) canonical JSON: the same value always gives the same bytes. */
export const canonicalJson = (value: unknown): string => {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('not serialisable as JSON');
  return text;
};

/** The chained form of an entry: exactly the members the hash covers, nothing else. */
export const chainedFormOf = (entry: ChainedEntry): ChainedEntry => {
  const { v, chain, seq, key, at, action, actor, target, workspaceId, requestId, traceId, outcome, details, personalHash, prevHash } =
    entry;
  return {
    v,
    chain,
    seq,
    key,
    at,
    action,
    actor: { type: actor.type, id: actor.id, userId: actor.userId },
    target: target === null ? null : { type: target.type, id: target.id },
    workspaceId,
    requestId,
    traceId,
    outcome,
    details,
    personalHash,
    prevHash,
  };
};

/** An entry's hash: SHA-256 over the canonical JSON of its chained form (which holds the previous hash). */
export const entryHash = (entry: ChainedEntry, digest: Digest): string => digest(canonicalJson(chainedFormOf(entry)));

/** Seals a chained form into a stored entry. Throws (zod) on a malformed one: nothing half-valid is appended. */
export const sealEntry = (chained: ChainedEntry, digest: Digest): AuditEntry => {
  const checked = chainedEntrySchema.parse(chained);
  return { ...checked, _id: entryId(checked.chain, checked.seq), hash: entryHash(checked, digest) };
};
