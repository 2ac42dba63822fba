import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentityApps } from '../../support/identity-apps.ts';
import { bearer, codeOf, logIn, nextIp, signUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_me_sessions');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

interface Tokens {
  accessToken: string;
  refreshToken: string;
}
interface SessionItem {
  id: string;
  current: boolean;
  userAgent: string | null;
  ip: string | null;
  lastUsedAt: string | null;
}
const sessionsOf = async (accessToken: string) => {
  const response = await apps.call('listSessions', '/v1/me/sessions', { method: 'GET', headers: bearer(accessToken) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: SessionItem[] }).items;
};
const refresh = (refreshToken: string) => apps.call('refresh', '/v1/auth/refresh', { body: { refreshToken } });
const changePassword = (accessToken: string, body: unknown) =>
  apps.call('changePassword', '/v1/me/password', { body, headers: bearer(accessToken), ip: nextIp() });

describe('identity-update-me', () => {
  it('should rename the account and answer it when the name is valid', async () => {
    const user = await signUp(apps, 'rename');
    const response = await apps.call('updateMe', '/v1/me', {
      method: 'PATCH',
      body: { name: '  Ada L.  ' },
      headers: bearer(user.accessToken),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: user.userId, email: user.email, name: 'Ada L.' });
    const me = await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(user.accessToken) });
    expect(await me.json()).toMatchObject({ name: 'Ada L.' });
  });

  it.each([[{ name: '' }], [{ name: 5 }], [{}], [{ name: 'x', email: 'a@b.c' }]])('should answer 400 when the body is %j', async (body) => {
    const user = await signUp(apps, 'badname');
    const response = await apps.call('updateMe', '/v1/me', { method: 'PATCH', body, headers: bearer(user.accessToken) });
    expect([response.status, await codeOf(response)]).toEqual([400, 'VALIDATION_FAILED']);
  });
});

describe('identity-change-password', () => {
  it('should keep the current session and end the others when the password changes', async () => {
    const user = await signUp(apps, 'change');
    const other = (await (await logIn(apps, user.email)).json()) as Tokens;
    const newPassword = 'a changed passphrase 11';
    const wrong = await changePassword(user.accessToken, { currentPassword: 'not the password', newPassword });
    expect([wrong.status, await codeOf(wrong)]).toEqual([403, 'INVALID_CURRENT_PASSWORD']);
    const weak = await changePassword(user.accessToken, { currentPassword: 'a sturdy passphrase 42', newPassword: 'password123' });
    expect([weak.status, await codeOf(weak)]).toEqual([400, 'WEAK_PASSWORD']);

    expect((await changePassword(user.accessToken, { currentPassword: 'a sturdy passphrase 42', newPassword })).status).toBe(204);
    expect((await refresh(other.refreshToken)).status).toBe(401);
    expect((await refresh(user.refreshToken)).status).toBe(200);
    expect((await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(user.accessToken) })).status).toBe(200);
    expect((await logIn(apps, user.email, { password: newPassword })).status).toBe(200);
  });
});

describe('identity-list-sessions and identity-delete-session', () => {
  it('should list the live sessions with the current one marked and the revoked ones left out', async () => {
    const user = await signUp(apps, 'list');
    const phone = (await (await logIn(apps, user.email, {}, { 'user-agent': 'PhoneApp/1.0' })).json()) as Tokens;
    const gone = (await (await logIn(apps, user.email)).json()) as Tokens;
    await apps.call('logout', '/v1/auth/logout', { body: { refreshToken: gone.refreshToken } });
    const rotated = (await (await refresh(phone.refreshToken)).json()) as Tokens;

    const items = await sessionsOf(rotated.accessToken);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ current: true, userAgent: 'PhoneApp/1.0', ip: expect.any(String), lastUsedAt: expect.any(String) });
    expect(items[1]).toMatchObject({ current: false, lastUsedAt: null });
  });

  it('should end only the caller’s own session and answer 404 for another user’s', async () => {
    const alice = await signUp(apps, 'alice');
    const bob = await signUp(apps, 'bob');
    const [bobSession] = await sessionsOf(bob.accessToken);
    const foreign = await apps.call('deleteSession', `/v1/me/sessions/${bobSession!.id}`, {
      method: 'DELETE',
      headers: bearer(alice.accessToken),
    });
    expect([foreign.status, await codeOf(foreign)]).toEqual([404, 'SESSION_NOT_FOUND']);
    expect((await refresh(bob.refreshToken)).status).toBe(200);

    const laptop = (await (await logIn(apps, alice.email)).json()) as Tokens;
    const laptopId = (await sessionsOf(laptop.accessToken)).find((s) => s.current)!.id;
    const deleted = await apps.call('deleteSession', `/v1/me/sessions/${laptopId}`, {
      method: 'DELETE',
      headers: bearer(alice.accessToken),
    });
    expect(deleted.status).toBe(204);
    expect((await refresh(laptop.refreshToken)).status).toBe(401);
    expect((await sessionsOf(alice.accessToken)).map((s) => s.id)).not.toContain(laptopId);

    const malformed = await apps.call('deleteSession', '/v1/me/sessions/nope', { method: 'DELETE', headers: bearer(alice.accessToken) });
    expect(malformed.status).toBe(400);
    expect((await apps.call('listSessions', '/v1/me/sessions', { method: 'GET' })).status).toBe(401);
  });
});
