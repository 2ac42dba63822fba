import { z } from 'zod';
import type { AddressLockPolicy } from '../../identity/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';

/**
 * The per-address login lockout. The per-account steps (3 failures → 5 min … 20 → 24 h) are
 * fixed by the product; an address has its own, much higher threshold, because many people can
 * share one (an office, a mobile carrier) and their typos must not lock each other out.
 */
export const loginLockoutConfig = defineConfig({
  name: 'login-lockout',
  shape: {
    /** Failed logins (any accounts) from one IP address within the window that lock the address. */
    LOGIN_LOCKOUT_IP_FAILURES: z.coerce.number().int().min(4).max(100_000).default(30),
    /** The sliding window of that count, in minutes; the lock ends when enough failures leave it. */
    LOGIN_LOCKOUT_IP_WINDOW_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(60),
  },
  devDefaults: {},
});

export const loginLockout = defineResource({
  name: 'login-lockout',
  config: loginLockoutConfig,
  create: (config): AddressLockPolicy => ({
    maxFailures: config.LOGIN_LOCKOUT_IP_FAILURES,
    windowMs: config.LOGIN_LOCKOUT_IP_WINDOW_MINUTES * 60_000,
  }),
});
