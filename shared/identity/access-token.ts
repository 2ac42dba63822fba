import type { PlatformRole } from '../kernel/index.ts';

/** Access tokens live 15 minutes (docs/product.md, Identity). */
export const accessTokenTtlSeconds = 15 * 60;

/** What an access token says about its bearer. */
export interface AccessTokenClaims {
  userId: string;
  /** The session (refresh-token family) the token was issued for. */
  sessionId: string;
  platformRoles: readonly PlatformRole[];
}

export interface IssuedAccessToken {
  token: string;
  /** Seconds until the token expires. */
  expiresIn: number;
}

/** Port: signs and checks access tokens (JWT, asymmetric, with `kid`). */
export interface AccessTokens {
  /** Signs a token with the current signing key. */
  issue: (claims: AccessTokenClaims, options?: { ttlSeconds?: number }) => Promise<IssuedAccessToken>;
  /**
   * Checks signature (pinned algorithm, key by `kid`), issuer, audience and expiry.
   * Throws DomainError(unauthenticated, INVALID_TOKEN) on any failure; never returns partial claims.
   */
  verify: (token: string) => Promise<AccessTokenClaims>;
}
