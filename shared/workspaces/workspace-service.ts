import { workspaceErrors } from './errors.ts';
import type { WorkspaceRecord } from './ports.ts';
import type { WorkspaceRole } from './roles.ts';
import { createOwnedWorkspace } from './workspace-creation.ts';
import { billingUrl, type WorkspacesPorts } from './workspaces-ports.ts';

/** A workspace seen by one of its members. */
export interface WorkspaceView {
  workspace: WorkspaceRecord;
  role: WorkspaceRole;
}

/** Workspaces: create, list, read, rename, soft delete, transfer. Callers are already authorised for the workspace. */
export const createWorkspaceService = (ports: WorkspacesPorts) => {
  const { workspaces, members, subscriptions, clock, appUrl } = ports;
  const getActive = async (id: string): Promise<WorkspaceRecord> => {
    const workspace = await workspaces.findActive(id);
    if (!workspace) throw workspaceErrors.notFound();
    return workspace;
  };

  return {
    /**
     * A new workspace on the free plan with the caller as owner, if the account's workspace limit
     * allows (`createOwnedWorkspace`: 402 WORKSPACE_LIMIT_REACHED past it).
     */
    create: async (userId: string, name: string): Promise<WorkspaceView> => ({
      workspace: await createOwnedWorkspace(ports, userId, name),
      role: 'owner',
    }),

    /** The caller's workspaces (deleted ones left out) with their role, by name. */
    listMine: async (userId: string): Promise<WorkspaceView[]> => {
      const memberships = await members.listByUser(userId);
      const found = await workspaces.findActiveByIds(memberships.map((m) => m.workspaceId));
      const roleOf = new Map(memberships.map((m) => [m.workspaceId, m.role]));
      return found
        .map((workspace) => ({ workspace, role: roleOf.get(workspace.id) ?? 'viewer' }))
        .sort((a, b) => a.workspace.name.localeCompare(b.workspace.name) || a.workspace.id.localeCompare(b.workspace.id));
    },

    get: getActive,

    rename: async (id: string, name: string): Promise<WorkspaceRecord> => {
      const workspace = await getActive(id);
      await workspaces.rename(id, name);
      return { ...workspace, name };
    },

    /**
     * Soft delete: the workspace answers 404 to everyone from then on. Idempotent. Refused while its
     * subscription still bills: once deleted, nobody could reach its billing to stop the charges.
     * @throws SUBSCRIPTION_ACTIVE (409) with the cancel link.
     */
    remove: async (id: string, by: string): Promise<void> => {
      await getActive(id);
      const live = await subscriptions.find(id);
      if (live) throw workspaceErrors.subscriptionActive(id, live.status, billingUrl(appUrl, id));
      await workspaces.markDeleted(id, by, clock.now());
    },

    /** The target member becomes owner (and the workspace's primary owner); the caller becomes admin. */
    transfer: async (id: string, fromUserId: string, toUserId: string): Promise<WorkspaceRecord> => {
      const workspace = await getActive(id);
      const target = await members.find(id, toUserId);
      if (!target) throw workspaceErrors.transferTargetNotMember();
      if (toUserId === fromUserId) return workspace;
      // Promote first, so the workspace never lacks an owner between the two writes.
      if (target.role !== 'owner') await members.setRole(id, toUserId, 'owner');
      await workspaces.setOwner(id, toUserId);
      await members.setRole(id, fromUserId, 'admin');
      await ports.audit.record({
        action: 'workspace.ownership_transferred',
        actor: { type: 'user', id: fromUserId, userId: fromUserId },
        workspaceId: id,
        target: { type: 'user', id: toUserId },
        details: { from: fromUserId, to: toUserId },
      });
      return { ...workspace, ownerId: toUserId };
    },
  };
};

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;
