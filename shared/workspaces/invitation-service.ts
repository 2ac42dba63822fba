import { newId } from '../kernel/index.ts';
import { limitReached, workspaceErrors } from './errors.ts';
import { invitationMail, invitationTtlMs, newInvitationToken } from './invitation-mail.ts';
import { assertCanInvite, type Actor } from './member-rules.ts';
import { effectivePlan, isWithinLimit, planLimits } from './plan-limits.ts';
import type { InvitationRecord, WorkspaceRecord } from './ports.ts';
import type { WorkspaceRole } from './roles.ts';
import { upgradeUrl, type WorkspacesPorts } from './workspaces-ports.ts';

/** An invitation as listed: pending until it expires. */
export type InvitationView = InvitationRecord & { status: 'pending' | 'expired' };

const isPending = (invitation: InvitationRecord, now: Date) => invitation.acceptedAt === null && invitation.expiresAt > now;

/**
 * Invitations. Seats (docs/product.md) are members plus pending invitations. Acceptance is single use
 * because the membership `<workspaceId>:<userId>` is a unique-index insert carrying the
 * invitation id: of concurrent accepts exactly one inserts it; the others find it and answer
 * INVITATION_ALREADY_USED.
 */
export const createInvitationService = (ports: WorkspacesPorts) => {
  const { workspaces, members, invitations, people, mailer, clock, appUrl } = ports;

  const assertSeat = async (workspace: WorkspaceRecord, now: Date, countPending: boolean) => {
    const plan = effectivePlan(workspace, now);
    const limit = planLimits[plan].seats;
    const [memberList, open] = await Promise.all([
      members.listByWorkspace(workspace.id),
      countPending ? invitations.listOpen(workspace.id) : Promise.resolve([]),
    ]);
    const current = memberList.length + open.filter((i) => isPending(i, now)).length;
    if (!isWithinLimit(limit, current)) {
      throw limitReached('SEAT_LIMIT_REACHED', { limit: limit ?? 0, current, plan, upgradeUrl: upgradeUrl(appUrl, workspace.id) });
    }
  };

  return {
    /** Invites an e-mail address with a role and mails a single-use link valid 7 days. */
    invite: async (workspaceId: string, actor: Actor, input: { email: string; role: WorkspaceRole }): Promise<InvitationRecord> => {
      assertCanInvite(actor.role, input.role);
      const now = clock.now();
      const workspace = await workspaces.findActive(workspaceId);
      if (!workspace) throw workspaceErrors.notFound();
      const [invitee, open, inviter] = await Promise.all([
        people.findByEmail(input.email),
        invitations.listOpen(workspaceId),
        people.findById(actor.userId),
      ]);
      if (invitee && (await members.find(workspaceId, invitee.id))) throw workspaceErrors.alreadyMember();
      if (open.some((i) => i.email === input.email && isPending(i, now))) throw workspaceErrors.invitationPending();
      await assertSeat(workspace, now, true);
      const token = newInvitationToken();
      const invitation: InvitationRecord = {
        id: newId('inv'),
        workspaceId,
        email: input.email,
        role: input.role,
        invitedBy: actor.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + invitationTtlMs),
        acceptedAt: null,
        acceptedBy: null,
      };
      await invitations.insert(invitation, token);
      const mail = { to: input.email, workspaceName: workspace.name, inviterName: inviter?.name ?? null, role: input.role, token };
      try {
        await mailer.send(invitationMail(appUrl, { ...mail, expiresAt: invitation.expiresAt }));
      } catch (error) {
        // An invitation nobody received must not hold a seat.
        await invitations.remove(workspaceId, invitation.id);
        throw error;
      }
      return invitation;
    },

    list: async (workspaceId: string): Promise<InvitationView[]> => {
      const now = clock.now();
      return (await invitations.listOpen(workspaceId)).map((i) => ({ ...i, status: isPending(i, now) ? 'pending' : 'expired' }));
    },

    revoke: async (workspaceId: string, invitationId: string): Promise<void> => {
      if (!(await invitations.remove(workspaceId, invitationId))) throw workspaceErrors.invitationNotFound();
    },

    /** Makes the caller a member with the invited role, once; the caller's account e-mail must be the invited one. */
    accept: async (token: string, userId: string): Promise<{ workspace: WorkspaceRecord; role: WorkspaceRole }> => {
      const now = clock.now();
      const invitation = await invitations.findByToken(token);
      if (!invitation) throw workspaceErrors.invitationNotFound();
      if (invitation.acceptedAt !== null) throw workspaceErrors.invitationUsed();
      if (invitation.expiresAt <= now) throw workspaceErrors.invitationExpired();
      const [workspace, person] = await Promise.all([workspaces.findActive(invitation.workspaceId), people.findById(userId)]);
      if (!workspace) throw workspaceErrors.invitationNotFound();
      if (!person) throw workspaceErrors.userNotFound();
      if (person.email !== invitation.email) throw workspaceErrors.emailMismatch();
      // The invitation holds its seat already; this catches a plan that shrank since.
      await assertSeat(workspace, now, false);
      const member = { workspaceId: workspace.id, userId, role: invitation.role, joinedAt: now, invitationId: invitation.id };
      if (!(await members.insert(member))) {
        const existing = await members.find(workspace.id, userId);
        throw existing?.invitationId === invitation.id ? workspaceErrors.invitationUsed() : workspaceErrors.alreadyMember();
      }
      await invitations.markAccepted(invitation.id, userId, now);
      await ports.audit.record({
        action: 'member.joined',
        actor: { type: 'user', id: userId, userId },
        workspaceId: workspace.id,
        target: { type: 'user', id: userId },
        details: { role: invitation.role, invitation: invitation.id },
      });
      return { workspace, role: invitation.role };
    },
  };
};

export type InvitationService = ReturnType<typeof createInvitationService>;
