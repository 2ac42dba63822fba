import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataKeys, dataKeyCollection } from '../../../shared/infra/crypto/data-keys.ts';
import { createFieldSealer } from '../../../shared/infra/crypto/field-sealer.ts';
import { isSealedValue, type SealedValue } from '../../../shared/infra/crypto/envelope.ts';
import { createLocalKms, rotateLocalKek } from '../../../shared/infra/kms/local-kms.ts';
import { userCollection } from '../../../shared/infra/mongodb/user-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { startIdentityApps } from '../../support/identity-apps.ts';
import { bearer, signUp } from '../../support/identity-flows.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
let keyFile: string;
beforeAll(async () => {
  // A key file of this run's own: the rotation below must not touch the shared development one.
  keyFile = path.join(await mkdtemp(path.join(tmpdir(), 'uxf-kek-')), 'kek.json');
  apps = await startIdentityApps('it_privacy_sealed', { KMS_LOCAL_KEY_FILE: keyFile });
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const me = async (accessToken: string) => {
  const response = await apps.call('me', '/v1/me', { method: 'GET', headers: bearer(accessToken) });
  return { status: response.status, body: (await response.json()) as { name: string } };
};
const rawUser = (userId: string) => userCollection.in<{ _id: string; name: string | SealedValue }>(apps.db).findOne({ _id: userId });
/** Keys and sealer of their own, without a cache: what a fresh instance would see. */
const fresh = () => createDataKeys(apps.db, createLocalKms(keyFile), { cacheMs: 0 });

describe('the sealed display name', () => {
  it('should store the name only sealed under the user’s data key and answer it in clear', async () => {
    const user = await signUp(apps, 'sealed');
    const raw = await rawUser(user.userId);
    expect(isSealedValue(raw!.name)).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('Ada');
    expect(await me(user.accessToken)).toEqual({ status: 200, body: expect.objectContaining({ name: 'Ada' }) });
    const key = await dataKeyCollection.in(apps.db).findOne({ _id: user.userId });
    expect(key).toMatchObject({ version: 1, kekVersion: expect.any(String), kms: 'local', destroyedAt: null });
  });

  it('should seal a renamed name afresh', async () => {
    const user = await signUp(apps, 'renamed');
    const before = (await rawUser(user.userId))!.name;
    const renamed = await apps.call('updateMe', '/v1/me', {
      method: 'PATCH',
      body: { name: 'Grace Hopper' },
      headers: bearer(user.accessToken),
    });
    expect(renamed.status).toBe(200);
    const after = (await rawUser(user.userId))!.name;
    expect(isSealedValue(after)).toBe(true);
    expect(JSON.stringify(after)).not.toContain('Grace');
    expect(after).not.toEqual(before);
    expect((await me(user.accessToken)).body.name).toBe('Grace Hopper');
  });

  it('should make one data key for a person whose first values are sealed at once', async () => {
    const userId = newId('usr');
    const keys = await Promise.all(Array.from({ length: 8 }, () => fresh().current(userId)));
    expect(new Set(keys.map(({ key }) => key.toString('base64'))).size).toBe(1);
    expect(await dataKeyCollection.in(apps.db).countDocuments({ _id: userId })).toBe(1);
  });

  it('should still open values whose key was wrapped before a KEK rotation, and wrap new keys under the new version', async () => {
    const before = await signUp(apps, 'before-rotation');
    const version = await rotateLocalKek(keyFile);
    const after = await signUp(apps, 'after-rotation');
    expect((await dataKeyCollection.in(apps.db).findOne({ _id: after.userId }))!.kekVersion).toBe(version);
    const sealer = createFieldSealer(fresh());
    const where = { collection: 'users', field: 'name', recordId: before.userId };
    expect(await sealer.open(before.userId, where, (await rawUser(before.userId))!.name)).toBe('Ada');
  });
});

describe('crypto-shredding', () => {
  it('should leave every sealed value of a person unreadable once their data key is destroyed, and refuse a new key', async () => {
    const user = await signUp(apps, 'shredded');
    const sealed = (await rawUser(user.userId))!.name;
    await createFieldSealer(fresh()).shred(user.userId);
    const tombstone = await dataKeyCollection.in(apps.db).findOne({ _id: user.userId });
    expect(tombstone).toMatchObject({ wrapped: null, kekVersion: null, destroyedAt: expect.any(Date) });
    const sealer = createFieldSealer(fresh());
    expect(await sealer.open(user.userId, { collection: 'users', field: 'name', recordId: user.userId }, sealed)).toBeNull();
    await expect(fresh().current(user.userId)).rejects.toMatchObject({ code: 'DATA_KEY_DESTROYED' });
  });
});
