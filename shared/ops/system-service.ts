/** A heartbeat as stored: the event that carried it, and the tick it reports. */
export interface HeartbeatRecord {
  eventId: string;
  job: string;
  /** ISO-8601. */
  firedAt: string;
  tickId: string;
}

/** Port: the heartbeats received. */
export interface HeartbeatStore {
  /** Stores a heartbeat once per event id; false when it was stored already (a redelivery). */
  record: (heartbeat: HeartbeatRecord) => Promise<boolean>;
}

/** What the platform's own background functions do (crons, event consumers). */
export const createOpsSystemService = ({ heartbeats }: { heartbeats: HeartbeatStore }) => ({
  /** Records a delivered heartbeat; false for a redelivery (stored once, by its event id). */
  recordHeartbeat: (eventId: string, beat: Omit<HeartbeatRecord, 'eventId'>): Promise<boolean> => heartbeats.record({ eventId, ...beat }),
});
