import type { AuditLog } from '../audit/index.ts';
import { DomainError, newId, type WorkspacePermission } from '../kernel/index.ts';
import type { WorkspaceRole } from '../workspaces/index.ts';
import { apiKeyPrefix, checkNewApiKey, type ApiKeyRecord } from './api-keys.ts';
import { newSecret } from './secrets.ts';

/** Port: a workspace's API keys (the key itself is hashed by the store and never kept). */
export interface ApiKeyStore {
  insert: (record: ApiKeyRecord, key: string) => Promise<void>;
  /** The workspace's keys, newest first. */
  list: (workspaceId: string) => Promise<ApiKeyRecord[]>;
  /** Revokes a key of this workspace; false when the workspace has no such key. Revoking twice keeps the first time. */
  revoke: (workspaceId: string, keyId: string, at: Date) => Promise<boolean>;
}

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

  /** Revokes at once (also when it already was). @throws API_KEY_NOT_FOUND (404) for a key of another workspace or none. */
  revoke: async (workspaceId: string, keyId: string): Promise<void> => {
    const found = await keys.revoke(workspaceId, keyId, clock.now());
    if (!found) throw new DomainError('not_found', 'API_KEY_NOT_FOUND', { detail: 'No such API key in this workspace.' });
    // The revoker is the request's caller: the log takes them from the request it is recording in.
    await audit.record({ action: 'apikey.revoked', workspaceId, target: { type: 'api_key', id: keyId } });
  },
});

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
