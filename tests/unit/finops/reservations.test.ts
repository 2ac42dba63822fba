import { describe, expect, it } from 'vitest';
import { nodeUsageFileSchema } from '../../../scripts/finops/input/node-usage-schema.ts';
import { analyseReservations } from '../../../scripts/finops/reservations/analyse-reservations.ts';
import { floorAtPercentile, percentile } from '../../../scripts/finops/reservations/percentile.ts';
import { renderReservations, terraformLines } from '../../../scripts/finops/reservations/render-reservations.ts';

const repeat = (value: number, times: number) => Array<number>(times).fill(value);

/** A week (168 hours) of on-demand usage at $0.05 per vCPU-hour and $0.005 per GB-hour. */
const week = (vcpu: number[], memoryGb: number[], extra: Record<string, unknown> = {}) =>
  nodeUsageFileSchema.parse({
    start: '2025-06-01T00:00:00Z',
    onDemandPrices: { vcpuHour: 0.05, gbHour: 0.005 },
    pools: { 'on-demand': { vcpu, memoryGb } },
    ...extra,
  });

// 10 quiet hours at 1.0 vCPU first, then 158 hours at 5.5; memory 8 GB throughout.
// p10, nearest rank: ceil(0.10 × 168) = 17th smallest = 5.5 → floor 5 vCPU; memory floor 8 GB.
// Committed value per hour 5 × 0.05 + 8 × 0.005 = 0.29; over 168 h 48.72.
// Used value: vCPU (10 × 1 + 158 × 5) × 0.05 = 800 × 0.05 = 40, memory 168 × 8 × 0.005 = 6.72 → 46.72; utilisation 46.72 / 48.72 = 95.9 %.
// TWELVE_MONTH (37 %): 46.72 − 48.72 × 0.63 = 16.0264 over 168 h → × 730 / 168 = 69.6385 a month.
// THIRTY_SIX_MONTH (55 %): 46.72 − 48.72 × 0.45 = 24.796 → × 730 / 168 = 107.7445 a month.
const growing = week([...repeat(1, 10), ...repeat(5.5, 158)], repeat(8, 168));

describe('percentile', () => {
  it('should take the nearest rank', () => {
    const values = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 10)).toBe(1); // ceil(1) = 1st
    expect(percentile(values, 15)).toBe(2); // ceil(1.5) = 2nd
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 100)).toBe(10);
    expect(floorAtPercentile([2.9, 3.7], 50)).toBe(2);
  });
});

describe('analyseReservations', () => {
  it('should commit the p10 floor for three years when it pays most and the floor grew', () => {
    const analysis = analyseReservations(growing);
    expect(analysis.floor).toEqual({ vcpu: 5, memoryGb: 8 });
    // First half: 10 of 84 hours at 1.0, p10 = ceil(8.4) = 9th smallest = 1 → 1 vCPU; second half all 5.5 → 5.
    expect(analysis.halves).toEqual([
      { vcpu: 1, memoryGb: 8 },
      { vcpu: 5, memoryGb: 8 },
    ]);
    expect(analysis.utilisation).toBeCloseTo(46.72 / 48.72, 9);
    expect(analysis.plans.map((plan) => [plan.plan, plan.breakEven, plan.rejected])).toEqual([
      ['TWELVE_MONTH', expect.closeTo(0.63, 9), null],
      ['THIRTY_SIX_MONTH', expect.closeTo(0.45, 9), null],
    ]);
    expect(analysis.plans[0]!.monthlySavings).toBeCloseTo(69.6385, 4);
    expect(analysis.plans[1]!.monthlySavings).toBeCloseTo(107.7445, 4);
    expect(analysis.plan).toBe('THIRTY_SIX_MONTH');
    expect(terraformLines(analysis)).toEqual(['reserved_vcpus = 5', 'reserved_memory_gb = 8', 'commitment_plan = "THIRTY_SIX_MONTH"']);
  });

  it('should fall back to one year when the floor shrank over the window', () => {
    // The quiet hours at the end: first half floor 5, second half 1 → no three-year term; one year still saves 69.64.
    const analysis = analyseReservations(week([...repeat(5.5, 158), ...repeat(1, 10)], repeat(8, 168)));
    expect(analysis.plans[1]!.rejected).toBe('the floor shrank from the first half of the window to the second');
    expect(analysis.plan).toBe('TWELVE_MONTH');
    expect(analysis.monthlySavings).toBeCloseTo(69.6385, 4);
  });

  it('should skip a term whose break-even the utilisation does not beat', () => {
    // Alternating 0 and 10 vCPU, no memory; p60 = ceil(100.8) = 101st smallest = 10 → floor 10, utilisation 50 %.
    // One year: break-even 63 % > 50 % → no. Three years: 45 % < 50 % → used 84 × 10 × 0.05 = 42, committed 168 × 10 × 0.05 = 84,
    // 42 − 84 × 0.45 = 4.2 over 168 h → × 730 / 168 = 18.25 a month.
    const spiky = Array.from({ length: 168 }, (_, hour) => (hour % 2 === 0 ? 0 : 10));
    const analysis = analyseReservations(week(spiky, repeat(0, 168), { floorPercentile: 60 }));
    expect(analysis.utilisation).toBeCloseTo(0.5, 9);
    expect(analysis.plans[0]!.rejected).toBe('utilisation 50.0 % ≤ break-even 63.0 %');
    expect(analysis.plan).toBe('THIRTY_SIX_MONTH');
    expect(analysis.monthlySavings).toBeCloseTo(18.25, 6);
  });

  it('should reserve nothing when no term breaks even', () => {
    // The same 50 % utilisation against a 40 % three-year discount (break-even 60 %).
    const spiky = Array.from({ length: 168 }, (_, hour) => (hour % 2 === 0 ? 0 : 10));
    const analysis = analyseReservations(
      week(spiky, repeat(0, 168), { floorPercentile: 60, commitmentDiscounts: { TWELVE_MONTH: 0.2, THIRTY_SIX_MONTH: 0.4 } }),
    );
    expect(analysis.plan).toBe('none');
    expect(terraformLines(analysis)).toEqual(['reserved_vcpus = 0', 'reserved_memory_gb = 0', 'commitment_plan = "none"']);
  });

  it('should reserve nothing when there is no on-demand floor', () => {
    expect(
      analyseReservations(week(repeat(0.8, 168), repeat(0.5, 168))).plans.every((plan) => plan.rejected === 'no stable on-demand floor'),
    ).toBe(true);
  });
});

describe('renderReservations', () => {
  it('should end with the three Terraform lines after the reasoning', () => {
    const text = renderReservations(growing, analyseReservations(growing));
    expect(text).toContain('Floor (p10, whole units): 5 vCPU, 8 GB');
    expect(text).toContain('THIRTY_SIX_MONTH discount 55.0 %, break-even 45.0 %: saves $107.74 / month');
    expect(text).toContain('Recommendation: THIRTY_SIX_MONTH, saving $107.74 a month against on-demand.');
    expect(text.trimEnd().split('\n').slice(-3)).toEqual([
      'reserved_vcpus = 5',
      'reserved_memory_gb = 8',
      'commitment_plan = "THIRTY_SIX_MONTH"',
    ]);
  });
});
