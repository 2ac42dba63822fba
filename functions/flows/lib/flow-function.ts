import type { WorkspacePermission } from '../../../shared/kernel/index.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { flowCallers } from '../../../shared/infra/flows/flow-caller.ts';
import { flowPorts } from '../../../shared/infra/flows/flows-resource.ts';
import { rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import type { FlowCaller, FlowsPorts } from '../../../shared/flows/index.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import type { Use } from '../../../shared/platform/resource.ts';

/**
 * What every flow function shares. `permission` is the docs/product.md matrix entry it needs; on routes
 * without `{workspaceId}` the service checks it against the flow's own workspace (another tenant's
 * flow answers 404).
 */
export const flowFunction = (permission: WorkspacePermission) => ({
  domain: 'flows' as const,
  authenticator: jwtAuthenticator,
  rateLimit: 'api' as const,
  rateLimiter,
  uses: [flowPorts, flowCallers],
  costTags: { team: 'flows', costCenter: 'cc-flows', tier: 'standard' as const },
  access: { type: 'authenticated' as const, credentials: ['jwt', 'apiKey'] as const, permission },
  privacy: {
    personalData: ['identity', 'content'] as const,
    purpose: 'let workspace members design, version and share UX flows (authors are recorded per version)',
    legalBasis: 'contract' as const,
  },
});

/** The flow services' ports and the caller, for a handler (which builds the one service it calls). */
export const flowsFor = (vars: { use: Use; auth: AuthContext }): { ports: FlowsPorts; caller: FlowCaller } => ({
  ports: vars.use(flowPorts),
  caller: vars.use(flowCallers).of(vars.auth),
});
