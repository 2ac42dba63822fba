import type { RouteConfig } from '@hono/zod-openapi';
import type { NamedHttpFunction } from '../../../shared/platform/definition/identity.ts';
import type { Access } from '../../../shared/platform/definition/metadata.ts';
import { problemContent } from '../../../shared/platform/http/schemas.ts';

/** The access decision as clients read it: the decision itself, not the adapters that enforce it. */
const documentedAccess = (access: Access): Record<string, unknown> =>
  Object.fromEntries(Object.entries(access).filter(([key]) => key !== 'authenticator' && key !== 'limiter'));

/**
 * A function's route as documented: its operationId is the function name, vendor extensions
 * carry what the gateway and clients need to know (who may call it, rate limit, credit price),
 * and every operation may answer a problem+json error.
 */
export const operationRoute = (definition: NamedHttpFunction): RouteConfig => ({
  ...definition.route,
  operationId: definition.name,
  'x-function': definition.name,
  'x-access': documentedAccess(definition.access),
  'x-rate-limit': definition.rateLimit.class,
  ...(definition.credits === null ? {} : { 'x-credits': definition.credits }),
  responses: {
    ...definition.route.responses,
    default: { description: 'An error, as RFC 9457 problem details', content: problemContent },
  },
});
