import { hkdfSync } from 'node:crypto';
import type { Db } from 'mongodb';
import type { RefreshClient, RefreshTokenRecord, RefreshTokens } from '../../identity/index.ts';
import { open, seal, type SealedSecret } from '../crypto/sealed-secret.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { hashToken } from './token-hash.ts';
import { defineCollection } from './collection.ts';

/** `_id` is the token's SHA-256; unique on (familyId, seq), the commit point of a rotation. */
interface RefreshTokenDocument extends RefreshTokenRecord {
  _id: string;
  schemaVersion: 1;
  /**
   * The token itself, sealed under a key derived from the token it replaced: only whoever
   * presents that old token can open it (the grace for a concurrent loser); the database alone
   * opens nothing. Absent on a family's first token.
   */
  handOver?: SealedSecret;
  /** SHA-256 of the rotating client's address and user agent. */
  clientHash?: string;
}

const handOverKey = (previousToken: string) =>
  Buffer.from(hkdfSync('sha256', previousToken, Buffer.alloc(0), 'uxflow refresh-token hand-over', 32));
const handOverContext = (record: Pick<RefreshTokenRecord, 'familyId' | 'seq'>) => `${record.familyId}:${record.seq}`;
const clientHashOf = (client: RefreshClient) => hashToken(`${client.ip ?? ''}\n${client.userAgent ?? ''}`);

export const refreshTokenCollection = defineCollection({
  name: 'refresh_tokens',
  privacy: {
    classes: ['secret', 'pseudonymous', 'network'],
    personalData: ['credentials', 'network'],
    retention: 'sessions-and-tokens',
    subject: { userId: 'userId' },
    export: { none: 'token digests and hand-overs: credentials, never handed out (the sessions are exported)' },
    erase: 'delete',
  },
  indexes: [
    // The rotation commit point: token n + 1 of a family can be inserted once.
    { name: 'refresh_tokens_family_seq_unique', keys: { familyId: 1, seq: 1 }, unique: true },
  ],
});

export const createRefreshTokenStore = (db: Db): RefreshTokens => {
  const tokens = refreshTokenCollection.in<RefreshTokenDocument>(db);
  const toRecord = ({ familyId, userId, seq, rememberMe, expiresAt, createdAt }: RefreshTokenDocument): RefreshTokenRecord => ({
    familyId,
    userId,
    seq,
    rememberMe,
    expiresAt,
    createdAt,
  });
  return {
    insert: async (token, record, handOver) => {
      const sealed = handOver && {
        handOver: seal(handOverKey(handOver.previousToken), handOverContext(record), token),
        clientHash: clientHashOf(handOver.client),
      };
      try {
        await tokens.insertOne({ _id: hashToken(token), schemaVersion: 1, ...record, ...sealed });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    findByToken: async (token) => {
      const document = await tokens.findOne({ _id: hashToken(token) });
      return document && toRecord(document);
    },
    // Equality on (familyId, seq) uses the unique index, also on FerretDB (ranges would scan).
    successorOf: async (presentedToken, record, client) => {
      const next = { familyId: record.familyId, seq: record.seq + 1 };
      const document = await tokens.findOne(next);
      if (!document) return null;
      let token: string | null = null;
      try {
        token = document.handOver ? open(handOverKey(presentedToken), handOverContext(next), document.handOver) : null;
      } catch {
        // Sealed for another token (cannot happen for the true predecessor) or tampered: nothing to hand over.
      }
      if (token !== null && hashToken(token) !== document._id) token = null;
      return {
        createdAt: document.createdAt,
        expiresAt: document.expiresAt,
        token,
        sameClient: document.clientHash === clientHashOf(client),
      };
    },
    hasSuccessor: async (familyId, seq) => (await tokens.countDocuments({ familyId, seq: seq + 1 }, { limit: 1 })) > 0,
  };
};
