import type { Db, Filter } from 'mongodb';
import type { Alert, AlertStore } from '../../security/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { keptTrace, writerTrace } from './outbox-trace.ts';

/** `security_alerts`: one per rule, subject and window slot (unique `slotKey`). */
export const securityAlertCollection = defineCollection({
  name: 'security_alerts',
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['security', 'network'],
    retention: 'security-records',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'unlink',
  },
  indexes: [
    { name: 'security_alerts_slot_unique', keys: { slotKey: 1 }, unique: true },
    { name: 'security_alerts_raised', keys: { raisedAt: -1, _id: -1 } },
    { name: 'security_alerts_incident', keys: { incidentId: 1 } },
    { name: 'security_alerts_user', keys: { userId: 1 } },
    // The outbox: the delivery cron reads the undelivered alerts by equality.
    { name: 'security_alerts_delivered', keys: { delivered: 1 } },
  ],
});

interface AlertDocument extends Omit<Alert, 'id'> {
  _id: string;
  schemaVersion: 1;
  userId: string | null;
  /** The outbox flag: false until published and (when its severity is mailed) mailed. */
  delivered: boolean;
  /** The raising event's trace, for the alert event the delivery cron publishes (absent before it was kept). */
  traceparent?: string;
}

const toAlert = ({ _id, schemaVersion: _v, userId: _u, delivered: _d, traceparent: _t, ...rest }: AlertDocument): Alert => ({
  id: _id,
  ...rest,
});

export const createSecurityAlertStore = (db: Db): AlertStore => {
  const alerts = securityAlertCollection.in<AlertDocument>(db);
  const findBySlot = async (slotKey: string) => {
    const found = await alerts.findOne({ slotKey });
    return found ? toAlert(found) : null;
  };
  return {
    raise: async ({ id, ...alert }) => {
      try {
        await alerts.insertOne({
          _id: id,
          schemaVersion: 1,
          ...alert,
          userId: alert.subject.kind === 'user' ? alert.subject.id : null,
          delivered: false,
          ...writerTrace(),
        });
        return { alert: { id, ...alert }, isNew: true };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const first = await findBySlot(alert.slotKey);
        if (!first) throw error;
        return { alert: first, isNew: false };
      }
    },
    findBySlot,
    markPublished: async (id, at) => {
      await alerts.updateOne({ _id: id }, { $set: { publishedAt: at } });
    },
    markMailed: async (id, at) => {
      await alerts.updateOne({ _id: id }, { $set: { mailedAt: at } });
    },
    markDelivered: async (id) => {
      await alerts.updateOne({ _id: id }, { $set: { delivered: true } });
    },
    undelivered: async (before, limit) => {
      const found = await alerts
        .find({ delivered: false })
        .limit(limit * 4)
        .toArray();
      return found
        .filter((a) => a.raisedAt < before)
        .sort((a, b) => a.raisedAt.getTime() - b.raisedAt.getTime())
        .slice(0, limit)
        .map((doc) => ({ ...toAlert(doc), ...keptTrace(doc) }));
    },
    list: async (filter, before, limit) => {
      const query: Filter<AlertDocument> = {};
      if (filter.rule) query.rule = filter.rule;
      if (filter.severity) query.severity = filter.severity;
      if (filter.incidentId) query.incidentId = filter.incidentId;
      if (filter.from || filter.to)
        query.raisedAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
      if (before) query.$or = [{ raisedAt: { $lt: before.at } }, { raisedAt: before.at, _id: { $lt: before.id } }];
      return (await alerts.find(query).sort({ raisedAt: -1, _id: -1 }).limit(limit).toArray()).map(toAlert);
    },
  };
};
