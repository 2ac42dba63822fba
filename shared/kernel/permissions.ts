/** Workspace permissions (`resource:action`) from the role matrix in docs/product.md. */
export const workspacePermissions = [
  'workspace:read',
  'workspace:update',
  'workspace:delete',
  'workspace:transfer',
  'members:read',
  'members:invite',
  'members:update',
  'members:remove',
  'flows:read',
  'flows:export',
  'flows:create',
  'flows:update',
  'flows:delete',
  'ai:use',
  'knowledge:read',
  'knowledge:write',
  'billing:read',
  'billing:manage',
  'apikeys:manage',
  'audit:read',
] as const;
export type WorkspacePermission = (typeof workspacePermissions)[number];

/** Platform roles held by staff accounts only. */
export const platformRoles = ['support', 'dpo', 'admin'] as const;
export type PlatformRole = (typeof platformRoles)[number];
