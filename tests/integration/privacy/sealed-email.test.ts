import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// First: the functions' modules extend zod with OpenAPI before any schema is built.
import { goodPassword, startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import { migrate } from '../../../scripts/db/migrate.ts';
import { runSealExisting } from '../../../scripts/privacy/seal-existing.ts';
import path from 'node:path';
import { createDataKeys } from '../../../shared/infra/crypto/data-keys.ts';
import { isSealedValue } from '../../../shared/infra/crypto/envelope.ts';
import { createFieldSealer, type FieldSealer } from '../../../shared/infra/crypto/field-sealer.ts';
import { createLocalKms } from '../../../shared/infra/kms/local-kms.ts';
import { sealExisting } from '../../../shared/infra/privacy/seal-existing.ts';
import { userCollection } from '../../../shared/infra/mongodb/user-store.ts';
import { blindIndexKeyIn, emailIndexIn } from '../../support/blind-index.ts';
import { bearer, codeOf, logIn, mailedTokens, nextIp, signUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
beforeAll(async () => {
  apps = await startIdentityApps('it_privacy_sealed_email');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const indexOf = (email: string) => emailIndexIn(apps.env)(email);
const rawUser = (userId: string) => userCollection.in(apps.db).findOne({ _id: userId } as never);
/** Every document of the database that holds `needle` in clear, as `<collection>: <id>`. */
const mentions = async (needle: string) => {
  const found: string[] = [];
  for (const { name } of await apps.db.listCollections().toArray()) {
    for (const doc of await apps.db.collection(name).find({}).toArray())
      if (JSON.stringify(doc).toLowerCase().includes(needle.toLowerCase())) found.push(`${name}: ${String(doc._id)}`);
  }
  return found;
};
const me = async (accessToken: string) =>
  (await (await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(accessToken) })).json()) as { email: string; name: string };

describe('the sealed e-mail address', () => {
  it('should keep the address only sealed and as its blind index, and still log in, answer /v1/me and verify', async () => {
    const user = await signUp(apps, 'sealed-mail');
    const raw = await rawUser(user.userId);
    expect(isSealedValue(raw!.email)).toBe(true);
    expect(raw!.emailIndex).toBe(indexOf(user.email));
    // A failed login (login attempts) and a verification token (its sealed address) on top.
    expect((await logIn(apps, user.email.toUpperCase(), { password: 'not the passphrase at all' })).status).toBe(401);
    expect((await logIn(apps, ` ${user.email.toUpperCase()} `)).status).toBe(200);
    expect(await me(user.accessToken)).toMatchObject({ email: user.email, name: 'Ada' });
    const [token] = await mailedTokens(apps, user.email, 'verify-email');
    expect((await apps.call('verifyEmail', '/v1/auth/email/verify', { body: { token } })).status).toBe(204);
    expect(await mentions(user.email)).toEqual([]);
  });

  it('should refuse a second account for the same address written differently', async () => {
    const email = uniqueEmail('twice');
    const first = await apps.call('register', '/v1/auth/register', { body: { email, password: goodPassword, name: 'A' }, ip: nextIp() });
    const again = await apps.call('register', '/v1/auth/register', {
      body: { email: `  ${email.toUpperCase()}`, password: 'another sturdy passphrase', name: 'B' },
      ip: nextIp(),
    });
    expect([first.status, again.status]).toEqual([201, 201]); // the same answer: registration tells nobody
    expect(await userCollection.in(apps.db).countDocuments({ emailIndex: indexOf(email) })).toBe(1);
    expect((await logIn(apps, email, { password: 'another sturdy passphrase' })).status).toBe(401);
  });

  it('should queue a password reset without the address and mail the account its link', async () => {
    const user = await signUp(apps, 'sealed-reset');
    expect((await apps.call('forgotPassword', '/v1/auth/password/forgot', { body: { email: user.email.toUpperCase() } })).status).toBe(202);
    expect(await mentions(user.email)).toEqual([]);
    expect(await apps.db.collection('password_reset_requests').countDocuments({ emailIndex: indexOf(user.email) })).toBe(1);
    await apps.sendResetMails();
    const [token] = await mailedTokens(apps, user.email, 'reset-password');
    const reset = await apps.call('resetPassword', '/v1/auth/password/reset', { body: { token, password: 'a brand new passphrase' } });
    expect(reset.status).toBe(204);
    expect((await logIn(apps, user.email, { password: 'a brand new passphrase' })).status).toBe(200);
    expect(await mentions(user.email)).toEqual([]);
  });
});

describe('sealing what was written before (npm run privacy -- seal-existing)', () => {
  /** An account as it was stored before sealing: plain name and address, no blind index. */
  const legacyUser = async (label: string) => {
    const user = await signUp(apps, label);
    await apps.db
      .collection('users')
      .updateOne({ _id: user.userId as never }, { $set: { email: user.email, name: `Legacy ${label}` }, $unset: { emailIndex: '' } });
    return user;
  };

  it('should fill the blind index at migration, seal in place, and change nothing on a second run', async () => {
    const user = await legacyUser('legacy');
    expect(await mentions(user.email)).toEqual([`users: ${user.userId}`]);
    // db:migrate fills the index the unique index needs; the plain document still reads.
    const env = apps.env as Record<string, string>;
    await migrate(env.MONGODB_URI!, env.MONGODB_DB!, { blindIndexKey: blindIndexKeyIn(apps.env) });
    expect((await rawUser(user.userId))!.emailIndex).toBe(indexOf(user.email));
    expect((await logIn(apps, user.email)).status).toBe(200);
    expect(await me(user.accessToken)).toMatchObject({ email: user.email, name: 'Legacy legacy' });

    const dry = await runSealExisting(apps.env, { dryRun: true });
    expect(dry.byCollection.users).toMatchObject({ sealed: 1, failed: 0 });
    expect(await mentions(user.email)).toEqual([`users: ${user.userId}`]);

    const first = await runSealExisting(apps.env, { dryRun: false });
    expect(first.byCollection.users).toMatchObject({ sealed: 1, skipped: 0, failed: 0 });
    expect(first.total.scanned).toBe(first.total.sealed + first.total.alreadySealed);
    const raw = await rawUser(user.userId);
    expect([isSealedValue(raw!.email), isSealedValue(raw!.name)]).toEqual([true, true]);
    expect(await mentions(user.email)).toEqual([]);
    expect(await me(user.accessToken)).toMatchObject({ email: user.email, name: 'Legacy legacy' });
    expect((await logIn(apps, user.email)).status).toBe(200);

    const second = await runSealExisting(apps.env, { dryRun: false });
    expect(second.total).toMatchObject({ sealed: 0, skipped: 0, failed: 0 });
    expect(second.total.alreadySealed).toBe(second.total.scanned);
    expect(await rawUser(user.userId)).toEqual(raw);
  });

  it('should not overwrite a name renamed between the migration’s read and its write', async () => {
    const user = await legacyUser('raced');
    // The apps' own key file (the default); a sealer that lets the rename in right after the read.
    const sealer = createFieldSealer(createDataKeys(apps.db, createLocalKms(path.resolve('.data/kms/local-kek.json'))));
    let renamed = false;
    const racing: FieldSealer = {
      ...sealer,
      seal: async (owner, context, plaintext) => {
        if (!renamed && owner === user.userId) {
          renamed = true;
          const reply = await apps.call('updateMe', '/v1/me', {
            method: 'PATCH',
            body: { name: 'Renamed' },
            headers: bearer(user.accessToken),
          });
          expect(reply.status).toBe(200);
        }
        return sealer.seal(owner, context, plaintext);
      },
    };
    const first = await sealExisting(apps.db, { sealer: racing, indexOf }, { dryRun: false });
    expect(first.users).toMatchObject({ skipped: 1, failed: 0 });
    expect(await me(user.accessToken)).toMatchObject({ email: user.email, name: 'Renamed' });
    // The next run seals what is still plain (the address), and leaves the new name as it is.
    const second = await runSealExisting(apps.env, { dryRun: false });
    expect(second.byCollection.users).toMatchObject({ sealed: 1, failed: 0 });
    expect(await me(user.accessToken)).toMatchObject({ email: user.email, name: 'Renamed' });
    expect(await mentions(user.email)).toEqual([]);
  });

  it('should refuse an unknown address and a wrong password alike after sealing', async () => {
    expect(await codeOf(await logIn(apps, uniqueEmail('nobody-sealed')))).toBe('INVALID_CREDENTIALS');
  });
});
