import { z } from 'zod';
import { idSchema } from '../kernel/index.ts';

export const jobRequestedEventType = 'com.uxflow.ai.job.requested.v1';

/** An AI job waits for the runner. Subject: the job id. Delivered at least once; the runner's claim makes a repeat a no-op. */
export const jobRequestedEventSchema = z.object({
  workspaceId: idSchema('wsp'),
  flowId: idSchema('flw'),
  jobId: idSchema('job'),
});
