import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';
import { keyListSchema, keyringOf, type Keyring } from '../crypto/keyring.ts';

export const authConfig = defineConfig({
  name: 'auth-tokens',
  shape: {
    /** `iss` of our access tokens; the public API origin. */
    AUTH_ISSUER: z.string().min(1),
    /** `aud` of our access tokens. */
    AUTH_AUDIENCE: z.string().min(1),
    /** Encrypts the signing keys' private halves at rest (AES-256-GCM); `new,old` during a rotation (the first seals). */
    AUTH_KEY_ENCRYPTION_KEY: keyListSchema,
    /** Days between signing-key rotations. */
    AUTH_SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  },
  devDefaults: {
    AUTH_ISSUER: 'http://127.0.0.1:3000',
    AUTH_AUDIENCE: 'uxflow-api',
    AUTH_KEY_ENCRYPTION_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1rZXktZW5jcnlwdGlvbjE=',
  },
});

/** The ring that opens what AUTH_KEY_ENCRYPTION_KEY seals (signing keys, 2FA secrets of before the data keys). */
export const authKeyring = (config: { AUTH_KEY_ENCRYPTION_KEY: string }): Keyring => keyringOf(config.AUTH_KEY_ENCRYPTION_KEY);
