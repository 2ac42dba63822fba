import { z } from 'zod';
import { auditActions, type AuditAction } from './actions.ts';

/**
 * Who acted: a member (`user`), an API key acting for its creator (`apiKey`, `userId` = the
 * creator), platform staff (`staff`), the platform itself (`system`: crons, webhooks), or an
 * unauthenticated caller known only by its address (`anonymous`).
 */
export const actorTypes = ['user', 'apiKey', 'staff', 'system', 'anonymous'] as const;
export type ActorType = (typeof actorTypes)[number];

export const outcomes = ['success', 'failure', 'denied'] as const;
export type AuditOutcome = (typeof outcomes)[number];

const shortText = z.string().min(1).max(200);

export const auditActorSchema = z.object({
  type: z.enum(actorTypes),
  /** `usr_…`, `apk_…`, a staff user id, a function name for `system`; null for `anonymous`. */
  id: shortText.nullable(),
  /** For an API key, the member it acts for; else null. */
  userId: shortText.nullable(),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditTargetSchema = z.object({ type: z.string().regex(/^[a-z][a-z_-]{0,39}$/), id: shortText });
export type AuditTarget = z.infer<typeof auditTargetSchema>;

/** Non-personal context: ids, codes, roles, plans. Personal values go in `personal`, never here. */
export const auditDetailsSchema = z.record(
  z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/),
  z.union([z.string().max(300), z.number(), z.boolean(), z.null()]),
);
export type AuditDetails = z.infer<typeof auditDetailsSchema>;

/** Personal values an entry may hold; pseudonymised in the chain (see personal.ts). */
export const personalFieldsSchema = z
  .object({ ip: z.string().max(64), email: z.string().max(320), name: z.string().max(200), userAgent: z.string().max(300) })
  .partial()
  .strict();
export type PersonalFields = z.infer<typeof personalFieldsSchema>;

/** What a caller records (the log adds the chain, number, hashes and what the request context knows). */
export interface AuditRecord {
  action: AuditAction;
  /** Absent: the caller of the request being served (a member or their API key), else the system. */
  actor?: AuditActor;
  target?: AuditTarget | null;
  workspaceId?: string | null;
  outcome?: AuditOutcome;
  details?: AuditDetails;
  /** Personal values about `subjectId` (address, e-mail…): kept in clear only in the erasable sidecar. */
  personal?: PersonalFields;
  /** The user the personal values are about; erasing that user erases them. */
  subjectId?: string | null;
  /** Idempotency: recording the same key twice keeps the first entry (an event id, a request id…). */
  key?: string;
  at?: Date;
  requestId?: string | null;
  traceId?: string | null;
}

/** An entry as the chain holds it: every member always present (null when empty), so its canonical form is fixed. */
export const chainedEntrySchema = z.object({
  v: z.literal(1),
  chain: z.string().min(1).max(100),
  seq: z.number().int().min(1),
  key: z.string().min(1).max(256),
  at: z.iso.datetime(),
  action: z.enum(auditActions),
  actor: auditActorSchema,
  target: auditTargetSchema.nullable(),
  workspaceId: z.string().max(100).nullable(),
  requestId: z.string().max(128).nullable(),
  traceId: z.string().max(64).nullable(),
  outcome: z.enum(outcomes),
  details: auditDetailsSchema,
  /** SHA-256 over the salted personal values; null when the entry holds none. */
  personalHash: z.string().nullable(),
  /** The previous entry's hash in this chain (64 zeros before the first). */
  prevHash: z.string(),
});
export type ChainedEntry = z.infer<typeof chainedEntrySchema>;

/** A stored entry: its chained form, its hash and its id (`<chain>:<seq>`). */
export interface AuditEntry extends ChainedEntry {
  _id: string;
  hash: string;
}

/** The entry id of a chain's number: ids sort the chain and name a missing entry. */
export const entryId = (chain: string, seq: number): string => `${chain}:${seq}`;
