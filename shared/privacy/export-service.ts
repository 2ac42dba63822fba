import {
  exportErrors,
  exportGiveUpMinutes,
  exportLifetimeHours,
  exportStateOf,
  type DownloadLinks,
  type ExportFiles,
  type ExportJob,
  type ExportJobs,
  type ExportView,
  type PersonalData,
  type RequestOrigin,
} from './export.ts';

export interface ExportDeps {
  jobs: ExportJobs;
  files: ExportFiles;
  data: PersonalData;
  /** Builds the archive from each store's records. */
  archive: (userId: string, stores: { store: string; records: Record<string, unknown>[] }[], at: Date) => Uint8Array;
  links: DownloadLinks;
  clock: { now: () => Date };
  newId: () => string;
}

const hourMs = 3_600_000;

/** Access (portability) exports: asked, built by a cron, downloaded through a signed link for 24 hours. */
export const createExports = ({ jobs, files, data, archive, links, clock, newId }: ExportDeps) => {
  const viewOf = async (job: ExportJob): Promise<ExportView> => {
    const result = await jobs.result(job.id);
    const state = exportStateOf(result, clock.now());
    return {
      id: job.id,
      state,
      requestedAt: job.requestedAt,
      completedAt: result?.at ?? null,
      expiresAt: result?.expiresAt ?? null,
      bytes: result?.state === 'ready' ? result.bytes : null,
      downloadUrl: state === 'ready' && result?.expiresAt ? links.sign(job.id, result.expiresAt) : null,
    };
  };

  /** Builds one job's archive and records the result; a job built twice (racing ticks) keeps the first result. */
  const build = async (job: ExportJob) => {
    const stores = await data.collect(job.userId);
    const now = clock.now();
    const bytes = archive(job.userId, stores, now);
    const expiresAt = new Date(now.getTime() + exportLifetimeHours * hourMs);
    await files.put(job, bytes, expiresAt);
    const counts = Object.fromEntries(stores.map(({ store, records }) => [store, records.length]));
    await jobs.insertResult({
      jobId: job.id,
      state: 'ready',
      at: now,
      expiresAt,
      bytes: bytes.length,
      counts,
    });
    await jobs.release(job);
  };

  return {
    /**
     * Asks for an export of everything held about the person. One open export per person: asking
     * while one is being built answers that one (`isNew` false).
     */
    request: async (userId: string, origin: RequestOrigin): Promise<{ view: ExportView; isNew: boolean }> => {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const job: ExportJob = { id: newId(), userId, requestedAt: clock.now(), origin };
        const outcome = await jobs.insertOpen(job);
        if (outcome.inserted) return { view: await viewOf(job), isNew: true };
        const { open } = outcome;
        if (!open) continue;
        // An open job that has a result lost its release to a crash: release it and try again.
        if (!(await jobs.result(open.id))) return { view: await viewOf(open), isNew: false };
        await jobs.release(open);
      }
      throw new Error('export request: the open export could not be released');
    },

    /** The person's export. @throws EXPORT_NOT_FOUND (another person's too) */
    view: async (userId: string, id: string): Promise<ExportView> => {
      const job = await jobs.find(id);
      if (!job || job.userId !== userId) throw exportErrors.notFound();
      return viewOf(job);
    },

    /** The archive behind a signed link. @throws EXPORT_LINK_INVALID, EXPORT_GONE */
    download: async (id: string, expires: number, signature: string): Promise<{ job: ExportJob; archive: Uint8Array }> => {
      if (!links.verify(id, expires, signature, clock.now())) throw exportErrors.linkInvalid();
      const job = await jobs.find(id);
      const result = job ? await jobs.result(job.id) : null;
      if (!job || exportStateOf(result, clock.now()) !== 'ready') throw exportErrors.gone();
      const bytes = await files.get(job);
      if (!bytes) throw exportErrors.gone();
      return { job, archive: bytes };
    },

    /** Builds the open exports (oldest first, at most `limit`), gives up on old failures, purges expired archives. */
    buildOpen: async (limit: number, onError: (job: ExportJob, error: unknown) => void) => {
      const report = { built: 0, failed: 0, retrying: 0, released: 0, purged: 0 };
      for (const job of await jobs.listOpen(limit)) {
        if (await jobs.result(job.id)) {
          await jobs.release(job);
          report.released += 1;
          continue;
        }
        try {
          await build(job);
          report.built += 1;
        } catch (error) {
          onError(job, error);
          const now = clock.now();
          if (now.getTime() - job.requestedAt.getTime() < exportGiveUpMinutes * 60_000) {
            report.retrying += 1;
            continue;
          }
          await jobs.insertResult({ jobId: job.id, state: 'failed', at: now, expiresAt: null, bytes: 0, counts: {} });
          await jobs.release(job);
          report.failed += 1;
        }
      }
      report.purged = await files.purgeExpired(clock.now());
      return report;
    },

    /** The view of one job (the DPO's). */
    viewOf,
  };
};

export type Exports = ReturnType<typeof createExports>;
