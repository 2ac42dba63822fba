import type { WorkspacePermission } from '../../../shared/kernel/index.ts';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { workspacesService } from '../../../shared/infra/workspaces/workspaces-resource.ts';
import { authenticated, type CredentialScheme, type HttpPreset, type Privacy } from '../../../shared/platform/definition/index.ts';
import type { AuthContext } from '../../../shared/platform/http/auth-context.ts';
import { workspaceErrors, type Actor } from '../../../shared/workspaces/index.ts';

/**
 * What every workspace function shares; `permission` is the docs/product.md matrix entry it needs.
 * User tokens only unless `scheme` says otherwise: the reads a script or the Figma plugin needs take
 * API keys too (docs/identity.md, "What an API key can do").
 */
export const workspaceFunction = (permission: WorkspacePermission | 'self', scheme: CredentialScheme = jwt) =>
  ({
    access: authenticated(scheme, permission),
    rateLimit: rateLimited.api,
    uses: [workspacesService],
    costTags: { team: 'workspaces', costCenter: 'cc-workspaces', tier: 'standard' },
    privacy: { personalData: ['identity'], purpose: 'run shared workspaces for teams', legalBasis: 'contract' },
  }) satisfies HttpPreset;

/** Functions that show or handle members' e-mail addresses. */
export const memberDataPrivacy = {
  personalData: ['identity', 'contact'],
  purpose: 'let workspace members see and manage who belongs to the workspace',
  legalBasis: 'contract',
} satisfies Privacy;

/** The caller as a workspace member (the authenticator put their role on the context). */
export const actorOf = (auth: AuthContext): Actor => {
  const role = auth.workspace?.role;
  if (!role) throw workspaceErrors.notFound();
  return { userId: auth.userId, role };
};
