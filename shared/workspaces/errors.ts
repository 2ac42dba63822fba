import { DomainError } from '../kernel/index.ts';
import type { Plan } from './plan-limits.ts';

/** Stable codes of the workspaces domain. */
export const workspaceErrorCodes = [
  'WORKSPACE_NOT_FOUND',
  'WORKSPACE_LIMIT_REACHED',
  'SEAT_LIMIT_REACHED',
  'MEMBER_NOT_FOUND',
  'OWNER_ROLE_REQUIRED',
  'LAST_OWNER',
  'PERMISSION_DENIED',
  'ALREADY_MEMBER',
  'INVITATION_PENDING',
  'INVITATION_NOT_FOUND',
  'INVITATION_EXPIRED',
  'INVITATION_ALREADY_USED',
  'INVITATION_EMAIL_MISMATCH',
  'TRANSFER_TARGET_NOT_MEMBER',
  'USER_NOT_FOUND',
  'SUBSCRIPTION_ACTIVE',
] as const;
export type WorkspaceErrorCode = (typeof workspaceErrorCodes)[number];

type Kind = ConstructorParameters<typeof DomainError>[0];
const fail = (kind: Kind, code: WorkspaceErrorCode, detail: string, extensions?: Record<string, unknown>) =>
  new DomainError(kind, code, { detail, ...(extensions ? { extensions } : {}) });

export const workspaceErrors = {
  // A missing, deleted and foreign workspace look the same (never 403 across tenants).
  notFound: () => fail('not_found', 'WORKSPACE_NOT_FOUND', 'No such workspace.'),
  memberNotFound: () => fail('not_found', 'MEMBER_NOT_FOUND', 'No such member in this workspace.'),
  ownerRoleRequired: (detail: string) => fail('forbidden', 'OWNER_ROLE_REQUIRED', detail),
  lastOwner: () => fail('conflict', 'LAST_OWNER', 'A workspace keeps at least one owner: make someone else owner first.'),
  denied: (permission: string) => fail('forbidden', 'PERMISSION_DENIED', `Your role lacks ${permission}.`, { permission }),
  alreadyMember: () => fail('conflict', 'ALREADY_MEMBER', 'That person is already a member of this workspace.'),
  invitationPending: () => fail('conflict', 'INVITATION_PENDING', 'An invitation to this e-mail address is already pending.'),
  invitationNotFound: () => fail('not_found', 'INVITATION_NOT_FOUND', 'No such invitation.'),
  invitationExpired: () => fail('not_found', 'INVITATION_EXPIRED', 'The invitation has expired; ask for a new one.'),
  invitationUsed: () => fail('not_found', 'INVITATION_ALREADY_USED', 'The invitation has already been accepted.'),
  emailMismatch: () =>
    fail('forbidden', 'INVITATION_EMAIL_MISMATCH', 'The invitation was sent to another e-mail address than your account’s.'),
  transferTargetNotMember: () => fail('invalid', 'TRANSFER_TARGET_NOT_MEMBER', 'Ownership can go only to a member of the workspace.'),
  /** Deleting a workspace whose subscription still bills: cancel first (the API link, or the web client's billing page). */
  subscriptionActive: (workspaceId: string, status: string, billingUrl: string) =>
    fail(
      'conflict',
      'SUBSCRIPTION_ACTIVE',
      'The workspace has a subscription that still bills; cancel it (at the period end) before deleting the workspace.',
      { subscriptionStatus: status, cancelUrl: `/v1/workspaces/${encodeURIComponent(workspaceId)}/billing/cancel`, billingUrl },
    ),
  userNotFound: () => fail('unauthenticated', 'USER_NOT_FOUND', 'The account no longer exists.'),
};

/** The 402 of docs/product.md: which limit, the current figure and where to upgrade. */
export const limitReached = (
  code: 'WORKSPACE_LIMIT_REACHED' | 'SEAT_LIMIT_REACHED',
  figures: { limit: number; current: number; plan: Plan; upgradeUrl: string },
) =>
  fail(
    'payment_required',
    code,
    code === 'SEAT_LIMIT_REACHED'
      ? `The ${figures.plan} plan allows ${figures.limit} seat(s) per workspace (members and pending invitations).`
      : `The ${figures.plan} plan allows ${figures.limit} workspace(s) per account.`,
    { limit: figures.limit, current: figures.current, plan: figures.plan, upgradeUrl: figures.upgradeUrl },
  );
