import { createHash } from 'node:crypto';
import type { Db } from 'mongodb';
import { newId, type Traced } from '../../kernel/index.ts';
import { refusalAggregationKey, toSecurityEventData, type SecurityEventData, type SecurityEvents } from '../../security/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { writerTrace } from './outbox-trace.ts';

export const securityEventCollection = defineCollection({
  name: 'security_events',
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['security', 'network'],
    retention: 'security-records',
    subject: { userId: 'userId', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'unlink',
  },
  indexes: [
    { name: 'security_events_user', keys: { userId: 1 } },
    // The outbox: the publisher cron reads the unpublished events by equality.
    { name: 'security_events_published', keys: { published: 1 } },
  ],
});

interface SecurityEventDocument extends Omit<SecurityEventData, 'id' | 'at'> {
  _id: string;
  schemaVersion: 1;
  at: Date;
  /** The outbox flag: false until the event reached the broker. */
  published: boolean;
  publishedAt?: Date;
  /** An aggregated event is published once its window has closed (its count is then final). */
  publishAfter?: Date;
  /** The writing request's trace (for an aggregate, its first request's), for the published event. */
  traceparent?: string;
}

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
/** A `sev_` id derived from a key: identical refusals of a window, or retries of a keyed event, meet on it. */
const aggregateId = (key: string) => {
  const digest = createHash('sha256').update(key).digest();
  let body = '';
  for (let i = 0; i < 20; i += 1) body += alphabet[digest[i]! & 31];
  return `sev_${body}`;
};
/** Aggregated events this instance knows exist (a minute's worth; cleared when full). */
const knownAggregates = new Set<string>();
const knownAggregatesMax = 10_000;
/** Past the window's end, so that increments from instances whose clocks lag still land before publishing. */
const publishGraceMs = 5000;

export interface SecurityEventStore extends SecurityEvents {
  /** Events not yet published, oldest first (at most `limit`). */
  unpublished: (limit: number) => Promise<Traced<SecurityEventData>[]>;
  /** Marks an event published. Idempotent. */
  markPublished: (id: string, at: Date) => Promise<void>;
}

/**
 * `security_events`: append-only, and the outbox of `com.uxflow.security.event.v1`. Only the
 * allow-listed members of an event are stored (no secrets); a cron function publishes them.
 */
export const createSecurityEventStore = (db: Db): SecurityEventStore => {
  const events = securityEventCollection.in<SecurityEventDocument>(db);
  return {
    record: async (event) => {
      if (!event.aggregate) {
        const { id, ...data } = toSecurityEventData(event.key ? aggregateId(`key|${event.key}`) : newId('sev'), event);
        try {
          await events.insertOne({ ...data, _id: id, schemaVersion: 1, at: event.at, published: false, ...writerTrace() });
        } catch (error) {
          // A keyed event recorded before (a retry): it is there already.
          if (!event.key || !isDuplicateKey(error)) throw error;
        }
        return;
      }
      // Identical refusals of a window: the first inserts the event (the unique _id decides between
      // instances), the others count on it. A loop of refused requests is one document, not one per request.
      const { key, windowEnd } = refusalAggregationKey(event);
      const { id, ...data } = toSecurityEventData(aggregateId(key), event);
      // Known to exist (this instance inserted or met it): count without trying the insert.
      if (knownAggregates.has(id)) {
        await events.updateOne({ _id: id }, { $inc: { count: 1 } });
        return;
      }
      if (knownAggregates.size >= knownAggregatesMax) knownAggregates.clear();
      try {
        await events.insertOne({
          ...data,
          _id: id,
          schemaVersion: 1,
          at: event.at,
          count: 1,
          windowEnd: windowEnd.toISOString(),
          published: false,
          publishAfter: new Date(windowEnd.getTime() + publishGraceMs),
          ...writerTrace(),
        });
        knownAggregates.add(id);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        knownAggregates.add(id);
        await events.updateOne({ _id: id }, { $inc: { count: 1 } });
      }
    },
    unpublished: async (limit) => {
      const now = new Date();
      const found = await events
        .find({ published: false, $or: [{ publishAfter: { $exists: false } }, { publishAfter: { $lte: now } }] })
        .limit(limit)
        .toArray();
      return found
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map(({ _id, at, published: _p, publishedAt: _pa, publishAfter: _after, schemaVersion: _v, ...rest }) => ({
          ...rest,
          id: _id,
          at: at.toISOString(),
        }));
    },
    markPublished: async (id, at) => {
      await events.updateOne({ _id: id }, { $set: { published: true, publishedAt: at } });
    },
  };
};
