import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import type { ExampleContext, ExampleRequest } from './examples.ts';
import type { Caller } from './matrix-fixture.ts';

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

/**
 * The matrix owner alone owns a workspace with other members, which refuses an erasure
 * (ERASURE_SOLE_OWNER): the admin becomes a second owner first.
 */
const withSecondOwner = async ({ db, workspaceId, users }: ExampleContext) => {
  await membershipCollection.in(db).updateOne({ _id: membershipId(workspaceId, users.admin.userId) as never }, { $set: { role: 'owner' } });
};

/** Valid requests for the privacy functions (see examples.ts). */
export const privacyExamples: Record<string, Example> = {
  // The matrix runs with APP_ENV=test: the consent text version is the development one.
  'privacy-update-consents': () => ({ method: 'PUT', path: '/v1/me/consents', body: { textVersion: '2025-06-01', analytics: true } }),
  'privacy-request-erasure': async (ctx) => {
    await withSecondOwner(ctx);
    return { method: 'POST', path: '/v1/me/privacy/erasure' };
  },
  'privacy-cancel-erasure': async (ctx, caller) => {
    await withSecondOwner(ctx);
    await ctx.as(caller, 'privacy-request-erasure', { method: 'POST', path: '/v1/me/privacy/erasure' });
    return { method: 'DELETE', path: '/v1/me/privacy/erasure' };
  },
  'privacy-restrict': () => ({ method: 'POST', path: '/v1/me/privacy/restrictions', body: { purpose: 'marketing', kind: 'objection' } }),
  'privacy-export-status': async (ctx, caller) => {
    const asked = await ctx.as(caller, 'privacy-request-export', { method: 'POST', path: '/v1/me/privacy/export' });
    return { method: 'GET', path: `/v1/me/privacy/exports/${(asked.body as { id: string }).id}` };
  },
  'privacy-create-request': ({ users }) => ({
    method: 'POST',
    path: '/v1/admin/privacy/requests',
    body: { kind: 'export', userId: users.viewer.userId, channel: 'post', reference: 'letter-1' },
  }),
  'privacy-get-request': () => ({ method: 'GET', path: `/v1/admin/privacy/requests/export:pex_${'0'.repeat(20)}` }),
};
