import { createAgentCalls } from './agent-calls.ts';
import { jobLifetimeMs, jobStartDeadlineMs } from './job-status.ts';
import { jobErrorOf, jobFailures } from './job-failure.ts';
import { doJob } from './job-work.ts';
import type { AiJob, JobResult } from './records.ts';
import type { RunnerPorts } from './runner-ports.ts';
import { createStepWriter } from './step-writer.ts';

/** Room left for committing and writing the result after the last agent call, before the reservation lapses. */
const settleMarginMs = 60_000;

/** What a run did; `error` is what made a job fail (for the log: the job's entry says only its code). */
export type RunOutcome = { outcome: 'missing' | 'duplicate' | 'done' } | { outcome: 'failed'; error: unknown };

/**
 * Charges a delivered result. A clarifying question instead of a change is billed as a question
 * (`ai.chat`): the change's reservation is released and a question's credits charged under the
 * job's `:clarify` key (nothing, should that be refused). @returns the credits charged.
 */
const charge = async (ports: RunnerPorts, job: AiJob, result: JobResult): Promise<number> => {
  const asQuestion = result.kind === 'answer' && result.clarifying && job.operation !== 'ai.chat';
  if (!asQuestion) {
    await ports.ledger.commit(job.workspaceId, job.reservationId, job.actor);
    return job.credits;
  }
  await ports.ledger.release(job.workspaceId, job.reservationId, job.actor);
  try {
    const reservation = await ports.ledger.reserve({
      workspaceId: job.workspaceId,
      operation: 'ai.chat',
      idempotencyKey: `${job.id}:clarify`,
      actor: job.actor,
      multiplier: job.quality === 'pro' ? 2 : 1,
      plan: (await ports.flows.plans.limitsOf(job.workspaceId)).plan,
      upgradeUrl: ports.upgradeUrl(job.workspaceId),
    });
    await ports.ledger.commit(job.workspaceId, reservation.reservationId, job.actor);
    return reservation.cost;
  } catch {
    return 0;
  }
};

/**
 * The job runner: claims a job by inserting its step 0 (a redelivered event finds it taken and
 * does nothing), does the work step by step, then commits the credits and writes `done`, or
 * releases them and writes `failed` (provider down, timeout, invalid output, a proposal that never
 * validated, anything thrown). Should the runner die, the job reads as failed once its lifetime is
 * over and the reservation cron releases its credits.
 */
export const createJobRunner = (ports: RunnerPorts) => ({
  run: async (jobId: string): Promise<RunOutcome> => {
    const job = await ports.jobs.find(jobId);
    if (!job) return { outcome: 'missing' };
    const claimedAt = ports.clock.now();
    if (!(await ports.log.append({ jobId, seq: 0, at: claimedAt, kind: 'claimed' }))) return { outcome: 'duplicate' };
    const steps = createStepWriter(ports.log, jobId, ports.clock.now);
    const deadline = new Date(job.createdAt.getTime() + jobLifetimeMs - settleMarginMs);
    const calls = createAgentCalls({ timeoutMs: ports.agentTimeoutMs, deadline, now: ports.clock.now });
    try {
      if (claimedAt.getTime() - job.createdAt.getTime() > jobStartDeadlineMs) throw jobFailures.expired();
      const result = await doJob({ ...ports, agents: ports.agents({ workspaceId: job.workspaceId, jobId: job.id }) }, job, calls, steps);
      const charged = await charge(ports, job, result);
      await steps.done(result, charged, calls.usage);
      return { outcome: 'done' };
    } catch (error) {
      await ports.ledger.release(job.workspaceId, job.reservationId, job.actor).catch(() => undefined);
      await steps.failed(jobErrorOf(error), calls.usage);
      return { outcome: 'failed', error };
    } finally {
      // An image is kept for its job's life only (removed once read; again here for a job that ended before reading it).
      if (job.operation === 'ai.image') await ports.images.remove(job.id).catch(() => undefined);
    }
  },
});
