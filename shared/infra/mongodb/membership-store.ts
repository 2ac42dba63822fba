import type { Db } from 'mongodb';
import { workspaceRoles, type WorkspaceRole } from '../../workspaces/index.ts';

export const membershipCollection = 'workspace_members';

/** One member of one workspace; `_id` is `<workspaceId>:<userId>`, so a membership is unique by construction. */
export interface MembershipDocument {
  _id: string;
  schemaVersion: 1;
  workspaceId: string;
  userId: string;
  role: WorkspaceRole;
  joinedAt: Date;
}

export const membershipId = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;

/** The caller's role in a workspace, or null when they are not a member (or the workspace does not exist). */
export const findRole = async (db: Db, workspaceId: string, userId: string): Promise<WorkspaceRole | null> => {
  const member = await db.collection<MembershipDocument>(membershipCollection).findOne({ _id: membershipId(workspaceId, userId) });
  return member && (workspaceRoles as readonly string[]).includes(member.role) ? member.role : null;
};
