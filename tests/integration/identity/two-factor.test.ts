import path from 'node:path';
import { Secret, TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataKeys } from '../../../shared/infra/crypto/data-keys.ts';
import { seal } from '../../../shared/infra/crypto/sealed-secret.ts';
import { createLocalKms } from '../../../shared/infra/kms/local-kms.ts';
import { goodPassword, startIdentityApps } from '../../support/identity-apps.ts';
import { bearer, codeOf, logIn, signUp, type SignedUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { emailIndexIn } from '../../support/blind-index.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_identity_two_factor');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const call = (name: 'setupTwoFactor' | 'enableTwoFactor' | 'disableTwoFactor', path: string, user: SignedUp, body?: unknown) =>
  apps.call(name, path, { headers: bearer(user.accessToken), ...(body === undefined ? {} : { body }) });
/** The code of the authenticator app `steps` time steps from now. */
const codeAt = (totp: TOTP, steps = 0) => totp.generate({ timestamp: Date.now() + steps * 30_000 });

/** An account with 2FA on: its authenticator and its backup codes. */
const withTwoFactor = async (label: string) => {
  const user = await signUp(apps, label);
  const setup = await call('setupTwoFactor', '/v1/auth/2fa/setup', user);
  expect(setup.status).toBe(200);
  const { otpauthUrl } = (await setup.json()) as { otpauthUrl: string };
  const totp = URI.parse(otpauthUrl) as TOTP;
  expect(totp.issuer).toBe('UX Flow Engine');
  const enabled = await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: codeAt(totp), password: goodPassword });
  expect(enabled.status).toBe(200);
  const { backupCodes } = (await enabled.json()) as { backupCodes: string[] };
  return { user, totp, backupCodes };
};

describe('identity 2FA setup and enable', () => {
  it('should keep the secret sealed and refuse a wrong code, a second setup and an enable without setup', async () => {
    const user = await signUp(apps, 'setup');
    const early = await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: '123456', password: goodPassword });
    expect([early.status, await codeOf(early)]).toEqual([409, 'TWO_FACTOR_NOT_SET_UP']);
    const { otpauthUrl } = (await (await call('setupTwoFactor', '/v1/auth/2fa/setup', user)).json()) as { otpauthUrl: string };
    const secret = (URI.parse(otpauthUrl) as TOTP).secret.base32;
    const stored = await apps.db.collection('two_factor_pending').findOne({ _id: user.userId as never });
    expect(JSON.stringify(stored)).not.toContain(secret);

    const wrongCode = new TOTP({ secret: new Secret() }).generate();
    const wrong = await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: wrongCode, password: goodPassword });
    expect([wrong.status, await codeOf(wrong)]).toEqual([400, 'INVALID_TOTP_CODE']);
    expect((await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: 12 })).status).toBe(400);
  });

  it('should give ten distinct backup codes and refuse a second setup once enabled', async () => {
    const { user, backupCodes } = await withTwoFactor('enable');
    expect(new Set(backupCodes).size).toBe(10);
    for (const code of backupCodes) expect(code).toMatch(/^[0-9a-z]{4}(-[0-9a-z]{4}){3}$/);
    const again = await call('setupTwoFactor', '/v1/auth/2fa/setup', user);
    expect([again.status, await codeOf(again)]).toEqual([409, 'TWO_FACTOR_ALREADY_ENABLED']);
  });
});

describe('identity-login with 2FA', () => {
  it('should require the code, refuse a wrong one and count it toward the lockout', async () => {
    const { user, totp } = await withTwoFactor('login');
    const missing = await logIn(apps, user.email);
    expect([missing.status, await codeOf(missing)]).toEqual([401, 'TOTP_REQUIRED']);
    const wrong = await logIn(apps, user.email, { totp: codeAt(totp, 5) });
    expect([wrong.status, await codeOf(wrong)]).toEqual([401, 'INVALID_TOTP']);
    expect(
      await apps.db.collection('login_attempts').countDocuments({ account: emailIndexIn(apps.env)(user.email), outcome: 'failure' }),
    ).toBe(1);
    // The next step: the current one was used to enable 2FA, and a step works once.
    expect((await logIn(apps, user.email, { totp: codeAt(totp, 1) })).status).toBe(200);
    expect(await codeOf(await logIn(apps, user.email, { totp: codeAt(totp, 1) }))).toBe('INVALID_TOTP');
  });

  it('should accept a backup code exactly once, also under concurrent use', async () => {
    const { user, backupCodes } = await withTwoFactor('backup');
    const [first, second] = backupCodes;
    expect((await logIn(apps, user.email, { totp: first!.toUpperCase() })).status).toBe(200);
    const reused = await logIn(apps, user.email, { totp: first });
    expect([reused.status, await codeOf(reused)]).toEqual([401, 'INVALID_TOTP']);
    const statuses = (await Promise.all(Array.from({ length: 8 }, async () => logIn(apps, user.email, { totp: second })))).map(
      (r) => r.status,
    );
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
  });

  it('should turn 2FA off with a backup code and then log in without a code', async () => {
    const { user, backupCodes } = await withTwoFactor('disable');
    const wrong = await call('disableTwoFactor', '/v1/auth/2fa/disable', user, { code: '000000', password: goodPassword });
    expect([wrong.status, await codeOf(wrong)]).toEqual([400, 'INVALID_TOTP_CODE']);
    expect((await call('disableTwoFactor', '/v1/auth/2fa/disable', user, { code: backupCodes[3], password: goodPassword })).status).toBe(
      204,
    );
    const off = await call('disableTwoFactor', '/v1/auth/2fa/disable', user, { code: backupCodes[4], password: goodPassword });
    expect([off.status, await codeOf(off)]).toEqual([409, 'TWO_FACTOR_NOT_ENABLED']);
    expect((await logIn(apps, user.email)).status).toBe(200);
  });
});

