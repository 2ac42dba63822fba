/** A user gets this many single-use backup codes when 2FA is enabled. */
export const backupCodeCount = 10;

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
const codeLength = 16;

/**
 * Ten backup codes of 16 Crockford base32 characters (80 random bits each, so a SHA-256 of one
 * cannot be brute-forced), shown grouped as `xxxx-xxxx-xxxx-xxxx`.
 */
export const newBackupCodes = (): string[] =>
  Array.from({ length: backupCodeCount }, () => {
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(codeLength));
    const chars = [...bytes].map((byte) => alphabet[byte & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });

/** What the user typed, as compared: without spaces and dashes, lower-case. */
export const normalizeSecondFactor = (input: string): string => input.replace(/[\s-]/g, '').toLowerCase();

/** Whether a (normalised) second factor has the shape of a TOTP code or of a backup code. */
export const secondFactorKind = (normalized: string): 'totp' | 'backup' | null => {
  if (/^\d{6}$/.test(normalized)) return 'totp';
  if (normalized.length === codeLength && [...normalized].every((char) => alphabet.includes(char))) return 'backup';
  return null;
};
