import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * Ties an OAuth flow to the browser that started it (against login CSRF). SameSite=Lax, not
 * Strict: the provider sends the browser back with a top-level cross-site GET. Clients without
 * cookies send the value back in `X-OAuth-Binding` (they read it from the start answer).
 */
const cookieName = '__Secure-uxf_oauth';
const cookiePath = '/v1/auth/oauth';

export const setOAuthBinding = (c: Context, binding: string, maxAgeSeconds: number) =>
  setCookie(c, cookieName, binding, { secure: true, httpOnly: true, sameSite: 'Lax', path: cookiePath, maxAge: maxAgeSeconds });

export const takeOAuthBinding = (c: Context): string | undefined => {
  const binding = getCookie(c, cookieName) ?? c.req.header('x-oauth-binding');
  deleteCookie(c, cookieName, { secure: true, httpOnly: true, sameSite: 'Lax', path: cookiePath });
  return binding;
};
