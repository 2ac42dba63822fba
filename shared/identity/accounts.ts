import { DomainError, newId } from '../kernel/index.ts';
import { newPersonalWorkspace } from '../workspaces/index.ts';
import type { AccessTokens } from './access-token.ts';
import { createEmailVerification } from './email-verification.ts';
import type { AddressLockPolicy } from './lockout.ts';
import { createLoginGuard } from './login-guard.ts';
import { registrationMails } from './mails.ts';
import { createPasswordReset } from './password-reset.ts';
import { assertPasswordAcceptable, type CommonPasswords } from './password-policy.ts';
import type * as Ports from './ports.ts';
import { newSecret } from './secrets.ts';
import { createSelfService } from './self-service.ts';
import { createSessionService, type RefreshCredential, type SessionTokens } from './session-service.ts';
import { createTwoFactor } from './two-factor.ts';
import type { Totp, TwoFactorStore } from './two-factor-ports.ts';

export interface AccountsPorts {
  users: Ports.Users;
  sessions: Ports.Sessions;
  refreshTokens: Ports.RefreshTokens;
  loginAttempts: Ports.LoginAttempts;
  emailVerifications: Ports.EmailVerifications;
  passwordResets: Ports.PasswordResets;
  passwordResetRequests: Ports.PasswordResetRequests;
  twoFactor: TwoFactorStore;
  totp: Totp;
  workspaces: Ports.PersonalWorkspaces;
  securityEvents: Ports.SecurityEvents;
  /** The record of rectifications (privacy: the right to rectification). */
  profileChanges: Ports.ProfileChanges;
  passwordHasher: Ports.PasswordHasher;
  accessTokens: AccessTokens;
  mailer: Ports.Mailer;
  commonPasswords: CommonPasswords;
  clock: Ports.Clock;
  /** The per-address stuffing threshold (the per-account steps are fixed). */
  addressLockout: AddressLockPolicy;
  /** Where links in mails point (the web client), without a trailing slash. */
  appUrl: string;
}

export interface PublicUser {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
}

export type Authenticated = SessionTokens & { user: PublicUser };

export interface LoginInput {
  email: string;
  password: string;
  /** A TOTP code or a backup code, for users with 2FA. */
  totp?: string;
  rememberMe: boolean;
  ip: string;
  userAgent?: string;
}

const toPublic = (user: Ports.User): PublicUser => ({ id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified });

/** Accounts: registration, password login, sessions. E-mail addresses arrive normalised. */
export const createAccounts = (ports: AccountsPorts) => {
  const { users, passwordHasher, clock } = ports;
  const sessions = createSessionService(ports);
  const guard = createLoginGuard(ports);
  const mails = registrationMails(ports.appUrl);
  const verification = createEmailVerification(ports);
  const twoFactor = createTwoFactor(ports, guard);
  const invalidCredentials = () =>
    new DomainError('unauthenticated', 'INVALID_CREDENTIALS', { detail: 'The e-mail or the password is wrong.' });

  return {
    ...verification,
    ...createPasswordReset(ports, sessions),
    ...createSelfService(ports, sessions, guard),
    ...twoFactor,

    /**
     * Creates the account, its personal workspace (pro trial) and a session, and mails a
     * verification link. For an e-mail already registered the answer has the same shape (a
     * session that leads nowhere) and the owner is told by mail instead: no enumeration.
     */
    register: async (input: { email: string; password: string; name: string }): Promise<Authenticated> => {
      await assertPasswordAcceptable(input.password, ports.commonPasswords);
      const now = clock.now();
      const user: Ports.User = {
        id: newId('usr'),
        email: input.email,
        name: input.name,
        passwordHash: await passwordHasher.hash(input.password),
        emailVerified: false,
        platformRoles: [],
        createdAt: now,
      };
      if (!(await users.create(user))) {
        await ports.mailer.send(mails.alreadyRegistered(input.email));
        const decoy = await ports.accessTokens.issue({ userId: user.id, sessionId: newId('ses'), platformRoles: [] });
        return { user: toPublic(user), accessToken: decoy.token, expiresIn: decoy.expiresIn, ...decoySecrets(false) };
      }
      const { workspace, owner } = newPersonalWorkspace({ userId: user.id, name: user.name }, now);
      await ports.workspaces.create(workspace, owner);
      await verification.issueEmailVerification(user);
      return { user: toPublic(user), ...(await sessions.start(user, false, { method: 'registration' })) };
    },

    /**
     * Password login, then the second factor for users with 2FA. Unknown e-mail and wrong password
     * both throw INVALID_CREDENTIALS; a lock throws ACCOUNT_LOCKED; TOTP_REQUIRED (not counted)
     * when 2FA is on and no code came; INVALID_TOTP (counted toward the lockout) for a wrong one.
     */
    login: async (input: LoginInput): Promise<Authenticated> => {
      const attempt = await guard.begin(input.email, input.ip);
      const user = await users.findByEmail(input.email);
      // An unknown account, or one without a password (signed up through a provider), costs one
      // hash verification too, so timing does not tell them apart.
      const isValid = await passwordHasher.verify(user?.passwordHash || dummyHash, input.password);
      if (!user || !isValid) {
        await attempt.settle('failure', user?.id);
        throw invalidCredentials();
      }
      const second = await twoFactor.checkSecondFactor(user.id, input.totp);
      if (second === 'missing') {
        // The password alone neither counts against the account nor resets its count.
        await attempt.settle('void');
        throw new DomainError('unauthenticated', 'TOTP_REQUIRED', {
          detail: 'Send the code of your authenticator app (or a backup code) as totp.',
        });
      }
      await attempt.settle(second === 'wrong' ? 'failure' : 'success', user.id);
      if (second === 'wrong')
        throw new DomainError('unauthenticated', 'INVALID_TOTP', { detail: 'The code is wrong or was already used.' });
      // The session remembers whether a second factor was passed: platform roles need it.
      const client = { ip: input.ip, userAgent: input.userAgent, secondFactor: second === 'passed', method: 'password' as const };
      return { user: toPublic(user), ...(await sessions.start(user, input.rememberMe, client)) };
    },

    refresh: (credential: RefreshCredential, client?: Ports.RefreshClient) => sessions.refresh(credential, users.findById, client),
    logout: sessions.logout,
    logoutAll: sessions.logoutAll,

    /** The caller's own account; USER_NOT_FOUND (as unauthenticated) when it no longer exists. */
    profile: async (userId: string): Promise<PublicUser & { createdAt: Date }> => {
      const user = await users.findById(userId);
      if (!user) throw new DomainError('unauthenticated', 'USER_NOT_FOUND', { detail: 'The account no longer exists.' });
      return { ...toPublic(user), createdAt: user.createdAt };
    },
  };
};

export type Accounts = ReturnType<typeof createAccounts>;

/** A syntactically valid argon2id hash of a random password, verified against for unknown accounts. */
const dummyHash = '$argon2id$v=19$m=19456,t=2,p=1$rvqgXkFvNxAGK7PKKBX+TA$by+pQUFuhljq+1aclEiWtURi9HIKr7OZ5IfJT+yCUOM';

const decoySecrets = (rememberMe: boolean) => ({
  refreshToken: newSecret('rt'),
  csrfToken: newSecret('csrf'),
  refreshExpiresIn: (rememberMe ? 30 : 7) * 24 * 60 * 60,
});
