import { createApiKeyService } from '../../identity/api-key-service.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { createApiKeyStore } from '../mongodb/api-key-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';

/** The API-key service over `api_keys`. */
export const apiKeys = defineResource({
  name: 'api-keys',
  config: defineConfig({ name: 'api-keys', shape: {}, devDefaults: {} }),
  requires: [mongo, auditLog],
  create: (_config, { use }) =>
    createApiKeyService({ keys: createApiKeyStore(use(mongo).db), clock: { now: () => new Date() }, audit: use(auditLog) }),
});
