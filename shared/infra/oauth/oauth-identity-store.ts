import type { Db } from 'mongodb';
import type { OAuthIdentities, OAuthIdentity, OAuthProvider } from '../../identity/index.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { defineCollection } from '../mongodb/collection.ts';

interface IdentityDocument extends Omit<OAuthIdentity, 'provider' | 'subject'> {
  /** `<provider>:<subject>`; the unique `(provider, subject)` index guards it too. */
  _id: string;
  schemaVersion: 1;
  provider: OAuthProvider;
  subject: string;
}

export const oauthIdentityCollection = defineCollection({
  name: 'oauth_identities',
  privacy: {
    classes: ['direct-identifier', 'pseudonymous'],
    personalData: ['identity', 'contact'],
    retention: 'account',
    subject: { userId: 'userId', email: 'email' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [
    // One link per provider account.
    { name: 'oauth_identities_provider_subject_unique', keys: { provider: 1, subject: 1 }, unique: true },
    { name: 'oauth_identities_user', keys: { userId: 1 } },
  ],
});

/** `oauth_identities`: provider accounts linked to users, unique on `(provider, subject)`. */
export const createOAuthIdentityStore = (db: Db): OAuthIdentities => {
  const identities = oauthIdentityCollection.in<IdentityDocument>(db);
  return {
    find: async (provider, subject) => {
      const document = await identities.findOne({ provider, subject });
      return document && { provider, subject, userId: document.userId, email: document.email, createdAt: document.createdAt };
    },
    link: async (identity) => {
      try {
        await identities.insertOne({ _id: `${identity.provider}:${identity.subject}`, schemaVersion: 1, ...identity });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
};
