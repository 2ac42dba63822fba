import { DomainError, newId } from '../kernel/index.ts';
import { newBackupCodes, normalizeSecondFactor, secondFactorKind } from './backup-codes.ts';
import type { LoginGuard } from './login-guard.ts';
import type { SecurityEvents } from './ports.ts';
import { createReauthentication, type Reauthentication, type ReauthenticationPorts } from './reauthentication.ts';
import type { Totp, TotpEnrollment, TwoFactorStore } from './two-factor-ports.ts';

export interface TwoFactorPorts extends ReauthenticationPorts {
  twoFactor: TwoFactorStore;
  totp: Totp;
  securityEvents: SecurityEvents;
}

/** Turning 2FA on or off: who asks (the access token), their proof, and the code. */
export type TwoFactorChange = Reauthentication & { code: string };

/** How a login's second factor turned out. */
export type SecondFactorOutcome = 'not_enabled' | 'passed' | 'missing' | 'wrong';

const conflict = (code: string, detail: string) => new DomainError('conflict', code, { detail });
const invalidCode = () => new DomainError('invalid', 'INVALID_TOTP_CODE', { detail: 'The code is wrong or was already used.' });

/** TOTP 2FA (RFC 6238) with ten single-use backup codes. Turning it on or off needs a re-authentication. */
export const createTwoFactor = (ports: TwoFactorPorts, guard: LoginGuard) => {
  const { twoFactor, totp, clock } = ports;
  const { assertReauthenticated } = createReauthentication(ports, guard);

  /** A TOTP code (each time step once) or a backup code (each once) of the enrollment. */
  const accepts = async (userId: string, enrollment: TotpEnrollment, input: string): Promise<boolean> => {
    const code = normalizeSecondFactor(input);
    const kind = secondFactorKind(code);
    if (kind === 'backup') return twoFactor.useBackupCode(enrollment.enrollmentId, code);
    if (kind !== 'totp') return false;
    const step = await totp.matchStep(enrollment.secret, code, clock.now());
    return step !== null && twoFactor.useTimeStep(userId, step);
  };

  const record = (type: 'totp_failed' | 'two_factor_enabled' | 'two_factor_disabled', userId: string) =>
    ports.securityEvents.record({ type, at: clock.now(), userId });

  return {
    /** Starts (or restarts) a setup: a new pending secret. TWO_FACTOR_ALREADY_ENABLED (conflict) when on. */
    setupTwoFactor: async (userId: string): Promise<{ otpauthUrl: string }> => {
      const user = await ports.users.findById(userId);
      if (!user) throw new DomainError('unauthenticated', 'USER_NOT_FOUND', { detail: 'The account no longer exists.' });
      if (await twoFactor.findActive(userId)) throw conflict('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already on.');
      const secret = await totp.newSecret();
      await twoFactor.savePending(userId, { enrollmentId: newId('tfa'), secret, createdAt: clock.now() });
      return { otpauthUrl: await totp.uri(secret, user.email) };
    },

    /** Turns 2FA on with a code of the pending secret; returns the backup codes (shown once). */
    enableTwoFactor: async (change: TwoFactorChange): Promise<{ backupCodes: string[] }> => {
      const { userId, code } = change;
      await assertReauthenticated(change);
      if (await twoFactor.findActive(userId)) throw conflict('TWO_FACTOR_ALREADY_ENABLED', 'Two-factor authentication is already on.');
      const pending = await twoFactor.findPending(userId);
      if (!pending) throw conflict('TWO_FACTOR_NOT_SET_UP', 'Start with POST /v1/auth/2fa/setup.');
      const step =
        secondFactorKind(normalizeSecondFactor(code)) === 'totp' ? await totp.matchStep(pending.secret, code, clock.now()) : null;
      if (step === null || !(await twoFactor.useTimeStep(userId, step))) throw invalidCode();
      const backupCodes = newBackupCodes();
      await twoFactor.activate(userId, pending, backupCodes);
      await record('two_factor_enabled', userId);
      return { backupCodes };
    },

    /** Turns 2FA off with a TOTP code or a backup code. TWO_FACTOR_NOT_ENABLED (conflict) when off. */
    disableTwoFactor: async (change: TwoFactorChange): Promise<void> => {
      const { userId, code } = change;
      await assertReauthenticated(change);
      const active = await twoFactor.findActive(userId);
      if (!active) throw conflict('TWO_FACTOR_NOT_ENABLED', 'Two-factor authentication is off.');
      if (!(await accepts(userId, active, code))) {
        await record('totp_failed', userId);
        throw invalidCode();
      }
      await twoFactor.deactivate(userId);
      await record('two_factor_disabled', userId);
    },

    /** The second factor of a login whose password was right. */
    checkSecondFactor: async (userId: string, code: string | undefined): Promise<SecondFactorOutcome> => {
      const active = await twoFactor.findActive(userId);
      if (!active) return 'not_enabled';
      if (code === undefined) return 'missing';
      return (await accepts(userId, active, code)) ? 'passed' : 'wrong';
    },
  };
};

export type TwoFactor = ReturnType<typeof createTwoFactor>;
