/**
 * Stored facts whose event is not yet on the bus (the transactional-outbox pattern without
 * transactions: the stored record is the outbox entry). A cron reads a batch and marks each item
 * once the broker took it (`drainOutbox`), so a crash in between publishes it again, same event id.
 */
export interface Outbox<T> {
  /** Items not yet published, oldest first, at most `limit`. */
  unpublished: (limit: number) => Promise<T[]>;
  /** Marks an item published. Idempotent. */
  markPublished: (item: T) => Promise<void>;
}
