import type { AccessTokenClaims, AccessTokens } from '../../identity/access-token.ts';
import { DomainError, type WorkspacePermission } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import type { AuthContext, AuthenticationRequest, Authenticator } from '../../platform/http/auth-context.ts';
import { defineResource } from '../../platform/resource.ts';
import { roleGrants, type WorkspaceRole } from '../../workspaces/index.ts';
import { accessTokens } from '../jose/access-tokens.ts';
import { findRole } from '../mongodb/membership-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';

const bearer = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

const unauthenticated = (detail: string) => new DomainError('unauthenticated', 'UNAUTHENTICATED', { detail });

/** Port of the membership lookup, so the rules below can be tested without a database. */
export type FindRole = (workspaceId: string, userId: string) => Promise<WorkspaceRole | null>;

const checkWorkspace = async (claims: AccessTokenClaims, workspaceId: string, permission: WorkspacePermission, findRoleOf: FindRole) => {
  const role = await findRoleOf(workspaceId, claims.userId);
  // Another tenant's workspace and a missing one look the same: 404, never 403.
  if (!role) throw new DomainError('not_found', 'WORKSPACE_NOT_FOUND', { detail: 'No such workspace.' });
  if (!roleGrants(role, permission)) {
    throw new DomainError('forbidden', 'PERMISSION_DENIED', {
      detail: `Your role (${role}) lacks ${permission}.`,
      extensions: { permission },
    });
  }
  return { id: workspaceId, role };
};

/**
 * Bearer access tokens (JWT) and the permission matrix. API keys (`uxf_…`) arrive with their own
 * slice of the identity work and are refused here until then.
 */
export const createJwtAuthenticator = (tokens: AccessTokens, findRoleOf: FindRole): Authenticator => ({
  authenticate: async ({ authorization, workspaceId, access }: AuthenticationRequest): Promise<AuthContext> => {
    const match = bearer.exec(authorization ?? '');
    if (!match) throw unauthenticated('Send an access token: Authorization: Bearer <token>.');
    if (match[1]!.startsWith('uxf_'))
      throw new DomainError('not_implemented', 'API_KEYS_NOT_AVAILABLE', { detail: 'API keys are not available yet.' });
    const claims = await tokens.verify(match[1]!);
    const auth: AuthContext = { userId: claims.userId, sessionId: claims.sessionId, platformRoles: claims.platformRoles };
    if (access.type === 'platform') {
      if (!claims.platformRoles.includes(access.role) && !claims.platformRoles.includes('admin')) {
        throw new DomainError('forbidden', 'PERMISSION_DENIED', { detail: `This needs the platform role ${access.role}.` });
      }
      return auth;
    }
    if (access.permission === 'self' || workspaceId === undefined) return auth;
    return { ...auth, workspace: await checkWorkspace(claims, workspaceId, access.permission, findRoleOf) };
  },
});

export const jwtAuthenticator = defineResource({
  name: 'jwt-authenticator',
  config: defineConfig({ name: 'jwt-authenticator', shape: {}, devDefaults: {} }),
  requires: [accessTokens, mongo],
  create: (_config, { use }) =>
    createJwtAuthenticator(use(accessTokens), (workspaceId, userId) => findRole(use(mongo).db, workspaceId, userId)),
});
