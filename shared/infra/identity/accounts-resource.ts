import { emailIndex } from '../crypto/blind-index.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { createAccounts, type Accounts } from '../../identity/index.ts';
import { createLedger } from '../../billing/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { ledgerPorts } from '../billing/ledger-resource.ts';
import { withTrialCredits } from '../billing/trial-credits-at-signup.ts';
import { createArgon2Hasher } from '../argon2/password-hasher.ts';
import { accessTokens } from '../jose/access-tokens.ts';
import { mailer } from '../mail/smtp-mailer.ts';
import { createLoginAttemptStore } from '../mongodb/login-attempt-store.ts';
import {
  createEmailVerificationStore,
  createPasswordResetStore,
  createPersonalWorkspaceStore,
  createSecurityEventStore,
} from '../mongodb/identity-misc-stores.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createPasswordResetRequestStore } from '../mongodb/password-reset-request-store.ts';
import { createProfileChangeStore } from '../mongodb/profile-change-store.ts';
import { createRefreshTokenStore } from '../mongodb/refresh-token-store.ts';
import { createSessionStore } from '../mongodb/session-store.ts';
import { twoFactorStore } from '../mongodb/two-factor-store.ts';
import { createUserStore } from '../mongodb/user-store.ts';
import { createTotp } from '../otp/totp.ts';
import { createCommonPasswords } from '../passwords/common-passwords.ts';
import { webAppConfig } from '../web-app-config.ts';
import { loginLockout } from './login-lockout-config.ts';

/** The accounts service wired to MongoDB, argon2id, the access-token signer, SMTP and TOTP. */
export const accounts = defineResource({
  name: 'accounts',
  config: webAppConfig,
  requires: [mongo, fieldSealer, emailIndex, ledgerPorts, accessTokens, mailer, twoFactorStore, loginLockout],
  create: (config, { use, log }): Accounts => {
    const { db } = use(mongo);
    return createAccounts({
      users: createUserStore(db, use(fieldSealer), use(emailIndex)),
      sessions: createSessionStore(db),
      refreshTokens: createRefreshTokenStore(db),
      loginAttempts: createLoginAttemptStore(db, use(emailIndex)),
      emailVerifications: createEmailVerificationStore(db, use(fieldSealer)),
      passwordResets: createPasswordResetStore(db, use(fieldSealer)),
      passwordResetRequests: createPasswordResetRequestStore(db, use(emailIndex)),
      twoFactor: use(twoFactorStore),
      totp: createTotp(),
      workspaces: withTrialCredits(createPersonalWorkspaceStore(db), createLedger(use(ledgerPorts)), log),
      securityEvents: createSecurityEventStore(db),
      profileChanges: createProfileChangeStore(db, use(fieldSealer)),
      passwordHasher: createArgon2Hasher(),
      accessTokens: use(accessTokens),
      mailer: use(mailer),
      commonPasswords: createCommonPasswords(),
      clock: { now: () => new Date() },
      addressLockout: use(loginLockout),
      appUrl: config.WEB_APP_URL,
    });
  },
});
