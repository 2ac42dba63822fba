import type { SpotPreference, Tier } from '../../../../shared/platform/definition/metadata.ts';
import type { Environment } from './environments.ts';

/** What a workload's definition says about where and how warm it runs. */
export interface PlacementInput {
  name: string;
  tier: Tier;
  spot: SpotPreference;
  minScale: number;
}

/** Where a workload runs in one environment: its min-scale and its spot preference. */
export interface Placement {
  minScale: number;
  spot: SpotPreference;
}

/**
 * The deployment rule. With critical floors (production), a critical function keeps at least
 * one instance, on on-demand nodes (`spot: never`: a spot reclaim must not take the floor
 * away). Everything else scales to zero and runs where its definition says (`preferred`: spot
 * when there is capacity). A critical function that requires spot contradicts the rule and
 * stops the generator.
 */
export const placementIn = (environment: Pick<Environment, 'name' | 'hasCriticalFloors'>, workload: PlacementInput): Placement => {
  if (!environment.hasCriticalFloors || workload.tier !== 'critical') return { minScale: 0, spot: workload.spot };
  if (workload.spot === 'required') {
    throw new Error(`${workload.name}: tier critical needs on-demand nodes in ${environment.name}, but its definition requires spot`);
  }
  return { minScale: Math.max(1, workload.minScale), spot: 'never' };
};
