import { existsSync, readFileSync } from 'node:fs';
import { productionScalingPath, scalingFileSchema, type ScalingEntry } from '../../../finops/advise/scaling-file.ts';
import { fromRoot } from '../../../lib/paths.ts';

let cached: ReadonlyMap<string, ScalingEntry> | undefined;

/**
 * The reviewed production scaling (finops/scaling/production.json, written by
 * `npm run finops -- advise --write-scaling`), by function; empty when the file does not exist.
 * A file that fails its schema stops the generator with the field named.
 */
export const reviewedProductionScaling = (): ReadonlyMap<string, ScalingEntry> => {
  if (cached) return cached;
  const file = fromRoot(productionScalingPath);
  if (!existsSync(file)) return (cached = new Map());
  const parsed = scalingFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success)
    throw new Error(`${productionScalingPath}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return (cached = new Map(Object.entries(parsed.data.functions)));
};

/** The reviewed entry of a workload in an environment: only production has a reviewed file. */
export const reviewedScalingFor = (environment: string, name: string): ScalingEntry | undefined =>
  environment === 'production' ? reviewedProductionScaling().get(name) : undefined;
