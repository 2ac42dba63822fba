import type { RouteConfig } from '@hono/zod-openapi';
import type { HttpFunctionDefinition } from '../../../shared/platform/definition/define.ts';
import { problemContent } from '../../../shared/platform/http/schemas.ts';

/**
 * A function's route as documented: its operationId is the function name, vendor extensions
 * carry what the gateway and clients need to know (who may call it, rate limit, credit price),
 * and every operation may answer a problem+json error.
 */
export const operationRoute = (definition: HttpFunctionDefinition): RouteConfig => ({
  ...definition.route,
  operationId: definition.name,
  'x-function': definition.name,
  'x-access': definition.access,
  'x-rate-limit': definition.rateLimit,
  ...(definition.credits === null ? {} : { 'x-credits': definition.credits }),
  responses: {
    ...definition.route.responses,
    default: { description: 'An error, as RFC 9457 problem details', content: problemContent },
  },
});
