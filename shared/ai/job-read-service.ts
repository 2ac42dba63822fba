import { requirePermission } from './job-admission.ts';
import { aiRequestErrors } from './request-errors.ts';
import { isFinished, jobViewOf, type JobView } from './job-status.ts';
import type { AiPorts } from './ports.ts';
import type { AiJob } from './records.ts';
import type { FlowCaller } from '../flows/index.ts';

/** The longest a long-poll may wait (seconds): under the gateway's and the host's request timeouts. */
export const maxWaitSeconds = 25;
/** How often a waiting request reads the step log. */
export const pollIntervalMs = 250;

/**
 * Following jobs. A job is its requester's: anyone else (another member, another tenant) is told
 * it does not exist. Waiting polls the step log (no read-modify-write, no lock), so any instance
 * can answer any job.
 */
export const createJobReadService = (ports: Pick<AiPorts, 'jobs' | 'log' | 'clock' | 'sleep'>) => {
  const jobFor = async (caller: FlowCaller, jobId: string): Promise<AiJob> => {
    const job = await ports.jobs.find(jobId);
    if (!job) throw aiRequestErrors.jobNotFound();
    // The workspace first (another tenant: 404; a member without ai:use: 403), then whose job it is.
    await requirePermission(caller, job.workspaceId, 'ai:use', aiRequestErrors.jobNotFound);
    if (job.userId !== caller.userId) throw aiRequestErrors.jobNotFound();
    return job;
  };

  const viewOf = async (job: AiJob, after: number) => jobViewOf(job, await ports.log.after(job.id, -1), ports.clock.now(), after);

  return {
    jobFor,
    /**
     * The job's state, its steps and draft operations after `after`. With `waitSeconds` > 0, answers
     * as soon as a new step, operation or the end is there, or when the wait is over (the state as it then is).
     * @throws JOB_NOT_FOUND (404).
     */
    get: async (
      caller: FlowCaller,
      jobId: string,
      options: { after: number; waitSeconds: number },
    ): Promise<{ job: AiJob; view: JobView }> => {
      const job = await jobFor(caller, jobId);
      const until = ports.clock.now().getTime() + Math.min(options.waitSeconds, maxWaitSeconds) * 1000;
      for (;;) {
        const view = await viewOf(job, options.after);
        if (isFinished(view) || view.steps.length > 0 || view.operations.length > 0 || ports.clock.now().getTime() >= until)
          return { job, view };
        await ports.sleep(pollIntervalMs);
      }
    },
    viewOf,
  };
};
