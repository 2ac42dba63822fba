import type { PlatformRole, WorkspacePermission } from '../../kernel/index.ts';
import type { WorkspaceRole } from '../../workspaces/index.ts';
import type { Access } from '../definition/metadata.ts';

/** Who is calling, as established by the authenticator. */
export interface AuthContext {
  /** How the caller proved who they are. */
  via: 'jwt' | 'apiKey';
  /** The user; for an API key, the member who created it. */
  userId: string;
  /** The session (JWT) or the API key id. */
  sessionId: string;
  platformRoles: readonly PlatformRole[];
  /**
   * When the route names a workspace (`{workspaceId}`), or an API key is used: the workspace and
   * what the caller may do in it (a member's role, or the key's own permissions).
   */
  workspace?: { id: string; role: WorkspaceRole | null; permissions: ReadonlySet<WorkspacePermission> };
  /** Set when support staff act as the user (a time-boxed impersonation session). */
  impersonation?: Impersonation;
}

/** A support impersonation as a request sees it. */
export interface Impersonation {
  /** The impersonation's session id. */
  id: string;
  staffUserId: string;
  /** Whether the user let it write. */
  writable: boolean;
}

export interface AuthenticationRequest {
  /** The Authorization header, as sent. */
  authorization: string | undefined;
  /** Method and route pattern, recorded with each API-key use and in security events. */
  method: string;
  path: string;
  /** The client address (last `X-Forwarded-For` hop), recorded with security events. */
  ip?: string;
  /** The `workspaceId` path parameter, when the route has one. */
  workspaceId: string | undefined;
  /** The function's decision (the authenticator it names is the one being asked). */
  access: GuardedAccess;
}

/** A guarded access decision, without the adapters that enforce it. */
export type GuardedAccess =
  Exclude<Access, { type: 'public' } | { type: 'signature' }> extends infer A
    ? A extends unknown
      ? Omit<A, 'authenticator' | 'limiter'>
      : never
    : never;

/**
 * Port: establishes the caller and checks the function's declared permission.
 * Throws DomainError: unauthenticated (no or bad credentials), not_found (a workspace the caller
 * is not a member of: never 403 across tenants), forbidden (a member without the permission).
 * Every refusal counts against the client address's allowance, except those in
 * `freeRefusalCodes`, which an authenticator must decide without reading or writing a store.
 */
export interface Authenticator {
  authenticate: (request: AuthenticationRequest) => Promise<AuthContext>;
}

/**
 * Refusals that cost no store access and that every honest client meets daily (no credentials
 * sent, or an access token that fails verification: expired above all), so they do not count
 * against the address's refused authentications. A forged token costs one signature check.
 */
export const freeRefusalCodes: ReadonlySet<string> = new Set(['UNAUTHENTICATED', 'INVALID_TOKEN']);
