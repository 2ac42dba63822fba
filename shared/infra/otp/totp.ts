import type * as OtpAuth from 'otpauth';
import type { Totp } from '../../identity/index.ts';

const issuer = 'UX Flow Engine';
const period = 30;

let library: Promise<typeof OtpAuth> | undefined;
// Loaded on first use: only logins of users with 2FA and the 2FA endpoints need it.
const load = () => (library ??= import('otpauth'));

/** RFC 6238 TOTP through `otpauth`: SHA-1, 6 digits, 30-second steps, one step of drift accepted. */
export const createTotp = (): Totp => {
  const totpOf = async (secret: string, label = '') => {
    const { Secret, TOTP } = await load();
    return new TOTP({ issuer, label, algorithm: 'SHA1', digits: 6, period, secret: Secret.fromBase32(secret) });
  };
  return {
    newSecret: async () => new (await load()).Secret({ size: 20 }).base32,
    uri: async (secret, accountName) => (await totpOf(secret, accountName)).toString(),
    matchStep: async (secret, code, now) => {
      const timestamp = now.getTime();
      const delta = (await totpOf(secret)).validate({ token: code, timestamp, window: 1 });
      return delta === null ? null : Math.floor(timestamp / 1000 / period) + delta;
    },
  };
};
