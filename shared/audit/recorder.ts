import { durabilityOf } from './actions.ts';
import type { AcceptedRecord, Appender } from './append.ts';
import { auditRecordSchema } from './record-schema.ts';
import type { AuditActor, AuditRecord } from './entry.ts';
import { auditErrors } from './errors.ts';
import type { AuditLog, PendingStore, PersonalStore } from './ports.ts';

/** What the request being served tells about an entry (none outside a request). */
export interface RequestFacts {
  requestId: string | null;
  traceId: string | null;
  /** The caller as authenticated: an API key's id when one was used. */
  caller: { via: 'jwt' | 'apiKey'; userId: string; sessionId: string; impersonatedBy?: string } | null;
}

export interface RecorderPorts {
  appender: Appender;
  pending: PendingStore;
  personal: PersonalStore;
  clock: { now: () => Date };
  newId: (prefix: string) => string;
  requestFacts: () => RequestFacts;
  /** A record that could not be kept (a `best` action) or appended at once (it stays queued). */
  report: (problem: 'dropped' | 'queued', record: AuditRecord, error: unknown) => void;
}

/** A member's action done with one of their API keys is the key's; no actor named is the request's caller. */
const actorOf = (actor: AuditActor | undefined, facts: RequestFacts): AuditActor => {
  const caller = facts.caller;
  // Support staff acting as the user: the staff member acted, for the user.
  const staff = caller?.impersonatedBy;
  if (staff && (!actor || (actor.type === 'user' && actor.id === caller.userId)))
    return { type: 'staff', id: staff, userId: caller.userId };
  if (!actor) {
    if (!caller) return { type: 'system', id: null, userId: null };
    return caller.via === 'apiKey'
      ? { type: 'apiKey', id: caller.sessionId, userId: caller.userId }
      : { type: 'user', id: caller.userId, userId: caller.userId };
  }
  return actor.type === 'user' && caller?.via === 'apiKey' && caller.userId === actor.id
    ? { type: 'apiKey', id: caller.sessionId, userId: actor.id }
    : actor;
};

/**
 * The `AuditLog` port: a record is first queued (`audit_pending`, one insert keyed by its key),
 * then appended to its chain at once; a failed append leaves it queued for the `audit-append-pending`
 * cron. So a `must` record is kept as soon as `record` resolves, and the request never waits on a
 * contended chain for longer than one attempt's worth. A `best` record that cannot even be queued
 * is reported and dropped.
 */
export const createAuditRecorder = (ports: RecorderPorts): AuditLog => ({
  record: async (input) => {
    const facts = ports.requestFacts();
    const parsed = auditRecordSchema.safeParse(input);
    if (!parsed.success) throw auditErrors.invalidRecord(parsed.error.message);
    const record: AcceptedRecord = {
      ...input,
      actor: actorOf(input.actor, facts),
      key: input.key ?? ports.newId('aud'),
      at: input.at ?? ports.clock.now(),
      requestId: input.requestId ?? facts.requestId,
      traceId: input.traceId ?? facts.traceId,
    };
    try {
      await ports.pending.insert(record);
    } catch (error) {
      if (durabilityOf(record.action) === 'must') throw error;
      ports.report('dropped', record, error);
      return;
    }
    try {
      await ports.appender.append(record);
      await ports.pending.remove(record.key);
    } catch (error) {
      ports.report('queued', record, error);
    }
  },
  eraseSubject: async (userId) => (await ports.pending.eraseSubject(userId)) + (await ports.personal.eraseSubject(userId)),
});
