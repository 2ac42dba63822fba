import type { Db } from 'mongodb';
import type { AccessDecision, FlowCaller } from '../../flows/index.ts';
import type { WorkspacePermission } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import type { AuthContext } from '../../platform/http/auth-context.ts';
import { defineResource } from '../../platform/resource.ts';
import { rolePermissions } from '../../workspaces/index.ts';
import { findRole } from '../mongodb/membership-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';

const decide = (permissions: ReadonlySet<WorkspacePermission>, permission: WorkspacePermission): AccessDecision =>
  permissions.has(permission) ? 'granted' : 'denied';

/**
 * The caller as the flow services see them. A workspace the authenticator already resolved (the
 * route's `{workspaceId}`, or an API key's own workspace) is answered from the context; any other
 * workspace needs a membership (JWT only: an API key reaches nothing outside its workspace).
 */
export const flowCallerOf = (auth: AuthContext, db: Db): FlowCaller => ({
  userId: auth.userId,
  // An API key's context carries the key id as its session: versions written with it name the key.
  ...(auth.via === 'apiKey' ? { apiKeyId: auth.sessionId } : {}),
  access: async (workspaceId, permission) => {
    if (auth.workspace?.id === workspaceId) return decide(auth.workspace.permissions, permission);
    if (auth.via === 'apiKey') return 'not_member';
    const role = await findRole(db, workspaceId, auth.userId);
    return role ? decide(rolePermissions[role], permission) : 'not_member';
  },
});

/** Makes the flow services' caller of a request (the memberships it may need are read from MongoDB). */
export const flowCallers = defineResource({
  name: 'flow-callers',
  config: defineConfig({ name: 'flow-callers', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use }) => ({ of: (auth: AuthContext): FlowCaller => flowCallerOf(auth, use(mongo).db) }),
});
