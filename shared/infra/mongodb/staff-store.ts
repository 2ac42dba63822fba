import type { Db } from 'mongodb';
import type { PlatformRole } from '../../kernel/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { defineCollection } from './collection.ts';
import { twoFactorCollection } from './two-factor-store.ts';
import { userCollection } from './user-store.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

/**
 * A user's consent to let one impersonation write (`_id` = the impersonation's session id): an
 * insert, so granting twice is harmless, and it ends with the impersonation it names.
 */
export const impersonationGrantCollection = defineCollection({
  name: 'impersonation_grants',
  privacy: noPersonalData('write consents by impersonation id (the session holds the person)', 'sessions-and-tokens'),
});

interface GrantDocument {
  _id: string;
  schemaVersion: 1;
  grantedAt: Date;
}

/**
 * What the authenticator reads for staff decisions, straight from the stores rather than the
 * access token: a revoked role or a disabled second factor counts at the next request, not in 15 minutes.
 */
export const createStaffStore = (db: Db) => {
  const users = userCollection.in<{ _id: string; platformRoles?: PlatformRole[] }>(db);
  const grants = impersonationGrantCollection.in<GrantDocument>(db);
  return {
    platformRoles: async (userId: string): Promise<readonly PlatformRole[]> =>
      (await users.findOne({ _id: userId }, { projection: { platformRoles: 1 } }))?.platformRoles ?? [],
    hasSecondFactor: async (userId: string): Promise<boolean> =>
      (await twoFactorCollection.in(db).countDocuments({ _id: userId as never }, { limit: 1 })) > 0,
    hasWriteGrant: async (impersonationId: string): Promise<boolean> =>
      (await grants.countDocuments({ _id: impersonationId }, { limit: 1 })) > 0,
    /** True when this call recorded the grant, false when it was granted already. */
    grantWrite: async (impersonationId: string, at: Date): Promise<boolean> => {
      try {
        await grants.insertOne({ _id: impersonationId, schemaVersion: 1, grantedAt: at });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    /** Adds or removes one platform role (the staff CLI only: nothing else writes roles). */
    changePlatformRole: async (userId: string, role: PlatformRole, change: 'grant' | 'revoke'): Promise<void> => {
      await users.updateOne(
        { _id: userId },
        change === 'grant' ? { $addToSet: { platformRoles: role } } : { $pull: { platformRoles: role } },
      );
    },
    /** By the blind index of the address (`emailIndex` resource), as `users` is unique on it. */
    findUserIdByEmailIndex: async (emailIndex: string): Promise<string | null> =>
      (await userCollection.in<{ _id: string; emailIndex: string }>(db).findOne({ emailIndex }, { projection: { _id: 1 } }))?._id ?? null,
  };
};

export type StaffStore = ReturnType<typeof createStaffStore>;
