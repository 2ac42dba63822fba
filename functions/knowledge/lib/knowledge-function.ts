import type { WorkspacePermission } from '../../../shared/kernel/index.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { knowledgePorts } from '../../../shared/infra/knowledge/knowledge-resource.ts';
import { rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import type { KnowledgePorts } from '../../../shared/knowledge/index.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import type { Use } from '../../../shared/platform/resource.ts';

/** What every knowledge HTTP function shares; `permission` is `knowledge:read` or `knowledge:write`. */
export const knowledgeFunction = (permission: WorkspacePermission) => ({
  domain: 'knowledge' as const,
  authenticator: jwtAuthenticator,
  rateLimit: 'api' as const,
  rateLimiter,
  uses: [knowledgePorts],
  costTags: { team: 'knowledge', costCenter: 'cc-knowledge', tier: 'standard' as const },
  // The BM25 index of a workspace lives in the instance: room for it.
  resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } },
  access: { type: 'authenticated' as const, credentials: ['jwt', 'apiKey'] as const, permission },
  privacy: {
    personalData: ['content', 'identity'] as const,
    purpose: 'keep the documents a workspace uploads searchable for its members and its AI answers (uploaders are recorded)',
    legalBasis: 'contract' as const,
  },
});

/**
 * The ports, the workspace and the actor of a request. The workspace is the one the authenticator
 * resolved for the route (membership and permission checked): never a value from the body.
 */
export const knowledgeFor = (vars: {
  use: Use;
  auth: AuthContext;
}): { ports: KnowledgePorts; workspaceId: string; userId: string; actor: string } => ({
  ports: vars.use(knowledgePorts),
  workspaceId: vars.auth.workspace?.id ?? '',
  userId: vars.auth.userId,
  actor: vars.auth.via === 'apiKey' ? `apikey:${vars.auth.sessionId}` : vars.auth.userId,
});
