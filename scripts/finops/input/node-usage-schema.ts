import { z } from 'zod';

export const commitmentPlans = ['TWELVE_MONTH', 'THIRTY_SIX_MONTH'] as const;
export type CommitmentPlan = (typeof commitmentPlans)[number];

/**
 * Defaults when the node-usage file does not say: GCP's resource-based committed-use discounts for
 * general-purpose machine types (37 % for one year, 55 % for three) and N2 on-demand prices in
 * us-central1. Documented in docs/finops.md.
 */
export const reservationDefaults = {
  discounts: { TWELVE_MONTH: 0.37, THIRTY_SIX_MONTH: 0.55 },
  onDemand: { vcpuHour: 0.031611, gbHour: 0.004237 },
  floorPercentile: 10,
  hoursPerMonth: 730,
} as const;

const series = z.array(z.number().nonnegative()).min(24 * 7, 'expected at least 7 days of hourly values');
const poolSchema = z.strictObject({ vcpu: series, memoryGb: series });
export type PoolUsage = z.infer<typeof poolSchema>;

/** `--usage` of `finops reservations`: hourly node capacity in use per pool (30 days × 24 hours). */
export const nodeUsageFileSchema = z
  .strictObject({
    /** ISO-8601 start of the first hour. */
    start: z.iso.datetime(),
    floorPercentile: z.number().min(0).max(100).default(reservationDefaults.floorPercentile),
    hoursPerMonth: z.number().positive().default(reservationDefaults.hoursPerMonth),
    onDemandPrices: z
      .strictObject({ vcpuHour: z.number().positive(), gbHour: z.number().positive() })
      .default(reservationDefaults.onDemand),
    commitmentDiscounts: z
      .strictObject({ TWELVE_MONTH: z.number().min(0).lt(1), THIRTY_SIX_MONTH: z.number().min(0).lt(1) })
      .default(reservationDefaults.discounts),
    /** Only on-demand capacity can be committed (spot VMs get no committed-use discount). */
    pools: z.strictObject({ 'on-demand': poolSchema, spot: poolSchema.optional() }),
  })
  .superRefine((file, ctx) => {
    const length = file.pools['on-demand'].vcpu.length;
    for (const [pool, usage] of Object.entries(file.pools)) {
      for (const key of ['vcpu', 'memoryGb'] as const) {
        if (usage && usage[key].length !== length)
          ctx.addIssue({
            code: 'custom',
            path: ['pools', pool, key],
            message: `expected ${length} hourly values like pools.on-demand.vcpu`,
          });
      }
    }
  });
export type NodeUsageFile = z.infer<typeof nodeUsageFileSchema>;
