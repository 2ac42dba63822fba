import { DomainError } from '../kernel/index.ts';
import type { PublicUser } from './accounts.ts';
import { linkOrCreateUser, type LinkPorts } from './oauth-linking.ts';
import type { OAuthIdentities, OAuthProvider, OAuthProviderClient, OAuthStates } from './oauth-ports.ts';
import type { Clock, SecurityEvents } from './ports.ts';
import { newSecret, secretsEqual } from './secrets.ts';
import type { SessionService, SessionTokens } from './session-service.ts';

export interface OAuthLoginPorts extends LinkPorts {
  states: OAuthStates;
  identities: OAuthIdentities;
  providers: Record<OAuthProvider, OAuthProviderClient>;
  sessions: Pick<SessionService, 'start' | 'endSessions'>;
  /** Whether the account has 2FA on: such accounts cannot sign in through a provider (no step-up yet). */
  hasSecondFactor: (userId: string) => Promise<boolean>;
  securityEvents: SecurityEvents;
  clock: Clock;
  /** Where clients may ask to be sent back to (exact match). */
  redirectUris: readonly string[];
  /** Our public base URL, without a trailing slash: the callback is `<base>/v1/auth/oauth/<provider>/callback`. */
  callbackBaseUrl: string;
}

export interface OAuthCallbackInput {
  code: string;
  state: string;
  /** The binding cookie (or header) the client brought back; missing when it brought none. */
  binding: string | undefined;
  ip: string;
  userAgent?: string;
}

export type OAuthSignedIn = SessionTokens & { user: PublicUser; redirectUri: string; isNewUser: boolean };

/** How long an authorization request stays redeemable. */
export const oauthStateTtlMs = 10 * 60 * 1000;

const base64Url = (bytes: ArrayBuffer) =>
  btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replaceAll('=', '');

/** PKCE S256: base64url(SHA-256(verifier)). */
export const pkceChallenge = async (verifier: string): Promise<string> =>
  base64Url(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));

const stateError = (code: 'OAUTH_STATE_INVALID' | 'OAUTH_STATE_EXPIRED' | 'OAUTH_STATE_USED', detail: string) =>
  new DomainError('invalid', code, { detail });

/** Sign-in with Google (OIDC) and GitHub (OAuth 2.0): authorization code + PKCE + state (+ nonce). */
export const createOAuthLogin = (ports: OAuthLoginPorts) => {
  const { states, providers, clock } = ports;
  const callbackUrl = (provider: OAuthProvider) => `${ports.callbackBaseUrl}/v1/auth/oauth/${provider}/callback`;
  const refuse = async (reason: string, ip: string, error: DomainError) => {
    await ports.securityEvents.record({ type: 'oauth_failed', at: clock.now(), ip, details: { reason } });
    return error;
  };

  return {
    /**
     * The provider URL to send the browser to, and the binding value to set on that browser.
     * Throws REDIRECT_URI_NOT_ALLOWED for a redirect URI off the allow-list.
     */
    start: async (provider: OAuthProvider, redirectUri: string): Promise<{ location: string; binding: string; maxAgeSeconds: number }> => {
      if (!ports.redirectUris.includes(redirectUri))
        throw new DomainError('invalid', 'REDIRECT_URI_NOT_ALLOWED', { detail: 'redirectUri is not on the allow-list.' });
      const [state, codeVerifier, nonce, binding] = [newSecret('st'), newSecret('pkce'), newSecret('n'), newSecret('ob')];
      const expiresAt = new Date(clock.now().getTime() + oauthStateTtlMs);
      await states.create(state, { provider, codeVerifier, nonce, binding, redirectUri, expiresAt });
      const codeChallenge = await pkceChallenge(codeVerifier);
      const location = await providers[provider].authorizationUrl({ state, codeChallenge, nonce, callbackUrl: callbackUrl(provider) });
      // The binding goes to the starting browser as a cookie: a callback URL replayed in another
      // browser (login CSRF) arrives without it.
      return { location, binding, maxAgeSeconds: oauthStateTtlMs / 1000 };
    },

    /**
     * Redeems the provider's answer: the state is single-use (of concurrent callbacks one wins),
     * then the code is exchanged with the PKCE verifier, the account linked or created, a session started.
     * Throws OAUTH_STATE_INVALID / _EXPIRED / _USED, OAUTH_CODE_REJECTED, OAUTH_ID_TOKEN_INVALID,
     * OAUTH_EMAIL_UNVERIFIED or OAUTH_PROVIDER_UNAVAILABLE.
     */
    callback: async (provider: OAuthProvider, input: OAuthCallbackInput): Promise<OAuthSignedIn> => {
      const entry = await states.find(input.state);
      if (!entry || entry.provider !== provider)
        throw await refuse('STATE_UNKNOWN', input.ip, stateError('OAUTH_STATE_INVALID', 'The state is unknown.'));
      if (!input.binding || !secretsEqual(input.binding, entry.binding))
        throw await refuse(
          'BROWSER_MISMATCH',
          input.ip,
          stateError('OAUTH_STATE_INVALID', 'This sign-in was started in another browser; start again.'),
        );
      if (entry.expiresAt.getTime() <= clock.now().getTime())
        throw await refuse('STATE_EXPIRED', input.ip, stateError('OAUTH_STATE_EXPIRED', 'The sign-in took too long; start again.'));
      if (!(await states.consume(input.state)))
        throw await refuse('STATE_REUSED', input.ip, stateError('OAUTH_STATE_USED', 'The state was used already; start again.'));
      const profile = await providers[provider]
        .redeem({ code: input.code, codeVerifier: entry.codeVerifier, nonce: entry.nonce, callbackUrl: callbackUrl(provider) })
        .catch(async (error: unknown) => {
          const code = error instanceof DomainError ? error.code : 'UNKNOWN';
          if (code === 'OAUTH_CODE_REJECTED' || code === 'OAUTH_ID_TOKEN_INVALID') throw await refuse(code, input.ip, error as DomainError);
          throw error;
        });
      const { user, isNewUser } = await linkOrCreateUser(ports, provider, profile);
      // A provider sign-in must not bypass the second factor the account chose.
      if (await ports.hasSecondFactor(user.id)) {
        throw await refuse(
          'TWO_FACTOR_REQUIRED',
          input.ip,
          new DomainError('forbidden', 'TWO_FACTOR_REQUIRED', {
            detail: 'This account uses two-factor authentication: sign in with your password and code.',
          }),
        );
      }
      const client = { ip: input.ip, method: 'oauth' as const, ...(input.userAgent ? { userAgent: input.userAgent } : {}) };
      const tokens = await ports.sessions.start(user, false, client);
      const publicUser = { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified };
      return { ...tokens, user: publicUser, redirectUri: entry.redirectUri, isNewUser };
    },
  };
};

export type OAuthLogin = ReturnType<typeof createOAuthLogin>;
