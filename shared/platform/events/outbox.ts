/**
 * Publishes an outbox batch in order, marking each item only once the broker took it. A crash or a
 * broker failure in between leaves the item unpublished, so the next run publishes it again under
 * the same event id, which consumers dedupe. Stops at the first failure (the rest keep their order).
 * @returns how many items were published.
 */
export const drainOutbox = async <T>(
  items: readonly T[],
  publish: (item: T) => Promise<unknown>,
  markPublished: (item: T) => Promise<void>,
): Promise<number> => {
  let published = 0;
  for (const item of items) {
    await publish(item);
    await markPublished(item);
    published += 1;
  }
  return published;
};
