import type { AuditLog } from '../audit/index.ts';
import type {
  InvitationStore,
  LiveSubscriptions,
  MemberStore,
  People,
  WorkspaceMailer,
  WorkspaceSlotStore,
  WorkspaceStore,
} from './ports.ts';

/** Everything the workspace services need; adapters are passed in. */
export interface WorkspacesPorts {
  workspaces: WorkspaceStore;
  slots: WorkspaceSlotStore;
  members: MemberStore;
  invitations: InvitationStore;
  people: People;
  mailer: WorkspaceMailer;
  subscriptions: LiveSubscriptions;
  clock: { now: () => Date };
  /** Role and membership changes are recorded there (must-succeed: a failure fails the request). */
  audit: AuditLog;
  /** The web client's base URL, without a trailing slash: invitation and upgrade links point there. */
  appUrl: string;
}

/** A workspace's billing page in the web client (where its subscription is cancelled). */
export const billingUrl = (appUrl: string, workspaceId: string): string =>
  `${appUrl}/workspaces/${encodeURIComponent(workspaceId)}/billing`;

/** Where a workspace's owners upgrade its plan (the 402 answers carry it). */
export const upgradeUrl = (appUrl: string, workspaceId: string | null): string =>
  workspaceId === null ? `${appUrl}/billing/upgrade` : `${appUrl}/workspaces/${encodeURIComponent(workspaceId)}/billing/upgrade`;
