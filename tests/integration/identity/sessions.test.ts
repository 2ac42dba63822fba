import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, goodPassword, startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_sessions');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

interface Tokens {
  accessToken: string;
  refreshToken: string;
}
const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

/** A fresh account signed in twice over: once for a browser (cookies), once for a script (body). */
const signUp = async () => {
  const email = uniqueEmail('session');
  const registered = await apps.call('register', '/v1/auth/register', { body: { email, password: goodPassword, name: 'Grace' } });
  const cookies = cookiesOf(registered);
  const browser = { refresh: cookies['__Secure-uxf_refresh']!.value, csrf: cookies['__Secure-uxf_csrf']!.value };
  const login = await apps.call('login', '/v1/auth/login', {
    body: { email, password: goodPassword, refreshTokenIn: 'body' },
    ip: `10.0.${Math.floor(Math.random() * 250)}.1`,
  });
  expect(login.status).toBe(200);
  expect(login.headers.getSetCookie()).toEqual([]);
  return { email, browser, script: (await login.json()) as Tokens };
};
const cookieRefresh = (refresh: string, csrf: string, header = csrf) =>
  apps.call('refresh', '/v1/auth/refresh', {
    headers: { cookie: `__Secure-uxf_refresh=${refresh}; __Secure-uxf_csrf=${csrf}`, 'x-csrf-token': header },
  });
const bodyRefresh = (refreshToken: string) => apps.call('refresh', '/v1/auth/refresh', { body: { refreshToken } });

describe('identity-refresh', () => {
  it('should rotate the cookie and then treat the old token as reuse, revoking the family', async () => {
    const { browser } = await signUp();
    const first = await cookieRefresh(browser.refresh, browser.csrf);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ accessToken: expect.any(String), expiresIn: 900 });
    const rotated = cookiesOf(first);
    expect(rotated['__Secure-uxf_refresh']!.value).not.toBe(browser.refresh);
    const next = { refresh: rotated['__Secure-uxf_refresh']!.value, csrf: rotated['__Secure-uxf_csrf']!.value };
    expect((await cookieRefresh(next.refresh, next.csrf)).status).toBe(200);

    const reused = await cookieRefresh(browser.refresh, browser.csrf);
    expect(reused.status).toBe(401);
    expect(await codeOf(reused)).toBe('REFRESH_TOKEN_REUSED');
    expect(await apps.db.collection('security_events').countDocuments({ type: 'refresh_token_reused' })).toBeGreaterThan(0);
  });

  it('should refuse every token of a family when one of them was reused', async () => {
    const { script } = await signUp();
    const rotated = (await (await bodyRefresh(script.refreshToken)).json()) as Tokens;
    expect(rotated.refreshToken).toMatch(/^rt_/);
    expect((await bodyRefresh(script.refreshToken)).status).toBe(401);
    const afterReuse = await bodyRefresh(rotated.refreshToken);
    expect(afterReuse.status).toBe(401);
    expect(await codeOf(afterReuse)).toBe('INVALID_REFRESH_TOKEN');
  });

  it('should let exactly one of 20 concurrent refreshes with one token succeed', async () => {
    const { script } = await signUp();
    const responses = await Promise.all(Array.from({ length: 20 }, async () => bodyRefresh(script.refreshToken)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 401)).toHaveLength(19);
  });

  it('should answer 403 CSRF_FAILED when the cookie comes without the matching header', async () => {
    const { browser } = await signUp();
    const forged = await cookieRefresh(browser.refresh, browser.csrf, 'csrf_guess');
    expect(forged.status).toBe(403);
    expect(await codeOf(forged)).toBe('CSRF_FAILED');
    expect((await cookieRefresh(browser.refresh, browser.csrf, '')).status).toBe(403);
    // The failed attempt did not use up the token.
    expect((await cookieRefresh(browser.refresh, browser.csrf)).status).toBe(200);
  });

  it('should answer 401 when no refresh token is sent or it is unknown', async () => {
    expect(await codeOf(await apps.call('refresh', '/v1/auth/refresh'))).toBe('REFRESH_TOKEN_MISSING');
    expect(await codeOf(await bodyRefresh('rt_unknown'))).toBe('INVALID_REFRESH_TOKEN');
    expect((await apps.call('refresh', '/v1/auth/refresh', { body: { refreshToken: 5 } })).status).toBe(400);
  });

  it('should store refresh tokens only as SHA-256 hashes', async () => {
    const { script } = await signUp();
    expect(await apps.db.collection('refresh_tokens').countDocuments({ _id: script.refreshToken as never })).toBe(0);
    const stored = await apps.db.collection('refresh_tokens').find({}).limit(3).toArray();
    for (const document of stored) expect(document._id).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('identity-logout and identity-logout-all', () => {
  it('should end the session and clear the cookies when logging out', async () => {
    const { browser } = await signUp();
    const response = await apps.call('logout', '/v1/auth/logout', { headers: { cookie: `__Secure-uxf_refresh=${browser.refresh}` } });
    expect(response.status).toBe(204);
    expect(cookiesOf(response)['__Secure-uxf_refresh']?.attributes).toContain('Max-Age=0');
    expect((await cookieRefresh(browser.refresh, browser.csrf)).status).toBe(401);
    expect((await apps.call('logout', '/v1/auth/logout')).status).toBe(204);
  });

  it('should end every session of the caller when logging out everywhere', async () => {
    const { browser, script } = await signUp();
    const unauthenticated = await apps.call('logoutAll', '/v1/auth/logout-all');
    expect(unauthenticated.status).toBe(401);
    const response = await apps.call('logoutAll', '/v1/auth/logout-all', { headers: { authorization: `Bearer ${script.accessToken}` } });
    expect(response.status).toBe(204);
    expect((await cookieRefresh(browser.refresh, browser.csrf)).status).toBe(401);
    expect((await bodyRefresh(script.refreshToken)).status).toBe(401);
  });
});
