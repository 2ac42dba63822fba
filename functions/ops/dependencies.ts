import { createRoute, z } from '@hono/zod-openapi';
import { dependencyReport } from '../../shared/infra/dependency-report.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json } from '../../shared/platform/http/schemas.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const dependencySchema = z.object({
  name: z.string(),
  ok: z.boolean(),
  latencyMs: z.number().int(),
  error: z.enum(['timeout', 'unreachable']).optional(),
});
const reportSchema = z
  .object({ status: z.enum(['ok', 'degraded']), checkedAt: z.string(), dependencies: z.array(dependencySchema) })
  .openapi('DependencyHealth');

const route = createRoute({
  method: 'get',
  path: '/v1/health/dependencies',
  tags: ['ops'],
  summary: 'Whether each dependency answers, as checked at most every 10 seconds per instance',
  responses: {
    200: json('Every dependency answered', reportSchema),
    503: json('At least one dependency did not answer', reportSchema),
  },
});

export default defineHttpFunction({
  description: 'Reports whether MongoDB, Redis, Chroma and Stripe answer, with latencies; cached 10 s per instance.',
  route,
  access: publicAccess('readiness for uptime monitors; reveals no data, and probes run at most every 10 s'),
  rateLimit: rateLimited.public,
  uses: [dependencyReport],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'standard' },
  privacy: { personalData: 'none' },
  handler: async (c) => {
    const report = await c.var.use(dependencyReport)();
    c.header('cache-control', 'no-store');
    return report.status === 'ok' ? c.json(report, 200) : c.json(report, 503);
  },
});
