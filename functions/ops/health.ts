import { createRoute, z } from '@hono/zod-openapi';
import { chromaProbe } from '../../shared/infra/chroma/chroma-probe.ts';
import { mongoProbe } from '../../shared/infra/mongodb/mongo-probe.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { redisProbe } from '../../shared/infra/upstash/redis-probe.ts';
import { stripeProbe } from '../../shared/infra/stripe/stripe-probe.ts';
import { checkHealth } from '../../shared/ops/health.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json } from '../../shared/platform/http/schemas.ts';
import { rateLimiter } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const dependencySchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  latencyMs: z.number().int(),
  error: z.enum(['timeout', 'unreachable']).optional(),
});
const healthSchema = z
  .object({ status: z.enum(['ok', 'degraded']), checkedAt: z.string(), dependencies: z.array(dependencySchema) })
  .openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  tags: ['ops'],
  summary: 'Health of the API and each dependency it needs',
  responses: {
    200: json('Every dependency answered', healthSchema),
    503: json('At least one dependency did not answer', healthSchema),
  },
});

export default defineHttpFunction({
  name: 'ops-health',
  domain: 'ops',
  description: 'Reports whether MongoDB, Redis, Chroma and Stripe answer, with latencies.',
  route,
  access: { type: 'public', reason: 'liveness for load balancers and uptime monitors; reveals no data' },
  rateLimit: 'public',
  rateLimiter,
  uses: [mongo, redisProbe, chromaProbe, stripeProbe],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'critical' },
  privacy: { personalData: 'none' },
  handler: async (c) => {
    const { use } = c.var;
    const report = await checkHealth([mongoProbe(use(mongo)), use(redisProbe), use(chromaProbe), use(stripeProbe)], {
      timeoutMs: 2000,
    });
    c.header('cache-control', 'no-store');
    return report.status === 'ok' ? c.json(report, 200) : c.json(report, 503);
  },
});
