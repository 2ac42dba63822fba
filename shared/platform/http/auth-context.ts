import type { PlatformRole } from '../../kernel/index.ts';
import type { WorkspaceRole } from '../../workspaces/index.ts';
import type { Access } from '../definition/metadata.ts';

/** Who is calling, as established by the authenticator. */
export interface AuthContext {
  userId: string;
  sessionId: string;
  platformRoles: readonly PlatformRole[];
  /** When the route names a workspace (`{workspaceId}`): it and the caller's role in it. */
  workspace?: { id: string; role: WorkspaceRole };
}

export interface AuthenticationRequest {
  /** The Authorization header, as sent. */
  authorization: string | undefined;
  /** The `workspaceId` path parameter, when the route has one. */
  workspaceId: string | undefined;
  access: Exclude<Access, { type: 'public' } | { type: 'signature' }>;
}

/**
 * Port: establishes the caller and checks the function's declared permission.
 * Throws DomainError: unauthenticated (no or bad credentials), not_found (a workspace the caller
 * is not a member of: never 403 across tenants), forbidden (a member without the permission).
 */
export interface Authenticator {
  authenticate: (request: AuthenticationRequest) => Promise<AuthContext>;
}
