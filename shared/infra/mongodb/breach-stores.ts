import type { Db } from 'mongodb';
import type { Breach, BreachAlert, BreachAlertStore, BreachHistoryStore, BreachStatusEntry, BreachStore } from '../../breach/index.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

interface BreachDocument extends Omit<Breach, 'id'> {
  _id: string;
  schemaVersion: 1;
}
interface StatusDocument extends BreachStatusEntry {
  /** `<breachId>:<seq>`. */
  _id: string;
  schemaVersion: 1;
}
interface AlertDocument extends BreachAlert {
  /** `<breachId>:<threshold>`: raised once. */
  _id: string;
  schemaVersion: 1;
}

// The register is the controller's documentation duty (Art. 33(5)): kept like the audit log, the
// staff ids in it unlinked, not deleted, when a staff account is erased.
export const breachCollection = defineCollection<BreachDocument>({
  name: 'breaches',
  indexes: [
    { name: 'breaches_reported', keys: { reportedAt: -1, _id: -1 } },
    { name: 'breaches_aware', keys: { awareAt: 1 } },
  ],
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity'],
    retention: 'audit-log',
    subject: { userId: 'reportedBy' },
    export: 'records',
    erase: 'unlink',
  },
});

export const breachStatusCollection = defineCollection<StatusDocument>({
  name: 'breach_status_history',
  indexes: [{ name: 'breach_status_history_breach_seq_unique', keys: { breachId: 1, seq: 1 }, unique: true }],
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity'],
    retention: 'audit-log',
    subject: { userId: 'by' },
    export: 'records',
    erase: 'unlink',
  },
});

export const breachAlertCollection = defineCollection<AlertDocument>({
  name: 'breach_alerts',
  indexes: [{ name: 'breach_alerts_mailed', keys: { mailedAt: 1, raisedAt: 1 } }],
  privacy: noPersonalData('deadline reminders of the breach register: breach ids, thresholds and times', 'audit-log'),
});

const toBreach = ({ _id, schemaVersion: _s, ...rest }: BreachDocument): Breach => ({ id: _id, ...rest });
const toEntry = ({ _id, schemaVersion: _s, ...rest }: StatusDocument): BreachStatusEntry => rest;
const toAlert = ({ _id, schemaVersion: _s, ...rest }: AlertDocument): BreachAlert => rest;

const insertOnce = async (write: () => Promise<unknown>): Promise<boolean> => {
  try {
    await write();
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
};

export const createBreachStore = (db: Db): BreachStore => {
  const breaches = breachCollection.in(db);
  return {
    insert: async ({ id, ...breach }) => {
      await breaches.insertOne({ _id: id, ...breach, schemaVersion: 1 });
    },
    find: async (id) => {
      const found = await breaches.findOne({ _id: id });
      return found ? toBreach(found) : null;
    },
    list: async (before, limit) => {
      const filter = before
        ? { $or: [{ reportedAt: { $lt: before.reportedAt } }, { reportedAt: before.reportedAt, _id: { $lt: before.id } }] }
        : {};
      return (await breaches.find(filter).sort({ reportedAt: -1, _id: -1 }).limit(limit).toArray()).map(toBreach);
    },
    awareBetween: async (from, to, limit) =>
      (
        await breaches
          .find({ awareAt: { $gte: from, $lte: to } })
          .sort({ awareAt: 1 })
          .limit(limit)
          .toArray()
      ).map(toBreach),
  };
};

export const createBreachHistoryStore = (db: Db): BreachHistoryStore => {
  const history = breachStatusCollection.in(db);
  return {
    entries: async (breachId) => (await history.find({ breachId }).sort({ seq: 1 }).toArray()).map(toEntry),
    append: (entry) => insertOnce(() => history.insertOne({ ...entry, _id: `${entry.breachId}:${entry.seq}`, schemaVersion: 1 })),
    latestOf: async (breachIds) => {
      const latest = new Map<string, BreachStatusEntry>();
      if (breachIds.length === 0) return latest;
      // Ascending: the last one seen per breach is its newest (a register holds few entries per breach).
      for (const doc of await history
        .find({ breachId: { $in: [...breachIds] } })
        .sort({ breachId: 1, seq: 1 })
        .toArray()) {
        latest.set(doc.breachId, toEntry(doc));
      }
      return latest;
    },
  };
};

export const createBreachAlertStore = (db: Db): BreachAlertStore => {
  const alerts = breachAlertCollection.in(db);
  return {
    raise: (alert) => insertOnce(() => alerts.insertOne({ ...alert, _id: `${alert.breachId}:${alert.threshold}`, schemaVersion: 1 })),
    // The alert's own mark, written by whoever sent the mail: no race decides anything here.
    markMailed: async (breachId, threshold, at) => {
      await alerts.updateOne({ _id: `${breachId}:${threshold}` }, { $set: { mailedAt: at } });
    },
    unmailed: async (before, limit) =>
      (
        await alerts
          .find({ mailedAt: null, raisedAt: { $lt: before } })
          .sort({ raisedAt: 1 })
          .limit(limit)
          .toArray()
      ).map(toAlert),
    ofBreach: async (breachId) => (await alerts.find({ breachId }).sort({ raisedAt: 1, threshold: 1 }).toArray()).map(toAlert),
  };
};
