import { identitySystem } from '../../shared/infra/identity/identity-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Daily: makes sure the current and the next period have a signing key, and deletes long-retired keys.',
  schedule: '17 3 * * *',
  uses: [identitySystem],
  costTags: { team: 'identity', costCenter: 'cc-identity', tier: 'batch' },
  privacy: { personalData: 'none' },
  handler: async (tick, { use, log }) => {
    log.info(await use(identitySystem).rotateSigningKeys(new Date(tick.time)), 'signing keys rotated');
  },
});
