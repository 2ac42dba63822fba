import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A secret sealed with AES-256-GCM; every field base64. */
export interface SealedSecret {
  iv: string;
  tag: string;
  ciphertext: string;
}

/**
 * Seals a secret under a 32-byte key, bound to `context` (a key id, a user…) as associated
 * data, so a sealed value copied onto another record does not open.
 */
export const seal = (kek: Buffer, context: string, plaintext: string): SealedSecret => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, iv);
  cipher.setAAD(Buffer.from(context));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
};

/** Every tag we seal is 16 bytes; GCM would otherwise accept a truncated tag (4–15 bytes). */
const TAG_BYTES = 16;

/** Opens a sealed secret; throws when the key, the context, the ciphertext or the tag is wrong. */
export const open = (kek: Buffer, context: string, sealed: SealedSecret): string => {
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(sealed.iv, 'base64'), { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
};
