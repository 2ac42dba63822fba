import type { Db } from 'mongodb';
import type { OAuthIdentities, OAuthIdentity, OAuthProvider } from '../../identity/index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { defineCollection } from '../mongodb/collection.ts';

interface IdentityDocument extends Omit<OAuthIdentity, 'provider' | 'subject' | 'email'> {
  /** `<provider>:<subject>`; the unique `(provider, subject)` index guards it too. */
  _id: string;
  schemaVersion: 1;
  provider: OAuthProvider;
  subject: string;
  /** The provider's address when linked, sealed under the user's data key (plain in documents written before). */
  email: string | SealedValue;
}

export const oauthIdentityCollection = defineCollection({
  name: 'oauth_identities',
  privacy: {
    classes: ['direct-identifier', 'pseudonymous'],
    personalData: ['identity', 'contact'],
    retention: 'account',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [
    // One link per provider account.
    { name: 'oauth_identities_provider_subject_unique', keys: { provider: 1, subject: 1 }, unique: true },
    { name: 'oauth_identities_user', keys: { userId: 1 } },
  ],
});

/** `oauth_identities`: provider accounts linked to users, unique on `(provider, subject)`; the address sealed. */
export const createOAuthIdentityStore = (db: Db, sealer: FieldSealer): OAuthIdentities => {
  const identities = oauthIdentityCollection.in<IdentityDocument>(db);
  const where = (id: string) => ({ collection: 'oauth_identities', field: 'email', recordId: id });
  return {
    find: async (provider, subject) => {
      const document = await identities.findOne({ provider, subject });
      if (!document) return null;
      const email = (await sealer.open(document.userId, where(document._id), document.email)) ?? '';
      return { provider, subject, userId: document.userId, email, createdAt: document.createdAt };
    },
    link: async ({ email, ...identity }) => {
      const _id = `${identity.provider}:${identity.subject}`;
      try {
        await identities.insertOne({ _id, schemaVersion: 1, ...identity, email: await sealer.seal(identity.userId, where(_id), email) });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
};
