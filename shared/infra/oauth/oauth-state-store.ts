import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import type { OAuthProvider, OAuthStates } from '../../identity/index.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { hashToken } from '../mongodb/token-hash.ts';
import { open, seal, type SealedSecret } from '../crypto/sealed-secret.ts';
import { defineCollection } from '../mongodb/collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

interface StateDocument {
  _id: string;
  schemaVersion: 1;
  provider: OAuthProvider;
  redirectUri: string;
  /** `{codeVerifier, nonce, binding}` sealed (AES-256-GCM) under a key derived from the state. */
  sealed: SealedSecret;
  expiresAt: Date;
  createdAt: Date;
}

/** One per redeemed state, `_id` = the state's hash: the single use is this insert. */
interface UseDocument {
  _id: string;
  schemaVersion: 1;
  usedAt: Date;
}

// The state travels in URLs, the sealed verifier sits in the database: one alone opens nothing.
const sealKey = (state: string) => createHash('sha256').update(`uxflow-oauth-seal:${state}`).digest();

const sealContext = 'oauth-state';

type StateSecrets = { codeVerifier: string; nonce: string; binding: string };

const unseal = (state: string, sealed: SealedSecret): StateSecrets | null => {
  try {
    return JSON.parse(open(sealKey(state), sealContext, sealed)) as StateSecrets;
  } catch {
    return null;
  }
};

export const oauthStateCollection = defineCollection({
  name: 'oauth_states',
  privacy: noPersonalData('a sign-in attempt in progress: provider, redirect and a sealed PKCE verifier, no person', 'short-lived', [
    'secret',
  ]),
});

export const oauthStateUseCollection = defineCollection({
  name: 'oauth_states_used',
  privacy: noPersonalData('which sign-in states were used, by digest', 'short-lived', ['secret']),
});

/**
 * `oauth_states` (`_id` = SHA-256 of the state; the PKCE verifier and nonce sealed with a key
 * derived from the state) and `oauth_states_used`. Expired entries are left to the retention cron.
 */
export const createOAuthStateStore = (db: Db): OAuthStates => {
  const states = oauthStateCollection.in<StateDocument>(db);
  const uses = oauthStateUseCollection.in<UseDocument>(db);
  return {
    create: async (state, { codeVerifier, nonce, binding, ...entry }) => {
      await states.insertOne({
        _id: hashToken(state),
        schemaVersion: 1,
        ...entry,
        sealed: seal(sealKey(state), sealContext, JSON.stringify({ codeVerifier, nonce, binding })),
        createdAt: new Date(),
      });
    },
    find: async (state) => {
      const document = await states.findOne({ _id: hashToken(state) });
      const secrets = document && unseal(state, document.sealed);
      if (!document || !secrets) return null;
      return { provider: document.provider, redirectUri: document.redirectUri, expiresAt: document.expiresAt, ...secrets };
    },
    consume: async (state) => {
      try {
        await uses.insertOne({ _id: hashToken(state), schemaVersion: 1, usedAt: new Date() });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
};
