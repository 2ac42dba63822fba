import type { Db } from 'mongodb';
import type { InvitationRecord, InvitationStore } from '../../workspaces/index.ts';
import type { EmailIndex } from '../crypto/blind-index.ts';
import type { SealedValue } from '../crypto/envelope.ts';
import type { FieldSealer } from '../crypto/field-sealer.ts';
import { hashToken } from './token-hash.ts';
import { defineCollection } from './collection.ts';

export const invitationCollection = defineCollection({
  name: 'workspace_invitations',
  privacy: {
    classes: ['direct-identifier', 'secret'],
    personalData: ['contact', 'identity'],
    retention: 'workspace',
    subject: { emailIndex: 'emailIndex', userId: 'invitedBy', workspaceId: 'workspaceId' },
    export: 'records',
    erase: 'delete',
  },
  indexes: [
    // Single use of an invitation rests on the membership `_id`; the token hash is unique so a lookup finds one.
    { name: 'workspace_invitations_token_unique', keys: { tokenHash: 1 }, unique: true },
    { name: 'workspace_invitations_workspace', keys: { workspaceId: 1 } },
  ],
});

/**
 * An invitee's address is sealed under a data key of the invitation's own (`user_data_keys`, `_id`
 * = the invitation id): the invitee may have no account, so no person's key fits, and the key ends
 * with the invitation (revoked, or its invitee erased), backups included (docs/privacy.md).
 */
const where = (invitationId: string) => ({ collection: 'workspace_invitations', field: 'email', recordId: invitationId });

interface InvitationDocument extends Omit<InvitationRecord, 'id' | 'email'> {
  _id: string;
  schemaVersion: 1;
  /** SHA-256 of the mailed token (unique): the token itself is never stored. */
  tokenHash: string;
  /** Sealed under the address's key; a plain string in documents written before sealing began. */
  email: string | SealedValue;
  /** The blind index of the address: acceptance, duplicates and erasure match on it. */
  emailIndex?: string;
}

/** `workspace_invitations`, scoped by workspace except the lookup by token that acceptance needs. */
export const createInvitationStore = (db: Db, sealer: FieldSealer, indexOf: EmailIndex): InvitationStore => {
  const invitations = invitationCollection.in<InvitationDocument>(db);
  const toRecord = async ({
    _id,
    schemaVersion: _v,
    tokenHash: _h,
    email,
    emailIndex: _i,
    ...rest
  }: InvitationDocument): Promise<InvitationRecord> => ({
    id: _id,
    ...rest,
    // The address's key destroyed (its owner erased): the address is gone for good.
    email: (await sealer.open(_id, where(_id), email)) ?? '',
  });
  return {
    insert: async ({ id, email, ...invitation }, token) => {
      const sealed = await sealer.seal(id, where(id), email);
      await invitations.insertOne({
        _id: id,
        schemaVersion: 1,
        tokenHash: hashToken(token),
        ...invitation,
        email: sealed,
        emailIndex: indexOf(email),
      });
    },
    findByToken: async (token) => {
      const doc = await invitations.findOne({ tokenHash: hashToken(token) });
      return doc && (await toRecord(doc));
    },
    listOpen: async (workspaceId) =>
      (await Promise.all((await invitations.find({ workspaceId, acceptedAt: null }).toArray()).map(toRecord))).sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime(),
      ),
    remove: async (workspaceId, invitationId) => {
      const removed = (await invitations.deleteOne({ _id: invitationId, workspaceId, acceptedAt: null })).deletedCount === 1;
      // The address goes with the invitation, also from backups once the KEK version that wrapped the key is gone.
      if (removed) await sealer.shred(invitationId);
      return removed;
    },
    markAccepted: async (invitationId, userId, at) => {
      await invitations.updateOne({ _id: invitationId, acceptedAt: null }, { $set: { acceptedAt: at, acceptedBy: userId } });
    },
  };
};
