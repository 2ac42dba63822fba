import type { OAuthProviderClient } from '../../identity/index.ts';
import { accessTokenOf, postForm, providerJson, providerUnavailable } from './provider-http.ts';

export interface GitHubClientOptions {
  authorizeUrl: string;
  tokenUrl: string;
  /** The REST API base, without a trailing slash. */
  apiUrl: string;
  clientId: string;
  clientSecret: string;
}

interface GitHubEmail {
  email: string;
  primary: boolean;
  verified: boolean;
}

/**
 * GitHub's OAuth app flow (plain OAuth 2.0, no ID token): the code and PKCE verifier for an
 * access token, then `GET /user` for the stable numeric id and `GET /user/emails` for the
 * primary verified address (the profile's `email` is only the public one, often null).
 */
export const createGitHubClient = (options: GitHubClientOptions): OAuthProviderClient => {
  const api = async (path: string, token: string) => {
    const answer = await providerJson(`${options.apiUrl}${path}`, {
      headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28' },
    });
    if (answer.status !== 200) throw providerUnavailable(new Error(`GitHub ${path} answered ${answer.status}`));
    return answer.body;
  };

  return {
    authorizationUrl: async ({ state, codeChallenge, callbackUrl }) => {
      const url = new URL(options.authorizeUrl);
      const params = { client_id: options.clientId, redirect_uri: callbackUrl, scope: 'read:user user:email', state };
      for (const [key, value] of Object.entries({ ...params, code_challenge: codeChallenge, code_challenge_method: 'S256' }))
        url.searchParams.set(key, value);
      return url.toString();
    },
    redeem: async ({ code, codeVerifier, callbackUrl }) => {
      const answer = await postForm(options.tokenUrl, {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        code,
        redirect_uri: callbackUrl,
        code_verifier: codeVerifier,
      });
      const token = accessTokenOf(answer).access_token;
      const [user, emails] = await Promise.all([api('/user', token), api('/user/emails', token)]);
      if (typeof user.id !== 'number' && typeof user.id !== 'string') throw providerUnavailable(new Error('GitHub /user without id'));
      const list = (Array.isArray(emails) ? emails : []) as GitHubEmail[];
      const primary = list.find((entry) => entry.primary && entry.verified) ?? null;
      return {
        subject: String(user.id),
        email: primary ? primary.email.trim().toLowerCase() : null,
        emailVerified: primary !== null,
        name: typeof user.name === 'string' ? user.name : typeof user.login === 'string' ? user.login : null,
      };
    },
  };
};
