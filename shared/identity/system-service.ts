import type { KeySchedule } from './signing-key-schedule.ts';

/** Keys stay stored this long after they stopped verifying, then they are deleted. */
export const retiredSigningKeysKeptMs = 30 * 86_400_000;

/** Port: the stored signing keys (their private halves never leave the adapter). */
export interface SigningKeyStore {
  /** The key of a period, created when missing; concurrent callers all get the one inserted. */
  ensure: (period: number, now: Date) => Promise<{ kid: string }>;
  /** Deletes keys that stopped verifying before `cutoff`; resolves how many. */
  deleteRetired: (cutoff: Date) => Promise<number>;
}

/** What identity's background functions do. */
export const createIdentitySystemService = ({ signingKeys, schedule }: { signingKeys: SigningKeyStore; schedule: KeySchedule }) => ({
  /**
   * Makes sure the current and the next period have a signing key and deletes long-retired keys.
   * The next key is published (JWKS) a whole period before it signs, so caches always know it.
   */
  rotateSigningKeys: async (now: Date) => {
    const period = schedule.periodOf(now);
    const [current, next] = await Promise.all([signingKeys.ensure(period, now), signingKeys.ensure(period + 1, now)]);
    const deleted = await signingKeys.deleteRetired(new Date(now.getTime() - retiredSigningKeysKeptMs));
    return { current: current.kid, next: next.kid, deleted };
  },
});
