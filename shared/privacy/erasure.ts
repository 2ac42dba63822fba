import type { AuditActor, AuditLog } from '../audit/index.ts';
import { DomainError } from '../kernel/index.ts';

/** How long an erasure waits after it is asked, so the person can change their mind (sign-in shows it). */
export const erasureGraceDays = 30;

/**
 * One entry of a person's erasure requests: append-only, numbered 1, 2, 3… per person (the insert
 * of n + 1 is the commit point), so a request and a cancellation racing each other cannot both win.
 */
export interface ErasureEntry {
  userId: string;
  seq: number;
  kind: 'requested' | 'cancelled';
  at: Date;
  /** When the erasure runs (requested entries); null for a cancellation. */
  scheduledFor: Date | null;
  /** A keyed hash of the client address. */
  ipHash: string;
}

export interface ErasureLog {
  latest: (userId: string) => Promise<ErasureEntry | null>;
  /** Inserts the entry, never overwriting; false when the number is taken (a lost race). */
  append: (entry: ErasureEntry) => Promise<boolean>;
}

/** The workspaces the person alone owns while others are members: they must be transferred or deleted first. */
export interface SoleOwnership {
  blockingWorkspaces: (userId: string) => Promise<string[]>;
}

export interface ErasureStatus {
  state: 'none' | 'scheduled';
  requestedAt: Date | null;
  scheduledFor: Date | null;
  /** The number of the request entry (it names the erasure's receipt); null when none is scheduled. */
  requestSeq: number | null;
}

export const erasureErrors = {
  soleOwner: (workspaceIds: readonly string[]) =>
    new DomainError('conflict', 'ERASURE_SOLE_OWNER', {
      detail: 'You are the only owner of workspaces that have other members: transfer them or delete them first.',
      extensions: { workspaceIds: [...workspaceIds] },
    }),
  notScheduled: () => new DomainError('not_found', 'ERASURE_NOT_SCHEDULED', { detail: 'No erasure of this account is scheduled.' }),
  busy: () =>
    new DomainError('conflict', 'ERASURE_CHANGE_CONFLICT', { detail: 'Another change of this erasure was being saved; try again.' }),
};

const dayMs = 86_400_000;
const attempts = 5;

const statusOf = (entry: ErasureEntry | null): ErasureStatus =>
  entry?.kind === 'requested'
    ? { state: 'scheduled', requestedAt: entry.at, scheduledFor: entry.scheduledFor, requestSeq: entry.seq }
    : { state: 'none', requestedAt: null, scheduledFor: null, requestSeq: null };

/** Erasure requests with their grace period: asked, cancelled, seen; carrying them out is another job. */
export const createErasureScheduling = (deps: {
  log: ErasureLog;
  ownership: SoleOwnership;
  clock: { now: () => Date };
  hashIp: (ip: string) => string;
  audit: Pick<AuditLog, 'record'>;
}) => {
  const { log, ownership, clock, hashIp, audit } = deps;
  /**
   * One audit entry per entry of the requests, keyed by it; the entry a repeated call finds is
   * recorded again (a no-op when it was), so one whose record failed is recorded on the retry.
   * No actor: the caller of the request (the person); the DPO's desk names the staff member.
   */
  const recordEntry = (entry: ErasureEntry, actor: AuditActor | undefined) =>
    audit.record({
      action: entry.kind === 'requested' ? 'privacy.erasure_requested' : 'privacy.erasure_cancelled',
      ...(actor ? { actor } : {}),
      target: { type: 'user', id: entry.userId },
      details: { requestId: `erasure:${entry.userId}:${entry.seq}`, scheduledFor: entry.scheduledFor?.toISOString() ?? null },
      key: `erasure:${entry.userId}:${entry.seq}`,
      at: entry.at,
    });
  /** Appends the entry `next` builds from the newest one, or returns what `settled` says needs no entry. */
  const change = async (
    userId: string,
    settled: (latest: ErasureEntry | null) => ErasureStatus | null,
    next: (latest: ErasureEntry | null, now: Date) => Omit<ErasureEntry, 'userId' | 'seq'>,
    actor: AuditActor | undefined,
  ): Promise<{ status: ErasureStatus; isNew: boolean }> => {
    for (let attempt = 0; attempt < attempts; attempt += 1) {
      const latest = await log.latest(userId);
      const done = settled(latest);
      if (done) {
        if (latest) await recordEntry(latest, actor);
        return { status: done, isNew: false };
      }
      const entry = { ...next(latest, clock.now()), userId, seq: (latest?.seq ?? 0) + 1 };
      if (await log.append(entry)) {
        await recordEntry(entry, actor);
        return { status: statusOf(entry), isNew: true };
      }
    }
    throw erasureErrors.busy();
  };
  return {
    status: async (userId: string): Promise<ErasureStatus> => statusOf(await log.latest(userId)),

    /**
     * Schedules the erasure `erasureGraceDays` from now; asking again while scheduled keeps the date.
     * @throws ERASURE_SOLE_OWNER, ERASURE_CHANGE_CONFLICT
     */
    request: async (userId: string, context: { ip: string; actor?: AuditActor }) => {
      const blocking = await ownership.blockingWorkspaces(userId);
      if (blocking.length > 0) throw erasureErrors.soleOwner(blocking);
      return change(
        userId,
        (latest) => (latest?.kind === 'requested' ? statusOf(latest) : null),
        (_latest, now) => ({
          kind: 'requested',
          at: now,
          scheduledFor: new Date(now.getTime() + erasureGraceDays * dayMs),
          ipHash: hashIp(context.ip),
        }),
        context.actor,
      );
    },

    /** Cancels a scheduled erasure. @throws ERASURE_NOT_SCHEDULED, ERASURE_CHANGE_CONFLICT */
    cancel: async (userId: string, context: { ip: string; actor?: AuditActor }) =>
      change(
        userId,
        (latest) => {
          if (latest?.kind !== 'requested') throw erasureErrors.notScheduled();
          return null;
        },
        (_latest, now) => ({ kind: 'cancelled', at: now, scheduledFor: null, ipHash: hashIp(context.ip) }),
        context.actor,
      ),
  };
};

export type ErasureScheduling = ReturnType<typeof createErasureScheduling>;
