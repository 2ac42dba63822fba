import type { InvitationStore, MemberStore, People, WorkspaceMailer, WorkspaceSlotStore, WorkspaceStore } from './ports.ts';

/** Everything the workspace services need; adapters are passed in. */
export interface WorkspacesPorts {
  workspaces: WorkspaceStore;
  slots: WorkspaceSlotStore;
  members: MemberStore;
  invitations: InvitationStore;
  people: People;
  mailer: WorkspaceMailer;
  clock: { now: () => Date };
  /** The web client's base URL, without a trailing slash: invitation and upgrade links point there. */
  appUrl: string;
}

/** Where a workspace's owners upgrade its plan (the 402 answers carry it). */
export const upgradeUrl = (appUrl: string, workspaceId: string | null): string =>
  workspaceId === null ? `${appUrl}/billing/upgrade` : `${appUrl}/workspaces/${encodeURIComponent(workspaceId)}/billing/upgrade`;
