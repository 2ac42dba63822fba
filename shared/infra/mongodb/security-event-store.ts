import type { Db } from 'mongodb';
import { newId } from '../../kernel/index.ts';
import { toSecurityEventData, type SecurityEventData, type SecurityEvents } from '../../security/index.ts';
import { defineCollection } from './collection.ts';

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
}

export interface SecurityEventStore extends SecurityEvents {
  /** Events not yet published, oldest first (at most `limit`). */
  unpublished: (limit: number) => Promise<SecurityEventData[]>;
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
      const { id, ...data } = toSecurityEventData(newId('sev'), event);
      await events.insertOne({ ...data, _id: id, schemaVersion: 1, at: event.at, published: false });
    },
    unpublished: async (limit) => {
      const found = await events.find({ published: false }).limit(limit).toArray();
      return found
        .sort((a, b) => a.at.getTime() - b.at.getTime())
        .map(({ _id, at, published: _p, publishedAt: _pa, schemaVersion: _v, ...rest }) => ({ ...rest, id: _id, at: at.toISOString() }));
    },
    markPublished: async (id, at) => {
      await events.updateOne({ _id: id }, { $set: { published: true, publishedAt: at } });
    },
  };
};
