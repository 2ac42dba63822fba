import type { PricesFile, ResourcePrices } from '../input/prices-schema.ts';
import { percentileOf, simulateFunction, type SimRequest } from '../simulate/simulate-function.ts';
import type { AdvisorProfile } from './advisor-profile.ts';
import type { Setting } from './setting.ts';

/** The replay's window and how it scales to the month. */
export interface Replay {
  windowMs: number;
  /** Month hours ÷ window hours. */
  toMonth: number;
  prices: PricesFile;
  spotFallbackShare: number;
}

/** One setting of one function on the replay, in the month's terms. */
export interface Evaluation {
  setting: Setting;
  podHours: number;
  spotPodHours: number;
  cost: number;
  coldStarts: number;
  coldStartShare: number;
  p95Ms: number;
  latencies: Float64Array;
}

const hourly = (profile: AdvisorProfile, prices: ResourcePrices) => profile.vcpu * prices.vcpuHour + profile.memoryGib * prices.gibHour;

/** Share of a Service's pods on spot nodes for a placement: all pods of a Service share it. */
export const spotShareOf = (spot: Setting['spot'], fallbackShare: number) =>
  spot === 'required' ? 1 : spot === 'never' ? 0 : 1 - fallbackShare;

/** Replays `requests` under `setting` and prices the pod time (scaled to the month) and the requests. */
export const evaluate = (
  profile: AdvisorProfile,
  requests: readonly SimRequest[],
  setting: Setting,
  coldStartMs: number,
  replay: Replay,
): Evaluation => {
  const result = simulateFunction(requests, setting, coldStartMs, replay.windowMs);
  const podHours = (result.podMs / 3_600_000) * replay.toMonth;
  const spotPodHours = podHours * spotShareOf(setting.spot, replay.spotFallbackShare);
  const cost =
    spotPodHours * hourly(profile, replay.prices.spot) +
    (podHours - spotPodHours) * hourly(profile, replay.prices.onDemand) +
    ((requests.length * replay.toMonth) / 1e6) * replay.prices.requestsPerMillion;
  return {
    setting,
    podHours,
    spotPodHours,
    cost,
    coldStarts: result.coldStarts * replay.toMonth,
    coldStartShare: requests.length > 0 ? result.coldStarts / requests.length : 0,
    p95Ms: percentileOf(result.latencies, 95),
    latencies: result.latencies,
  };
};
