import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kms } from './kms.ts';

/** The key file: every KEK version (32 bytes, base64) and the one new wraps use. */
interface KeyFile {
  current: string;
  versions: Record<string, string>;
}

const tagBytes = 16;

const readKeyFile = async (file: string): Promise<KeyFile | null> => {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as KeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
};

/** Creates the file with a first version unless it exists: `wx` lets one creator win a race. */
const createKeyFile = async (file: string): Promise<KeyFile> => {
  await mkdir(path.dirname(file), { recursive: true });
  const fresh: KeyFile = { current: '1', versions: { '1': randomBytes(32).toString('base64') } };
  try {
    await writeFile(file, `${JSON.stringify(fresh, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return (await readKeyFile(file))!;
  }
};

/**
 * A KMS for development and tests: the KEK versions in a JSON file (under .data/, git-ignored),
 * created on first use, AES-256-GCM with a random 96-bit nonce. The file is read on each call, so a
 * rotation by another process (`rotateLocalKek`) is seen at once. Never for production: the key
 * sits on the same disk as the data.
 */
export const createLocalKms = (file: string): Kms => {
  const keyFile = async () => (await readKeyFile(file)) ?? (await createKeyFile(file));
  return {
    provider: 'local',
    wrap: async (plaintext, aad) => {
      const { current, versions } = await keyFile();
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', Buffer.from(versions[current]!, 'base64'), iv, { authTagLength: tagBytes });
      cipher.setAAD(aad);
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return { ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]), kekVersion: current };
    },
    unwrap: async (ciphertext, aad, kekVersion) => {
      const key = (await keyFile()).versions[kekVersion];
      if (key === undefined) throw new Error(`local KEK version ${kekVersion} does not exist (destroyed?)`);
      const decipher = createDecipheriv('aes-256-gcm', Buffer.from(key, 'base64'), ciphertext.subarray(0, 12), { authTagLength: tagBytes });
      decipher.setAAD(aad);
      decipher.setAuthTag(ciphertext.subarray(ciphertext.length - tagBytes));
      return Buffer.concat([decipher.update(ciphertext.subarray(12, ciphertext.length - tagBytes)), decipher.final()]);
    },
    primaryVersion: async () => (await keyFile()).current,
  };
};

/** Adds a KEK version and makes it current (what a rotation in Cloud KMS does); returns it. */
export const rotateLocalKek = async (file: string): Promise<string> => {
  const keys = (await readKeyFile(file)) ?? (await createKeyFile(file));
  const next = String(Math.max(...Object.keys(keys.versions).map(Number)) + 1);
  const rotated: KeyFile = { current: next, versions: { ...keys.versions, [next]: randomBytes(32).toString('base64') } };
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(rotated, null, 2)}\n`, { mode: 0o600 });
  await rename(temporary, file);
  return next;
};
