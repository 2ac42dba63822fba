import { knativeDefaults, type AutoscalerConfig, type ScalingSettings } from './knative-settings.ts';

/** A request as the simulator sees it: arrival and service time, ms from the window start. */
export interface SimRequest {
  at: number;
  durationMs: number;
}

/** One function's replay under one setting. */
export interface SimResult {
  /** Pod-milliseconds of the window (starting pods included: they hold their requests while booting). */
  podMs: number;
  /** Of those, the pod-milliseconds of the min-scale floor. */
  floorPodMs: number;
  /** Latency of each request (wait for a pod + service time, slowed when pods run above target). */
  latencies: Float64Array;
  /** Requests that arrived with no ready pod and waited for one to start. */
  coldStarts: number;
  maxPods: number;
}

/** Demand concurrency per second (requests in flight, from arrival and duration), with prefix sums. */
const concurrencySeries = (requests: readonly SimRequest[], windowMs: number) => {
  const seconds = Math.ceil(windowMs / 1000) + 1;
  const perSecond = new Float64Array(seconds);
  for (const { at, durationMs } of requests) {
    const end = Math.min(at + Math.max(durationMs, 1), seconds * 1000);
    for (let second = Math.floor(at / 1000); second * 1000 < end; second += 1) {
      perSecond[second]! += (Math.min(end, (second + 1) * 1000) - Math.max(at, second * 1000)) / 1000;
    }
  }
  const prefix = new Float64Array(seconds + 1);
  for (let second = 0; second < seconds; second += 1) prefix[second + 1] = prefix[second]! + perSecond[second]!;
  /** Mean concurrency over [from, to) ms. */
  const mean = (from: number, to: number) => {
    const a = Math.max(0, Math.floor(from / 1000));
    const b = Math.max(a, Math.min(seconds, Math.floor(to / 1000)));
    return b > a ? (prefix[b]! - prefix[a]!) / (b - a) : 0;
  };
  return { at: (ms: number) => perSecond[Math.min(seconds - 1, Math.floor(ms / 1000))]!, mean };
};

/**
 * Replays one function's requests through a model of Knative's pod autoscaler (KPA):
 * - every `tickMs` it wants ceil(mean concurrency ÷ (target × utilisation)) pods over the stable
 *   window, or over the panic window when that asks for `panicThreshold` × the pods there are
 *   (panic mode then holds for a stable window and never scales down);
 * - a request arriving with no ready pod wakes the activator: a pod is asked for at once and the
 *   request waits for it (`coldStartMs`: scheduling, image on the node, process start);
 * - the last pod stays `max(grace, retention)` after the stable window saw no traffic; never
 *   fewer than `minScale` pods, never more than `maxScale`;
 * - a ready pod serves every request it gets; above `target` in flight per pod each request is
 *   slowed in proportion (the pod's CPU is sized for the target), and above a hard
 *   `containerConcurrency` the excess also waits for a slot.
 * Concurrency comes from arrivals and service times (not the simulated waits): what the
 * queue-proxies and the activator report is close to that outside long cold starts.
 */
export const simulateFunction = (
  requests: readonly SimRequest[],
  settings: ScalingSettings,
  coldStartMs: number,
  windowMs: number,
  config: AutoscalerConfig = knativeDefaults,
): SimResult => {
  const series = concurrencySeries(requests, windowMs);
  const perPod = settings.target * config.targetUtilization;
  const latencies = new Float64Array(requests.length);
  let ready = settings.minScale;
  let starting: number[] = [];
  let podMs = 0;
  let maxPods = ready;
  let coldStarts = 0;
  let panicUntil = -Infinity;
  let lastBusyTick = -Infinity;
  let clock = 0;

  const advance = (to: number) => {
    // Pods that finish starting before `to` count as starting until then, ready after.
    starting.sort((a, b) => a - b);
    while (starting.length > 0 && starting[0]! <= to) {
      starting.shift();
      ready += 1;
    }
    podMs += (ready + starting.length) * (to - clock);
    clock = to;
  };
  const startPods = (count: number, now: number) => {
    for (let index = 0; index < count; index += 1) starting.push(now + coldStartMs);
  };
  const decide = (now: number) => {
    const pods = ready + starting.length;
    const stable = Math.ceil(series.mean(now - config.stableWindowMs, now) / perPod - 1e-9);
    const panic = Math.ceil(series.mean(now - config.panicWindowMs, now) / perPod - 1e-9);
    if (pods > 0 && panic / pods >= config.panicThreshold) panicUntil = now + config.stableWindowMs;
    let desired = now < panicUntil ? Math.max(panic, pods) : stable;
    if (stable > 0 || panic > 0) lastBusyTick = now;
    if (desired === 0 && pods > 0 && now - lastBusyTick < Math.max(config.scaleToZeroGraceMs, settings.retentionMs)) desired = 1;
    desired = Math.min(settings.maxScale, Math.max(settings.minScale, desired));
    if (desired > pods) startPods(desired - pods, now);
    else if (desired < pods) {
      let surplus = pods - desired;
      const keep = Math.max(0, starting.length - surplus);
      surplus -= starting.length - keep;
      starting = starting.slice(0, keep);
      ready -= surplus;
    }
    maxPods = Math.max(maxPods, ready + starting.length);
  };

  let nextTick = config.tickMs;
  requests.forEach((request, index) => {
    while (nextTick <= request.at) {
      advance(nextTick);
      decide(nextTick);
      nextTick += config.tickMs;
    }
    advance(request.at);
    let wait = 0;
    if (ready === 0) {
      if (starting.length === 0) startPods(1, request.at);
      maxPods = Math.max(maxPods, starting.length);
      wait = Math.min(...starting) - request.at;
      coldStarts += 1;
    }
    const servingPods = Math.max(ready, 1);
    const inFlightPerPod = series.at(request.at) / servingPods;
    const hard = settings.containerConcurrency > 0 ? settings.containerConcurrency : Infinity;
    const slowdown = Math.max(1, Math.min(inFlightPerPod, hard) / settings.target);
    const queued = inFlightPerPod > hard ? request.durationMs * (inFlightPerPod / hard - 1) : 0;
    latencies[index] = wait + queued + request.durationMs * slowdown;
  });
  while (nextTick <= windowMs) {
    advance(nextTick);
    decide(nextTick);
    nextTick += config.tickMs;
  }
  advance(windowMs);
  return { podMs, floorPodMs: settings.minScale * windowMs, latencies, coldStarts, maxPods };
};

/** The nearest-rank percentile of `values` (0 for none). */
export const percentileOf = (values: Float64Array, percentile: number): number => {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.max(0, Math.ceil((percentile / 100) * sorted.length) - 1)]!;
};
