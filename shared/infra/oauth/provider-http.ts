import { DomainError } from '../../kernel/index.ts';

const timeoutMs = 10_000;

export const providerUnavailable = (cause: unknown) =>
  new DomainError('unavailable', 'OAUTH_PROVIDER_UNAVAILABLE', { detail: 'The sign-in provider did not answer; try again later.', cause });

export const codeRejected = (cause?: unknown) =>
  new DomainError('invalid', 'OAUTH_CODE_REJECTED', {
    detail: 'The provider refused the authorization code (expired, used, or the PKCE verifier does not match).',
    cause,
  });

/**
 * A JSON request to a provider. Network failures, timeouts, 5xx and non-JSON answers throw
 * OAUTH_PROVIDER_UNAVAILABLE; other statuses are returned for the caller to judge.
 */
export const providerJson = async (url: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> => {
  let response: Response;
  try {
    response = await fetch(url, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'application/json', 'user-agent': 'uxflow-engine', ...init.headers },
    });
  } catch (error) {
    throw providerUnavailable(error);
  }
  if (response.status >= 500) throw providerUnavailable(new Error(`provider answered ${response.status}`));
  const body: unknown = await response.json().catch(() => null);
  if (body === null || typeof body !== 'object') throw providerUnavailable(new Error(`provider answered ${response.status} without JSON`));
  return { status: response.status, body: body as Record<string, unknown> };
};

/** A form-encoded POST (the OAuth 2.0 token request) answered in JSON. */
export const postForm = (url: string, params: Record<string, string>) =>
  providerJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });

/** The access token of a token response; OAUTH_CODE_REJECTED for an error answer (RFC 6749 §5.2, or GitHub's 200 with `error`). */
export const accessTokenOf = (answer: {
  status: number;
  body: Record<string, unknown>;
}): Record<string, unknown> & { access_token: string } => {
  const token = answer.body.access_token;
  if (answer.status !== 200 || typeof token !== 'string' || token.length === 0)
    throw codeRejected(new Error(`token endpoint: ${answer.status} ${typeof answer.body.error === 'string' ? answer.body.error : ''}`));
  return { ...answer.body, access_token: token };
};
