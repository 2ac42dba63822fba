import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Db } from 'mongodb';
import type { OAuthProvider, OAuthStates } from '../../identity/index.ts';
import { isDuplicateKey } from '../mongodb/duplicate-key.ts';
import { hashToken } from '../mongodb/token-hash.ts';

interface StateDocument {
  _id: string;
  schemaVersion: 1;
  provider: OAuthProvider;
  redirectUri: string;
  /** AES-256-GCM of `{codeVerifier, nonce}` under a key derived from the state: iv | tag | ciphertext, base64. */
  sealed: string;
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

const seal = (state: string, secrets: { codeVerifier: string; nonce: string }): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(state), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
};

const unseal = (state: string, sealed: string): { codeVerifier: string; nonce: string } | null => {
  try {
    const raw = Buffer.from(sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(state), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as {
      codeVerifier: string;
      nonce: string;
    };
  } catch {
    return null;
  }
};

/**
 * `oauth_states` (`_id` = SHA-256 of the state; the PKCE verifier and nonce sealed with a key
 * derived from the state) and `oauth_states_used`. Expired entries are left to the retention cron.
 */
export const createOAuthStateStore = (db: Db): OAuthStates => {
  const states = db.collection<StateDocument>('oauth_states');
  const uses = db.collection<UseDocument>('oauth_states_used');
  return {
    create: async (state, { codeVerifier, nonce, ...entry }) => {
      await states.insertOne({
        _id: hashToken(state),
        schemaVersion: 1,
        ...entry,
        sealed: seal(state, { codeVerifier, nonce }),
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
