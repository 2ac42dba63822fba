import { createHash } from 'node:crypto';
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
  const userId = ((await registered.json()) as { user: { id: string } }).user.id;
  const cookies = cookiesOf(registered);
  const browser = { refresh: cookies['__Secure-uxf_refresh']!.value, csrf: cookies['__Secure-uxf_csrf']!.value };
  const login = await apps.call('login', '/v1/auth/login', {
    body: { email, password: goodPassword, refreshTokenIn: 'body' },
    ip: `10.0.${Math.floor(Math.random() * 250)}.1`,
  });
  expect(login.status).toBe(200);
  expect(login.headers.getSetCookie()).toEqual([]);
  return { email, userId, browser, script: (await login.json()) as Tokens };
};
const firefox = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };
const cookieRefresh = (refresh: string, csrf: string, header = csrf, client: { ip?: string; headers?: Record<string, string> } = {}) =>
  apps.call('refresh', '/v1/auth/refresh', {
    headers: { cookie: `__Secure-uxf_refresh=${refresh}; __Secure-uxf_csrf=${csrf}`, 'x-csrf-token': header, ...client.headers },
    ...(client.ip ? { ip: client.ip } : {}),
  });
const bodyRefresh = (refreshToken: string, ip?: string) =>
  apps.call('refresh', '/v1/auth/refresh', { body: { refreshToken }, ...(ip ? { ip } : {}) });
/** Makes the successor of `refreshToken` look issued `seconds` ago (the grace is measured from there). */
const age = async (refreshToken: string, seconds: number) => {
  const tokens = apps.db.collection('refresh_tokens');
  const presented = await tokens.findOne({ _id: createHash('sha256').update(refreshToken).digest('hex') as never });
  await tokens.updateOne(
    { familyId: presented!.familyId, seq: (presented!.seq as number) + 1 },
    { $set: { createdAt: new Date(Date.now() - seconds * 1000) } },
  );
};
const reuseEvents = (userId: string) => apps.db.collection('security_events').countDocuments({ type: 'refresh_token_reused', userId });

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

  it('should refuse every token of a family when an old one comes back after the grace', async () => {
    const { script, userId } = await signUp();
    const rotated = (await (await bodyRefresh(script.refreshToken)).json()) as Tokens;
    expect(rotated.refreshToken).toMatch(/^rt_/);
    await age(script.refreshToken, 60);
    const reused = await bodyRefresh(script.refreshToken);
    expect([reused.status, await codeOf(reused)]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
    expect(await reuseEvents(userId)).toBe(1);
    const afterReuse = await bodyRefresh(rotated.refreshToken);
    expect(afterReuse.status).toBe(401);
    expect(await codeOf(afterReuse)).toBe('INVALID_REFRESH_TOKEN');
  });

  it('should keep two tabs signed in when both refresh the same cookie at once', async () => {
    const { browser, userId } = await signUp();
    const tabs = await Promise.all([
      cookieRefresh(browser.refresh, browser.csrf, browser.csrf, { headers: firefox }),
      cookieRefresh(browser.refresh, browser.csrf, browser.csrf, { headers: firefox }),
    ]);
    expect(tabs.map((tab) => tab.status)).toEqual([200, 200]);
    const [a, b] = tabs.map((tab) => cookiesOf(tab));
    // One rotation, one new token: the loser gets the token the winner got.
    expect(a!['__Secure-uxf_refresh']!.value).toBe(b!['__Secure-uxf_refresh']!.value);
    expect(a!['__Secure-uxf_refresh']!.value).not.toBe(browser.refresh);
    expect(await reuseEvents(userId)).toBe(0);
    for (const tab of tabs) {
      const { accessToken } = (await tab.json()) as Tokens;
      expect((await apps.call('me', '/v1/me', { method: 'GET', headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);
    }
    const next = await cookieRefresh(a!['__Secure-uxf_refresh']!.value, a!['__Secure-uxf_csrf']!.value, undefined, { headers: firefox });
    expect(next.status).toBe(200);
  });

  it('should hand every concurrent refresh of one client the same single successor', async () => {
    const { script, userId } = await signUp();
    const responses = await Promise.all(Array.from({ length: 20 }, async () => bodyRefresh(script.refreshToken)));
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    const tokens = new Set(await Promise.all(responses.map(async (response) => ((await response.json()) as Tokens).refreshToken)));
    expect(tokens.size).toBe(1);
    expect(await reuseEvents(userId)).toBe(0);
    expect((await bodyRefresh([...tokens][0]!)).status).toBe(200);
  });

  it('should treat the old token from another client as reuse, even within the grace', async () => {
    const { script, userId } = await signUp();
    expect((await bodyRefresh(script.refreshToken, '198.51.100.10')).status).toBe(200);
    const thief = await bodyRefresh(script.refreshToken, '198.51.100.66');
    expect([thief.status, await codeOf(thief)]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
    expect(await reuseEvents(userId)).toBe(1);
  });

  it('should let exactly one of 20 concurrent refreshes from different clients succeed', async () => {
    const { script } = await signUp();
    const responses = await Promise.all(
      Array.from({ length: 20 }, async (_, n) => bodyRefresh(script.refreshToken, `198.51.100.${n + 100}`)),
    );
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
