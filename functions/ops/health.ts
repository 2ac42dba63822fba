import { createRoute, z } from '@hono/zod-openapi';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { json } from '../../shared/platform/http/schemas.ts';

const healthSchema = z.object({ status: z.literal('ok'), checkedAt: z.string() }).openapi('Health');

const route = createRoute({
  method: 'get',
  path: '/v1/health',
  tags: ['ops'],
  summary: 'Liveness: the API answers (no dependency is asked)',
  responses: {
    200: json('The instance started (its configuration parsed) and serves', healthSchema),
  },
});

/**
 * Shallow on purpose: public and unauthenticated, so it asks no dependency (a request here must
 * never become a call on Stripe, Redis or the database) and spends no rate-limit round trip. An
 * instance answers only once its configuration parsed at start. Dependencies: ops-dependencies.
 */
export default defineHttpFunction({
  description: 'Answers 200 when the API serves; asks no dependency.',
  route,
  access: publicAccess('liveness for load balancers and uptime monitors; reveals no data'),
  rateLimit: { class: 'none' },
  uses: [],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'critical' },
  privacy: { personalData: 'none' },
  handler: (c) => {
    c.header('cache-control', 'no-store');
    return c.json({ status: 'ok' as const, checkedAt: new Date().toISOString() }, 200);
  },
});
