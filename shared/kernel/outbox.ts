/**
 * What an outbox record keeps of the request (or event, or cron run) that stored it: its W3C
 * `traceparent`, so that a late publication by the outbox cron joins that trace rather than
 * starting from the cron's. Absent when stored outside any, and on records stored before it was kept.
 */
export type Traced<T> = T & { traceparent?: string | undefined };

/**
 * Stored facts whose event is not yet on the bus (the transactional-outbox pattern without
 * transactions: the stored record is the outbox entry). A cron reads a batch and marks each item
 * once the broker took it (`drainOutbox`), so a crash in between publishes it again, same event id.
 */
export interface Outbox<T> {
  /** Items not yet published, oldest first, at most `limit`, each with the trace of its writer. */
  unpublished: (limit: number) => Promise<Traced<T>[]>;
  /** Marks an item published. Idempotent. */
  markPublished: (item: T) => Promise<void>;
}
