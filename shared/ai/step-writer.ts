import type { JobStep, ModelUsage, ProposedOperation } from './agents.ts';
import type { JobLog } from './ports.ts';
import type { JobEntry, JobError, JobResult } from './records.ts';

type NewEntry = JobEntry extends infer E ? (E extends JobEntry ? Omit<E, 'jobId' | 'seq' | 'at'> : never) : never;

/**
 * Appends a claimed job's entries in order. The runner holding the claim is the only writer, so
 * the numbers never collide; a taken number would mean a second runner, and stops this one.
 * Appends are chained one after the other: a reader that has seen entry n has seen every entry
 * before it (it asks for the entries after n next), even when operations are told from a stream
 * callback that cannot wait. A failed append fails every later one, so the next awaited step
 * throws it.
 */
export const createStepWriter = (log: JobLog, jobId: string, now: () => Date) => {
  let seq = 0;
  let tail: Promise<void> = Promise.resolve();
  const append = (entry: NewEntry, afterFailure = false): Promise<void> => {
    const numbered = { ...entry, jobId, seq: ++seq } as JobEntry;
    tail = (afterFailure ? tail.catch(() => undefined) : tail).then(async () => {
      if (!(await log.append({ ...numbered, at: now() })))
        throw new Error(`job ${jobId}: entry ${numbered.seq} was written by another runner`);
    });
    return tail;
  };
  return {
    step: async (step: JobStep, detail: Record<string, unknown> = {}) => append({ kind: 'step', step, detail }),
    /** Records an operation of the draft; not awaited by a stream callback (its failure surfaces at the next step). */
    operation: (round: number, proposed: ProposedOperation): void => {
      append({ kind: 'operation', round, operationId: proposed.id, operation: proposed.operation, rationale: proposed.rationale }).catch(
        () => undefined,
      );
    },
    /** Waits for every entry told so far. @throws the first append that failed. */
    flush: async () => tail,
    done: async (result: JobResult, charged: number, usage: ModelUsage[]) => append({ kind: 'done', result, charged, usage }),
    /** Written even when an earlier append failed: the job's end is what its client waits for. */
    failed: async (error: JobError, usage: ModelUsage[]) => append({ kind: 'failed', error, usage }, true),
  };
};

export type StepWriter = ReturnType<typeof createStepWriter>;
