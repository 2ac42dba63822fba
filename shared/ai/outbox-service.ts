import type { JobEvents, JobStore } from './ports.ts';

/** A job the request could not publish is picked up after this long (the request may still be publishing it). */
export const unpublishedJobGraceMs = 30_000;

/**
 * The jobs outbox: publishes `job.requested` for jobs whose request could not (broker down, crash
 * after storing). The event id is the job's accepted event id, so a consumer sees the same event.
 * @returns how many went out (stops at the first broker failure).
 */
export const publishDueJobs = async (
  ports: { jobs: JobStore; events: JobEvents; clock: { now: () => Date } },
  limit: number,
): Promise<number> => {
  const due = await ports.jobs.unpublished(new Date(ports.clock.now().getTime() - unpublishedJobGraceMs), limit);
  let published = 0;
  for (const job of due) {
    await ports.events.publish(job, `${job.id}:accepted`);
    await ports.jobs.markPublished(job.id, ports.clock.now());
    published += 1;
  }
  return published;
};
