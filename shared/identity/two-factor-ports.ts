/** A TOTP secret (base32) with the id of the setup that made it. */
export interface TotpEnrollment {
  enrollmentId: string;
  secret: string;
  createdAt: Date;
}

/** Port: TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps). */
export interface Totp {
  /** A new random secret, base32 (160 bits). */
  newSecret: () => Promise<string>;
  /** The `otpauth://` URI an authenticator app scans. */
  uri: (secret: string, accountName: string) => Promise<string>;
  /** The time step a code is valid for at `now` (one step of drift either way), or null. */
  matchStep: (secret: string, code: string, now: Date) => Promise<number | null>;
}

/**
 * Port: 2FA state per user. Secrets are sealed at rest by the adapter; the domain sees them open.
 * Single use (a TOTP time step, a backup code) is an insert unique on the thing used.
 */
export interface TwoFactorStore {
  /** Stores a pending enrollment, replacing an earlier pending one (the latest QR code counts). */
  savePending: (userId: string, enrollment: TotpEnrollment) => Promise<void>;
  findPending: (userId: string) => Promise<TotpEnrollment | null>;
  findActive: (userId: string) => Promise<TotpEnrollment | null>;
  /** Makes an enrollment the active one with its backup codes (stored hashed); drops the pending one. */
  activate: (userId: string, enrollment: TotpEnrollment, backupCodes: readonly string[]) => Promise<void>;
  /** Turns 2FA off; the enrollment's backup codes stop working. Idempotent. */
  deactivate: (userId: string) => Promise<void>;
  /** Uses a (normalised) backup code of the enrollment: true only for the first use of a code it has. */
  useBackupCode: (enrollmentId: string, code: string) => Promise<boolean>;
  /** Records the use of a TOTP time step by the user: false when that step was used before (a replay). */
  useTimeStep: (userId: string, step: number) => Promise<boolean>;
}
