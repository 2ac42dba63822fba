import type { PricesFile } from '../../../scripts/finops/input/prices-schema.ts';
import type { FunctionProfile } from '../../../scripts/finops/model/function-profile.ts';
import type { CostContext } from '../../../scripts/finops/model/function-cost.ts';

/**
 * Round prices so the expected figures can be worked out by hand:
 * on-demand $0.04 per vCPU-hour and $0.005 per GiB-hour, spot $0.01 and $0.001, $0.50 per million
 * requests, $0.02 per credit, 10 % of spot-preferred capacity falling back to on-demand.
 */
export const prices: PricesFile = {
  currency: 'USD',
  onDemand: { vcpuHour: 0.04, gibHour: 0.005 },
  spot: { vcpuHour: 0.01, gibHour: 0.001 },
  requestsPerMillion: 0.5,
  spotFallbackShare: 0.1,
  creditRevenue: 0.02,
  // Per million tokens: $1 in, $4 out.
  modelPrices: { 'p:m': { input: 1, output: 4 } },
};

/** June: 30 days × 24 h = 720 hours. */
export const context: CostContext = {
  environment: 'production',
  hoursPerMonth: 720,
  onDemand: prices.onDemand,
  spot: prices.spot,
  requestsPerMillion: prices.requestsPerMillion,
  spotFallbackShare: prices.spotFallbackShare,
};

/** A standard, spot-preferred function of 0.5 vCPU and 0.5 GiB unless overridden. */
export const profile = (overrides: Partial<FunctionProfile> & { name: string }): FunctionProfile => ({
  domain: 'flows',
  team: 'flows',
  costCenter: 'cc-flows',
  tier: 'standard',
  spot: 'preferred',
  minScale: 0,
  concurrency: 50,
  vcpu: 0.5,
  memoryGib: 0.5,
  creditsPerCall: 0,
  ...overrides,
});
