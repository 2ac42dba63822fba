import { randomBytes } from 'node:crypto';

/**
 * A client address of a test's own (documentation range 2001:db8::/32). Tests refuse on purpose
 * (401, 403, 404), and the per-address allowance of refused authentications lives in the shared
 * Redis: a request without `X-Forwarded-For` counts against the one address `unknown`, shared by
 * every test file of the run, which a long run uses up (every later refusal-counted call is a 429).
 */
export const newClientAddress = (): string => `2001:db8:${randomBytes(6).toString('hex').match(/.{4}/g)!.join(':')}::1`;
