import { roleGrants, type WorkspaceRole } from './roles.ts';
import { workspaceErrors } from './errors.ts';

/** A member as the rules see them. */
export interface Actor {
  userId: string;
  role: WorkspaceRole;
}

/**
 * Changing a member's role: only owners touch owners, and only owners make owners (admins hold
 * members:update "not owners", docs/product.md). The last-owner rule is checked against the store.
 */
export const assertCanChangeRole = (actor: Actor, target: Actor, next: WorkspaceRole): void => {
  if (!roleGrants(actor.role, 'members:update')) throw workspaceErrors.denied('members:update');
  if (actor.role === 'owner') return;
  if (target.role === 'owner') throw workspaceErrors.ownerRoleRequired('Only an owner can change an owner’s role.');
  if (next === 'owner') throw workspaceErrors.ownerRoleRequired('Only an owner can make someone owner.');
};

/** Removing a member: anyone may leave; removing someone else needs members:remove, and an owner to remove an owner. */
export const assertCanRemove = (actor: Actor, target: Actor): void => {
  if (actor.userId === target.userId) return;
  if (!roleGrants(actor.role, 'members:remove')) throw workspaceErrors.denied('members:remove');
  if (target.role === 'owner' && actor.role !== 'owner') throw workspaceErrors.ownerRoleRequired('Only an owner can remove an owner.');
};

/** Inviting: members:invite, and only owners invite owners. */
export const assertCanInvite = (actorRole: WorkspaceRole, role: WorkspaceRole): void => {
  if (!roleGrants(actorRole, 'members:invite')) throw workspaceErrors.denied('members:invite');
  if (role === 'owner' && actorRole !== 'owner') throw workspaceErrors.ownerRoleRequired('Only an owner can invite an owner.');
};

/** Whether moving `target` from owner to `next` (null = removal) would leave the workspace without an owner. */
export const wouldLeaveNoOwner = (ownerCount: number, target: WorkspaceRole, next: WorkspaceRole | null): boolean =>
  target === 'owner' && next !== 'owner' && ownerCount <= 1;
