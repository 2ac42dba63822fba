import { DomainError, type WorkspacePermission } from '../kernel/index.ts';
import { rolePermissions, type WorkspaceRole } from '../workspaces/index.ts';
import { apiKeyPermissions } from './api-key-permissions.ts';

/** Shown in lists so people can tell their keys apart: `uxf_` and the next 8 characters. */
export const apiKeyPrefixLength = 12;
export const apiKeyPrefix = (key: string): string => key.slice(0, apiKeyPrefixLength);
export const isApiKey = (token: string): boolean => token.startsWith('uxf_');

/** A stored API key: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  id: string;
  workspaceId: string;
  name: string;
  prefix: string;
  permissions: readonly WorkspacePermission[];
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

const usable: ReadonlySet<WorkspacePermission> = new Set(apiKeyPermissions);

/**
 * A key may carry only permissions its creator's role holds (no escalation through keys: 403, asked
 * first since it depends on who asks), only permissions that some endpoint accepting keys declares
 * (422: any other would be granted and never honoured), and must expire in the future when it
 * expires at all.
 */
export const checkNewApiKey = (
  input: { permissions: readonly WorkspacePermission[]; expiresAt: Date | null },
  creatorRole: WorkspaceRole,
  now: Date,
) => {
  const beyondRole = input.permissions.filter((p) => !rolePermissions[creatorRole].has(p));
  if (beyondRole.length > 0) {
    throw new DomainError('forbidden', 'API_KEY_PERMISSION_BEYOND_ROLE', {
      detail: `Your role (${creatorRole}) cannot grant: ${beyondRole.join(', ')}.`,
      extensions: { permissions: beyondRole },
    });
  }
  const unusable = [...new Set(input.permissions.filter((p) => !usable.has(p)))];
  if (unusable.length > 0) {
    throw new DomainError('unprocessable', 'API_KEY_PERMISSION_UNUSABLE', {
      detail: `No endpoint that accepts API keys uses: ${unusable.join(', ')}.`,
      extensions: { permissions: unusable, usablePermissions: apiKeyPermissions },
    });
  }
  if (input.expiresAt && input.expiresAt <= now) {
    throw new DomainError('invalid', 'API_KEY_EXPIRY_IN_PAST', { detail: 'expiresAt must be in the future.' });
  }
};

/** Whether a stored key may be used at `now`. */
export const isApiKeyUsable = (key: Pick<ApiKeyRecord, 'revokedAt' | 'expiresAt'>, now: Date): boolean =>
  key.revokedAt === null && (key.expiresAt === null || key.expiresAt > now);
