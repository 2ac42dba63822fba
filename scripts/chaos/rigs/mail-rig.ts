import { randomUUID } from 'node:crypto';
import createInvitation from '../../../functions/workspaces/create-invitation.ts';
import listInvitations from '../../../functions/workspaces/list-invitations.ts';
import listMembers from '../../../functions/workspaces/list-members.ts';
import { invitationCollection } from '../../../shared/infra/mongodb/invitation-store.ts';
import type { LoadAction } from '../load.ts';
import { pick, startRigBase } from './rig-base.ts';

/**
 * Invitations against the SMTP sink behind the proxy: an invitation is stored, then mailed, and
 * removed again when the mail fails (it must not hold a seat nobody was told about). Invariant:
 * the invitations stored are exactly those answered 201.
 */
export const startMailRig = async (name: string, env: Record<string, string>) => {
  const base = await startRigBase(name, env, { plan: 'enterprise' });
  const invite = base.appOf(createInvitation, 'workspaces-create-invitation');
  const apps = {
    invitations: base.appOf(listInvitations, 'workspaces-list-invitations'),
    members: base.appOf(listMembers, 'workspaces-list-members'),
  };
  const created = new Set<string>();
  const path = `/v1/workspaces/${base.workspaceId}/invitations`;
  const write: LoadAction = {
    name: 'workspaces-create-invitation',
    kind: 'write',
    send: async () => {
      const response = await base.send(invite, path, {
        method: 'POST',
        body: { email: `chaos-${randomUUID().slice(0, 8)}@example.com`, role: 'editor' },
      });
      if (response.status === 201) created.add(((await response.clone().json()) as { id: string }).id);
      return response;
    },
  };
  const reads: LoadAction[] = [
    { name: 'workspaces-list-invitations', kind: 'read', send: () => base.send(apps.invitations, path) },
    { name: 'workspaces-list-members', kind: 'read', send: () => base.send(apps.members, `/v1/workspaces/${base.workspaceId}/members`) },
  ];
  const nextAction = () => (Math.random() < 0.5 ? write : pick(reads));
  const check = async () => {
    const stored = await base.kit.db
      .collection(invitationCollection.name)
      .find({ workspaceId: base.workspaceId })
      .project({ _id: 1 })
      .toArray();
    const ids = new Set(stored.map((i) => String(i._id)));
    const partialWrites = [
      ...[...ids].filter((id) => !created.has(id)).map((id) => `invitation ${id} stored but its mail was never sent (answered non-201)`),
      ...[...created].filter((id) => !ids.has(id)).map((id) => `invitation ${id} answered 201 but not stored`),
    ];
    return { partialWrites, invitations: ids.size };
  };
  return { nextAction, probes: () => [write, ...reads], check, close: base.close };
};
