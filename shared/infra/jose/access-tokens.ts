import { importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTHeaderParameters } from 'jose';
import { accessTokenTtlSeconds, type AccessTokenClaims, type AccessTokens } from '../../identity/access-token.ts';
import type { KeySchedule } from '../../identity/signing-key-schedule.ts';
import { DomainError, platformRoles, type PlatformRole } from '../../kernel/index.ts';
import { isDependencyFailure } from '../../platform/http/dependency-failure.ts';
import { defineResource } from '../../platform/resource.ts';
import { authConfig } from './auth-config.ts';
import type { SigningKeyStore } from './signing-key-store.ts';
import { signingKeys } from './signing-keys-resource.ts';

const algorithm = 'ES256';
const tokenType = 'at+jwt';
const publicKeysMaxAgeMs = 5 * 60_000;
/** An unknown `kid` reloads the keys at most this often, so random kids cannot hammer the database. */
const reloadMinIntervalMs = 10_000;

const invalidToken = (cause?: unknown) =>
  new DomainError('unauthenticated', 'INVALID_TOKEN', { detail: 'The access token is not valid.', cause });
const isPlatformRole = (value: unknown): value is PlatformRole => (platformRoles as readonly unknown[]).includes(value);

/** Access tokens signed with the current period's key; verification by `kid` against the stored public keys. */
export const createAccessTokens = (
  store: SigningKeyStore,
  schedule: KeySchedule,
  claims: { issuer: string; audience: string },
): AccessTokens => {
  const signingKeys = new Map<number, Promise<{ kid: string; key: CryptoKey }>>();
  let publicKeys: { loadedAt: number; byKid: Map<string, JWK> } = { loadedAt: 0, byKid: new Map() };

  const signingKey = (period: number) => {
    if (!signingKeys.has(period)) {
      const loading = store
        .ensure(period, new Date())
        .then(async (k) => ({ kid: k.kid, key: (await importJWK(k.privateJwk, algorithm)) as CryptoKey }));
      loading.catch(() => signingKeys.delete(period));
      signingKeys.set(period, loading);
    }
    return signingKeys.get(period)!;
  };

  const publicKeyFor = async (header: JWTHeaderParameters) => {
    const age = Date.now() - publicKeys.loadedAt;
    const kid = header.kid ?? '';
    if (age > publicKeysMaxAgeMs || (!publicKeys.byKid.has(kid) && age > reloadMinIntervalMs)) {
      const jwks = await store.publicKeys(new Date());
      publicKeys = { loadedAt: Date.now(), byKid: new Map(jwks.map((jwk) => [jwk.kid ?? '', jwk])) };
    }
    const jwk = publicKeys.byKid.get(kid);
    if (!jwk) throw invalidToken();
    return importJWK(jwk, algorithm);
  };

  return {
    issue: async ({ userId, sessionId, platformRoles: roles }, options = {}) => {
      const ttlSeconds = options.ttlSeconds ?? accessTokenTtlSeconds;
      const { kid, key } = await signingKey(schedule.periodOf(new Date()));
      const token = await new SignJWT({ sid: sessionId, roles: [...roles] })
        .setProtectedHeader({ alg: algorithm, kid, typ: tokenType })
        .setSubject(userId)
        .setIssuer(claims.issuer)
        .setAudience(claims.audience)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
      return { token, expiresIn: ttlSeconds };
    },
    verify: async (token): Promise<AccessTokenClaims> => {
      const { payload } = await jwtVerify(token, publicKeyFor, {
        algorithms: [algorithm],
        issuer: claims.issuer,
        audience: claims.audience,
        typ: tokenType,
        requiredClaims: ['sub', 'sid', 'exp', 'iat'],
      }).catch((cause: unknown) => {
        // The public keys come from the database: its outage is a 503, not a bad token (a 401 would make clients sign their users out).
        throw cause instanceof DomainError || isDependencyFailure(cause) ? cause : invalidToken(cause);
      });
      const roles = Array.isArray(payload.roles) ? payload.roles : [];
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !roles.every(isPlatformRole)) throw invalidToken();
      return { userId: payload.sub, sessionId: payload.sid, platformRoles: roles };
    },
  };
};

/** The access-token service of a function instance (keys cached for its life). */
export const accessTokens = defineResource({
  name: 'access-tokens',
  config: authConfig,
  requires: [signingKeys],
  create: (config, { use }) => {
    const { store, schedule } = use(signingKeys);
    return createAccessTokens(store, schedule, { issuer: config.AUTH_ISSUER, audience: config.AUTH_AUDIENCE });
  },
});
