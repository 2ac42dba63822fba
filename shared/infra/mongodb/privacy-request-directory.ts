import type { Db } from 'mongodb';
import {
  deadlineOf,
  exportStateOf,
  type ExportResult,
  type PrivacyRequest,
  type RequestDirectory,
  type RequestKind,
  type RequestOrigin,
  type RestrictionEntry,
} from '../../privacy/index.ts';
import { erasureRequestCollection } from './erasure-store.ts';
import { exportJobCollection, exportResultCollection } from './export-store.ts';
import { restrictionEntryCollection } from './restriction-store.ts';

type Before = { at: Date; id: string } | null;
const channelOf = (origin: RequestOrigin | undefined) => (origin?.by === 'dpo' ? origin.channel : 'app');
/** Received at or before the cursor; the same instant is dropped by id afterwards. */
const atFilter = (field: string, before: Before) => (before ? { [field]: { $lte: before.at } } : {});
const isBefore = (request: PrivacyRequest, before: Before) =>
  !before ||
  request.receivedAt.getTime() < before.at.getTime() ||
  (request.receivedAt.getTime() === before.at.getTime() && request.id < before.id);
const newestFirst = (a: PrivacyRequest, b: PrivacyRequest) => b.receivedAt.getTime() - a.receivedAt.getTime() || (a.id < b.id ? 1 : -1);

/** The DPO's view of the requests, read from where each kind is kept. */
export const createRequestDirectory = (db: Db): RequestDirectory => {
  const exportsOf = exportJobCollection.in(db);
  const results = exportResultCollection.in<{ _id: string } & Omit<ExportResult, 'jobId'>>(db);
  const erasures = erasureRequestCollection.in(db);
  const restrictionsOf = restrictionEntryCollection.in<RestrictionEntry & { _id: string }>(db);

  const exportRequests = async (filter: object, limit: number, now: Date): Promise<PrivacyRequest[]> => {
    const jobs = await exportsOf.find(filter).sort({ requestedAt: -1, _id: -1 }).limit(limit).toArray();
    return Promise.all(
      jobs.map(async (job) => {
        const doc = await results.findOne({ _id: job._id });
        const result = doc ? { ...doc, jobId: doc._id } : null;
        const state = exportStateOf(result, now);
        return {
          id: `export:${job._id}`,
          kind: 'export' as const,
          userId: job.userId,
          receivedAt: job.requestedAt,
          deadline: deadlineOf(job.requestedAt),
          state: state === 'pending' ? 'open' : state === 'failed' ? 'failed' : 'completed',
          completedAt: result?.at ?? null,
          channel: channelOf(job.origin),
          details: {
            exportState: state,
            expiresAt: result?.expiresAt?.toISOString() ?? null,
            reference: job.origin.by === 'dpo' ? job.origin.reference : null,
          },
        } satisfies PrivacyRequest;
      }),
    );
  };

  const erasureRequests = async (filter: object, limit: number, now: Date): Promise<PrivacyRequest[]> => {
    const asked = await erasures
      .find({ ...filter, kind: 'requested' })
      .sort({ at: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return Promise.all(
      asked.map(async (entry) => {
        const [cancelled] = await erasures
          .find({ userId: entry.userId, seq: { $gt: entry.seq }, kind: 'cancelled' })
          .sort({ seq: 1 })
          .limit(1)
          .toArray();
        const due = entry.scheduledFor !== null && entry.scheduledFor.getTime() <= now.getTime();
        return {
          id: `erasure:${entry._id}`,
          kind: 'erasure' as const,
          userId: entry.userId,
          receivedAt: entry.at,
          deadline: deadlineOf(entry.at),
          state: cancelled ? 'cancelled' : due ? 'due' : 'scheduled',
          completedAt: cancelled?.at ?? null,
          channel: 'app',
          details: { scheduledFor: entry.scheduledFor?.toISOString() ?? null },
        } satisfies PrivacyRequest;
      }),
    );
  };

  const restrictionRequests = async (filter: object, limit: number): Promise<PrivacyRequest[]> => {
    const entries = await restrictionsOf.find(filter).sort({ at: -1, _id: -1 }).limit(limit).toArray();
    return entries.map((entry) => ({
      id: `restriction:${entry._id}`,
      kind: 'restriction' as const,
      userId: entry.userId,
      receivedAt: entry.at,
      deadline: deadlineOf(entry.at),
      // Applied when received: `allows` answers false from that moment.
      state: 'completed',
      completedAt: entry.at,
      channel: channelOf(entry.origin),
      details: {
        purpose: entry.change.purpose,
        restriction: entry.change.kind,
        active: entry.change.active,
        reference: entry.origin.by === 'dpo' ? entry.origin.reference : null,
      },
    }));
  };

  const read = (kind: RequestKind, filter: (field: string) => object, limit: number, now: Date) =>
    kind === 'export'
      ? exportRequests(filter('requestedAt'), limit, now)
      : kind === 'erasure'
        ? erasureRequests(filter('at'), limit, now)
        : restrictionRequests(filter('at'), limit);

  return {
    list: async (kinds, before, limit, now) => {
      // One extra per tie at the cursor's instant, dropped below.
      const lists = await Promise.all(kinds.map((kind) => read(kind, (field) => atFilter(field, before), limit + 1, now)));
      return lists
        .flat()
        .filter((request) => isBefore(request, before))
        .sort(newestFirst)
        .slice(0, limit);
    },
    find: async (id, now) => {
      const [kind, ...rest] = id.split(':');
      const recordId = rest.join(':');
      if (!recordId) return null;
      const byId = () => ({ _id: recordId });
      const found = kind === 'export' || kind === 'erasure' || kind === 'restriction' ? await read(kind, byId, 1, now) : [];
      return found[0] ?? null;
    },
    latest: async (kind, userId, now) => (await read(kind, () => ({ userId }), 1, now))[0] ?? null,
  };
};
