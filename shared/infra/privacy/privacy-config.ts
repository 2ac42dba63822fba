import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

/** The consent text the web app shows. */
export const consentConfig = defineConfig({
  name: 'consents',
  shape: {
    /** The version of the consent text the web app shows now; a change given under another is refused (409). */
    CONSENT_TEXT_VERSION: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be a short version label such as 2025-06-01'),
  },
  devDefaults: { CONSENT_TEXT_VERSION: '2025-06-01' },
});

/** The key of the keyed hashes kept instead of personal values that are only compared (client addresses). */
export const privacyHashConfig = defineConfig({
  name: 'privacy-hash',
  shape: {
    /** 32 bytes, base64. */
    PRIVACY_HASH_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)'),
  },
  devDefaults: { PRIVACY_HASH_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1wcml2YWN5LWhhc2hrZXk=' },
});

/** The key of the blind index: the keyed hash of a normalised e-mail address that logins and invitations look people up by. */
export const blindIndexConfig = defineConfig({
  name: 'blind-index',
  shape: {
    /** 32 bytes, base64. Never rotated: every stored index would have to be recomputed from the sealed addresses. */
    PRIVACY_BLIND_INDEX_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)'),
  },
  devDefaults: { PRIVACY_BLIND_INDEX_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1ibGluZC1pbmRleC1rZXk=' },
});
