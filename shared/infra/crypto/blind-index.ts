import { createHmac } from 'node:crypto';
import { defineResource } from '../../platform/resource.ts';
import { blindIndexConfig } from '../privacy/privacy-config.ts';

/**
 * The blind index of an e-mail address: HMAC-SHA-256 of the normalised address under
 * `PRIVACY_BLIND_INDEX_KEY`, base64url (43 characters). The address itself is sealed under the
 * person's data key; records are found, and registrations kept unique, by this index. Keyed, so a
 * copy of the database alone cannot confirm a guessed address (a plain hash could be).
 */
export type EmailIndex = (email: string) => string;

// Normalised as identity's `normalizeEmail` does (tests/unit/privacy/blind-index.test.ts checks
// they agree); not imported: db:migrate loads this module before any zod extension is in place.
const normalized = (email: string) => email.trim().toLowerCase();

export const createEmailIndex =
  (key: Buffer): EmailIndex =>
  (email) =>
    createHmac('sha256', key)
      .update(`email:${normalized(email)}`)
      .digest('base64url');

export const emailIndex = defineResource({
  name: 'email-index',
  config: blindIndexConfig,
  create: (config): EmailIndex => createEmailIndex(Buffer.from(config.PRIVACY_BLIND_INDEX_KEY, 'base64')),
});
