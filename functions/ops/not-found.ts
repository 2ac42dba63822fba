import { createRoute } from '@hono/zod-openapi';
import { DomainError } from '../../shared/kernel/index.ts';
import { defineHttpFunction, publicAccess } from '../../shared/platform/definition/index.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';

const route = createRoute({
  method: 'get',
  path: '/*',
  hide: true,
  responses: { 404: { description: 'No such route' } },
});

/**
 * The fallback behind every path no other function serves, so that a wrong URL gets the same
 * problem+json 404 as everything else. Its app answers any method (unmatched methods reach
 * the app's not-found handler too).
 */
export default defineHttpFunction({
  description: 'Answers problem+json 404 for any path no other function serves.',
  route,
  access: publicAccess('serves only an error document'),
  rateLimit: rateLimited.public,
  uses: [],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'standard' },
  privacy: { personalData: 'none' },
  handler: (c) => {
    throw new DomainError('not_found', 'ROUTE_NOT_FOUND', { detail: `No route for ${c.req.method} ${c.req.path}.` });
  },
});
