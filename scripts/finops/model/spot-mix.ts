import type { FunctionProfile } from './function-profile.ts';

export type Environment = 'production' | 'staging';

/**
 * Instances that run all month even when idle: the definition's min-scale, raised to 1 for tier
 * `critical` in production (the production overlay's rule).
 */
export const floorInstances = (profile: FunctionProfile, environment: Environment): number =>
  Math.max(profile.minScale, environment === 'production' && profile.tier === 'critical' ? 1 : 0);

/** Share of a function's instance-hours on spot nodes, for the floor and for the instances above it. */
export interface SpotMix {
  floor: number;
  burst: number;
}

/**
 * `required` → all spot; `never` → all on-demand; `preferred` → spot but for `fallbackShare`
 * (spot capacity missing, preemptions). A critical function's floor in production runs on
 * on-demand nodes unless its definition requires spot.
 */
export const spotMix = (profile: FunctionProfile, environment: Environment, fallbackShare: number): SpotMix => {
  const burst = profile.spot === 'required' ? 1 : profile.spot === 'never' ? 0 : 1 - fallbackShare;
  const floorOnDemand = environment === 'production' && profile.tier === 'critical' && profile.spot !== 'required';
  return { floor: floorOnDemand ? 0 : burst, burst };
};