describe('identity 2FA: changes need the password, not just an access token', () => {
  it('should refuse to enable 2FA without the password or with a wrong one, counting the wrong one', async () => {
    const user = await signUp(apps, 'stolen-token');
    const { otpauthUrl } = (await (await call('setupTwoFactor', '/v1/auth/2fa/setup', user)).json()) as { otpauthUrl: string };
    const totp = URI.parse(otpauthUrl) as TOTP;
    const bare = await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: codeAt(totp) });
    expect([bare.status, await codeOf(bare)]).toEqual([403, 'REAUTHENTICATION_REQUIRED']);
    const wrong = await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: codeAt(totp), password: 'not my password' });
    expect([wrong.status, await codeOf(wrong)]).toEqual([403, 'INVALID_CURRENT_PASSWORD']);
    expect(
      await apps.db.collection('login_attempts').countDocuments({ account: emailIndexIn(apps.env)(user.email), outcome: 'failure' }),
    ).toBe(1);
    expect(await apps.db.collection('two_factor').countDocuments({ _id: user.userId as never })).toBe(0);
    const right = await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: codeAt(totp), password: goodPassword });
    expect(right.status).toBe(200);
  });

  it('should refuse to disable 2FA without the password, even with a valid code', async () => {
    const { user, totp } = await withTwoFactor('keep-on');
    const bare = await call('disableTwoFactor', '/v1/auth/2fa/disable', user, { code: codeAt(totp, 1) });
    expect([bare.status, await codeOf(bare)]).toEqual([403, 'REAUTHENTICATION_REQUIRED']);
    const wrong = await call('disableTwoFactor', '/v1/auth/2fa/disable', user, { code: codeAt(totp, 1), password: 'not my password' });
    expect([wrong.status, await codeOf(wrong)]).toEqual([403, 'INVALID_CURRENT_PASSWORD']);
    expect((await logIn(apps, user.email)).status).toBe(401);
  });

  it('should let an account without a password change 2FA only within minutes of signing in', async () => {
    const user = await signUp(apps, 'provider-only');
    await apps.db.collection('users').updateOne({ _id: user.userId as never }, { $set: { passwordHash: '' } });
    const { otpauthUrl } = (await (await call('setupTwoFactor', '/v1/auth/2fa/setup', user)).json()) as { otpauthUrl: string };
    const totp = URI.parse(otpauthUrl) as TOTP;
    expect((await call('enableTwoFactor', '/v1/auth/2fa/enable', user, { code: codeAt(totp) })).status).toBe(200);
    await apps.db.collection('sessions').updateMany({ userId: user.userId }, { $set: { createdAt: new Date(Date.now() - 10 * 60_000) } });
    const stale = await call('disableTwoFactor', '/v1/auth/2fa/disable', user, { code: codeAt(totp, 1) });
    expect([stale.status, await codeOf(stale)]).toEqual([403, 'REAUTHENTICATION_REQUIRED']);
  });
});

describe('the TOTP secret under the person’s data key', () => {
  const authKek = Buffer.from('ZGV2ZWxvcG1lbnQtb25seS1rZXktZW5jcnlwdGlvbjE=', 'base64');

  it('should store the active secret sealed under the data key, bound to the collection, user and enrollment', async () => {
    const { user, totp } = await withTwoFactor('sealed-totp');
    const stored = await apps.db.collection('two_factor').findOne({ _id: user.userId as never });
    expect(stored!.secret).toMatchObject({ sealed: 'A256GCM', kv: 1 });
    expect(JSON.stringify(stored)).not.toContain(totp.secret.base32);
    expect((await logIn(apps, user.email, { totp: codeAt(totp, 1) })).status).toBe(200);
  });

  it('should still read a secret sealed under the key-encryption key before, and refuse a login without its code', async () => {
    const user = await signUp(apps, 'legacy-totp');
    const secret = new Secret();
    const enrollmentId = 'tfe_legacy';
    await apps.db.collection('two_factor').insertOne({
      _id: user.userId as never,
      schemaVersion: 1,
      enrollmentId,
      secret: seal(authKek, `totp:${user.userId}:${enrollmentId}`, secret.base32),
      createdAt: new Date(),
      enabledAt: new Date(),
    });
    const bare = await logIn(apps, user.email);
    expect([bare.status, await codeOf(bare)]).toEqual([401, 'TOTP_REQUIRED']);
    const totp = new TOTP({ secret });
    expect((await logIn(apps, user.email, { totp: codeAt(totp, 1) })).status).toBe(200);
  });

  it('should refuse (not skip the second factor) once the person’s data key is shredded', async () => {
    const { user, totp } = await withTwoFactor('shredded-totp');
    await createDataKeys(apps.db, createLocalKms(path.resolve('.data/kms/local-kek.json'))).destroy(user.userId);
    const response = await logIn(apps, user.email, { totp: codeAt(totp, 1) });
    expect([response.status, await codeOf(response)]).toEqual([412, 'DATA_KEY_DESTROYED']);
  });
});
