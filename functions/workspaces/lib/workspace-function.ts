import type { WorkspacePermission } from '../../../shared/kernel/index.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { workspacesService } from '../../../shared/infra/workspaces/workspaces-resource.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import { workspaceErrors, type Actor } from '../../../shared/workspaces/index.ts';
import { rateLimiter } from '../../../shared/infra/upstash/rate-limiter-resource.ts';

const common = {
  domain: 'workspaces',
  authenticator: jwtAuthenticator,
  rateLimit: 'api',
  rateLimiter,
  uses: [workspacesService],
  costTags: { team: 'workspaces', costCenter: 'cc-workspaces', tier: 'standard' },
} as const;

/** What every workspace function shares; `permission` is the docs/product.md matrix entry it needs (user tokens only). */
export const workspaceFunction = <P extends WorkspacePermission | 'self'>(permission: P) => ({
  ...common,
  access: { type: 'authenticated' as const, credentials: ['jwt'] as const, permission },
  privacy: { personalData: ['identity'] as const, purpose: 'run shared workspaces for teams', legalBasis: 'contract' as const },
});

/** Functions that show or handle members' e-mail addresses. */
export const memberDataPrivacy = {
  personalData: ['identity', 'contact'],
  purpose: 'let workspace members see and manage who belongs to the workspace',
  legalBasis: 'contract',
} as const;

/** The caller as a workspace member (the authenticator put their role on the context). */
export const actorOf = (auth: AuthContext): Actor => {
  const role = auth.workspace?.role;
  if (!role) throw workspaceErrors.notFound();
  return { userId: auth.userId, role };
};
