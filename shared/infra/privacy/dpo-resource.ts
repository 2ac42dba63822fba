import { createDpoDesk, type DpoDesk } from '../../privacy/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { emailIndex } from '../crypto/blind-index.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createRequestDirectory } from '../mongodb/privacy-request-directory.ts';
import { createUserStore } from '../mongodb/user-store.ts';
import { erasureScheduling } from './erasure-resource.ts';
import { privacyExports } from './exports-resource.ts';
import { restrictions } from './restrictions-resource.ts';

/** The DPO's desk over MongoDB: the requests of every kind, entered and read with an audit entry each. */
export const dpoDesk = defineResource({
  name: 'dpo-desk',
  config: defineConfig({ name: 'dpo-desk', shape: {}, devDefaults: {} }),
  requires: [mongo, fieldSealer, emailIndex, privacyExports, erasureScheduling, restrictions, auditLog],
  create: (_config, { use }): DpoDesk => {
    const { db } = use(mongo);
    const users = createUserStore(db, use(fieldSealer), use(emailIndex));
    return createDpoDesk({
      directory: createRequestDirectory(db),
      exports: use(privacyExports),
      erasure: use(erasureScheduling),
      restrictions: use(restrictions),
      findUser: async ({ userId, email }) =>
        (userId ? await users.findById(userId) : email ? await users.findByEmail(email) : null)?.id ?? null,
      audit: use(auditLog),
      clock: { now: () => new Date() },
    });
  },
});
