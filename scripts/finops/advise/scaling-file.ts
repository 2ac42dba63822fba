import { z } from 'zod';
import { spotPreferences, tiers } from '../../../shared/platform/definition/metadata.ts';

/**
 * The reviewed production scaling (finops/scaling/production.json): written by
 * `npm run finops -- advise --write-scaling`, reviewed in a pull request like code, applied by
 * `npm run gen` through the production overlay. A function not listed keeps the rule of its
 * definition (tier critical → a warm on-demand floor).
 */
export const scalingEntrySchema = z.strictObject({
  /** The tier the evidence gives it (label `tier`, scale-to-zero retention). */
  tier: z.enum(tiers),
  minScale: z.number().int().min(0),
  /** Knative soft concurrency target per pod. */
  target: z.number().int().min(1),
  /** Hard per-pod limit, 0 = none. */
  containerConcurrency: z.number().int().min(0),
  spot: z.enum(spotPreferences),
  /** Why, in one line: the figures the advisor decided on. */
  reason: z.string().min(1),
});
export type ScalingEntry = z.infer<typeof scalingEntrySchema>;

export const scalingFileSchema = z.strictObject({
  /** The usage month and trace the recommendation came from. */
  source: z.string().min(1),
  functions: z.record(z.string().min(1), scalingEntrySchema),
});
export type ScalingFile = z.infer<typeof scalingFileSchema>;

/** Where the reviewed file lives, relative to the repository root. */
export const productionScalingPath = 'finops/scaling/production.json';
