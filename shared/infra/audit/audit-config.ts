import { z } from 'zod';
import { defineConfig } from '../../platform/config/fragment.ts';

const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

/** The audit signing keys: their private halves are sealed under this key at rest (AES-256-GCM). */
export const auditKeysConfig = defineConfig({
  name: 'audit-keys',
  shape: {
    /** Seals the audit checkpoint signing keys (Ed25519) at rest; separate from the access-token keys' KEK. */
    AUDIT_KEY_ENCRYPTION_KEY: base64Key,
  },
  devDefaults: { AUDIT_KEY_ENCRYPTION_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1hdWRpdC1rZXktc2VhbDE=' },
});
