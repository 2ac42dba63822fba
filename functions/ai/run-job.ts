import { createJobRunner } from '../../shared/ai/index.ts';
import { jobRunnerPorts } from '../../shared/infra/ai/job-runner-resource.ts';
import { defineEventFunction } from '../../shared/platform/definition/index.ts';
import { aiCostTags, aiPrivacy } from './lib/ai-function.ts';

export default defineEventFunction({
  description:
    'Runs an AI job: claims it once (a unique insert), then classifier → retrieval → planner → architect → validator with up to two repairs; commits its credits when it delivers, releases them otherwise.',
  events: ['com.uxflow.ai.job.requested.v1'],
  uses: [jobRunnerPorts],
  costTags: { ...aiCostTags, tier: 'batch' },
  // A job lives 15 minutes (its credits' reservation); agent calls are bounded inside it.
  timeoutSeconds: 900,
  spot: 'preferred',
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  privacy: aiPrivacy,
  handler: async (event, { use, log }) => {
    const { jobId } = event.data;
    const run = await createJobRunner(use(jobRunnerPorts)).run(jobId);
    if (run.outcome === 'failed') log.warn({ eventId: event.id, jobId, err: run.error }, 'AI job failed; its credits were released');
    else log.info({ eventId: event.id, jobId, outcome: run.outcome }, 'AI job handled');
  },
});
