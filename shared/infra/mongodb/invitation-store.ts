import type { Db } from 'mongodb';
import type { InvitationRecord, InvitationStore } from '../../workspaces/index.ts';
import { hashToken } from './token-hash.ts';
import { defineCollection } from './collection.ts';

export const invitationCollection = defineCollection({
  name: 'workspace_invitations',
  privacy: {
    classes: ['direct-identifier', 'secret'],
    personalData: ['contact', 'identity'],
    retention: 'workspace',
    subject: { email: 'email', userId: 'invitedBy', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [
    // Single use of an invitation rests on the membership `_id`; the token hash is unique so a lookup finds one.
    { name: 'workspace_invitations_token_unique', keys: { tokenHash: 1 }, unique: true },
    { name: 'workspace_invitations_workspace', keys: { workspaceId: 1 } },
  ],
});

interface InvitationDocument extends Omit<InvitationRecord, 'id'> {
  _id: string;
  schemaVersion: 1;
  /** SHA-256 of the mailed token (unique): the token itself is never stored. */
  tokenHash: string;
}

const toRecord = ({ _id, schemaVersion: _v, tokenHash: _h, ...rest }: InvitationDocument): InvitationRecord => ({ id: _id, ...rest });

/** `workspace_invitations`, scoped by workspace except the lookup by token that acceptance needs. */
export const createInvitationStore = (db: Db): InvitationStore => {
  const invitations = invitationCollection.in<InvitationDocument>(db);
  return {
    insert: async ({ id, ...invitation }, token) => {
      await invitations.insertOne({ _id: id, schemaVersion: 1, tokenHash: hashToken(token), ...invitation });
    },
    findByToken: async (token) => {
      const doc = await invitations.findOne({ tokenHash: hashToken(token) });
      return doc && toRecord(doc);
    },
    listOpen: async (workspaceId) =>
      (await invitations.find({ workspaceId, acceptedAt: null }).toArray())
        .map(toRecord)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()),
    remove: async (workspaceId, invitationId) =>
      (await invitations.deleteOne({ _id: invitationId, workspaceId, acceptedAt: null })).deletedCount === 1,
    markAccepted: async (invitationId, userId, at) => {
      await invitations.updateOne({ _id: invitationId, acceptedAt: null }, { $set: { acceptedAt: at, acceptedBy: userId } });
    },
  };
};
