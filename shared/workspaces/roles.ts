import type { WorkspacePermission } from '../kernel/index.ts';

export const workspaceRoles = ['owner', 'admin', 'editor', 'viewer'] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];

const viewer: readonly WorkspacePermission[] = ['workspace:read', 'members:read', 'flows:read', 'flows:export', 'knowledge:read'];
const editor: readonly WorkspacePermission[] = [...viewer, 'flows:create', 'flows:update', 'flows:delete', 'ai:use', 'knowledge:write'];
const admin: readonly WorkspacePermission[] = [
  ...editor,
  'workspace:update',
  'members:invite',
  'members:update',
  'members:remove',
  'billing:read',
  'apikeys:manage',
  'audit:read',
];
const owner: readonly WorkspacePermission[] = [...admin, 'workspace:delete', 'workspace:transfer', 'billing:manage'];

/** The role matrix of docs/product.md. (Admins act on members but not on owners: the members service checks that.) */
export const rolePermissions: Readonly<Record<WorkspaceRole, ReadonlySet<WorkspacePermission>>> = {
  owner: new Set(owner),
  admin: new Set(admin),
  editor: new Set(editor),
  viewer: new Set(viewer),
};

/** Whether a role grants a permission. No role bypasses a check implicitly. */
export const roleGrants = (role: WorkspaceRole, permission: WorkspacePermission): boolean => rolePermissions[role].has(permission);
