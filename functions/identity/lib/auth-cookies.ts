import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { SessionTokens } from '../../../shared/identity/index.ts';

/** The refresh token: httpOnly, sent only to the auth endpoints. `__Secure-` makes browsers insist on HTTPS. */
export const refreshCookie = '__Secure-uxf_refresh';
/** The double-submit CSRF token: readable by the web client, which echoes it in `X-CSRF-Token`. */
export const csrfCookie = '__Secure-uxf_csrf';
const refreshPath = '/v1/auth';

/** Sets both cookies, with the refresh token's lifetime (7 days, 30 with "remember me"). */
export const setSessionCookies = (c: Context, tokens: SessionTokens): void => {
  const common = { secure: true, sameSite: 'Strict', maxAge: tokens.refreshExpiresIn } as const;
  setCookie(c, refreshCookie, tokens.refreshToken, { ...common, httpOnly: true, path: refreshPath });
  setCookie(c, csrfCookie, tokens.csrfToken, { ...common, httpOnly: false, path: '/' });
};

export const clearSessionCookies = (c: Context): void => {
  deleteCookie(c, refreshCookie, { secure: true, sameSite: 'Strict', httpOnly: true, path: refreshPath });
  deleteCookie(c, csrfCookie, { secure: true, sameSite: 'Strict', path: '/' });
};

/** The refresh credential of a request: the body's token (non-browser clients), else the cookie with its CSRF pair. */
export const refreshCredential = (c: Context, bodyToken: string | undefined) => {
  if (bodyToken !== undefined) return { via: 'body' as const, credential: { refreshToken: bodyToken } };
  const refreshToken = getCookie(c, refreshCookie);
  if (refreshToken === undefined) return null;
  const credential = { refreshToken, csrfCookie: getCookie(c, csrfCookie) ?? '', csrfHeader: c.req.header('x-csrf-token') ?? '' };
  return { via: 'cookie' as const, credential };
};

/**
 * The caller's address for the per-IP lockout: the last `X-Forwarded-For` hop, the one our own
 * gateway appended (earlier hops are the client's to invent).
 */
export const clientIp = (c: Context): string => {
  const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim());
  return hops.at(-1) || 'unknown';
};
