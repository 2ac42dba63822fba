import { createRoute, z } from '@hono/zod-openapi';
import { maxDocumentDepth, validateFlow } from '../../shared/flows/index.ts';
import { jwt } from '../../shared/infra/auth/jwt-authenticator.ts';
import { rateLimited } from '../../shared/infra/upstash/rate-limiter-resource.ts';
import { boundedJsonObjectSchema } from '../../shared/kernel/index.ts';
import { authenticated, defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody } from '../../shared/platform/http/schemas.ts';
import { flowIssueSchema, documentBodyBytes } from './lib/schemas.ts';

/** Structure only: the node limit of a plan applies when a flow is stored in a workspace. */
const structuralLimits = { nodesPerFlow: 5_000 };

const route = createRoute({
  method: 'post',
  path: '/v1/flows/validate',
  tags: ['flows'],
  summary: 'Check a .uxflow 2.0 document: errors and warnings, nothing stored',
  request: {
    body: jsonBody(
      boundedJsonObjectSchema(maxDocumentDepth).openapi({ description: 'A .uxflow 2.0 document (any JSON object is checked)' }),
    ),
  },
  responses: {
    200: json(
      'The findings; `valid` is false when there is an error',
      z.object({ valid: z.boolean(), errors: z.array(flowIssueSchema), warnings: z.array(flowIssueSchema) }),
    ),
  },
});

export default defineHttpFunction({
  description: 'Validates a .uxflow document against every rule (the largest plan’s node limit); stores nothing.',
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [],
  costTags: { team: 'flows', costCenter: 'cc-flows', tier: 'standard' },
  privacy: { personalData: ['content'], purpose: 'check a flow document the caller sends (not stored)', legalBasis: 'contract' },
  maxBodyBytes: documentBodyBytes,
  route,
  handler: async (c) => {
    const { errors, warnings } = validateFlow(c.req.valid('json'), structuralLimits);
    return c.json({ valid: errors.length === 0, errors, warnings }, 200);
  },
});
