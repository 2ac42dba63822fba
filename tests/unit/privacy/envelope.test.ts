import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openValue, sealValue } from '../../../shared/infra/crypto/envelope.ts';
import { createLocalKms, rotateLocalKek } from '../../../shared/infra/kms/local-kms.ts';

const key = randomBytes(32);
const where = { collection: 'users', field: 'name', recordId: 'usr_a' };

describe('sealValue and openValue', () => {
  it('should open what it sealed, with a fresh 96-bit nonce and a 16-byte tag each time, recording the key version', () => {
    const one = sealValue(key, 3, where, 'Ada Lovelace');
    const two = sealValue(key, 3, where, 'Ada Lovelace');
    expect(openValue(key, where, one)).toBe('Ada Lovelace');
    expect(Buffer.from(one.iv, 'base64')).toHaveLength(12);
    expect(Buffer.from(one.tag, 'base64')).toHaveLength(16);
    expect(one.kv).toBe(3);
    expect(one.iv).not.toBe(two.iv);
    expect(one.ct).not.toBe(two.ct);
  });

  it.each([
    ['another record', { ...where, recordId: 'usr_b' }],
    ['another field', { ...where, field: 'email' }],
    ['another collection', { ...where, collection: 'people' }],
  ])('should refuse to open a value moved to %s (associated data)', (_what, elsewhere) => {
    expect(() => openValue(key, elsewhere, sealValue(key, 1, where, 'Ada'))).toThrow();
  });

  it('should refuse a truncated tag and another key', () => {
    const sealed = sealValue(key, 1, where, 'Ada');
    const short = { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 8).toString('base64') };
    expect(() => openValue(key, where, short)).toThrow();
    expect(() => openValue(randomBytes(32), where, sealed)).toThrow();
  });
});

describe('the local KMS', () => {
  it('should create its key file on first use, readable by the owner only', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'uxf-kms-')), 'nested', 'kek.json');
    const { kekVersion } = await createLocalKms(file).wrap(randomBytes(32), Buffer.from('aad'));
    expect(kekVersion).toBe('1');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ current: '1' });
  });

  it('should wrap under the new version after a rotation and still unwrap what the old one wrapped', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'uxf-kms-')), 'kek.json');
    const kms = createLocalKms(file);
    const dataKey = randomBytes(32);
    const old = await kms.wrap(dataKey, Buffer.from('user:1'));
    expect(await rotateLocalKek(file)).toBe('2');
    const fresh = await kms.wrap(dataKey, Buffer.from('user:1'));
    expect(fresh.kekVersion).toBe('2');
    expect(await kms.unwrap(old.ciphertext, Buffer.from('user:1'), old.kekVersion)).toEqual(dataKey);
    expect(await kms.unwrap(fresh.ciphertext, Buffer.from('user:1'), '2')).toEqual(dataKey);
    await expect(kms.unwrap(fresh.ciphertext, Buffer.from('user:2'), '2')).rejects.toThrow();
  });

  it('should let one of several first users create the file and the others use it', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'uxf-kms-')), 'kek.json');
    const wraps = await Promise.all(Array.from({ length: 6 }, () => createLocalKms(file).wrap(Buffer.from('k'), Buffer.from('a'))));
    const kms = createLocalKms(file);
    for (const { ciphertext, kekVersion } of wraps)
      expect((await kms.unwrap(ciphertext, Buffer.from('a'), kekVersion)).toString()).toBe('k');
  });
});
