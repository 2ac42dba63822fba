import { hashToken } from '../../../shared/infra/mongodb/token-hash.ts';
import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { newInvitationToken } from '../../../shared/workspaces/index.ts';
import type { ExampleContext, ExampleRequest } from './examples.ts';
import { insertWorkspace, type Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

const ws = (ctx: ExampleContext) => `/v1/workspaces/${ctx.workspaceId}`;

/** An invitation for `caller` to a workspace of its own (the caller is a member of the matrix one already). */
const invitationFor = async ({ db, users }: ExampleContext, caller: Caller) => {
  const workspaceId = await insertWorkspace(db, users.owner.userId, 'Matrix invitation workspace');
  const now = new Date();
  const token = newInvitationToken();
  await db.collection('workspace_invitations').insertOne({
    _id: newId('inv') as never,
    schemaVersion: 1,
    tokenHash: hashToken(token),
    workspaceId,
    email: users[caller].email,
    role: 'viewer',
    invitedBy: users.owner.userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + 60 * 60 * 1000),
    acceptedAt: null,
    acceptedBy: null,
  });
  return token;
};

/** Valid requests for the workspace functions (see examples.ts). */
export const workspaceExamples: Record<string, Example> = {
  'workspaces-create': () => ({ method: 'POST', path: '/v1/workspaces', body: { name: 'Matrix team' } }),
  'workspaces-update': (ctx) => ({ method: 'PATCH', path: ws(ctx), body: { name: 'Renamed by the matrix' } }),
  'workspaces-transfer': (ctx) => ({ method: 'POST', path: `${ws(ctx)}/transfer`, body: { userId: ctx.users.editor.userId } }),
  'workspaces-update-member': (ctx) => ({
    method: 'PATCH',
    path: `${ws(ctx)}/members/${ctx.users.viewer.userId}`,
    body: { role: 'editor' },
  }),
  // Every member may leave (declared members:read); the owner first gets a co-owner so it is not the last.
  'workspaces-remove-member': async (ctx, caller) => {
    if (caller === 'owner') {
      await ctx.db
        .collection(membershipCollection.name)
        .updateOne({ _id: membershipId(ctx.workspaceId, ctx.users.admin.userId) as never }, { $set: { role: 'owner' } });
    }
    return { method: 'DELETE', path: `${ws(ctx)}/members/${ctx.users[caller].userId}` };
  },
  'workspaces-create-invitation': (ctx, caller) => ({
    method: 'POST',
    path: `${ws(ctx)}/invitations`,
    body: { email: `matrix-invitee-${caller}-${newId('m').slice(2, 10)}@example.com`, role: 'editor' },
  }),
  'workspaces-revoke-invitation': async (ctx) => {
    const created = await ctx.as('owner', 'workspaces-create-invitation', {
      method: 'POST',
      path: `${ws(ctx)}/invitations`,
      body: { email: `matrix-revoked-${newId('m').slice(2, 10)}@example.com`, role: 'viewer' },
    });
    return { method: 'DELETE', path: `${ws(ctx)}/invitations/${(created.body as { id: string }).id}` };
  },
  'workspaces-accept-invitation': async (ctx, caller) => ({
    method: 'POST',
    path: `/v1/invitations/${await invitationFor(ctx, caller)}/accept`,
  }),
};
