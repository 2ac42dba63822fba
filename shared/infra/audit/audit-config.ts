import { defineConfig } from '../../platform/config/fragment.ts';
import { keyListSchema, keyringOf, type Keyring } from '../crypto/keyring.ts';

/** The audit signing keys: their private halves are sealed under this key at rest (AES-256-GCM). */
export const auditKeysConfig = defineConfig({
  name: 'audit-keys',
  shape: {
    /** Seals the audit checkpoint signing keys (Ed25519) at rest; separate from the access-token keys' KEK; `new,old` during a rotation. */
    AUDIT_KEY_ENCRYPTION_KEY: keyListSchema,
  },
  devDefaults: { AUDIT_KEY_ENCRYPTION_KEY: 'ZGV2ZWxvcG1lbnQtb25seS1hdWRpdC1rZXktc2VhbDE=' },
});

/** The ring that opens what AUDIT_KEY_ENCRYPTION_KEY seals (the audit signing keys). */
export const auditKeyring = (config: { AUDIT_KEY_ENCRYPTION_KEY: string }): Keyring => keyringOf(config.AUDIT_KEY_ENCRYPTION_KEY);
