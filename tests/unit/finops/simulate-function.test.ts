import { describe, expect, it } from 'vitest';
import type { ScalingSettings } from '../../../scripts/finops/simulate/knative-settings.ts';
import { percentileOf, simulateFunction, type SimRequest } from '../../../scripts/finops/simulate/simulate-function.ts';

// Hand-worked cases against Knative's defaults: stable window 60 s, panic window 6 s, panic at 2 ×,
// pods sized for 70 % of the target, scale-to-zero grace 30 s, a decision every 2 s; cold start 1 s.
const coldStartMs = 1000;
const settings = (overrides: Partial<ScalingSettings>): ScalingSettings => ({
  minScale: 0,
  maxScale: 10,
  target: 10,
  containerConcurrency: 0,
  retentionMs: 0,
  ...overrides,
});
const every = (count: number, periodMs: number, durationMs: number, from = 0): SimRequest[] =>
  Array.from({ length: count }, (_, index) => ({ at: from + index * periodMs, durationMs }));

describe('simulateFunction', () => {
  it('should start one pod for a steady function and keep it, one cold start for the first request', () => {
    // One 100 ms request a second for 10 minutes: concurrency 0.1 → ceil(0.1 / 7) = 1 pod. The first
    // request wakes the activator and waits the 1 s start (1,100 ms); the pod is ready when the next
    // one arrives and stays the whole window (the stable window never empties).
    const result = simulateFunction(every(600, 1000, 100), settings({}), coldStartMs, 600_000);
    expect(result.coldStarts).toBe(1);
    expect(result.latencies[0]).toBe(1100);
    expect(percentileOf(result.latencies, 95)).toBe(100);
    expect(result.podMs).toBe(600_000);
    expect(result.maxPods).toBe(1);
  });

  it('should avoid the steady function cold start with a floor of one at the same pod time', () => {
    const result = simulateFunction(every(600, 1000, 100), settings({ minScale: 1 }), coldStartMs, 600_000);
    expect(result.coldStarts).toBe(0);
    expect(result.podMs).toBe(600_000);
    expect(result.floorPodMs).toBe(600_000);
  });

  it('should make a burst from zero wait for one pod and keep it through the stable window and grace', () => {
    // 30 requests of 100 ms at 100 s: all arrive before the pod (ready at 101 s) → 30 cold starts of
    // 1,100 ms. The stable window sees them until the decision at 160 s; the pod goes 30 s later, at 190 s.
    const burst = every(30, 0, 100, 100_000);
    const result = simulateFunction(burst, settings({}), coldStartMs, 300_000);
    expect(result.coldStarts).toBe(30);
    expect(percentileOf(result.latencies, 95)).toBe(1100);
    expect(result.podMs).toBe(90_000);
  });

  it('should panic on a burst above twice the pods and hold the extra pods for a stable window', () => {
    // Floor of one pod, target 1. 300 requests of 100 ms at 100 s: concurrency 30 in that second.
    // They all land on the one warm pod: 30 in flight against a target of 1 → 30 × slower (3,000 ms).
    // At 102 s the panic window (6 s) averages 5 → ceil(5 / 0.7) = 8 pods ≥ 2 × 1: panic, 7 more
    // pods (ready at 103 s), held until panic ends at 162 s; then back to the floor.
    // Pod time: 300 s of the floor + 7 × 60 s = 720 s.
    const burst = every(300, 0, 100, 100_000);
    const result = simulateFunction(burst, settings({ minScale: 1, target: 1 }), coldStartMs, 300_000);
    expect(result.coldStarts).toBe(0);
    expect(result.maxPods).toBe(8);
    expect(percentileOf(result.latencies, 95)).toBeCloseTo(3000, 6);
    expect(result.podMs).toBe(720_000);
  });

  it('should queue the excess above a hard container concurrency', () => {
    // The same burst with containerConcurrency 10: each request is slowed only to 10 × target …
    // … and waits for a slot behind the other 20 in flight: 100 × (30 / 10 − 1) = 200 ms; 1,000 + 200.
    const burst = every(300, 0, 100, 100_000);
    const result = simulateFunction(burst, settings({ minScale: 1, target: 1, containerConcurrency: 10 }), coldStartMs, 300_000);
    expect(percentileOf(result.latencies, 95)).toBeCloseTo(1200, 6);
  });

  it('should cold start every request of a rare function and pay 90 s of pod per request', () => {
    // Three 200 ms requests an hour and more apart in 2 hours: each finds no pod (1,200 ms) and its pod
    // lives from the arrival until 60 s of stable window + 30 s of grace after the last busy decision.
    const rare = [10_000, 1_000_000, 5_000_000].map((at) => ({ at, durationMs: 200 }));
    const result = simulateFunction(rare, settings({}), coldStartMs, 7_200_000);
    expect(result.coldStarts).toBe(3);
    expect(percentileOf(result.latencies, 95)).toBe(1200);
    expect(result.podMs).toBe(270_000);
  });

  it('should keep the rare function warm all window with a floor, and longer per request with a retention', () => {
    const rare = [10_000, 1_000_000, 5_000_000].map((at) => ({ at, durationMs: 200 }));
    const floor = simulateFunction(rare, settings({ minScale: 1 }), coldStartMs, 7_200_000);
    expect(floor.coldStarts).toBe(0);
    expect(percentileOf(floor.latencies, 95)).toBe(200);
    expect(floor.podMs).toBe(7_200_000);
    // A 1 minute retention outlasts the 30 s grace: each pod lives 60 s + 60 s after its request.
    const retained = simulateFunction(rare, settings({ retentionMs: 60_000 }), coldStartMs, 7_200_000);
    expect(retained.podMs).toBe(360_000);
  });
});
