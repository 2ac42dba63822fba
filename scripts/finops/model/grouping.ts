import type { FunctionMargin } from './margin.ts';

export const costTagKeys = ['team', 'costCenter', 'tier', 'domain'] as const;
export type CostTagKey = (typeof costTagKeys)[number];

/**
 * The functions sharing one value of a cost tag, summed. Revenue is null when none of them carries a
 * credit operation; otherwise margin is the group's revenue minus the cost of all its functions.
 */
export interface CostGroup {
  value: string;
  functions: number;
  cost: number;
  revenue: number | null;
  margin: number | null;
}

/** Most expensive first; ties by name, so the order is stable. */
export const byCost =
  <T extends { cost: number }>(key: (item: T) => string) =>
  (a: T, b: T): number =>
    b.cost - a.cost || key(a).localeCompare(key(b));

/** Sums rows per value of `tag`, most expensive group first. */
export const groupByTag = (rows: readonly FunctionMargin[], tag: CostTagKey): CostGroup[] => {
  const groups = new Map<string, CostGroup>();
  for (const row of rows) {
    const value = row.profile[tag];
    const group = groups.get(value) ?? { value, functions: 0, cost: 0, revenue: null, margin: null };
    group.functions += 1;
    group.cost += row.cost;
    if (row.revenue !== null) group.revenue = (group.revenue ?? 0) + row.revenue;
    groups.set(value, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, margin: group.revenue === null ? null : group.revenue - group.cost }))
    .sort(byCost((group) => group.value));
};
