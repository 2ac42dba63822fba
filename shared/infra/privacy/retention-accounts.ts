import type { Db } from 'mongodb';
import type { AuditLog } from '../../audit/index.ts';
import { daysBefore, type DueErasure, type RetentionJob } from '../../privacy/index.ts';
import { defineCollection } from '../mongodb/collection.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { auditPendingCollection, auditPersonalCollection } from '../mongodb/audit-side-stores.ts';
import { erasureReceiptCollection, erasureRunCollection } from '../mongodb/erasure-run-store.ts';
import { createErasureStore } from '../mongodb/erasure-store.ts';
import { membershipCollection } from '../mongodb/membership-store.ts';
import { sessionCollection } from '../mongodb/session-store.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { openUserFields, userCollection, type UserDocument } from '../mongodb/user-store.ts';
import { workspaceCollection } from '../mongodb/workspace-store.ts';

/** One notice of coming erasure per inactive period: `_id` = `<userId>:<last activity, ISO>` (a unique insert: sent once). */
export const inactivityNoticeCollection = defineCollection<{
  _id: string;
  schemaVersion: 1;
  userId: string;
  lastActiveAt: Date;
  sentAt: Date;
}>({
  name: 'inactivity_notices',
  indexes: [{ name: 'inactivity_notices_user', keys: { userId: 1 } }],
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['usage'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
});

export const inactiveAfterDays = 730;
export const noticeDays = 30;

interface Mail {
  to: string;
  subject: string;
  text: string;
}

/**
 * Free accounts inactive for 2 years: a notice first (a mail, recorded once per inactive period),
 * then, still inactive 30 days after it, an erasure request due at once (the erasure cron carries
 * it out, receipt included). Activity is the newest session use or sign-in, or the account's
 * creation; an account in any paid workspace is not free.
 */
export const inactiveAccountsJob = (
  db: Db,
  deps: { send: (mail: Mail) => Promise<void>; webAppUrl: string; sealer: FieldSealer },
): RetentionJob => {
  const notices = inactivityNoticeCollection.in(db);
  const erasures = createErasureStore(db);
  const candidates = async (now: Date) => {
    const cutoff = daysBefore(now, inactiveAfterDays);
    const found: { userId: string; email: string; lastActiveAt: Date }[] = [];
    for (const user of await userCollection
      .in(db)
      .find({ createdAt: { $lt: cutoff } } as never)
      .toArray()) {
      const userId = user._id as unknown as string;
      const sessions = await sessionCollection
        .in(db)
        .find({ userId } as never)
        .toArray();
      const last = [
        user.createdAt as Date,
        ...sessions.flatMap((s) => [s.createdAt, s.lastUsedAt].filter((d): d is Date => d instanceof Date)),
      ].sort((a, b) => b.getTime() - a.getTime())[0]!;
      if (last >= cutoff) continue;
      const workspaceIds = (
        await membershipCollection
          .in(db)
          .find({ userId } as never)
          .toArray()
      ).map((m) => m.workspaceId as string);
      const paid = await workspaceCollection.in(db).countDocuments({ _id: { $in: workspaceIds }, plan: { $ne: 'free' } } as never);
      if (paid === 0)
        found.push({ userId, email: (await openUserFields(deps.sealer, user as unknown as UserDocument)).email, lastActiveAt: last });
    }
    return found;
  };
  const pass = async (now: Date, apply: boolean) => {
    const counts = { notices: 0, erasures: 0 };
    for (const person of await candidates(now)) {
      const id = `${person.userId}:${person.lastActiveAt.toISOString()}`;
      const notice = await notices.findOne({ _id: id });
      if (!notice) {
        counts.notices += 1;
        if (!apply) continue;
        try {
          await notices.insertOne({ _id: id, schemaVersion: 1, userId: person.userId, lastActiveAt: person.lastActiveAt, sentAt: now });
        } catch (error) {
          if (isDuplicateKey(error)) continue; // another run sent it
          throw error;
        }
        await deps.send({
          to: person.email,
          subject: 'Your UX Flow account will be erased in 30 days',
          text: `You have not used your free UX Flow account for two years. Unless you sign in within 30 days, it will be erased with everything in it.\n\nSign in: ${deps.webAppUrl}\n`,
        });
        continue;
      }
      if (notice.sentAt > daysBefore(now, noticeDays)) continue;
      const latest = await erasures.latest(person.userId);
      if (latest?.kind === 'requested') continue;
      counts.erasures += 1;
      if (!apply) continue;
      // A lost race (the person asked, or another run did) is fine: an erasure is scheduled either way.
      await erasures.append({
        userId: person.userId,
        seq: (latest?.seq ?? 0) + 1,
        kind: 'requested',
        at: now,
        scheduledFor: now,
        ipHash: 'retention:inactive-free-account',
      });
    }
    return { notices_sent: counts.notices, erasures_scheduled: counts.erasures };
  };
  return {
    rule: 'inactive-accounts',
    what: 'free accounts inactive for 2 years: a notice, then 30 days later an erasure request (carried out by the erasure job)',
    dryRun: (now) => pass(now, false),
    run: (now) => pass(now, true),
  };
};

/** The erasures past their grace (the rule `erased-accounts`): carried out by the erasure job; this counts them. */
export const erasedAccountsDryRun = (due: (now: Date, limit: number) => Promise<DueErasure[]>) => async (now: Date) => ({
  erasures_due: (await due(now, 10_000)).length,
});

/**
 * Audit pseudonymisation: the clear values of the audit sidecar for people whose erasure finished
 * (an entry queued while the erasure ran would otherwise outlive it). The chained entries hold ids
 * and salted hashes only. The log's own 7-year end is not swept yet (docs/privacy.md).
 */
export const auditPseudonymisationJob = (db: Db, audit: Pick<AuditLog, 'eraseSubject'>): RetentionJob => {
  const erased = async () => {
    const finished = new Set(
      (
        await erasureReceiptCollection
          .in(db)
          .find({}, { projection: { _id: 1 } })
          .toArray()
      ).map((r) => r._id),
    );
    const runs = await erasureRunCollection
      .in(db)
      .find({}, { projection: { _id: 1, userId: 1 } })
      .toArray();
    return [...new Set(runs.filter((r) => finished.has(r._id)).map((r) => r.userId))];
  };
  return {
    rule: 'audit-pseudonymisation',
    what: "the audit log's clear personal values of erased people",
    dryRun: async () => {
      const userIds = await erased();
      if (userIds.length === 0) return { audit_personal: 0, audit_pending: 0 };
      const filter = { subjectId: { $in: userIds } } as never;
      return {
        audit_personal: await auditPersonalCollection.in(db).countDocuments(filter),
        audit_pending: await auditPendingCollection.in(db).countDocuments(filter),
      };
    },
    run: async () => {
      let removed = 0;
      for (const userId of await erased()) removed += await audit.eraseSubject(userId);
      return { audit_personal_and_pending: removed };
    },
  };
};
