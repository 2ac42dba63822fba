import { createHmac, timingSafeEqual } from 'node:crypto';
import { defineResource } from '../../platform/resource.ts';
import { privacyHashConfig } from './privacy-config.ts';

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
const base32 = (bytes: Buffer, length: number) => [...bytes.subarray(0, length)].map((b) => alphabet[b & 31]).join('');

/**
 * The ids an erasure hands out, all keyed hashes under PRIVACY_HASH_KEY, so nothing needs storing
 * before the erasure runs and nothing links them back to the person without the key:
 * - the receipt id (`era_…`) of a request (user id and request number);
 * - the token that opens the receipt (shown with the request, while the account still exists);
 * - the pseudonym that replaces the person's user id in the records kept (a valid `usr_` id).
 */
export interface ErasureIds {
  receiptIdOf: (userId: string, seq: number) => string;
  tokenOf: (receiptId: string) => string;
  /** Constant-time comparison of a presented token. */
  isToken: (receiptId: string, token: string) => boolean;
  pseudonymOf: (userId: string) => string;
}

export const createErasureIds = (key: Buffer): ErasureIds => {
  const mac = (text: string) => createHmac('sha256', key).update(text).digest();
  const tokenOf = (receiptId: string) => mac(`erasure-receipt-token:${receiptId}`).toString('base64url');
  return {
    receiptIdOf: (userId, seq) => `era_${base32(mac(`erasure-receipt:${userId}:${seq}`), 20)}`,
    tokenOf,
    isToken: (receiptId, token) => {
      const expected = Buffer.from(tokenOf(receiptId));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    pseudonymOf: (userId) => `usr_${base32(mac(`erasure-pseudonym:${userId}`), 20)}`,
  };
};

export const erasureIds = defineResource({
  name: 'erasure-ids',
  config: privacyHashConfig,
  create: (config): ErasureIds => createErasureIds(Buffer.from(config.PRIVACY_HASH_KEY, 'base64')),
});
