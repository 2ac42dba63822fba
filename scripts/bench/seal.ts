/**
 * Sealing cost: seal + open of a short field value with a data key in memory, and one unwrap by the
 * local KMS (a fresh key file in a temporary directory). `node_modules/.bin/node scripts/bench/seal.ts`
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sealValue, openValue } from '../../shared/infra/crypto/envelope.ts';
import { createLocalKms } from '../../shared/infra/kms/local-kms.ts';
const key = randomBytes(32);
const where = { collection: 'users', field: 'name', recordId: 'usr_x' };
for (let i = 0; i < 2000; i++) openValue(key, where, sealValue(key, 1, where, 'Ada Lovelace'));
const n = 20000;
let t = process.hrtime.bigint();
for (let i = 0; i < n; i++) openValue(key, where, sealValue(key, 1, where, 'Ada Lovelace'));
console.log(`seal+open: ${(Number(process.hrtime.bigint() - t) / n / 1000).toFixed(1)} µs per value (n=${n})`);
const kms = createLocalKms(path.join(await mkdtemp(path.join(tmpdir(), 'uxf-kek-')), 'kek.json'));
const w = await kms.wrap(key, Buffer.from('a'));
t = process.hrtime.bigint();
for (let i = 0; i < 500; i++) await kms.unwrap(w.ciphertext, Buffer.from('a'), w.kekVersion);
console.log(`local KMS unwrap: ${(Number(process.hrtime.bigint() - t) / 500 / 1000).toFixed(1)} µs (n=500)`);
