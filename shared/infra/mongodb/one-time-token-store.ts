import type { Db } from 'mongodb';
import type { OneTimeTokens } from '../../identity/index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import type { CollectionDeclaration } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { hashToken } from './token-hash.ts';

interface TokenDocument {
  _id: string;
  schemaVersion: 1;
  userId: string;
  /** The address the token was mailed to, sealed under the user's data key (plain in documents written before). */
  email: string | SealedValue;
  expiresAt: Date;
  createdAt: Date;
}

/** One per used (or superseded) token, `_id` = the token's SHA-256: using a token is this insert. */
interface UseDocument {
  _id: string;
  schemaVersion: 1;
  usedAt: Date;
  reason: 'used' | 'superseded';
}

/**
 * Single-use tokens in `collections.tokens` (`_id` = SHA-256 of the token) with their uses in
 * `collections.uses`. Of concurrent uses of one token exactly one insert succeeds.
 */
export const createOneTimeTokenStore = (
  db: Db,
  collections: { tokens: CollectionDeclaration; uses: CollectionDeclaration },
  sealer: FieldSealer,
): OneTimeTokens => {
  const where = (hash: string) => ({ collection: collections.tokens.name, field: 'email', recordId: hash });
  const tokens = collections.tokens.in<TokenDocument>(db);
  const uses = collections.uses.in<UseDocument>(db);
  const markUsed = async (hash: string, reason: UseDocument['reason']) => {
    try {
      await uses.insertOne({ _id: hash, schemaVersion: 1, usedAt: new Date(), reason });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  };
  return {
    create: async (token, { email, ...entry }) => {
      const hash = hashToken(token);
      const sealed = await sealer.seal(entry.userId, where(hash), email);
      await tokens.insertOne({ _id: hash, schemaVersion: 1, ...entry, email: sealed, createdAt: new Date() });
    },
    find: async (token) => {
      const document = await tokens.findOne({ _id: hashToken(token) });
      if (!document) return null;
      // A shredded key (the person erased) leaves an address that matches nothing: the token is refused.
      const email = (await sealer.open(document.userId, where(document._id), document.email)) ?? '';
      return { userId: document.userId, email, expiresAt: document.expiresAt };
    },
    consume: (token) => markUsed(hashToken(token), 'used'),
    consumeAllOf: async (userId) => {
      const owned = await tokens.find({ userId }, { projection: { _id: 1 } }).toArray();
      await Promise.all(owned.map(async ({ _id }) => markUsed(_id, 'superseded')));
    },
  };
};
