import { signingKeys } from '../../shared/infra/jose/signing-keys-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

/** Keys stay in the database this long after they stopped verifying (then they are deleted). */
const keepRetiredMs = 30 * 86_400_000;

export default defineCronFunction({
  description: 'Daily: makes sure the current and the next period have a signing key, and deletes long-retired keys.',
  schedule: '17 3 * * *',
  uses: [signingKeys],
  costTags: { team: 'identity', costCenter: 'cc-identity', tier: 'batch' },
  privacy: { personalData: 'none' },
  handler: async (tick, { use, log }) => {
    const { store, schedule } = use(signingKeys);
    const now = new Date(tick.time);
    const period = schedule.periodOf(now);
    // The next key is published (JWKS) a whole period before it signs, so caches always know it.
    const [current, next] = await Promise.all([store.ensure(period, now), store.ensure(period + 1, now)]);
    const deleted = await store.deleteRetired(new Date(now.getTime() - keepRetiredMs));
    log.info({ current: current.kid, next: next.kid, deleted }, 'signing keys rotated');
  },
});
