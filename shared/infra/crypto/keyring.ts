import { z } from 'zod';
import { open, seal, type SealedSecret } from './sealed-secret.ts';

/**
 * A key-encryption key with the others still accepted during a rotation: values are sealed under
 * `current` only, and open under any key of the ring (AES-GCM refuses a wrong key outright, so the
 * first key that opens a value is the one that sealed it).
 */
export interface Keyring {
  current: Buffer;
  /** Keys that still open values (the one being rotated out), tried after `current`. */
  others: readonly Buffer[];
}

/** A comma-separated list of 32-byte base64 keys (one key is the usual case). */
export const keyListSchema = z
  .string()
  .refine(
    (value) => value.split(',').every((key) => Buffer.from(key.trim(), 'base64').length === 32),
    'must be 32-byte keys, base64-encoded (openssl rand -base64 32), comma-separated during a rotation',
  );

/**
 * The ring of a variable holding `new[,old…]`: the first key seals, every key opens (during a
 * rotation `old,new`, then `new,old`, then `new`: docs/secrets.md).
 */
export const keyringOf = (value: string): Keyring => {
  const [current, ...others] = value
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, 'base64'));
  if (!current) throw new Error('a key ring needs at least one key');
  return { current, others };
};

/** Whether `kek` opens the value (a wrong key, context or tag: false). */
export const opensUnder = (kek: Buffer, context: string, sealed: SealedSecret): boolean => {
  try {
    open(kek, context, sealed);
    return true;
  } catch {
    return false;
  }
};

/** Opens a value sealed under any key of the ring; throws the current key's error when none opens it. */
export const openWithRing = (ring: Keyring, context: string, sealed: SealedSecret): string => {
  try {
    return open(ring.current, context, sealed);
  } catch (error) {
    for (const kek of ring.others) if (opensUnder(kek, context, sealed)) return open(kek, context, sealed);
    throw error;
  }
};

export const sealWithRing = (ring: Keyring, context: string, plaintext: string): SealedSecret => seal(ring.current, context, plaintext);
