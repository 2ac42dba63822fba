import type { JobStep, ModelUsage } from './agents.ts';
import type { JobLog } from './ports.ts';
import type { JobError, JobResult } from './records.ts';

/**
 * Appends a claimed job's entries in order. The runner holding the claim is the only writer, so
 * the numbers never collide; a taken number would mean a second runner, and stops this one.
 */
export const createStepWriter = (log: JobLog, jobId: string, now: () => Date) => {
  let seq = 0;
  const append = async (entry: Parameters<JobLog['append']>[0]) => {
    if (!(await log.append(entry))) throw new Error(`job ${jobId}: step ${entry.seq} was written by another runner`);
  };
  return {
    step: async (step: JobStep, detail: Record<string, unknown> = {}) =>
      append({ jobId, seq: ++seq, at: now(), kind: 'step', step, detail }),
    done: async (result: JobResult, charged: number, usage: ModelUsage[]) =>
      append({ jobId, seq: ++seq, at: now(), kind: 'done', result, charged, usage }),
    failed: async (error: JobError, usage: ModelUsage[]) => append({ jobId, seq: ++seq, at: now(), kind: 'failed', error, usage }),
  };
};

export type StepWriter = ReturnType<typeof createStepWriter>;
