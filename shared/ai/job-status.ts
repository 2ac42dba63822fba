import type { JobStep, ProposedOperation } from './agents.ts';
import type { AiJob, JobEntry, JobError, JobResult } from './records.ts';

/**
 * How long a job may take from acceptance to its end. Its credits are reserved for 15 minutes (the
 * ledger's reservation lifetime, after which the cron releases them): a job still unfinished by
 * then has failed, whatever its runner is doing.
 */
export const jobLifetimeMs = 15 * 60_000;
/** A runner claiming a job this late does not start it: too little would be left to finish and commit in time. */
export const jobStartDeadlineMs = 10 * 60_000;

export const jobStatuses = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** A step as clients see it. */
export interface JobStepView {
  seq: number;
  step: JobStep;
  at: Date;
  detail: Record<string, unknown>;
}

/** An operation of the architect's draft as it was produced; one with the same round and id seen before replaces it. */
export type JobOperationView = ProposedOperation & { seq: number; round: number; at: Date };

export interface JobView {
  status: JobStatus;
  /** The steps numbered above the `after` asked for. */
  steps: JobStepView[];
  /** The draft's operations numbered above `after` (the proposal, once validated, is what counts). */
  operations: JobOperationView[];
  /** The highest entry number so far (a client passes it as `after` next time). */
  lastSeq: number;
  result: JobResult | null;
  error: JobError | null;
  finishedAt: Date | null;
}

export const jobTimedOut: JobError = { code: 'JOB_TIMED_OUT', message: 'The job did not finish in time; its credits were released.' };

/** A job's state, derived from its step log alone (every entry; a job has a few dozen at most). */
export const jobViewOf = (job: Pick<AiJob, 'createdAt'>, entries: readonly JobEntry[], now: Date, after = 0): JobView => {
  const steps = entries
    .filter((entry) => entry.seq > after)
    .flatMap((entry) => (entry.kind === 'step' ? [{ seq: entry.seq, step: entry.step, at: entry.at, detail: entry.detail }] : []));
  const operations = entries
    .filter((entry) => entry.seq > after)
    .flatMap((entry) =>
      entry.kind === 'operation'
        ? [
            {
              seq: entry.seq,
              round: entry.round,
              at: entry.at,
              id: entry.operationId,
              operation: entry.operation,
              rationale: entry.rationale,
            },
          ]
        : [],
    );
  const last = entries.at(-1);
  const lastSeq = last?.seq ?? 0;
  const seen = { steps, operations, lastSeq };
  if (last?.kind === 'done') return { status: 'done', ...seen, result: last.result, error: null, finishedAt: last.at };
  if (last?.kind === 'failed') return { status: 'failed', ...seen, result: null, error: last.error, finishedAt: last.at };
  if (now.getTime() - job.createdAt.getTime() > jobLifetimeMs) {
    return { status: 'failed', ...seen, result: null, error: jobTimedOut, finishedAt: null };
  }
  return { status: last ? 'running' : 'queued', ...seen, result: null, error: null, finishedAt: null };
};

/** Whether a view is final (nothing more will be appended that a client waits for). */
export const isFinished = (view: JobView): boolean => view.status === 'done' || view.status === 'failed';
