import type { Db, Document, Filter } from 'mongodb';
import { daysBefore, type RetentionCounts, type RetentionJob } from '../../privacy/index.ts';
import { aiJobCollection, aiJobStepCollection, aiMessageCollection } from '../mongodb/ai-job-stores.ts';
import { aiProposalCollection, aiProposalOutcomeCollection } from '../mongodb/ai-proposal-stores.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { apiKeyUseCollection } from '../mongodb/api-key-store.ts';
import { invitationCollection } from '../mongodb/invitation-store.ts';
import { functionCallCollection } from '../mongodb/function-call-store.ts';
import { securityAlertCollection } from '../mongodb/security-alert-store.ts';
import { securityIncidentChangeCollection, securityIncidentCollection } from '../mongodb/security-incident-store.ts';
import type { CollectionDeclaration } from '../mongodb/collection.ts';
import {
  emailVerificationCollection,
  emailVerificationUseCollection,
  passwordResetCollection,
  passwordResetUseCollection,
} from '../mongodb/identity-misc-stores.ts';
import { loginAttemptCollection } from '../mongodb/login-attempt-store.ts';
import { passwordResetRequestCollection } from '../mongodb/password-reset-request-store.ts';
import { refreshTokenCollection } from '../mongodb/refresh-token-store.ts';
import { securityEventCollection } from '../mongodb/security-event-store.ts';
import { sessionCollection } from '../mongodb/session-store.ts';
import { totpStepUseCollection, twoFactorPendingCollection } from '../mongodb/two-factor-store.ts';
import { oauthStateCollection, oauthStateUseCollection } from '../oauth/oauth-state-store.ts';

/** Records of one collection to remove, found by a filter. */
interface Removal {
  collection: CollectionDeclaration;
  filter: Filter<Document>;
  /** Runs on the ids about to go (a run, not a dry run): destroys the data keys their values were sealed under. */
  beforeRemoving?: (ids: string[]) => Promise<void>;
}

/** Records of one collection past their time, found by a date field. */
interface Sweep {
  collection: CollectionDeclaration;
  filter: (now: Date) => Filter<Document>;
}

const olderThan = (collection: CollectionDeclaration, field: string, days: number): Sweep => ({
  collection,
  filter: (now) => ({ [field]: { $lt: daysBefore(now, days) } }),
});

/** The sweeps' removals as of `now`. */
const removalsAt = (sweeps: readonly Sweep[], now: Date): Removal[] =>
  sweeps.map(({ collection, filter }) => ({ collection, filter: filter(now) }));

/** A job whose removals are planned at each run: the dry run counts them, the run deletes them, in order. */
const plannedJob = (db: Db, rule: string, what: string, plan: (now: Date) => Promise<readonly Removal[]>): RetentionJob => {
  const each = async (now: Date, act: (removal: Removal) => Promise<number>) => {
    const counts: RetentionCounts = {};
    for (const removal of await plan(now)) counts[removal.collection.name] = (counts[removal.collection.name] ?? 0) + (await act(removal));
    return counts;
  };
  return {
    rule,
    what,
    dryRun: (now) => each(now, ({ collection, filter }) => collection.in(db).countDocuments(filter)),
    run: (now) =>
      each(now, async ({ collection, filter, beforeRemoving }) => {
        if (!beforeRemoving) return (await collection.in(db).deleteMany(filter)).deletedCount;
        const ids = (
          await collection
            .in(db)
            .find(filter, { projection: { _id: 1 } })
            .toArray()
        ).map((doc) => String(doc._id));
        await beforeRemoving(ids);
        return (await collection.in(db).deleteMany({ _id: { $in: ids } } as never)).deletedCount;
      }),
  };
};

/**
 * Expired sessions and tokens 30 days after expiry; one-time tokens and replay marks once useless;
 * invitations never accepted, 30 days after they expired, with the keys their addresses were
 * sealed under (the invitee may have no account, so nothing else would ever remove them).
 */
export const sessionsAndTokensJob = (db: Db, sealer: Pick<FieldSealer, 'shred'>) => {
  const sweeps = [
    olderThan(sessionCollection, 'expiresAt', 30),
    olderThan(refreshTokenCollection, 'expiresAt', 30),
    olderThan(emailVerificationCollection, 'expiresAt', 30),
    olderThan(passwordResetCollection, 'expiresAt', 30),
    olderThan(emailVerificationUseCollection, 'usedAt', 30),
    olderThan(passwordResetUseCollection, 'usedAt', 30),
    olderThan(oauthStateCollection, 'expiresAt', 30),
    olderThan(oauthStateUseCollection, 'usedAt', 30),
    olderThan(passwordResetRequestCollection, 'requestedAt', 30),
    // A TOTP replay mark matters for one 30-second step; a pending enrolment for its few minutes.
    olderThan(totpStepUseCollection, 'usedAt', 1),
    olderThan(twoFactorPendingCollection, 'createdAt', 1),
  ];
  return plannedJob(
    db,
    'sessions-and-tokens',
    'expired sessions and refresh tokens 30 days after expiry; used or expired one-time tokens; invitations never accepted, 30 days after they expired',
    async (now) => [
      ...removalsAt(sweeps, now),
      {
        collection: invitationCollection,
        filter: { acceptedAt: null, expiresAt: { $lt: daysBefore(now, 30) } },
        beforeRemoving: async (ids) => {
          for (const id of ids) await sealer.shred(id);
        },
      },
    ],
  );
};

