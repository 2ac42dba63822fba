import type { Db } from 'mongodb';
import { createStaffStore } from '../../shared/infra/mongodb/staff-store.ts';
import { sessionCollection } from '../../shared/infra/mongodb/session-store.ts';
import { twoFactorCollection } from '../../shared/infra/mongodb/two-factor-store.ts';
import { newId, type PlatformRole } from '../../shared/kernel/index.ts';

/**
 * Makes an existing account staff the way production does (roles through the store the staff CLI
 * writes with), with what the authenticator asks of every platform decision: 2FA on the account and
 * a session that passed it. Returns that session's id, for the access token.
 */
export const makeStaffAccount = async (db: Db, userId: string, roles: readonly PlatformRole[]): Promise<string> => {
  const staff = createStaffStore(db);
  for (const role of roles) await staff.changePlatformRole(userId, role, 'grant');
  await twoFactorCollection
    .in<{ _id: string; enrollmentId: string }>(db)
    .updateOne({ _id: userId }, { $setOnInsert: { enrollmentId: newId('tfa') } }, { upsert: true });
  const sessionId = newId('ses');
  await sessionCollection
    .in<{ _id: string; userId: string; rememberMe: boolean; createdAt: Date; secondFactor: boolean }>(db)
    .insertOne({ _id: sessionId, userId, rememberMe: false, createdAt: new Date(), secondFactor: true });
  return sessionId;
};
