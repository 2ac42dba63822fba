import type { Db } from 'mongodb';
import type { HeartbeatRecord, HeartbeatStore } from '../../ops/system-service.ts';
import { defineCollection } from './collection.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const heartbeatCollection = defineCollection({ name: 'ops_heartbeats', privacy: noPersonalData('scheduler heartbeats') });

interface HeartbeatDocument {
  _id: string;
  schemaVersion: 1;
  job: string;
  firedAt: Date;
  tickId: string;
  receivedAt: Date;
}

/**
 * Inserts a heartbeat keyed by its event id. Returns false when it was already stored (a
 * redelivery): `_id` is unique on every MongoDB-compatible server, so this dedupes without a read.
 */
export const recordHeartbeat = async (db: Db, record: HeartbeatRecord): Promise<boolean> => {
  try {
    await heartbeatCollection.in<HeartbeatDocument>(db).insertOne({
      _id: record.eventId,
      schemaVersion: 1,
      job: record.job,
      firedAt: new Date(record.firedAt),
      tickId: record.tickId,
      receivedAt: new Date(),
    });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
};

/** `ops_heartbeats`, as the ops system service's port. */
export const createHeartbeatStore = (db: Db): HeartbeatStore => ({ record: (heartbeat) => recordHeartbeat(db, heartbeat) });
