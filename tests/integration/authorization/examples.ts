import { decodeJwt } from 'jose';
import { URI } from 'otpauth';
import type { Db } from 'mongodb';
import type { NamedHttpFunction } from '../../../shared/platform/definition/index.ts';
import type { Caller, MatrixUser } from './matrix-fixture.ts';
import { billingApiExamples } from './billing-api-examples.ts';
import { billingLedgerExamples } from './billing-ledger-examples.ts';
import { flowExamples } from './flow-examples.ts';
import { knowledgeExamples } from './knowledge-examples.ts';
import { aiExamples } from './ai-examples.ts';
import { privacyExamples } from './privacy-examples.ts';
import { securityExamples } from './security-examples.ts';
import { workspaceExamples } from './workspace-examples.ts';

export interface ExampleRequest {
  method: string;
  path: string;
  body?: unknown;
  /** A multipart body instead of JSON. */
  form?: FormData;
  headers?: Record<string, string>;
  /** What a caller the permission allows gets, when a valid request cannot succeed here (e.g. 422 PROVIDER_REQUIRED); 2xx otherwise. */
  permitted?: number;
}

export interface Answer {
  status: number;
  body: unknown;
}

/** What an example gets: a fresh workspace with a member per role, and this function's own callers. */
export interface ExampleContext {
  db: Db;
  workspaceId: string;
  users: Record<Caller, MatrixUser>;
  /** Calls another guarded function as `caller` (set-up: create what is then deleted, enrol 2FA…). */
  as: (caller: Caller, functionName: string, request: ExampleRequest) => Promise<Answer>;
  /** Signs `caller` in with their password; the answer of the login function. */
  login: (caller: Caller) => Promise<Answer>;
}

type Example = (ctx: ExampleContext, caller: Caller) => Promise<ExampleRequest> | ExampleRequest;

const acceptsNothing = (schema: unknown) =>
  schema === undefined || (schema as { safeParse(value: unknown): { success: boolean } }).safeParse({}).success;

/**
 * The request the matrix can build itself: a route whose only path parameter is `{workspaceId}`
 * and that needs no body, query or header (a list endpoint, say). Anything else needs its own
 * example below.
 */
const bareRequest = ({ route }: NamedHttpFunction): Example | undefined => {
  const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const { request } = route;
  const isBare =
    parameters.every((parameter) => parameter === 'workspaceId') &&
    !request?.body?.required &&
    acceptsNothing(request?.query) &&
    acceptsNothing(request?.headers);
  return isBare ? (ctx) => ({ method: route.method.toUpperCase(), path: route.path.replace('{workspaceId}', ctx.workspaceId) }) : undefined;
};

const currentTotp = (otpauthUrl: string) => URI.parse(otpauthUrl).generate();

/** Starts 2FA enrolment for `caller`; the current code of the new secret. */
const setUpTwoFactor = async (ctx: ExampleContext, caller: Caller) => {
  const setup = await ctx.as(caller, 'identity-setup-two-factor', { method: 'POST', path: '/v1/auth/2fa/setup' });
  return currentTotp((setup.body as { otpauthUrl: string }).otpauthUrl);
};

/**
 * A valid request for every authenticated HTTP function the matrix cannot build itself (see
 * bareRequest), built for one caller. The matrix test fails for a function that has neither: a new
 * endpoint is not done until it has one.
 */
export const examples: Record<string, Example> = {
  'identity-update-me': () => ({ method: 'PATCH', path: '/v1/me', body: { name: 'Renamed in the matrix' } }),
  'identity-change-password': ({ users }, caller) => ({
    method: 'POST',
    path: '/v1/me/password',
    body: { currentPassword: users[caller].password, newPassword: `A changed passphrase for ${caller}` },
  }),
  'identity-delete-session': async (ctx, caller) => {
    const signedIn = await ctx.login(caller);
    const { sid } = decodeJwt((signedIn.body as { accessToken: string }).accessToken);
    return { method: 'DELETE', path: `/v1/me/sessions/${String(sid)}` };
  },
  'identity-enable-two-factor': async (ctx, caller) => ({
    method: 'POST',
    path: '/v1/auth/2fa/enable',
    body: { code: await setUpTwoFactor(ctx, caller), password: ctx.users[caller].password },
  }),
  'identity-disable-two-factor': async (ctx, caller) => {
    const enabled = await ctx.as(caller, 'identity-enable-two-factor', {
      method: 'POST',
      path: '/v1/auth/2fa/enable',
      body: { code: await setUpTwoFactor(ctx, caller), password: ctx.users[caller].password },
    });
    const code = (enabled.body as { backupCodes: string[] }).backupCodes[0];
    return { method: 'POST', path: '/v1/auth/2fa/disable', body: { code, password: ctx.users[caller].password } };
  },
  'identity-create-api-key': ({ workspaceId }) => ({
    method: 'POST',
    path: `/v1/workspaces/${workspaceId}/api-keys`,
    body: { name: 'matrix', permissions: ['flows:read'] },
  }),
  'identity-revoke-api-key': async ({ workspaceId, as }) => {
    const created = await as('owner', 'identity-create-api-key', {
      method: 'POST',
      path: `/v1/workspaces/${workspaceId}/api-keys`,
      body: { name: 'to revoke', permissions: ['flows:read'] },
    });
    return { method: 'DELETE', path: `/v1/workspaces/${workspaceId}/api-keys/${(created.body as { id: string }).id}` };
  },
  'identity-rotate-api-key': async ({ workspaceId, as }) => {
    const created = await as('owner', 'identity-create-api-key', {
      method: 'POST',
      path: `/v1/workspaces/${workspaceId}/api-keys`,
      body: { name: 'to rotate', permissions: ['flows:read'] },
    });
    return { method: 'POST', path: `/v1/workspaces/${workspaceId}/api-keys/${(created.body as { id: string }).id}/rotate`, body: {} };
  },
  // Staff endpoints: no matrix caller holds a platform role, so each is refused before its input matters.
  'identity-start-impersonation': ({ users }) => ({
    method: 'POST',
    path: '/v1/admin/impersonations',
    body: { userId: users.viewer.userId, reason: 'matrix: a support ticket', minutes: 5 },
  }),
  'identity-end-impersonation': () => ({ method: 'DELETE', path: '/v1/admin/impersonations/imp_aaaaaaaaaaaaaaaaaaaa' }),
  // Only a user with a live impersonation can grant it: for anyone else the id names nothing.
  'identity-grant-impersonation-write': () => ({
    method: 'POST',
    path: '/v1/me/impersonations/imp_aaaaaaaaaaaaaaaaaaaa/write-grant',
    permitted: 404,
  }),
  ...workspaceExamples,
  ...flowExamples,
  ...billingApiExamples,
  ...billingLedgerExamples,
  ...knowledgeExamples,
  ...aiExamples,
  ...privacyExamples,
  ...securityExamples,
};

/** A function's example: its own above, or the bare request when its route needs nothing more. */
export const exampleFor = (definition: NamedHttpFunction): Example | undefined => examples[definition.name] ?? bareRequest(definition);
