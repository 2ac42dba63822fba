import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../../scripts/services/index.ts';
import { cookiesOf, goodPassword, startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { emailIndexIn } from '../../support/blind-index.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_register_login');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const register = (email: string, password = goodPassword) =>
  apps.call('register', '/v1/auth/register', { body: { email, password, name: 'Ada' } });
const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe('identity-register', () => {
  it('should create the account, its trial workspace and a session when the e-mail is new', async () => {
    const email = uniqueEmail('ada');
    const response = await register(` ${email.toUpperCase()} `);
    expect(response.status).toBe(201);
    const body = (await response.json()) as { user: { id: string; email: string }; accessToken: string; expiresIn: number };
    expect(body).toMatchObject({ user: { email, name: 'Ada', emailVerified: false }, expiresIn: 900 });
    expect(body).not.toHaveProperty('refreshToken');
    const cookies = cookiesOf(response);
    expect(cookies['__Secure-uxf_refresh']?.attributes).toEqual(
      expect.arrayContaining(['Max-Age=604800', 'Path=/v1/auth', 'HttpOnly', 'Secure', 'SameSite=Strict']),
    );
    expect(cookies['__Secure-uxf_csrf']?.attributes).not.toContain('HttpOnly');
    const workspace = await apps.db.collection('workspaces').findOne({ ownerId: body.user.id });
    expect(workspace).toMatchObject({ personal: true, plan: 'pro', schemaVersion: 1 });
    expect((workspace!.trialEndsAt as Date).getTime() - (workspace!.createdAt as Date).getTime()).toBe(14 * 24 * 3600 * 1000);
    const member = await apps.db.collection('workspace_members').findOne({ _id: `${String(workspace!._id)}:${body.user.id}` as never });
    expect(member).toMatchObject({ role: 'owner', userId: body.user.id });
    const [mail] = await readMail(apps.mailDir, { to: email });
    expect(mail?.message.subject).toBe('Confirm your e-mail address');
    expect(mail?.message.text).toMatch(/verify-email\?token=ev_/);
    const stored = await apps.db.collection('email_verifications').findOne({ userId: body.user.id });
    expect(stored?._id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('should answer like a new registration and mail the owner when the e-mail is taken', async () => {
    const email = uniqueEmail('taken');
    await register(email);
    const again = await register(email, 'another sturdy passphrase');
    expect(again.status).toBe(201);
    expect(await again.json()).toMatchObject({ user: { email, emailVerified: false }, accessToken: expect.any(String), expiresIn: 900 });
    expect(Object.keys(cookiesOf(again))).toEqual(['__Secure-uxf_refresh', '__Secure-uxf_csrf']);
    expect(await apps.db.collection('users').countDocuments({ emailIndex: emailIndexIn(apps.env)(email) })).toBe(1);
    const subjects = (await readMail(apps.mailDir, { to: email })).map((mail) => mail.message.subject);
    expect(subjects).toEqual(['Confirm your e-mail address', 'Someone tried to register with your e-mail address']);
  });

  it.each([
    ['short', 'too_short'],
    ['1234567890', 'common'],
    ['iloveyou12', 'common'],
  ])('should answer 400 WEAK_PASSWORD when the password is %s', async (password, reason) => {
    const response = await register(uniqueEmail('weak'), password);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 'WEAK_PASSWORD', reason });
  });

  it.each([
    [{ email: 'nope', password: goodPassword, name: 'A' }],
    [{ email: uniqueEmail('x'), password: goodPassword }],
    [{ email: uniqueEmail('x'), password: 42, name: 'A' }],
  ])('should answer 400 VALIDATION_FAILED when the body is %j', async (body) => {
    const response = await apps.call('register', '/v1/auth/register', { body });
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('VALIDATION_FAILED');
  });
});

describe('identity-login', () => {
  it('should answer the same 401 for an unknown e-mail and a wrong password', async () => {
    const email = uniqueEmail('login');
    await register(email);
    const wrong = await apps.call('login', '/v1/auth/login', { body: { email, password: 'wrong password!' }, ip: '198.51.100.1' });
    const unknown = await apps.call('login', '/v1/auth/login', {
      body: { email: uniqueEmail('nobody'), password: goodPassword },
      ip: '198.51.100.2',
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = [(await wrong.json()) as Record<string, unknown>, (await unknown.json()) as Record<string, unknown>];
    expect(a.code).toBe('INVALID_CREDENTIALS');
    expect({ ...a, requestId: null }).toEqual({ ...b, requestId: null });
  });

  it('should sign in with a 30-day refresh cookie when remember me is chosen', async () => {
    const email = uniqueEmail('remember');
    await register(email);
    const response = await apps.call('login', '/v1/auth/login', {
      body: { email: email.toUpperCase(), password: goodPassword, rememberMe: true },
      ip: '198.51.100.3',
    });
    expect(response.status).toBe(200);
    expect(cookiesOf(response)['__Secure-uxf_refresh']?.attributes).toContain(`Max-Age=${30 * 24 * 3600}`);
    const me = await apps.call('me', '/v1/me', {
      method: 'GET',
      headers: { authorization: `Bearer ${((await response.json()) as { accessToken: string }).accessToken}` },
    });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email, name: 'Ada', emailVerified: false, createdAt: expect.any(String) });
  });

  it('should lock the account with Retry-After when three logins failed', async () => {
    const email = uniqueEmail('locked');
    await register(email);
    for (const n of [1, 2, 3]) {
      const failed = await apps.call('login', '/v1/auth/login', { body: { email, password: `wrong password ${n}` }, ip: `192.0.2.${n}` });
      expect(failed.status).toBe(401);
    }
    const locked = await apps.call('login', '/v1/auth/login', { body: { email, password: goodPassword }, ip: '192.0.2.9' });
    expect(locked.status).toBe(429);
    expect(await codeOf(locked)).toBe('ACCOUNT_LOCKED');
    const retryAfter = Number(locked.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(290);
    expect(retryAfter).toBeLessThanOrEqual(300);
  });

  it('should answer 401 when /v1/me has no token', async () => {
    const response = await apps.call('me', '/v1/me', { method: 'GET' });
    expect(response.status).toBe(401);
  });
});
