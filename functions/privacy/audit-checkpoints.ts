import { auditSystem } from '../../shared/infra/audit/audit-resources.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Every hour, signs (Ed25519) the head of each audit chain that moved since its last checkpoint.',
  schedule: '5 * * * *',
  uses: [auditSystem],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'batch' },
  privacy: {
    personalData: ['security'],
    purpose: 'sign the heads of the audit chains so that anyone can verify the log',
    legalBasis: 'legitimate-interests',
  },
  handler: async (tick, { use, log }) => {
    const signed = await use(auditSystem).signCheckpoints(new Date(tick.time));
    log.info({ signed }, 'audit checkpoints signed');
  },
});
