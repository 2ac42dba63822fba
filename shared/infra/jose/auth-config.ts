import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

export const authConfig = defineConfig({
  name: 'auth-tokens',
  shape: {
    /** `iss` of our access tokens; the public API origin. */
    AUTH_ISSUER: z.string().min(1),
    /** `aud` of our access tokens. */
    AUTH_AUDIENCE: z.string().min(1),
    /** Encrypts the signing keys' private halves at rest (AES-256-GCM). */
    AUTH_KEY_ENCRYPTION_KEY: base64Key,
    /** Days between signing-key rotations. */
    AUTH_SIGNING_KEY_ROTATION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  },
  devDefaults: {
    AUTH_ISSUER: 'http://127.0.0.1:3000',
    AUTH_AUDIENCE: 'uxflow-api',
    AUTH_KEY_ENCRYPTION_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1rZXktZW5jcnlwdGlvbjE=',
  },
});
