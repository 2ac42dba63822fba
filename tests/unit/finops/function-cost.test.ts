import { describe, expect, it } from 'vitest';
import { functionCost } from '../../../scripts/finops/model/function-cost.ts';
import { functionProfile } from '../../../scripts/finops/model/function-profile.ts';
import { floorInstances, spotMix } from '../../../scripts/finops/model/spot-mix.ts';
import type { FunctionIdentity, FunctionMetadata } from '../../../shared/platform/definition/index.ts';
import { context, profile } from './fixtures.ts';

// 0.5 vCPU + 0.5 GiB per instance:
//   on-demand 0.5 × $0.04 + 0.5 × $0.005 = $0.0225 an hour; spot 0.5 × $0.01 + 0.5 × $0.001 = $0.0055 an hour.
const critical = profile({ name: 'identity-login', tier: 'critical', team: 'identity' });

describe('functionCost', () => {
  it('should pay the floor on-demand and the burst 90 % on spot when a critical function runs in production', () => {
    // 60,000 instance-minutes = 1,000 h; the floor is 1 instance × 720 h, on-demand: 720 × 0.0225 = 16.20.
    // Burst 280 h: 90 % spot 252 h × 0.0055 = 1.386; 10 % on-demand 28 h × 0.0225 = 0.63.
    // Requests 1,000,000 × $0.50 / million = 0.50. Total 16.20 + 1.386 + 0.63 + 0.50 = 18.716.
    const cost = functionCost(
      critical,
      { function: critical.name, requests: 1_000_000, avgDurationMs: 200, instanceMinutes: 60_000 },
      context,
    );
    expect(cost).toMatchObject({ floor: 1, floorHours: 720, burstHours: 280 });
    expect(cost.computeCost).toBeCloseTo(18.216, 6);
    expect(cost.requestCost).toBeCloseTo(0.5, 6);
    expect(cost.cost).toBeCloseTo(18.716, 6);
    expect(cost.spotShare).toBeCloseTo(252 / 1000, 6);
  });

  it('should charge a production floor all month when a critical function is idle', () => {
    // No usage row: 1 instance × 720 h × 0.0225 = 16.20, nothing else.
    const cost = functionCost(critical, undefined, context);
    expect(cost.cost).toBeCloseTo(16.2, 6);
    expect(cost.spotShare).toBe(0);
  });

  it('should have no floor and put 90 % on spot when the same function runs in staging', () => {
    // 1,000 h: 900 × 0.0055 = 4.95 spot + 100 × 0.0225 = 2.25 on-demand + 0.50 requests = 7.70.
    const usage = { function: critical.name, requests: 1_000_000, avgDurationMs: 200, instanceMinutes: 60_000 };
    const cost = functionCost(critical, usage, { ...context, environment: 'staging' });
    expect(cost.floor).toBe(0);
    expect(cost.cost).toBeCloseTo(7.7, 6);
  });

  it('should price a min-scale floor on spot when the definition requires spot', () => {
    // 1 vCPU + 2 GiB on spot: 1 × 0.01 + 2 × 0.001 = $0.012 an hour; min-scale 1 × 720 h = 8.64, though it served nothing.
    const batch = profile({ name: 'ops-batch', spot: 'required', minScale: 1, vcpu: 1, memoryGib: 2 });
    const cost = functionCost(batch, { function: 'ops-batch', requests: 0, avgDurationMs: 0, instanceMinutes: 0 }, context);
    expect(cost.cost).toBeCloseTo(8.64, 6);
    expect(cost.spotShare).toBe(1);
  });

  it('should estimate instance time from requests × duration ÷ concurrency when instance minutes are missing', () => {
    // 1,000,000 requests × 0.2 s ÷ concurrency 1 = 200,000 s = 55.56 h; × 0.5 vCPU = 27.78 vCPU-h.
    // Never spot: 27.78 vCPU-h × $0.04 = 1.1111 + 27.78 GiB-h × $0.005 = 0.1389 → 1.25 compute; + 0.50 requests = 1.75.
    const never = profile({ name: 'flows-export', spot: 'never', concurrency: 1 });
    const cost = functionCost(never, { function: 'flows-export', requests: 1_000_000, avgDurationMs: 200 }, context);
    expect(cost.burstHours).toBeCloseTo(200_000 / 3600, 6);
    expect(cost.computeCost).toBeCloseTo(1.25, 6);
    expect(cost.cost).toBeCloseTo(1.75, 6);
    expect(cost.spotShare).toBe(0);
  });

  it('should pack the estimate at the concurrency target', () => {
    // 1,000,000 × 0.2 s ÷ 50 = 4,000 s = 1.111 h.
    const cost = functionCost(profile({ name: 'flows-get' }), { function: 'flows-get', requests: 1_000_000, avgDurationMs: 200 }, context);
    expect(cost.burstHours).toBeCloseTo(4000 / 3600, 6);
  });
});

describe('spotMix and floorInstances', () => {
  it.each([
    ['preferred', 'standard', 'production', { floor: 0.9, burst: 0.9 }],
    ['preferred', 'critical', 'production', { floor: 0, burst: 0.9 }],
    ['preferred', 'critical', 'staging', { floor: 0.9, burst: 0.9 }],
    ['required', 'critical', 'production', { floor: 1, burst: 1 }],
    ['never', 'batch', 'production', { floor: 0, burst: 0 }],
  ] as const)('should give spot %s, tier %s in %s the mix %o', (spot, tier, environment, mix) => {
    expect(spotMix(profile({ name: 'x', spot, tier }), environment, 0.1)).toEqual(mix);
  });

  it('should raise the floor to 1 only for critical functions in production and keep a higher min-scale', () => {
    expect(floorInstances(profile({ name: 'x', tier: 'critical' }), 'production')).toBe(1);
    expect(floorInstances(profile({ name: 'x', tier: 'critical' }), 'staging')).toBe(0);
    expect(floorInstances(profile({ name: 'x', tier: 'standard' }), 'production')).toBe(0);
    expect(floorInstances(profile({ name: 'x', tier: 'critical', minScale: 3 }), 'production')).toBe(3);
  });
});

describe('functionProfile', () => {
  it('should read requests (not limits), tags and the credit cost when given a definition', () => {
    const definition = {
      name: 'ai-generate',
      domain: 'ai',
      credits: 'ai.generate',
      scaling: { minScale: 0, maxScale: 10, concurrency: 4 },
      resources: { requests: { cpu: '250m', memory: '384Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      spot: 'preferred',
      costTags: { team: 'ai', costCenter: 'cc-ai', tier: 'standard' },
    } as unknown as FunctionMetadata & FunctionIdentity;
    expect(functionProfile(definition)).toEqual({
      name: 'ai-generate',
      domain: 'ai',
      team: 'ai',
      costCenter: 'cc-ai',
      tier: 'standard',
      spot: 'preferred',
      minScale: 0,
      concurrency: 4,
      vcpu: 0.25,
      memoryGib: 0.375, // 384 MiB ÷ 1,024
      creditsPerCall: 10,
    });
  });
});
