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

const matrixBreach = 'brc_00000000000000000000';

/** Valid requests for the privacy functions (see examples.ts). */
export const privacyExamples: Record<string, Example> = {
  // The matrix runs with APP_ENV=test: the consent text version is the development one.
  'privacy-update-consents': () => ({ method: 'PUT', path: '/v1/me/consents', body: { textVersion: '2025-06-01', analytics: true } }),
  'privacy-request-erasure': async (ctx) => {
    await withSecondOwner(ctx);
    return { method: 'POST', path: '/v1/me/privacy/erasure' };
  },
  // The breach register is staff-only: every matrix caller is refused before the breach is looked up.
  'privacy-breach-report': () => ({
    method: 'POST',
    path: '/v1/admin/breaches',
    body: { awareAt: new Date().toISOString(), description: 'A matrix breach description', dataClasses: ['pseudonymous'] },
  }),
  'privacy-breach-get': () => ({ method: 'GET', path: `/v1/admin/breaches/${matrixBreach}` }),
  'privacy-breach-update': () => ({ method: 'PATCH', path: `/v1/admin/breaches/${matrixBreach}`, body: { status: 'confirmed' } }),
  'privacy-breach-get-blast-radius': () => ({ method: 'GET', path: `/v1/admin/breaches/${matrixBreach}/blast-radius` }),
  'privacy-breach-blast-radius': () => ({ method: 'POST', path: `/v1/admin/breaches/${matrixBreach}/blast-radius`, body: {} }),
  'privacy-breach-draft-notice': () => ({
    method: 'POST',
    path: `/v1/admin/breaches/${matrixBreach}/notices`,
    body: { audience: 'authority' },
  }),
  'privacy-breach-edit-notice': () => ({
    method: 'PUT',
    path: `/v1/admin/breaches/${matrixBreach}/notices/authority`,
    body: { baseVersion: 1, sections: { measures: 'Access revoked.' } },
  }),
  'privacy-breach-get-notice': () => ({ method: 'GET', path: `/v1/admin/breaches/${matrixBreach}/notices/subjects` }),
  'privacy-cancel-erasure': async (ctx, caller) => {
    await withSecondOwner(ctx);
    await ctx.as(caller, 'privacy-request-erasure', { method: 'POST', path: '/v1/me/privacy/erasure' });
    return { method: 'DELETE', path: '/v1/me/privacy/erasure' };
  },
};
