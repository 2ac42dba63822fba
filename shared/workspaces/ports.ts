import type { Membership, Workspace } from './personal-workspace.ts';
import type { PlacedSlot, WorkspaceSlot } from './workspace-slots.ts';
import type { WorkspaceRole } from './roles.ts';

/** A workspace as stored; `deletedAt` is set by a soft delete (documents written before it existed count as null). */
export interface WorkspaceRecord extends Workspace {
  deletedAt: Date | null;
}

export interface WorkspaceStore {
  /** Inserts a new workspace (its id is new: never overwrites). */
  insert: (workspace: WorkspaceRecord) => Promise<void>;
  /** The workspace, or null when it does not exist or was deleted. */
  findActive: (id: string) => Promise<WorkspaceRecord | null>;
  /** Those of `ids` that exist and are not deleted, in no particular order. */
  findActiveByIds: (ids: readonly string[]) => Promise<WorkspaceRecord[]>;
  /** The account's personal workspace (not deleted), or null. */
  findPersonal: (userId: string) => Promise<WorkspaceRecord | null>;
  /** Workspaces (not deleted) whose `ownerId` is the user, the personal one included. */
  findOwned: (userId: string) => Promise<WorkspaceRecord[]>;
  rename: (id: string, name: string) => Promise<void>;
  setOwner: (id: string, ownerId: string) => Promise<void>;
  /**
   * Soft delete, idempotent: writes the tombstone the authenticator checks (after which every
   * membership lookup misses), sets `deletedAt`, and revokes the workspace's API keys.
   */
  markDeleted: (id: string, by: string, at: Date) => Promise<void>;
}

/** The places of the workspace limit (`workspace-slots.ts`): append-only, one insert per claim. */
export interface WorkspaceSlotStore {
  /** Every slot the account ever claimed (all generations), each with its workspace as it is now (null when not written). */
  list: (ownerId: string) => Promise<PlacedSlot[]>;
  /** Inserts the slot; false when that (owner, number, generation) is taken: another create won the place. */
  claim: (slot: WorkspaceSlot) => Promise<boolean>;
  /** Deletes a slot; only to undo a claim whose workspace could not be written. Idempotent. */
  release: (slot: WorkspaceSlot) => Promise<void>;
}

/** A membership, and the invitation it came from (null for owners of new workspaces). */
export interface MemberRecord extends Membership {
  invitationId: string | null;
}

export interface MemberStore {
  /** Inserts the membership `<workspaceId>:<userId>`; false when it exists (the unique-index commit point). */
  insert: (member: MemberRecord) => Promise<boolean>;
  find: (workspaceId: string, userId: string) => Promise<MemberRecord | null>;
  listByWorkspace: (workspaceId: string) => Promise<MemberRecord[]>;
  listByUser: (userId: string) => Promise<MemberRecord[]>;
  setRole: (workspaceId: string, userId: string, role: WorkspaceRole) => Promise<void>;
  /** False when there was no such membership. */
  remove: (workspaceId: string, userId: string) => Promise<boolean>;
}

export interface InvitationRecord {
  id: string;
  workspaceId: string;
  /** Normalised (trimmed, lower-case). */
  email: string;
  role: WorkspaceRole;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
}

export interface InvitationStore {
  /** Stores the invitation with the token's hash (the token itself is mailed, never stored). */
  insert: (invitation: InvitationRecord, token: string) => Promise<void>;
  findByToken: (token: string) => Promise<InvitationRecord | null>;
  /** The workspace's invitations not accepted yet (expired ones included), newest first. */
  listOpen: (workspaceId: string) => Promise<InvitationRecord[]>;
  /** Deletes one of the workspace's invitations; false when it has none with this id. */
  remove: (workspaceId: string, invitationId: string) => Promise<boolean>;
  /** Marks it accepted; a derived status (the membership insert is the commit), idempotent. */
  markAccepted: (invitationId: string, userId: string, at: Date) => Promise<void>;
}

/** Accounts as the workspaces domain needs them (read-only). */
export interface Person {
  id: string;
  email: string;
  name: string;
}

export interface People {
  findById: (userId: string) => Promise<Person | null>;
  findByIds: (userIds: readonly string[]) => Promise<Person[]>;
  findByEmail: (email: string) => Promise<Person | null>;
}

export interface InvitationMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail; throws DomainError(unavailable) when the provider refuses (same contract as identity's Mailer). */
export interface WorkspaceMailer {
  send: (mail: InvitationMail) => Promise<void>;
}

/** The billing domain's view of a workspace's subscription, as far as deleting the workspace goes. */
export interface LiveSubscriptions {
  /**
   * The workspace's subscription when it may still bill (not ended, not set to end at the period's
   * end), with Stripe's status; null otherwise.
   */
  find: (workspaceId: string) => Promise<{ subscriptionId: string; status: string } | null>;
}
