import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

/** The privacy settings the consent functions read. */
export const consentConfig = defineConfig({
  name: 'consents',
  shape: {
    /** The version of the consent text the web app shows now; a change given under another is refused (409). */
    CONSENT_TEXT_VERSION: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, 'must be a short version label such as 2025-06-01'),
    /**
     * The key of the keyed hashes that stand in for personal values kept only to be compared
     * (client addresses in the consent history): 32 bytes, base64.
     */
    PRIVACY_HASH_KEY: z
      .string()
      .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)'),
  },
  devDefaults: {
    CONSENT_TEXT_VERSION: '2025-06-01',
    PRIVACY_HASH_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1wcml2YWN5LWhhc2hrZXk=',
  },
});
