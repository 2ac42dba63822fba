import type { Db } from 'mongodb';
import { workspaceRoles, type WorkspaceRole } from '../../workspaces/index.ts';
import { defineCollection } from './collection.ts';
import { noPersonalData } from '../../platform/privacy/data-map.ts';

export const membershipCollection = defineCollection({
  name: 'workspace_members',
  privacy: {
    classes: ['pseudonymous'],
    personalData: ['identity'],
    retention: 'workspace',
    subject: { userId: 'userId', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [
    { name: 'workspace_members_user', keys: { userId: 1 } },
    { name: 'workspace_members_workspace', keys: { workspaceId: 1 } },
  ],
});

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

/** `_id` = workspace id, written once when a workspace is deleted: a deleted workspace has no members for anyone. */
export const workspaceTombstoneCollection = defineCollection({
  name: 'workspace_tombstones',
  privacy: noPersonalData('deleted workspace ids and when', 'workspace'),
});

/**
 * The caller's role in a workspace, or null when they are not a member, the workspace does not
 * exist or it was deleted (a tombstone, looked up by `_id` in parallel with the membership).
 */
export const findRole = async (db: Db, workspaceId: string, userId: string): Promise<WorkspaceRole | null> => {
  const [member, tombstone] = await Promise.all([
    membershipCollection.in<MembershipDocument>(db).findOne({ _id: membershipId(workspaceId, userId) }),
    workspaceTombstoneCollection.in<{ _id: string }>(db).findOne({ _id: workspaceId }, { projection: { _id: 1 } }),
  ]);
  if (tombstone) return null;
  return member && (workspaceRoles as readonly string[]).includes(member.role) ? member.role : null;
};
