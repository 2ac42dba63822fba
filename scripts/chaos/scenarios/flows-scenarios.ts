import type { Scenario } from '../run-scenario.ts';
import { startFlowsRig } from '../rigs/flows-rig.ts';

const flowServices = ['mongodb', 'upstash', 'mail'] as const;

/** The MongoDB-compatible server stopped, then back: flows, billing reads, credit spends, the flow outbox. */
export const mongodbScenario: Scenario = {
  name: 'mongodb',
  services: flowServices,
  target: { service: 'mongodb', variable: 'MONGODB_URI' },
  fault: 'down',
  rig: (name, env) => startFlowsRig(name, env, { ledger: true }),
  expect: (phases) => (Object.keys(phases.fault.unavailable).length === 0 ? ['no 503 while the database was stopped'] : []),
};

/**
 * Redis (its Upstash REST bridge) stopped: the rate limiter fails open and flow reads fall back to
 * the database, so reads keep answering 200; writes need the cache fence and answer 503.
 */
export const redisScenario: Scenario = {
  name: 'redis',
  services: flowServices,
  target: { service: 'upstash', variable: 'UPSTASH_REDIS_REST_URL' },
  fault: 'down',
  rig: (name, env) => startFlowsRig(name, env),
  // The limiter skips Redis for 5 s after a failure: the probes come once that has passed.
  runOptions: { afterMs: 6500 },
  expect: (phases) => [
    ...((phases.fault.byStatus['200'] ?? 0) === 0 ? ['no read answered 200 while Redis was stopped (the limiter must fail open)'] : []),
  ],
  expectProbe: (name, response) =>
    name === 'flows-get' && !response.headers.has('ratelimit-limit') ? ['the rate limiter did not come back (no RateLimit-Limit)'] : [],
};

/** Every MongoDB round trip slowed: answers come late, never as errors. */
export const slowScenario: Scenario = {
  name: 'slow',
  services: flowServices,
  target: { service: 'mongodb', variable: 'MONGODB_URI' },
  fault: 'slow',
  latencyMs: 40,
  rig: (name, env) => startFlowsRig(name, env, { ledger: true }),
  expect: (phases) =>
    Object.keys(phases.fault.unavailable).length > 0 ? [`503s while only slow: ${JSON.stringify(phases.fault.unavailable)}`] : [],
};
