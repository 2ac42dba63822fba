import type { AuditLog } from '../audit/index.ts';
import { DomainError, newId, type WorkspacePermission } from '../kernel/index.ts';
import type { WorkspaceRole } from '../workspaces/index.ts';
import { apiKeyPrefix, checkNewApiKey, isApiKeyUsable, type ApiKeyRecord } from './api-keys.ts';
import { newSecret } from './secrets.ts';

/** Port: a workspace's API keys (the key itself is hashed by the store and never kept). */
export interface ApiKeyStore {
  insert: (record: ApiKeyRecord, key: string) => Promise<void>;
  /** The workspace's keys, newest first. */
  list: (workspaceId: string) => Promise<ApiKeyRecord[]>;
  /** Revokes a key of this workspace; false when the workspace has no such key. Revoking twice keeps the first time. */
  revoke: (workspaceId: string, keyId: string, at: Date) => Promise<boolean>;
  find: (workspaceId: string, keyId: string) => Promise<ApiKeyRecord | null>;
  /** Records that `keyId` was rotated into `newKeyId`: an insert unique on `keyId`, false when it was rotated already. */
  claimRotation: (keyId: string, newKeyId: string, at: Date) => Promise<boolean>;
  /** Deletes a key nobody was ever shown (the loser of a rotation race). */
  remove: (keyId: string) => Promise<void>;
  /** Brings the key's expiry forward to `at` (never later than it was). */
  expireBy: (workspaceId: string, keyId: string, at: Date) => Promise<void>;
}

/** How long a rotated key keeps working by default, and at most (minutes). */
export const apiKeyRotationOverlap = { defaultMinutes: 60, maxMinutes: 7 * 24 * 60 } as const;

export interface NewApiKey {
  name: string;
  permissions: readonly WorkspacePermission[];
  expiresAt: Date | null;
}

/** Creating, listing and revoking a workspace's API keys (the route checked `apikeys:manage`). */
export const createApiKeyService = ({ keys, clock, audit }: { keys: ApiKeyStore; clock: { now: () => Date }; audit: AuditLog }) => ({
  /**
   * A new key with permissions up to its creator's role. The key is in this answer only.
   * @throws API_KEY_PERMISSION_BEYOND_ROLE (403), API_KEY_PERMISSION_UNUSABLE (422), API_KEY_EXPIRY_IN_PAST (400).
   */
  create: async (workspaceId: string, creator: { userId: string; role: WorkspaceRole }, input: NewApiKey) => {
    const now = clock.now();
    checkNewApiKey(input, creator.role, now);
    const key = newSecret('uxf');
    const record: ApiKeyRecord = {
      id: newId('apk'),
      workspaceId,
      name: input.name,
      prefix: apiKeyPrefix(key),
      permissions: [...new Set(input.permissions)],
      createdBy: creator.userId,
      createdAt: now,
      expiresAt: input.expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    await keys.insert(record, key);
    await audit.record({
      action: 'apikey.created',
      actor: { type: 'user', id: creator.userId, userId: creator.userId },
      workspaceId,
      target: { type: 'api_key', id: record.id },
      details: { permissions: record.permissions.join(' '), expiresAt: record.expiresAt?.toISOString() ?? null },
    });
    return { record, key };
  },

  list: (workspaceId: string) => keys.list(workspaceId),

  /**
   * Replaces a key by a new one with the same name, permissions and expiry; the old one keeps
   * working until the overlap ends (or its own expiry, if sooner), so clients switch without a
   * failed request. Race-safe: of concurrent rotations of one key, the insert of the rotation
   * record decides the one winner; a loser deletes the key it made (nobody saw it) and gets 409.
   * @throws API_KEY_NOT_FOUND (404), API_KEY_NOT_USABLE (409: revoked or expired), API_KEY_ALREADY_ROTATED (409),
   * and the creation checks against the rotator's role.
   */
  rotate: async (workspaceId: string, keyId: string, rotator: { userId: string; role: WorkspaceRole }, overlapMinutes: number) => {
    const now = clock.now();
    const old = await keys.find(workspaceId, keyId);
    if (!old) throw new DomainError('not_found', 'API_KEY_NOT_FOUND', { detail: 'No such API key in this workspace.' });
    if (!isApiKeyUsable(old, now))
      throw new DomainError('conflict', 'API_KEY_NOT_USABLE', { detail: 'A revoked or expired key cannot be rotated; create a new one.' });
    checkNewApiKey({ permissions: old.permissions, expiresAt: old.expiresAt }, rotator.role, now);
    const overlapEnds = new Date(Math.min(now.getTime() + overlapMinutes * 60_000, old.expiresAt?.getTime() ?? Infinity));
    const key = newSecret('uxf');
    const record: ApiKeyRecord = {
      ...old,
      id: newId('apk'),
      prefix: apiKeyPrefix(key),
      createdBy: rotator.userId,
      createdAt: now,
      revokedAt: null,
      lastUsedAt: null,
    };
    await keys.insert(record, key);
    if (!(await keys.claimRotation(keyId, record.id, now))) {
      await keys.remove(record.id);
      throw new DomainError('conflict', 'API_KEY_ALREADY_ROTATED', { detail: 'This key was rotated already; rotate its successor.' });
    }
    await keys.expireBy(workspaceId, keyId, overlapEnds);
    await audit.record({
      action: 'apikey.rotated',
      actor: { type: 'user', id: rotator.userId, userId: rotator.userId },
      workspaceId,
      target: { type: 'api_key', id: keyId },
      details: { newKeyId: record.id, previousKeyExpiresAt: overlapEnds.toISOString() },
    });
    return { record, key, previous: { id: keyId, expiresAt: overlapEnds } };
  },

  /** Revokes at once (also when it already was). @throws API_KEY_NOT_FOUND (404) for a key of another workspace or none. */
  revoke: async (workspaceId: string, keyId: string): Promise<void> => {
    const found = await keys.revoke(workspaceId, keyId, clock.now());
    if (!found) throw new DomainError('not_found', 'API_KEY_NOT_FOUND', { detail: 'No such API key in this workspace.' });
    // The revoker is the request's caller: the log takes them from the request it is recording in.
    await audit.record({ action: 'apikey.revoked', workspaceId, target: { type: 'api_key', id: keyId } });
  },
});

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
