import { aiSystem } from '../../shared/infra/ai/ai-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { aiCostTags } from './lib/ai-function.ts';

export default defineCronFunction({
  description:
    'Every five minutes, deletes the sketches of AI image jobs whose lifetime (15 minutes) is over: the runner deletes each once read; this removes what a runner that died, or a job never run, left.',
  schedule: '*/5 * * * *',
  uses: [aiSystem],
  costTags: { ...aiCostTags, tier: 'batch' },
  privacy: {
    personalData: ['content'],
    purpose: 'delete the images users sent to the AI once their job can no longer run (storage limitation)',
    legalBasis: 'legal-obligation',
  },
  handler: async (_tick, { use, log }) => {
    const removed = await use(aiSystem).sweepJobImages();
    if (removed > 0) log.info({ removed }, 'expired AI job images deleted');
  },
});
