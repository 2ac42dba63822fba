import { createErasureScheduling, type ErasureScheduling } from '../../privacy/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { createErasureStore, createSoleOwnership } from '../mongodb/erasure-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { privacyHasher } from './privacy-hasher.ts';

/** Erasure requests over MongoDB (`erasure_requests`), refused while the person alone owns a shared workspace; each request and cancellation audited. */
export const erasureScheduling = defineResource({
  name: 'erasure-scheduling',
  config: defineConfig({ name: 'erasure-scheduling', shape: {}, devDefaults: {} }),
  requires: [mongo, privacyHasher, auditLog],
  create: (_config, { use }): ErasureScheduling => {
    const { db } = use(mongo);
    return createErasureScheduling({
      log: createErasureStore(db),
      ownership: createSoleOwnership(db),
      clock: { now: () => new Date() },
      hashIp: use(privacyHasher),
      audit: use(auditLog),
    });
  },
});
