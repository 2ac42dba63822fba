import type { Db } from 'mongodb';
import type { ApiKeyRecord } from '../../identity/api-keys.ts';
import { hashToken } from './token-hash.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const apiKeyCollection = defineCollection({
  name: 'api_keys',
  privacy: {
    classes: ['secret', 'pseudonymous'],
    personalData: ['identity', 'usage'],
    retention: 'workspace',
    subject: { workspaceId: 'workspaceId', userId: 'createdBy' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [
    { name: 'api_keys_hash_unique', keys: { hash: 1 }, unique: true },
    { name: 'api_keys_workspace', keys: { workspaceId: 1 } },
  ],
});
export const apiKeyUseCollection = defineCollection({
  name: 'api_key_uses',
  privacy: noPersonalData('when a workspace key was used, on which route (the key, not a person)', 'security-records'),
  indexes: [{ name: 'api_key_uses_key', keys: { keyId: 1 } }],
});

/** `api_key_networks`: each network (`/24`, `/48`) a key was used from; `_id` is `<keyId>|<network>`. */
export const apiKeyNetworkCollection = defineCollection({
  name: 'api_key_networks',
  privacy: {
    classes: ['network'],
    personalData: ['network'],
    // Kept with the workspace: swept after 90 days, a network in daily use would read as new again.
    retention: 'workspace',
    subject: { workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [{ name: 'api_key_networks_key', keys: { keyId: 1 } }],
});

/**
 * `api_key_last_uses`: `_id` = a key's id, the time of its latest use. Kept apart from the key's own
 * document: FerretDB updates by reading and writing back the whole document, so a use recorded on
 * the key at the moment it was revoked or rotated could write back the key without its revocation or
 * expiry. Last write wins here, which is fine for an informational time.
 */
export const apiKeyLastUseCollection = defineCollection({
  name: 'api_key_last_uses',
  privacy: noPersonalData('when a workspace key was last used (the key, not a person)', 'workspace'),
});

/** One per rotated key (`_id` = the old key's id): the insert that decides a rotation race. */
export const apiKeyRotationCollection = defineCollection({
  name: 'api_key_rotations',
  privacy: noPersonalData('which key replaced which (ids only)', 'workspace'),
});

/**
 * `api_key_revocations`: `_id` = a revoked key's id, written once. Kept apart from the key's own
 * document for the reason `api_key_last_uses` is: FerretDB updates by writing back the whole
 * document, so a revocation set on the key while its rotation wrote the expiry could be lost. The
 * insert decides; revoking twice keeps the first time. Keys revoked before this existed keep
 * `revokedAt` on their document, which is still read.
 */
export const apiKeyRevocationCollection = defineCollection({
  name: 'api_key_revocations',
  privacy: noPersonalData('revocation marks by key id (the key, not a person)', 'workspace'),
});

interface RevocationDocument {
  _id: string;
  schemaVersion: 1;
  workspaceId: string;
  revokedAt: Date;
}

/** Revokes every key id given that is not revoked yet (a unique insert each); returns those it revoked. */
export const insertRevocations = async (db: Db, workspaceId: string, keyIds: readonly string[], at: Date): Promise<string[]> => {
  const revocations = apiKeyRevocationCollection.in<RevocationDocument>(db);
  const revoked: string[] = [];
  for (const keyId of keyIds) {
    try {
      await revocations.insertOne({ _id: keyId, schemaVersion: 1, workspaceId, revokedAt: at });
      revoked.push(keyId);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  return revoked;
};

interface ApiKeyDocument extends Omit<ApiKeyRecord, 'id'> {
  _id: string;
  schemaVersion: 1;
  /** SHA-256 of the key (unique): the key itself is shown once and never stored. */
  hash: string;
}

const toRecord = ({ _id, hash: _hash, schemaVersion: _v, ...rest }: ApiKeyDocument): ApiKeyRecord => ({ id: _id, ...rest });

/** API keys, always scoped by workspace except the lookup by key hash that authentication needs. */
export const createApiKeyStore = (db: Db) => {
  const keys = apiKeyCollection.in<ApiKeyDocument>(db);
  const lastUses = apiKeyLastUseCollection.in<{ _id: string; schemaVersion: 1; at: Date }>(db);
  const revocations = apiKeyRevocationCollection.in<RevocationDocument>(db);
  /** The records with their revocation (a key revoked before the marks existed has it on its document). */
  const withRevocation = async (docs: ApiKeyDocument[]): Promise<ApiKeyRecord[]> => {
    const found = docs.length === 0 ? [] : await revocations.find({ _id: { $in: docs.map((doc) => doc._id) } }).toArray();
    const at = new Map(found.map((mark) => [mark._id, mark.revokedAt]));
    return docs.map((doc) => ({ ...toRecord(doc), revokedAt: doc.revokedAt ?? at.get(doc._id) ?? null }));
  };
  /** The records with their revocation and latest use (a key used before last uses were kept apart has it on its document). */
  const withLastUse = async (docs: ApiKeyDocument[]): Promise<ApiKeyRecord[]> => {
    const found = docs.length === 0 ? [] : await lastUses.find({ _id: { $in: docs.map((doc) => doc._id) } }).toArray();
    const at = new Map(found.map((use) => [use._id, use.at]));
    return (await withRevocation(docs)).map((record) => ({ ...record, lastUsedAt: at.get(record.id) ?? record.lastUsedAt ?? null }));
  };
  return {
    insert: async (record: ApiKeyRecord, key: string) => {
      const { id, ...rest } = record;
      await keys.insertOne({ _id: id, schemaVersion: 1, hash: hashToken(key), ...rest });
    },
    findByKey: async (key: string): Promise<ApiKeyRecord | null> => {
      const doc = await keys.findOne({ hash: hashToken(key) });
      return doc ? ((await withRevocation([doc]))[0] ?? null) : null;
    },
    list: async (workspaceId: string): Promise<ApiKeyRecord[]> =>
      (await withLastUse(await keys.find({ workspaceId }).toArray())).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    /** Revokes a key of this workspace; false when the workspace has no such key. Revoking twice keeps the first time. */
    revoke: async (workspaceId: string, keyId: string, at: Date): Promise<boolean> => {
      const found = await keys.findOne({ _id: keyId, workspaceId }, { projection: { _id: 1, revokedAt: 1 } });
      if (!found) return false;
      if (!found.revokedAt) await insertRevocations(db, workspaceId, [keyId], at);
      return true;
    },
    find: async (workspaceId: string, keyId: string): Promise<ApiKeyRecord | null> => {
      const doc = await keys.findOne({ _id: keyId, workspaceId });
      return doc ? ((await withLastUse([doc]))[0] ?? null) : null;
    },
    claimRotation: async (keyId: string, newKeyId: string, at: Date): Promise<boolean> => {
      try {
        await apiKeyRotationCollection.in<{ _id: string; schemaVersion: 1; newKeyId: string; rotatedAt: Date }>(db).insertOne({
          _id: keyId,
          schemaVersion: 1,
          newKeyId,
          rotatedAt: at,
        });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    remove: async (keyId: string): Promise<void> => {
      await keys.deleteOne({ _id: keyId });
    },
    expireBy: async (workspaceId: string, keyId: string, at: Date): Promise<void> => {
      // Only the rotation's winner writes here, and nothing else updates a key's document (revocation
      // and uses are kept apart); the filter keeps an earlier expiry.
      await keys.updateOne(
        { _id: keyId, workspaceId, $or: [{ expiresAt: null }, { expiresAt: { $gt: at } }] },
        { $set: { expiresAt: at } },
      );
    },
    /** Each use is recorded (append-only) and the key's last use updated. */
    recordUse: async (keyId: string, use: { at: Date; method: string; path: string }) => {
      await Promise.all([
        apiKeyUseCollection.in(db).insertOne({ schemaVersion: 1, keyId, ...use }),
        // Never on the key's document (see apiKeyLastUseCollection); two first uses at once: one upsert inserts.
        lastUses.updateOne({ _id: keyId }, { $set: { at: use.at, schemaVersion: 1 } }, { upsert: true }).catch((error: unknown) => {
          if (!isDuplicateKey(error)) throw error;
        }),
      ]);
    },
    /**
     * Notes that the key was used from `network`: null when it had been before, else how many
     * other networks it had been used from (0 for its first). The insert decides: of two
     * instances seeing a new network at once, one reports it.
     */
    recordNetwork: async (keyId: string, workspaceId: string, network: string, at: Date): Promise<{ knownNetworks: number } | null> => {
      const networks = apiKeyNetworkCollection.in<{
        _id: string;
        schemaVersion: 1;
        keyId: string;
        workspaceId: string;
        network: string;
        firstSeenAt: Date;
      }>(db);
      try {
        await networks.insertOne({ _id: `${keyId}|${network}`, schemaVersion: 1, keyId, workspaceId, network, firstSeenAt: at });
      } catch (error) {
        if (isDuplicateKey(error)) return null;
        throw error;
      }
      return { knownNetworks: (await networks.countDocuments({ keyId })) - 1 };
    },
  };
};

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
