import type { Db } from 'mongodb';
import type { Caller, MatrixUser } from './matrix-fixture.ts';

/** What an example gets: a fresh workspace with a member per role, and every caller's account. */
export interface ExampleContext {
  db: Db;
  workspaceId: string;
  users: Record<Caller, MatrixUser>;
  /** Calls another function as the workspace owner (for set-up such as creating what is then deleted). */
  asOwner: (functionName: string, request: ExampleRequest) => Promise<{ status: number; body: unknown }>;
}

export interface ExampleRequest {
  method: string;
  path: string;
  body?: unknown;
}

/**
 * A valid request for every authenticated HTTP function, built for one caller. The matrix test
 * fails for a function that has none: a new endpoint is not done until it is here.
 */
export const examples: Record<string, (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest> = {
  'identity-me': () => ({ method: 'GET', path: '/v1/me' }),
  'identity-logout-all': () => ({ method: 'POST', path: '/v1/auth/logout-all' }),
  'identity-create-api-key': ({ workspaceId }) => ({
    method: 'POST',
    path: `/v1/workspaces/${workspaceId}/api-keys`,
    body: { name: 'matrix', permissions: ['flows:read'] },
  }),
  'identity-list-api-keys': ({ workspaceId }) => ({ method: 'GET', path: `/v1/workspaces/${workspaceId}/api-keys` }),
  'identity-revoke-api-key': async ({ workspaceId, asOwner }) => {
    const created = await asOwner('identity-create-api-key', {
      method: 'POST',
      path: `/v1/workspaces/${workspaceId}/api-keys`,
      body: { name: 'to revoke', permissions: ['flows:read'] },
    });
    return { method: 'DELETE', path: `/v1/workspaces/${workspaceId}/api-keys/${(created.body as { id: string }).id}` };
  },
};
