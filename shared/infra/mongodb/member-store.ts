import type { Db } from 'mongodb';
import type { MemberRecord, MemberStore } from '../../workspaces/index.ts';
import { isDuplicateKey } from './duplicate-key.ts';
import { membershipCollection, membershipId, type MembershipDocument } from './membership-store.ts';

type MemberDocument = MembershipDocument & { invitationId?: string | null };

const toRecord = ({ _id, schemaVersion: _v, invitationId, ...rest }: MemberDocument): MemberRecord => ({
  ...rest,
  invitationId: invitationId ?? null,
});

/** `workspace_members`: every query names the workspace (or, for "my workspaces", the user). */
export const createMemberStore = (db: Db): MemberStore => {
  const members = membershipCollection.in<MemberDocument>(db);
  return {
    insert: async (member) => {
      try {
        await members.insertOne({ _id: membershipId(member.workspaceId, member.userId), schemaVersion: 1, ...member });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    },
    find: async (workspaceId, userId) => {
      const doc = await members.findOne({ _id: membershipId(workspaceId, userId), workspaceId });
      return doc && toRecord(doc);
    },
    listByWorkspace: async (workspaceId) => (await members.find({ workspaceId }).toArray()).map(toRecord),
    listByUser: async (userId) => (await members.find({ userId }).toArray()).map(toRecord),
    setRole: async (workspaceId, userId, role) => {
      await members.updateOne({ _id: membershipId(workspaceId, userId), workspaceId }, { $set: { role } });
    },
    remove: async (workspaceId, userId) =>
      (await members.deleteOne({ _id: membershipId(workspaceId, userId), workspaceId })).deletedCount === 1,
  };
};
