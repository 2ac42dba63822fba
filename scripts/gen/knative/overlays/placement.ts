import type { SpotPreference, Tier } from '../../../../shared/platform/definition/metadata.ts';
import type { ScalingEntry } from '../../../finops/advise/scaling-file.ts';
import type { Environment } from './environments.ts';

/** What a workload's definition says about where and how warm it runs. */
export interface PlacementInput {
  name: string;
  tier: Tier;
  spot: SpotPreference;
  minScale: number;
}

/**
 * Where a workload runs in one environment: its min-scale and its spot preference, and where the
 * reviewed scaling file says so, its tier (label and scale-to-zero retention), concurrency target
 * and hard container concurrency.
 */
export interface Placement {
  minScale: number;
  spot: SpotPreference;
  tier?: Tier;
  target?: number;
  containerConcurrency?: number;
}

/**
 * The deployment rule. A reviewed scaling entry (production, finops/scaling/production.json)
 * decides when there is one: a warm floor only in tier critical and on on-demand nodes. Without
 * one, with critical floors (production), a critical function keeps at least one instance, on
 * on-demand nodes (`spot: never`: a spot reclaim must not take the floor away). Everything else
 * scales to zero and runs where its definition says (`preferred`: spot when there is capacity).
 * A critical function that requires spot contradicts the rule and stops the generator.
 */
export const placementIn = (
  environment: Pick<Environment, 'name' | 'hasCriticalFloors'>,
  workload: PlacementInput,
  reviewed?: Pick<ScalingEntry, 'tier' | 'minScale' | 'spot' | 'target' | 'containerConcurrency'>,
): Placement => {
  if (reviewed) {
    const where = `${workload.name} in ${environment.name} (reviewed scaling)`;
    if ((reviewed.tier === 'critical') !== reviewed.minScale >= 1)
      throw new Error(`${where}: a warm floor (min-scale ≥ 1) and tier critical go together`);
    if (reviewed.minScale >= 1 && reviewed.spot !== 'never')
      throw new Error(`${where}: a warm floor runs on on-demand nodes (spot: never)`);
    if (workload.spot === 'never' && reviewed.spot !== 'never') throw new Error(`${where}: its definition never runs on spot`);
    const { tier, minScale, spot, target, containerConcurrency } = reviewed;
    return { minScale, spot, tier, target, containerConcurrency };
  }
  if (!environment.hasCriticalFloors || workload.tier !== 'critical') return { minScale: 0, spot: workload.spot };
  if (workload.spot === 'required') {
    throw new Error(`${workload.name}: tier critical needs on-demand nodes in ${environment.name}, but its definition requires spot`);
  }
  return { minScale: Math.max(1, workload.minScale), spot: 'never' };
};
