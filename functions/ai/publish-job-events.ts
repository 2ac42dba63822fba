import { aiSystem } from '../../shared/infra/ai/ai-system-resource.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';
import { aiCostTags } from './lib/ai-function.ts';

/** Jobs per run; a backlog drains over the next runs. */
const batchSize = 100;

export default defineCronFunction({
  description: 'Every minute, publishes the job.requested events that accepting requests could not (the jobs outbox).',
  schedule: '* * * * *',
  uses: [aiSystem],
  costTags: { ...aiCostTags, tier: 'batch' },
  privacy: {
    personalData: ['identity'],
    purpose: 'hand accepted AI jobs to the runner (ids only leave the store)',
    legalBasis: 'contract',
  },
  handler: async (_tick, { use, log }) => {
    const published = await use(aiSystem).publishDueJobs(batchSize);
    if (published > 0) log.info({ published }, 'AI job events published');
  },
});
