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
    retention: 'security-records',
    subject: { workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'with-workspace',
  },
  indexes: [{ name: 'api_key_networks_key', keys: { keyId: 1 } }],
});

/** One per rotated key (`_id` = the old key's id): the insert that decides a rotation race. */
export const apiKeyRotationCollection = defineCollection({
  name: 'api_key_rotations',
  privacy: noPersonalData('which key replaced which (ids only)', 'workspace'),
});

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
  return {
    insert: async (record: ApiKeyRecord, key: string) => {
      const { id, ...rest } = record;
      await keys.insertOne({ _id: id, schemaVersion: 1, hash: hashToken(key), ...rest });
    },
    findByKey: async (key: string): Promise<ApiKeyRecord | null> => {
      const doc = await keys.findOne({ hash: hashToken(key) });
      return doc ? toRecord(doc) : null;
    },
    list: async (workspaceId: string): Promise<ApiKeyRecord[]> =>
      (await keys.find({ workspaceId }).toArray()).map(toRecord).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    /** Revokes a key of this workspace; false when the workspace has no such key. Revoking twice keeps the first time. */
    revoke: async (workspaceId: string, keyId: string, at: Date): Promise<boolean> => {
      const found = await keys.findOne({ _id: keyId, workspaceId });
      if (!found) return false;
      if (found.revokedAt === null) await keys.updateOne({ _id: keyId, workspaceId, revokedAt: null }, { $set: { revokedAt: at } });
      return true;
    },
    find: async (workspaceId: string, keyId: string): Promise<ApiKeyRecord | null> => {
      const doc = await keys.findOne({ _id: keyId, workspaceId });
      return doc ? toRecord(doc) : null;
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
      // Only the rotation's winner writes here; the filter keeps an earlier expiry.
      await keys.updateOne(
        { _id: keyId, workspaceId, $or: [{ expiresAt: null }, { expiresAt: { $gt: at } }] },
        { $set: { expiresAt: at } },
      );
    },
    /** Each use is recorded (append-only) and the key's last use updated. */
    recordUse: async (keyId: string, use: { at: Date; method: string; path: string }) => {
      await Promise.all([
        apiKeyUseCollection.in(db).insertOne({ schemaVersion: 1, keyId, ...use }),
        keys.updateOne({ _id: keyId }, { $set: { lastUsedAt: use.at } }),
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
