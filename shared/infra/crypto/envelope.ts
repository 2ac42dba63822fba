import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * A field value sealed under a person's data key: AES-256-GCM, a random 96-bit nonce, a 16-byte
 * tag, bound (associated data) to where it is stored, and naming the data-key version that sealed
 * it. Every binary member is base64.
 */
export interface SealedValue {
  /** Marks a sealed value (a plain string is a value written before sealing began). */
  sealed: 'A256GCM';
  /** The data-key version. */
  kv: number;
  iv: string;
  ct: string;
  tag: string;
}

/** Where a value is stored: a value copied into another record, field or collection does not open. */
export interface FieldContext {
  collection: string;
  field: string;
  recordId: string;
}

const tagBytes = 16;
const aadOf = ({ collection, field, recordId }: FieldContext) => Buffer.from(JSON.stringify(['uxf-field-v1', collection, field, recordId]));

export const isSealedValue = (value: unknown): value is SealedValue =>
  typeof value === 'object' && value !== null && (value as { sealed?: unknown }).sealed === 'A256GCM';

/** Seals `plaintext` under a 32-byte data key of version `kv`. */
export const sealValue = (key: Buffer, kv: number, context: FieldContext, plaintext: string): SealedValue => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes });
  cipher.setAAD(aadOf(context));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { sealed: 'A256GCM', kv, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
};

/** Opens a sealed value; throws when the key, the context or any byte is wrong (a short tag included). */
export const openValue = (key: Buffer, context: FieldContext, sealed: SealedValue): string => {
  const tag = Buffer.from(sealed.tag, 'base64');
  if (tag.length !== tagBytes) throw new Error('a sealed value carries a 16-byte tag');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'), { authTagLength: tagBytes });
  decipher.setAAD(aadOf(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]).toString('utf8');
};
