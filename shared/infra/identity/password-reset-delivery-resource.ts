import { fieldSealer } from '../crypto/field-sealer.ts';
import { createPasswordResetDelivery, type PasswordResetDelivery } from '../../identity/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { mailer } from '../mail/smtp-mailer.ts';
import { emailIndex } from '../crypto/blind-index.ts';
import { createPasswordResetStore } from '../mongodb/identity-misc-stores.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createPasswordResetRequestStore } from '../mongodb/password-reset-request-store.ts';
import { createUserStore } from '../mongodb/user-store.ts';
import { webAppConfig } from '../web-app-config.ts';

/** The password-reset outbox's delivery, wired to MongoDB and SMTP (no signing keys, no argon2). */
export const passwordResetDelivery = defineResource({
  name: 'password-reset-delivery',
  config: webAppConfig,
  requires: [mongo, fieldSealer, emailIndex, mailer],
  create: (config, { use }): PasswordResetDelivery => {
    const { db } = use(mongo);
    return createPasswordResetDelivery({
      users: createUserStore(db, use(fieldSealer), use(emailIndex)),
      passwordResets: createPasswordResetStore(db, use(fieldSealer)),
      passwordResetRequests: createPasswordResetRequestStore(db, use(emailIndex)),
      mailer: use(mailer),
      clock: { now: () => new Date() },
      appUrl: config.WEB_APP_URL,
    });
  },
});
