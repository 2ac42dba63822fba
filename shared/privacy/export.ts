import { DomainError } from '../kernel/index.ts';

/** How long a built export can be downloaded. */
export const exportLifetimeHours = 24;
/** How long the law gives to answer a request (the DPO's deadline). */
export const requestDeadlineDays = 30;
/** A build that has not succeeded after this long is given up (failed): the person asks again. */
export const exportGiveUpMinutes = 60;

/** Who asked: the person themselves, or the DPO for them (a request received by post or e-mail). */
export type RequestOrigin = { by: 'self' } | { by: 'dpo'; staffId: string; channel: 'post' | 'email'; reference: string | null };

/** An export request as inserted (never changed but for `openFor`, released when it ends). */
export interface ExportJob {
  id: string;
  userId: string;
  requestedAt: Date;
  origin: RequestOrigin;
}

/** How a build ended: inserted once per job (the first builder to finish wins). */
export interface ExportResult {
  jobId: string;
  state: 'ready' | 'failed';
  at: Date;
  /** When the download stops working (ready); null when failed. */
  expiresAt: Date | null;
  bytes: number;
  /** Records per store, as the archive's manifest lists them. */
  counts: Record<string, number>;
}

export type ExportState = 'pending' | 'ready' | 'failed' | 'expired';

export interface ExportView {
  id: string;
  state: ExportState;
  requestedAt: Date;
  completedAt: Date | null;
  expiresAt: Date | null;
  bytes: number | null;
  /** The signed link (ready exports only). */
  downloadUrl: string | null;
}

export interface ExportJobs {
  /**
   * Inserts the job as the person's open export (unique per person); when one is open already,
   * `open` is that one (null if it was released meanwhile: try again).
   */
  insertOpen: (job: ExportJob) => Promise<{ inserted: true } | { inserted: false; open: ExportJob | null }>;
  /** The person's open export, or null. */
  findOpen: (userId: string) => Promise<ExportJob | null>;
  find: (id: string) => Promise<ExportJob | null>;
  /** Ends the job's hold on the person's one open export (idempotent). */
  release: (job: ExportJob) => Promise<void>;
  /** Open jobs, oldest first. */
  listOpen: (limit: number) => Promise<ExportJob[]>;
  result: (jobId: string) => Promise<ExportResult | null>;
  /** Inserts the result; false when the job already has one. */
  insertResult: (result: ExportResult) => Promise<boolean>;
}

/** What the archive is built from: each store's records about the person. */
export interface PersonalData {
  collect: (userId: string) => Promise<{ store: string; records: Record<string, unknown>[] }[]>;
}

export interface ExportFiles {
  /** Stores the archive (sealed under the person's data key); replaces a partial earlier write. */
  put: (job: ExportJob, archive: Uint8Array, expiresAt: Date) => Promise<void>;
  /** The archive, or null when gone (expired, erased). */
  get: (job: ExportJob) => Promise<Uint8Array | null>;
  /** Deletes the archives whose download expired before `now`; how many chunks. */
  purgeExpired: (now: Date) => Promise<number>;
}

export interface DownloadLinks {
  sign: (jobId: string, expiresAt: Date) => string;
  /** Whether the link's signature is ours and its time has not passed. */
  verify: (jobId: string, expires: number, signature: string, now: Date) => boolean;
}

export const exportErrors = {
  notFound: () => new DomainError('not_found', 'EXPORT_NOT_FOUND', { detail: 'No such export.' }),
  linkInvalid: () =>
    new DomainError('forbidden', 'EXPORT_LINK_INVALID', {
      detail: 'This download link is not valid or has expired: ask for a new export.',
    }),
  gone: () => new DomainError('not_found', 'EXPORT_GONE', { detail: 'This export is no longer available: ask for a new one.' }),
};

export const exportStateOf = (result: ExportResult | null, now: Date): ExportState => {
  if (!result) return 'pending';
  if (result.state === 'failed') return 'failed';
  return result.expiresAt && result.expiresAt.getTime() <= now.getTime() ? 'expired' : 'ready';
};
