import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMail } from '../../../scripts/services/index.ts';
import { goodPassword, startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import { bearer, codeOf, logIn, mailedTokens, signUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_email_password');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const verify = (token: string) => apps.call('verifyEmail', '/v1/auth/email/verify', { body: { token } });
const resend = (accessToken: string) => apps.call('resendEmailVerification', '/v1/auth/email/resend', { headers: bearer(accessToken) });
/** Asks for a reset link, then runs the outbox's cron as the scheduler would. */
const forgot = async (email: string) => {
  const response = await apps.call('forgotPassword', '/v1/auth/password/forgot', { body: { email } });
  await apps.sendResetMails();
  return response;
};
const reset = (token: string, password: string) => apps.call('resetPassword', '/v1/auth/password/reset', { body: { token, password } });
const me = async (accessToken: string) => apps.call('me', '/v1/me', { method: 'GET', headers: bearer(accessToken) });

describe('identity-verify-email and identity-resend-email-verification', () => {
  it('should verify the address once when the mailed token is used, and refuse it the second time', async () => {
    const user = await signUp(apps, 'verify');
    const [token] = await mailedTokens(apps, user.email, 'verify-email');
    expect((await verify(token!)).status).toBe(204);
    expect(await (await me(user.accessToken)).json()).toMatchObject({ emailVerified: true });
    const again = await verify(token!);
    expect(again.status).toBe(400);
    expect(await codeOf(again)).toBe('INVALID_VERIFICATION_TOKEN');
  });

  it('should answer 400 when the token is unknown, expired or missing', async () => {
    expect(await codeOf(await verify('ev_unknown'))).toBe('INVALID_VERIFICATION_TOKEN');
    const user = await signUp(apps, 'expired');
    await apps.db.collection('email_verifications').updateMany({ userId: user.userId }, { $set: { expiresAt: new Date(0) } });
    const [token] = await mailedTokens(apps, user.email, 'verify-email');
    expect(await codeOf(await verify(token!))).toBe('INVALID_VERIFICATION_TOKEN');
    const missing = await apps.call('verifyEmail', '/v1/auth/email/verify', { body: {} });
    expect([missing.status, await codeOf(missing)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('should kill the older links when a new one is sent, and mail nothing once verified', async () => {
    const user = await signUp(apps, 'resend');
    expect((await resend(user.accessToken)).status).toBe(202);
    const [first, second] = await mailedTokens(apps, user.email, 'verify-email');
    expect(await codeOf(await verify(first!))).toBe('INVALID_VERIFICATION_TOKEN');
    expect((await verify(second!)).status).toBe(204);
    const verified = await resend(user.accessToken);
    expect([verified.status, await codeOf(verified)]).toEqual([409, 'EMAIL_ALREADY_VERIFIED']);
    expect(await mailedTokens(apps, user.email, 'verify-email')).toHaveLength(2);
    expect((await apps.call('resendEmailVerification', '/v1/auth/email/resend')).status).toBe(401);
  });
});

describe('identity-forgot-password and identity-reset-password', () => {
  it('should answer 202 with an empty body and mail nobody when the address has no account', async () => {
    const email = uniqueEmail('nobody');
    const response = await forgot(email);
    expect(response.status).toBe(202);
    expect(await response.text()).toBe('');
    expect(await readMail(apps.mailDir, { to: email })).toEqual([]);
    expect((await forgot('not an e-mail')).status).toBe(400);
  });

  it('should replace the password and end every session when the reset link is used', async () => {
    const user = await signUp(apps, 'reset');
    const other = (await (await logIn(apps, user.email)).json()) as { accessToken: string; refreshToken: string };
    const response = await forgot(user.email.toUpperCase());
    expect([response.status, await response.text()]).toEqual([202, '']);
    const [token] = await mailedTokens(apps, user.email, 'reset-password');
    expect(token).toMatch(/^pr_/);

    const weak = await reset(token!, 'short');
    expect([weak.status, await codeOf(weak)]).toEqual([400, 'WEAK_PASSWORD']);
    const newPassword = 'a brand new passphrase 7';
    expect((await reset(token!, newPassword)).status).toBe(204);

    for (const refreshToken of [user.refreshToken, other.refreshToken]) {
      const refreshed = await apps.call('refresh', '/v1/auth/refresh', { body: { refreshToken } });
      expect(refreshed.status).toBe(401);
    }
    expect((await me(other.accessToken)).status).toBe(401);
    expect((await logIn(apps, user.email)).status).toBe(401);
    expect((await logIn(apps, user.email, { password: newPassword })).status).toBe(200);
    expect(await codeOf(await reset(token!, 'yet another passphrase 9'))).toBe('INVALID_RESET_TOKEN');
  });

  it('should let exactly one of ten concurrent resets with one token succeed', async () => {
    const user = await signUp(apps, 'race');
    await forgot(user.email);
    const [token] = await mailedTokens(apps, user.email, 'reset-password');
    const statuses = (await Promise.all(Array.from({ length: 10 }, async (_, n) => reset(token!, `concurrent passphrase ${n}x`)))).map(
      (r) => r.status,
    );
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(9);
  });

  it('should refuse an expired link and, after a reset, the other links of the account', async () => {
    const user = await signUp(apps, 'links');
    await forgot(user.email);
    await forgot(user.email);
    const [first, second] = await mailedTokens(apps, user.email, 'reset-password');
    expect((await reset(second!, goodPassword.toUpperCase())).status).toBe(204);
    expect(await codeOf(await reset(first!, 'another good passphrase'))).toBe('INVALID_RESET_TOKEN');
    await forgot(user.email);
    const third = (await mailedTokens(apps, user.email, 'reset-password'))[2];
    await apps.db.collection('password_resets').updateMany({ userId: user.userId }, { $set: { expiresAt: new Date(0) } });
    expect(await codeOf(await reset(third!, 'another good passphrase'))).toBe('INVALID_RESET_TOKEN');
  });
});
