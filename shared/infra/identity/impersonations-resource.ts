import { createImpersonations, type Impersonations } from '../../identity/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { auditLog } from '../audit/audit-log-resource.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { accessTokens } from '../jose/access-tokens.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { emailIndex } from '../crypto/blind-index.ts';
import { createSessionStore } from '../mongodb/session-store.ts';
import { createStaffStore } from '../mongodb/staff-store.ts';
import { createUserStore } from '../mongodb/user-store.ts';

/** Support impersonation over the sessions, the users, the access-token signer and the audit log. */
export const impersonations = defineResource({
  name: 'impersonations',
  config: defineConfig({ name: 'impersonations', shape: {}, devDefaults: {} }),
  requires: [mongo, fieldSealer, emailIndex, accessTokens, auditLog],
  create: (_config, { use }): Impersonations => {
    const { db } = use(mongo);
    return createImpersonations({
      users: createUserStore(db, use(fieldSealer), use(emailIndex)),
      sessions: createSessionStore(db),
      accessTokens: use(accessTokens),
      audit: use(auditLog),
      grants: createStaffStore(db),
      clock: { now: () => new Date() },
    });
  },
});