/**
 * Security incidents closed 90 days ago, with their alerts and history: those whose latest change
 * closed them before the cutoff and that had no alert since. The history goes last: a closing
 * change older than the cutoff is what finds an incident, so a run cut short is finished by the next.
 */
const closedIncidents = async (db: Db, cutoff: Date): Promise<Removal[]> => {
  const changes = securityIncidentChangeCollection.in<{ incidentId: string; seq: number; status: string; at: Date }>(db);
  const closing = await changes.find({ status: 'closed', at: { $lt: cutoff } }, { projection: { incidentId: 1 } }).toArray();
  const candidates = [...new Set(closing.map((c) => c.incidentId))];
  if (candidates.length === 0) return [];
  const latest = new Map<string, { seq: number; status: string; at: Date }>();
  for (const change of await changes.find({ incidentId: { $in: candidates } }).toArray()) {
    const seen = latest.get(change.incidentId);
    if (!seen || seen.seq < change.seq) latest.set(change.incidentId, change);
  }
  const recentAlerts = await securityAlertCollection
    .in<{ incidentId: string }>(db)
    .find({ incidentId: { $in: candidates }, raisedAt: { $gte: cutoff } }, { projection: { incidentId: 1 } })
    .toArray();
  const active = new Set(recentAlerts.map((a) => a.incidentId));
  const ids = candidates.filter((id) => {
    const last = latest.get(id);
    return last?.status === 'closed' && last.at < cutoff && !active.has(id);
  });
  if (ids.length === 0) return [];
  return [
    { collection: securityAlertCollection, filter: { incidentId: { $in: ids } } },
    { collection: securityIncidentCollection, filter: { _id: { $in: ids } } as never },
    { collection: securityIncidentChangeCollection, filter: { incidentId: { $in: ids } } },
  ];
};

/**
 * Security events, login attempts, API key uses and the request log (`function_calls`) after 90
 * days; incidents 90 days after they were closed, with their alerts (the rate-limit counters expire
 * in Redis on their own). `api_key_networks` is not here: a key's known networks are kept with the
 * workspace, or a network in daily use would read as new again after 90 days.
 */
export const securityRecordsJob = (db: Db) => {
  const sweeps = [
    olderThan(securityEventCollection, 'at', 90),
    olderThan(loginAttemptCollection, 'at', 90),
    olderThan(apiKeyUseCollection, 'at', 90),
    olderThan(functionCallCollection, 'bucket', 90),
  ];
  return plannedJob(
    db,
    'security-records',
    'security events, login attempts, API key uses and the request log older than 90 days; incidents closed 90 days ago, with their alerts',
    async (now) => [...removalsAt(sweeps, now), ...(await closedIncidents(db, daysBefore(now, 90)))],
  );
};

/**
 * AI conversations 365 days after their last activity: a conversation (a person's messages on a
 * flow) goes whole when its newest message is that old; jobs (and their steps) and proposals (and
 * their outcomes) when made that long ago.
 */
export const aiConversationsJob = (db: Db): RetentionJob => {
  const plan = async (now: Date): Promise<Removal[]> => {
    const cutoff = daysBefore(now, 365);
    const newest = new Map<string, Date>();
    const messages = await aiMessageCollection
      .in(db)
      .find({}, { projection: { flowId: 1, userId: 1, createdAt: 1 } })
      .toArray();
    for (const m of messages) {
      const key = `${String(m.flowId)}\u0000${String(m.userId)}`;
      const at = m.createdAt as Date;
      if (!newest.has(key) || newest.get(key)! < at) newest.set(key, at);
    }
    const stale = [...newest].filter(([, at]) => at < cutoff).map(([key]) => key.split('\u0000'));
    const jobIds = (
      await aiJobCollection
        .in(db)
        .find({ createdAt: { $lt: cutoff } }, { projection: { _id: 1 } })
        .toArray()
    ).map((j) => j._id);
    const proposalIds = (
      await aiProposalCollection
        .in(db)
        .find({ createdAt: { $lt: cutoff } }, { projection: { _id: 1 } })
        .toArray()
    ).map((p) => p._id);
    return [
      ...stale.map(([flowId, userId]) => ({ collection: aiMessageCollection, filter: { flowId, userId } })),
      { collection: aiJobStepCollection, filter: { jobId: { $in: jobIds } } },
      { collection: aiJobCollection, filter: { _id: { $in: jobIds } } },
      { collection: aiProposalOutcomeCollection, filter: { proposalId: { $in: proposalIds } } },
      { collection: aiProposalCollection, filter: { _id: { $in: proposalIds } } },
    ];
  };
  return plannedJob(
    db,
    'ai-conversations',
    'AI conversations 365 days after their last message; AI jobs, steps, proposals and outcomes made 365 days ago',
    plan,
  );
};
