import type { Db } from 'mongodb';
import { refreshTtlMs, type RevocationReason, type Session, type SessionImpersonation, type Sessions } from '../../identity/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

interface SessionDocument {
  _id: string;
  schemaVersion: 1;
  userId: string;
  rememberMe: boolean;
  createdAt: Date;
  // Absent on sessions started before the session list existed.
  lastUsedAt?: Date | null;
  expiresAt?: Date;
  ip?: string;
  userAgent?: string;
  secondFactor?: boolean;
  impersonation?: SessionImpersonation;
}

const toSession = ({ _id, schemaVersion: _, ...rest }: SessionDocument): Session & { expiresAt: Date } => ({
  id: _id,
  ...rest,
  lastUsedAt: rest.lastUsedAt ?? null,
  expiresAt: rest.expiresAt ?? new Date(rest.createdAt.getTime() + refreshTtlMs(rest.rememberMe)),
});

/** One per revoked session, `_id` = session id: revoking is an insert, so it is idempotent and race-free. */
interface RevocationDocument {
  _id: string;
  schemaVersion: 1;
  reason: RevocationReason;
  revokedAt: Date;
}

export const sessionCollection = defineCollection({
  name: 'sessions',
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['security', 'network', 'usage'],
    retention: 'sessions-and-tokens',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [{ name: 'sessions_user', keys: { userId: 1 } }],
});

export const sessionRevocationCollection = defineCollection({
  name: 'session_revocations',
  privacy: noPersonalData('revocation marks by session id (the session holds the person)', 'sessions-and-tokens'),
});

export const createSessionStore = (db: Db): Sessions => {
  const sessions = sessionCollection.in<SessionDocument>(db);
  const revocations = sessionRevocationCollection.in<RevocationDocument>(db);
  return {
    create: async ({ id, ...session }: Session) => {
      await sessions.insertOne({ _id: id, schemaVersion: 1, ...session });
    },
    listIdsByUser: async (userId) => (await sessions.find({ userId }, { projection: { _id: 1 } }).toArray()).map((s) => s._id),
    listByUser: async (userId) => (await sessions.find({ userId }).toArray()).map(toSession),
    findById: async (sessionId) => {
      const document = await sessions.findOne({ _id: sessionId });
      return document && toSession(document);
    },
    touch: async (sessionId, at, expiresAt) => {
      await sessions.updateOne({ _id: sessionId }, { $set: { lastUsedAt: at, expiresAt } });
    },
    revoke: async (sessionId, reason, at) => {
      try {
        await revocations.insertOne({ _id: sessionId, schemaVersion: 1, reason, revokedAt: at });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
    },
    isRevoked: async (sessionId) => (await revocations.countDocuments({ _id: sessionId }, { limit: 1 })) > 0,
  };
};
