import { createHmac, timingSafeEqual } from 'node:crypto';
import type { DownloadLinks } from '../../privacy/index.ts';

/** The download path of an export (relative to the API's origin). */
export const exportDownloadPath = (jobId: string) => `/v1/privacy/exports/${jobId}/download`;

/**
 * Signed, expiring download links: HMAC-SHA-256 over the export id and the expiry, under a key
 * derived from `PRIVACY_HASH_KEY` for this use alone (a link is a bearer credential: whoever holds
 * it within the day downloads the archive, as with a cloud storage signed URL).
 */
export const createDownloadLinks = (privacyHashKey: Buffer): DownloadLinks => {
  const key = createHmac('sha256', privacyHashKey).update('uxf-export-link-v1').digest();
  const mac = (jobId: string, expires: number) => createHmac('sha256', key).update(`${jobId}.${expires}`).digest('base64url');
  return {
    sign: (jobId, expiresAt) => {
      const expires = Math.floor(expiresAt.getTime() / 1000);
      return `${exportDownloadPath(jobId)}?expires=${expires}&signature=${mac(jobId, expires)}`;
    },
    verify: (jobId, expires, signature, now) => {
      if (!Number.isSafeInteger(expires) || expires * 1000 <= now.getTime()) return false;
      const expected = Buffer.from(mac(jobId, expires));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
};
