import type { Db, Document, Filter } from 'mongodb';
import { daysBefore, type RetentionCounts, type RetentionJob } from '../../privacy/index.ts';
import { aiJobCollection, aiJobStepCollection, aiMessageCollection } from '../mongodb/ai-job-stores.ts';
import { aiProposalCollection, aiProposalOutcomeCollection } from '../mongodb/ai-proposal-stores.ts';
import { apiKeyUseCollection } from '../mongodb/api-key-store.ts';
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

/** Records of one collection past their time, found by a date field. */
interface Sweep {
  collection: CollectionDeclaration;
  filter: (now: Date) => Filter<Document>;
}

const olderThan = (collection: CollectionDeclaration, field: string, days: number): Sweep => ({
  collection,
  filter: (now) => ({ [field]: { $lt: daysBefore(now, days) } }),
});

/** A job made of sweeps: the dry run counts what each would delete, the run deletes it. */
export const sweepJob = (db: Db, rule: string, what: string, sweeps: readonly Sweep[]): RetentionJob => {
  const each = async (now: Date, act: (sweep: Sweep, filter: Filter<Document>) => Promise<number>) => {
    const counts: RetentionCounts = {};
    for (const sweep of sweeps)
      counts[sweep.collection.name] = (counts[sweep.collection.name] ?? 0) + (await act(sweep, sweep.filter(now)));
    return counts;
  };
  return {
    rule,
    what,
    dryRun: (now) => each(now, (sweep, filter) => sweep.collection.in(db).countDocuments(filter)),
    run: (now) => each(now, async (sweep, filter) => (await sweep.collection.in(db).deleteMany(filter)).deletedCount),
  };
};

/** Expired sessions and tokens 30 days after expiry; one-time tokens and replay marks once useless. */
export const sessionsAndTokensJob = (db: Db) =>
  sweepJob(db, 'sessions-and-tokens', 'expired sessions and refresh tokens 30 days after expiry; used or expired one-time tokens', [
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
  ]);

/** Security events, login attempts and API key uses after 90 days (the rate-limit counters expire in Redis on their own). */
export const securityRecordsJob = (db: Db) =>
  sweepJob(db, 'security-records', 'security events, login attempts and API key uses older than 90 days', [
    olderThan(securityEventCollection, 'at', 90),
    olderThan(loginAttemptCollection, 'at', 90),
    olderThan(apiKeyUseCollection, 'at', 90),
  ]);

/**
 * AI conversations 365 days after their last activity: a conversation (a person's messages on a
 * flow) goes whole when its newest message is that old; jobs (and their steps) and proposals (and
 * their outcomes) when made that long ago.
 */
export const aiConversationsJob = (db: Db): RetentionJob => {
  const plan = async (now: Date) => {
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
    return {
      sweeps: [
        ...stale.map(([flowId, userId]) => ({ collection: aiMessageCollection, filter: { flowId, userId } })),
        { collection: aiJobStepCollection, filter: { jobId: { $in: jobIds } } },
        { collection: aiJobCollection, filter: { _id: { $in: jobIds } } },
        { collection: aiProposalOutcomeCollection, filter: { proposalId: { $in: proposalIds } } },
        { collection: aiProposalCollection, filter: { _id: { $in: proposalIds } } },
      ] as { collection: CollectionDeclaration; filter: Filter<Document> }[],
    };
  };
  const each = async (now: Date, act: (c: CollectionDeclaration, f: Filter<Document>) => Promise<number>) => {
    const counts: RetentionCounts = {};
    for (const { collection, filter } of (await plan(now)).sweeps)
      counts[collection.name] = (counts[collection.name] ?? 0) + (await act(collection, filter));
    return counts;
  };
  return {
    rule: 'ai-conversations',
    what: 'AI conversations 365 days after their last message; AI jobs, steps, proposals and outcomes made 365 days ago',
    dryRun: (now) => each(now, (c, f) => c.in(db).countDocuments(f)),
    run: (now) => each(now, async (c, f) => (await c.in(db).deleteMany(f)).deletedCount),
  };
};
