/** Code-unit order: the same on every machine, unlike `localeCompare`. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const sortedBy = <T>(items: Iterable<T>, key: (item: T) => string): T[] => [...items].sort((a, b) => compareText(key(a), key(b)));

/** A copy of `record` whose keys are in code-unit order (YAML keeps insertion order). */
export const sortedRecord = <V>(record: Readonly<Record<string, V>>): Record<string, V> =>
  Object.fromEntries(sortedBy(Object.entries(record), ([key]) => key));

/** Items grouped by key, groups in key order (`Map.groupBy` arrives only in Node 21). */
export const groupedBy = <T>(items: Iterable<T>, key: (item: T) => string): [string, T[]][] => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    const group = groups.get(name);
    if (group) group.push(item);
    else groups.set(name, [item]);
  }
  return sortedBy(groups, ([name]) => name);
};
