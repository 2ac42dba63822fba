import { dataKeyRewrap } from '../../shared/infra/crypto/data-key-rewrap.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description:
    'Daily: re-wraps every data key still wrapped under a non-primary KEK version (after a rotation), so old versions can be destroyed.',
  schedule: '40 3 * * *',
  uses: [dataKeyRewrap],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['credentials'],
    purpose: 'keep the per-person data keys under the current key-encryption key (security of processing)',
    legalBasis: 'legal-obligation',
  },
  handler: async (_tick, { use, log }) => {
    const report = await use(dataKeyRewrap).run();
    log.info(report, 're-wrap of data keys done');
  },
});
