import type { Db } from 'mongodb';
import type { RefreshTokenRecord, RefreshTokens } from '../../identity/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { hashToken } from './token-hash.ts';

/** `_id` is the token's SHA-256; unique on (familyId, seq), the commit point of a rotation. */
interface RefreshTokenDocument extends RefreshTokenRecord {
  _id: string;
  schemaVersion: 1;
}

export const createRefreshTokenStore = (db: Db): RefreshTokens => {
  const tokens = db.collection<RefreshTokenDocument>('refresh_tokens');
  return {
    insert: async (token, record) => {
      try {
        await tokens.insertOne({ _id: hashToken(token), schemaVersion: 1, ...record });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    findByToken: async (token) => {
      const document = await tokens.findOne({ _id: hashToken(token) });
      if (!document) return null;
      const { familyId, userId, seq, rememberMe, expiresAt, createdAt } = document;
      return { familyId, userId, seq, rememberMe, expiresAt, createdAt };
    },
    // Equality on (familyId, seq) uses the unique index, also on FerretDB (ranges would scan).
    hasSuccessor: async (familyId, seq) => (await tokens.countDocuments({ familyId, seq: seq + 1 }, { limit: 1 })) > 0,
  };
};
