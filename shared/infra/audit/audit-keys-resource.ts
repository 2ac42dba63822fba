import { defineResource } from '../../platform/resource.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { auditKeyring, auditKeysConfig } from './audit-config.ts';
import { createAuditSigningKeys } from './audit-signing-keys.ts';

/** The audit signing keys (`audit_signing_keys`), private halves sealed under AUDIT_KEY_ENCRYPTION_KEY. */
export const auditKeys = defineResource({
  name: 'audit-keys',
  config: auditKeysConfig,
  requires: [mongo],
  create: (config, { use }) => createAuditSigningKeys(use(mongo).db, auditKeyring(config)),
});
