import type { ResourcePrices } from '../input/prices-schema.ts';
import type { FunctionUsage } from '../input/usage-schema.ts';
import type { FunctionProfile } from './function-profile.ts';
import { floorInstances, spotMix, type Environment } from './spot-mix.ts';

/** Prices and policy every function of one report shares. */
export interface CostContext {
  environment: Environment;
  hoursPerMonth: number;
  onDemand: ResourcePrices;
  spot: ResourcePrices;
  requestsPerMillion: number;
  spotFallbackShare: number;
}

/** One function's month, in instance-hours and USD. */
export interface FunctionCost {
  profile: FunctionProfile;
  requests: number;
  floor: number;
  /** floor × hours per month: paid even when idle. */
  floorHours: number;
  /** Instance-hours above the floor. */
  burstHours: number;
  /** Share of all instance-hours on spot nodes (0 when there are none). */
  spotShare: number;
  computeCost: number;
  requestCost: number;
  cost: number;
}

const hourlyPrice = (profile: FunctionProfile, prices: ResourcePrices) =>
  profile.vcpu * prices.vcpuHour + profile.memoryGib * prices.gibHour;

/**
 * Instance-hours of the month: the measured pod-minutes when given, else the lower bound of
 * requests × duration packed at the concurrency target. Floor pods are part of either figure.
 */
export const usedInstanceHours = (profile: FunctionProfile, usage: FunctionUsage | undefined): number => {
  if (!usage) return 0;
  if (usage.instanceMinutes !== undefined) return usage.instanceMinutes / 60;
  return (usage.requests * usage.avgDurationMs) / 1000 / profile.concurrency / 3600;
};

/** Prices one function: floor hours all month, the rest above it, each split spot / on-demand by its mix. */
export const functionCost = (profile: FunctionProfile, usage: FunctionUsage | undefined, context: CostContext): FunctionCost => {
  const floor = floorInstances(profile, context.environment);
  const floorHours = floor * context.hoursPerMonth;
  const burstHours = Math.max(0, usedInstanceHours(profile, usage) - floorHours);
  const mix = spotMix(profile, context.environment, context.spotFallbackShare);
  const onDemand = hourlyPrice(profile, context.onDemand);
  const spot = hourlyPrice(profile, context.spot);
  const spotHours = floorHours * mix.floor + burstHours * mix.burst;
  const onDemandHours = floorHours + burstHours - spotHours;
  const computeCost = spotHours * spot + onDemandHours * onDemand;
  const requests = usage?.requests ?? 0;
  const requestCost = (requests / 1e6) * context.requestsPerMillion;
  return {
    profile,
    requests,
    floor,
    floorHours,
    burstHours,
    spotShare: floorHours + burstHours > 0 ? spotHours / (floorHours + burstHours) : 0,
    computeCost,
    requestCost,
    cost: computeCost + requestCost,
  };
};
