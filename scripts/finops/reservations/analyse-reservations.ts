import { commitmentPlans, type CommitmentPlan, type NodeUsageFile } from '../input/node-usage-schema.ts';
import { floorAtPercentile } from './percentile.ts';

/** One commitment term judged against the floor. */
export interface PlanEvaluation {
  plan: CommitmentPlan;
  discount: number;
  /** Utilisation at which committing costs as much as paying on demand: 1 − discount. */
  breakEven: number;
  /** Zero when the plan is not chosen for a reason (below break-even, shrinking floor). */
  monthlySavings: number;
  rejected: string | null;
}

export interface ReservationAnalysis {
  hours: number;
  percentile: number;
  floor: { vcpu: number; memoryGb: number };
  /** Floors of the first and second half of the window (a three-year term needs the second ≥ the first). */
  halves: [{ vcpu: number; memoryGb: number }, { vcpu: number; memoryGb: number }];
  /** Committed capacity actually in use, weighted by on-demand price. */
  utilisation: number;
  plans: PlanEvaluation[];
  plan: CommitmentPlan | 'none';
  monthlySavings: number;
}

const floorsOf = (vcpu: readonly number[], memoryGb: readonly number[], p: number) => ({
  vcpu: floorAtPercentile(vcpu, p),
  memoryGb: floorAtPercentile(memoryGb, p),
});

/** Why a term is not worth it, or null when it is. */
const rejection = (
  plan: CommitmentPlan,
  committedValue: number,
  utilisation: number,
  breakEven: number,
  shrinking: boolean,
): string | null => {
  if (committedValue === 0) return 'no stable on-demand floor';
  if (utilisation <= breakEven) return `utilisation ${(utilisation * 100).toFixed(1)} % ≤ break-even ${(breakEven * 100).toFixed(1)} %`;
  if (plan === 'THIRTY_SIX_MONTH' && shrinking) return 'the floor shrank from the first half of the window to the second';
  return null;
};

/**
 * Commits the `floorPercentile` of hourly on-demand usage (spot capacity gets no committed-use
 * discount), in whole vCPUs and GB, when a term's discount beats its utilisation break-even; picks
 * the term saving most. A three-year term also needs a floor that did not shrink over the window.
 */
export const analyseReservations = (usage: NodeUsageFile): ReservationAnalysis => {
  const { vcpu, memoryGb } = usage.pools['on-demand'];
  const { vcpuHour, gbHour } = usage.onDemandPrices;
  const hours = vcpu.length;
  const p = usage.floorPercentile;
  const floor = floorsOf(vcpu, memoryGb, p);
  const half = Math.floor(hours / 2);
  const halves = [floorsOf(vcpu.slice(0, half), memoryGb.slice(0, half), p), floorsOf(vcpu.slice(half), memoryGb.slice(half), p)] as const;
  const shrinking = halves[1].vcpu < halves[0].vcpu || halves[1].memoryGb < halves[0].memoryGb;
  // Value of the committed capacity in use, hour by hour, at on-demand prices.
  const usedValue = vcpu.reduce(
    (sum, v, h) => sum + Math.min(v, floor.vcpu) * vcpuHour + Math.min(memoryGb[h]!, floor.memoryGb) * gbHour,
    0,
  );
  const committedValue = hours * (floor.vcpu * vcpuHour + floor.memoryGb * gbHour);
  const utilisation = committedValue > 0 ? usedValue / committedValue : 0;
  const plans = commitmentPlans.map((plan): PlanEvaluation => {
    const discount = usage.commitmentDiscounts[plan];
    const breakEven = 1 - discount;
    const rejected = rejection(plan, committedValue, utilisation, breakEven, shrinking);
    const monthlySavings = rejected ? 0 : ((usedValue - committedValue * breakEven) * usage.hoursPerMonth) / hours;
    return { plan, discount, breakEven, monthlySavings, rejected };
  });
  const best = plans.filter((plan) => !plan.rejected).sort((a, b) => b.monthlySavings - a.monthlySavings)[0];
  return {
    hours,
    percentile: p,
    floor,
    halves: [halves[0], halves[1]],
    utilisation,
    plans,
    plan: best?.plan ?? 'none',
    monthlySavings: best?.monthlySavings ?? 0,
  };
};
