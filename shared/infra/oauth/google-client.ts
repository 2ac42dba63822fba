import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { DomainError } from '../../kernel/index.ts';
import type { OAuthProviderClient, ProviderProfile } from '../../identity/index.ts';
import { accessTokenOf, postForm, providerJson, providerUnavailable } from './provider-http.ts';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export interface GoogleClientOptions {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

const invalidIdToken = (cause: unknown) =>
  new DomainError('unauthenticated', 'OAUTH_ID_TOKEN_INVALID', { detail: 'The provider’s ID token did not verify.', cause });

const discover = async (issuer: string) => {
  const { status, body } = await providerJson(`${issuer}/.well-known/openid-configuration`);
  const fields = ['issuer', 'authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const;
  if (status !== 200 || fields.some((field) => typeof body[field] !== 'string'))
    throw providerUnavailable(new Error(`discovery answered ${status}`));
  return body as unknown as Discovery;
};

const profileOf = (claims: JWTPayload): ProviderProfile => ({
  subject: claims.sub!,
  email: typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : null,
  // Google documents a boolean; older tokens carried the string "true".
  emailVerified: claims.email_verified === true || claims.email_verified === 'true',
  name: typeof claims.name === 'string' ? claims.name : null,
});

/**
 * An OpenID Connect provider (Google, or oidc-provider on loopback in development): endpoints
 * from discovery, the ID token verified with jose against the JWKS (RS256 pinned; issuer,
 * audience = our client id, expiry, nonce). Discovery and keys are cached for the instance.
 */
export const createGoogleClient = (options: GoogleClientOptions): OAuthProviderClient => {
  let discovery: Promise<Discovery> | undefined;
  let jwks: ReturnType<typeof createRemoteJWKSet> | undefined;
  const endpoints = () => {
    discovery ??= discover(options.issuer).catch((error: unknown) => {
      discovery = undefined;
      throw error;
    });
    return discovery;
  };
  // Google's tokens name the issuer with or without the scheme.
  const issuers = (issuer: string) => [issuer, issuer.replace(/^https:\/\//, '')];

  return {
    authorizationUrl: async ({ state, codeChallenge, nonce, callbackUrl }) => {
      const url = new URL((await endpoints()).authorization_endpoint);
      const params = { response_type: 'code', client_id: options.clientId, redirect_uri: callbackUrl, scope: 'openid email profile' };
      for (const [key, value] of Object.entries({ ...params, state, nonce, code_challenge: codeChallenge, code_challenge_method: 'S256' }))
        url.searchParams.set(key, value);
      return url.toString();
    },
    redeem: async ({ code, codeVerifier, nonce, callbackUrl }) => {
      const { issuer, token_endpoint, jwks_uri } = await endpoints();
      const answer = await postForm(token_endpoint, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: callbackUrl,
        code_verifier: codeVerifier,
        client_id: options.clientId,
        client_secret: options.clientSecret,
      });
      const idToken = accessTokenOf(answer).id_token;
      if (typeof idToken !== 'string') throw invalidIdToken(new Error('no id_token in the token response'));
      jwks ??= createRemoteJWKSet(new URL(jwks_uri));
      const { payload } = await jwtVerify(idToken, jwks, {
        issuer: issuers(issuer),
        audience: options.clientId,
        algorithms: ['RS256'],
      }).catch((error: unknown) => {
        throw invalidIdToken(error);
      });
      if (payload.nonce !== nonce || typeof payload.sub !== 'string') throw invalidIdToken(new Error('nonce or sub mismatch'));
      return profileOf(payload);
    },
  };
};
