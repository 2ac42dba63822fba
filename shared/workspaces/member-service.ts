import { workspaceErrors } from './errors.ts';
import { assertCanChangeRole, assertCanRemove, wouldLeaveNoOwner, type Actor } from './member-rules.ts';
import type { MemberRecord } from './ports.ts';
import type { WorkspaceRole } from './roles.ts';
import type { WorkspacesPorts } from './workspaces-ports.ts';

/** A member with the name and e-mail of their account (null when the account is gone). */
export interface MemberView extends MemberRecord {
  name: string | null;
  email: string | null;
}

const ownersOf = (list: readonly MemberRecord[]) => list.filter((m) => m.role === 'owner');

/**
 * Members: list, change role, remove (or leave). The owner rules are pure (member-rules.ts); the
 * last-owner rule is a read, so after a change that takes an owner away the owners are counted
 * again and the change undone when none is left: two owners demoting each other at once end
 * with at least one owner, never none (the safe side).
 */
export const createMemberService = ({ workspaces, members, people, audit }: WorkspacesPorts) => {
  const getTarget = async (workspaceId: string, userId: string) => {
    const target = await members.find(workspaceId, userId);
    if (!target) throw workspaceErrors.memberNotFound();
    return target;
  };

  /** Keeps `workspaces.ownerId` on a current owner when the primary owner stops being one. */
  const afterOwnerLoss = async (workspaceId: string, lost: MemberRecord, undo: () => Promise<unknown>) => {
    const owners = ownersOf(await members.listByWorkspace(workspaceId));
    if (owners.length === 0) {
      await undo();
      throw workspaceErrors.lastOwner();
    }
    const workspace = await workspaces.findActive(workspaceId);
    if (workspace?.ownerId === lost.userId) await workspaces.setOwner(workspaceId, owners[0]!.userId);
  };

  return {
    list: async (workspaceId: string): Promise<MemberView[]> => {
      const list = await members.listByWorkspace(workspaceId);
      const byId = new Map((await people.findByIds(list.map((m) => m.userId))).map((p) => [p.id, p]));
      return list
        .map((m) => ({ ...m, name: byId.get(m.userId)?.name ?? null, email: byId.get(m.userId)?.email ?? null }))
        .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || a.userId.localeCompare(b.userId));
    },

    changeRole: async (workspaceId: string, actor: Actor, userId: string, role: WorkspaceRole): Promise<MemberRecord> => {
      const target = await getTarget(workspaceId, userId);
      assertCanChangeRole(actor, target, role);
      if (target.role === role) return target;
      const owners = ownersOf(await members.listByWorkspace(workspaceId)).length;
      if (wouldLeaveNoOwner(owners, target.role, role)) throw workspaceErrors.lastOwner();
      await members.setRole(workspaceId, userId, role);
      if (target.role === 'owner') await afterOwnerLoss(workspaceId, target, () => members.setRole(workspaceId, userId, 'owner'));
      await audit.record({
        action: 'member.role_changed',
        actor: { type: 'user', id: actor.userId, userId: actor.userId },
        workspaceId,
        target: { type: 'user', id: userId },
        details: { from: target.role, to: role },
      });
      return { ...target, role };
    },

    /** Removes a member; removing oneself is leaving. */
    remove: async (workspaceId: string, actor: Actor, userId: string): Promise<void> => {
      const target = await getTarget(workspaceId, userId);
      assertCanRemove(actor, target);
      const owners = ownersOf(await members.listByWorkspace(workspaceId)).length;
      if (wouldLeaveNoOwner(owners, target.role, null)) throw workspaceErrors.lastOwner();
      if (!(await members.remove(workspaceId, userId))) throw workspaceErrors.memberNotFound();
      if (target.role === 'owner') await afterOwnerLoss(workspaceId, target, () => members.insert(target));
      await audit.record({
        action: actor.userId === userId ? 'member.left' : 'member.removed',
        actor: { type: 'user', id: actor.userId, userId: actor.userId },
        workspaceId,
        target: { type: 'user', id: userId },
        details: { role: target.role },
      });
    },
  };
};

export type MemberService = ReturnType<typeof createMemberService>;
