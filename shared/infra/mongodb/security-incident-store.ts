import type { Db, Filter } from 'mongodb';
import type { Incident, IncidentChange, IncidentStore } from '../../security/index.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';

/** `security_incidents`: alerts of one rule and subject within a period (unique `groupKey`). */
export const securityIncidentCollection = defineCollection({
  name: 'security_incidents',
  privacy: {
    classes: ['pseudonymous', 'network'],
    personalData: ['security', 'network'],
    retention: 'security-records',
    subject: { userId: 'userId' },
    export: 'records',
    erase: 'unlink',
  },
  indexes: [
    { name: 'security_incidents_group_unique', keys: { groupKey: 1 }, unique: true },
    { name: 'security_incidents_opened', keys: { openedAt: -1, _id: -1 } },
    { name: 'security_incidents_user', keys: { userId: 1 } },
  ],
});

/**
 * `security_incident_changes`: each incident's insert-only history; `_id` is `<incident>:<seq>`,
 * so of two concurrent changes from the same version exactly one is stored.
 */
export const securityIncidentChangeCollection = defineCollection({
  name: 'security_incident_changes',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity'],
    retention: 'security-records',
    subject: { userId: 'assignee' },
    export: 'records',
    erase: 'unlink',
  },
  indexes: [{ name: 'security_incident_changes_incident', keys: { incidentId: 1, seq: -1 } }],
});

interface IncidentDocument extends Omit<Incident, 'id'> {
  _id: string;
  schemaVersion: 1;
  userId: string | null;
}

interface ChangeDocument extends IncidentChange {
  _id: string;
  schemaVersion: 1;
}

const toIncident = ({ _id, schemaVersion: _v, userId: _u, ...rest }: IncidentDocument): Incident => ({ id: _id, ...rest });
const toChange = ({ _id, schemaVersion: _v, ...rest }: ChangeDocument): IncidentChange => rest;

export const createSecurityIncidentStore = (db: Db): IncidentStore => {
  const incidents = securityIncidentCollection.in<IncidentDocument>(db);
  const changes = securityIncidentChangeCollection.in<ChangeDocument>(db);
  return {
    open: async ({ id, ...incident }) => {
      try {
        await incidents.insertOne({
          _id: id,
          schemaVersion: 1,
          ...incident,
          userId: incident.subject.kind === 'user' ? incident.subject.id : null,
        });
        return { id, ...incident };
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const first = await incidents.findOne({ groupKey: incident.groupKey });
        if (!first) throw error;
        return toIncident(first);
      }
    },
    find: async (id) => {
      const found = await incidents.findOne({ _id: id });
      return found ? toIncident(found) : null;
    },
    list: async (before, limit) => {
      const query: Filter<IncidentDocument> = before
        ? { $or: [{ openedAt: { $lt: before.at } }, { openedAt: before.at, _id: { $lt: before.id } }] }
        : {};
      return (await incidents.find(query).sort({ openedAt: -1, _id: -1 }).limit(limit).toArray()).map(toIncident);
    },
    latestChanges: async (ids) => {
      const latest = new Map<string, IncidentChange>();
      if (ids.length === 0) return latest;
      for (const change of await changes.find({ incidentId: { $in: [...ids] } }).toArray()) {
        const seen = latest.get(change.incidentId);
        if (!seen || seen.seq < change.seq) latest.set(change.incidentId, toChange(change));
      }
      return latest;
    },
    history: async (incidentId) => (await changes.find({ incidentId }).sort({ seq: 1 }).toArray()).map(toChange),
    append: async (change) => {
      try {
        await changes.insertOne({ _id: `${change.incidentId}:${change.seq}`, schemaVersion: 1, ...change });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
  };
};
