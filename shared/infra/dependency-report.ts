import { checkHealth, cachedHealthCheck } from '../ops/health.ts';
import { defineConfig } from '../platform/config/fragment.ts';
import { defineResource } from '../platform/resource.ts';
import { chromaProbe } from './chroma/chroma-probe.ts';
import { mongoProbe } from './mongodb/mongo-probe.ts';
import { mongo } from './mongodb/mongo-resource.ts';
import { stripeProbe } from './stripe/stripe-probe.ts';
import { redisProbe } from './upstash/redis-probe.ts';

/** How long one instance reuses its dependency report. */
export const dependencyReportTtlMs = 10_000;

/**
 * MongoDB, Redis (Upstash REST), Chroma and Stripe, asked at once (2 s each) at most once per
 * `dependencyReportTtlMs` per instance: the report is public, and Stripe's rate limit is shared
 * with checkout.
 */
export const dependencyReport = defineResource({
  name: 'dependency-report',
  config: defineConfig({ name: 'dependency-report', shape: {}, devDefaults: {} }),
  requires: [mongo, redisProbe, chromaProbe, stripeProbe],
  create: (_config, { use }) =>
    cachedHealthCheck(
      () => checkHealth([mongoProbe(use(mongo)), use(redisProbe), use(chromaProbe), use(stripeProbe)], { timeoutMs: 2000 }),
      { ttlMs: dependencyReportTtlMs },
    ),
});
