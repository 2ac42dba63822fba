import type { WorkspacePermission } from '../../../shared/kernel/index.ts';
import { jwtOrApiKey } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { flowCallers } from '../../../shared/infra/flows/flow-caller.ts';
import { flowPorts } from '../../../shared/infra/flows/flows-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import type { FlowCaller, FlowsPorts } from '../../../shared/flows/index.ts';
import { authenticated, type HttpPreset } from '../../../shared/platform/definition/index.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import type { Use } from '../../../shared/platform/resource.ts';

/** Cost tags of every flow function (FinOps). */
export const flowCostTags = { team: 'flows', costCenter: 'cc-flows', tier: 'standard' } as const;

/**
 * What every flow function shares. `permission` is the docs/product.md matrix entry it needs; on routes
 * without `{workspaceId}` the service checks it against the flow's own workspace (another tenant's
 * flow answers 404).
 */
export const flowFunction = (permission: WorkspacePermission) =>
  ({
    access: authenticated(jwtOrApiKey, permission),
    rateLimit: rateLimited.api,
    uses: [flowPorts, flowCallers],
    costTags: flowCostTags,
    privacy: {
      personalData: ['identity', 'content'],
      purpose: 'let workspace members design, version and share UX flows (authors are recorded per version)',
      legalBasis: 'contract',
    },
  }) satisfies HttpPreset;

/** The flow services' ports and the caller, for a handler (which builds the one service it calls). */
export const flowsFor = (vars: { use: Use; auth: AuthContext }): { ports: FlowsPorts; caller: FlowCaller } => ({
  ports: vars.use(flowPorts),
  caller: vars.use(flowCallers).of(vars.auth),
});
