import { newId } from '../kernel/index.ts';
import type { WorkspaceRole } from './roles.ts';

/** A new account's first workspace is on a 14-day pro trial without a card (docs/product.md, Plans). */
export const trialDays = 14;

export interface Workspace {
  id: string;
  name: string;
  ownerId: string;
  personal: boolean;
  plan: 'free' | 'basic' | 'pro' | 'enterprise';
  /** When the trial plan ends; null when not on a trial. */
  trialEndsAt: Date | null;
  createdAt: Date;
}

export interface Membership {
  workspaceId: string;
  userId: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

/** The personal workspace of a new account and its owner membership. */
export const newPersonalWorkspace = (owner: { userId: string; name: string }, now: Date): { workspace: Workspace; owner: Membership } => {
  const workspace: Workspace = {
    id: newId('wsp'),
    name: `${owner.name}'s workspace`,
    ownerId: owner.userId,
    personal: true,
    plan: 'pro',
    trialEndsAt: new Date(now.getTime() + trialDays * 24 * 60 * 60 * 1000),
    createdAt: now,
  };
  return { workspace, owner: { workspaceId: workspace.id, userId: owner.userId, role: 'owner', joinedAt: now } };
};
