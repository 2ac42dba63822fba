/** Runs `work` after every earlier call with the same key has settled. */
export type OneAtATime = <T>(key: string, work: () => Promise<T>) => Promise<T>;

/**
 * A FIFO lane per key: calls with the same key run one after another, calls with different keys
 * run side by side. A failing call does not block the next. A key's lane is dropped once idle, so
 * the map only holds keys with work in flight.
 */
export const createOneAtATime = (): OneAtATime => {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, work: () => Promise<T>): Promise<T> => {
    // A tail never rejects (see below), so `work` starts once the previous call has settled either way.
    const result = (tails.get(key) ?? Promise.resolve()).then(work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
};
