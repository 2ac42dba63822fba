import type { PlatformRole, WorkspacePermission } from '../../kernel/index.ts';
import type { Authenticator } from '../http/auth-context.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { ResourceRef } from '../resource.ts';
import type { Credential } from './metadata.ts';

/**
 * How callers of a guarded function prove who they are: the authenticator that checks them, the
 * limiter that counts its refusals per client address (asked before authenticating, so refused
 * credentials cannot cost the store without bound) and the credentials it accepts there (adapters
 * export the schemes, e.g. `jwt` and `jwtOrApiKey`).
 */
export interface CredentialScheme {
  authenticator: ResourceRef<Authenticator>;
  limiter: ResourceRef<RateLimiter>;
  credentials: readonly [Credential, ...Credential[]];
}

/** Anyone may call; `reason` says why, and is reviewed like a permission would be. */
export const publicAccess = (reason: string) => ({ type: 'public', reason }) as const;

/**
 * A caller with `permission` in the workspace the route names (`{workspaceId}`; on routes that
 * address a resource by its own id, the domain service checks the resource's workspace), or
 * `self` for the caller's own account.
 */
export const authenticated = <P extends WorkspacePermission | 'self'>(scheme: CredentialScheme, permission: P) =>
  ({
    type: 'authenticated',
    authenticator: scheme.authenticator,
    limiter: scheme.limiter,
    credentials: scheme.credentials,
    permission,
  }) as const;

/** Staff only: a user token with the platform role, or one of the roles listed (admins pass every role check). */
export const platform = (scheme: CredentialScheme, role: PlatformRole | readonly [PlatformRole, ...PlatformRole[]]) =>
  ({ type: 'platform', authenticator: scheme.authenticator, limiter: scheme.limiter, role }) as const;

/** The roles a platform access decision admits (admins besides). */
export const platformRolesOf = (role: PlatformRole | readonly PlatformRole[]): readonly PlatformRole[] =>
  typeof role === 'string' ? [role] : role;

/** A webhook: the handler verifies the sender's signature over the raw body. */
export const signature = (scheme: 'stripe') => ({ type: 'signature', scheme }) as const;
