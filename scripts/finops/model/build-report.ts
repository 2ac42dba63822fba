import type { PricesFile } from '../input/prices-schema.ts';
import type { UsageFile } from '../input/usage-schema.ts';
import { functionCost, type CostContext } from './function-cost.ts';
import type { FunctionProfile } from './function-profile.ts';
import { byCost, costTagKeys, groupByTag, type CostGroup, type CostTagKey } from './grouping.ts';
import { joinUsage } from './join-usage.ts';
import { withMargin, type FunctionMargin } from './margin.ts';

/** Everything the renderers show: one row per defined function, most expensive first, and the groups. */
export interface CostReport {
  month: string;
  environment: CostContext['environment'];
  currency: string;
  spotFallbackShare: number;
  rows: FunctionMargin[];
  groups: Record<CostTagKey, CostGroup[]>;
  totals: { cost: number; revenue: number | null; margin: number | null; spotShare: number; instanceHours: number };
}

/** Named inputs, as read and validated by the CLI. */
export interface ReportInputs {
  profiles: readonly FunctionProfile[];
  usage: UsageFile;
  usageFile: string;
  prices: PricesFile;
}

/** Hours in a `YYYY-MM` month (UTC): what a floor instance runs. */
export const hoursInMonth = (month: string): number => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, monthNumber, 0)).getUTCDate() * 24;
};

/**
 * Prices every defined function (those without a usage row still pay their floor), joins credit
 * revenue, sorts by cost and groups by each cost tag. Throws FinOpsInputError for bad usage rows.
 */
export const buildReport = ({ profiles, usage, usageFile, prices }: ReportInputs): CostReport => {
  const usageByName = joinUsage(usageFile, usage.functions, profiles, new Set(Object.keys(prices.modelPrices)));
  const context: CostContext = {
    environment: usage.environment,
    hoursPerMonth: hoursInMonth(usage.month),
    onDemand: prices.onDemand,
    spot: prices.spot,
    requestsPerMillion: prices.requestsPerMillion,
    spotFallbackShare: usage.spotFallbackShare ?? prices.spotFallbackShare,
  };
  const rows = profiles
    .map((profile) =>
      withMargin(
        functionCost(profile, usageByName.get(profile.name), context),
        usageByName.get(profile.name),
        prices.creditRevenue,
        prices.modelPrices,
      ),
    )
    .sort(byCost((row) => row.profile.name));
  const groups = Object.fromEntries(costTagKeys.map((tag) => [tag, groupByTag(rows, tag)])) as Record<CostTagKey, CostGroup[]>;
  return {
    month: usage.month,
    environment: usage.environment,
    currency: prices.currency,
    spotFallbackShare: context.spotFallbackShare,
    rows,
    groups,
    totals: totalsOf(rows),
  };
};

const totalsOf = (rows: readonly FunctionMargin[]): CostReport['totals'] => {
  const sum = (pick: (row: FunctionMargin) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const instanceHours = sum((row) => row.floorHours + row.burstHours);
  const cost = sum((row) => row.cost);
  const earning = rows.filter((row) => row.revenue !== null);
  const revenue = earning.length > 0 ? sum((row) => row.revenue ?? 0) : null;
  return {
    cost,
    revenue,
    margin: revenue === null ? null : revenue - cost,
    spotShare: instanceHours > 0 ? sum((row) => row.spotShare * (row.floorHours + row.burstHours)) / instanceHours : 0,
    instanceHours,
  };
};
