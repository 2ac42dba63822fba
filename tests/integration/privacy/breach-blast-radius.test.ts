import type { RouteConfig } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import blastRadius from '../../../functions/privacy/breach-blast-radius.ts';
import getBlastRadius from '../../../functions/privacy/breach-get-blast-radius.ts';
import draftNotice from '../../../functions/privacy/breach-draft-notice.ts';
import reportBreach from '../../../functions/privacy/breach-report.ts';
import getWorkspace from '../../../functions/workspaces/get.ts';
import listWorkspaces from '../../../functions/workspaces/list.ts';
import { createFunctionCallStore } from '../../../shared/infra/mongodb/function-call-store.ts';
import { createFunctionCallLog } from '../../../shared/infra/privacy/function-calls-resource.ts';
import { named, type HttpFunctionDefinition } from '../../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { startAuditKit, type AuditKit } from '../../support/audit-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type TestUser } from '../../support/workspace-kit.ts';

/*
 * Users call a function through its real request pipeline (the authenticator notes each call
 * under the function's own name); calls at other times are noted by the same log on a clock
 * set back. The blast radius of that function over a window lists exactly those who called it then.
 */
const hour = 3_600_000;
let kit: AuditKit;
let dpo: TestUser;
let users: Record<'alice' | 'bob' | 'carol' | 'dave' | 'erin', TestUser>;
let workspace: string;
const runtimes: Runtime[] = [];

/** The function as its host runs it: a runtime carrying the function's own name. */
const serve = <R extends RouteConfig>(definition: HttpFunctionDefinition<R>, file: string) => {
  const own = named(definition as unknown as HttpFunctionDefinition, file);
  const runtime = createRuntime(own, kit.env);
  runtimes.push(runtime);
  const app = createHttpApp(own, runtime);
  return async (path: string, as: TestUser) =>
    (await app.request(path, { headers: { authorization: `Bearer ${as.token}`, 'x-forwarded-for': '2001:db8::42' } })).status;
};

beforeAll(async () => {
  kit = await startAuditKit('it_breach_blast_radius');
  dpo = await kit.staff('dpo', ['dpo']);
  users = await kit.users('alice', 'bob', 'carol', 'dave', 'erin');
  workspace = await kit.workspace({ owner: [users.alice], editor: [users.bob, users.carol], viewer: [users.erin] });
  const get = serve(getWorkspace, 'functions/workspaces/get.ts');
  const list = serve(listWorkspaces, 'functions/workspaces/list.ts');
  // In the window: alice (twice) and bob call workspaces-get; dave calls only workspaces-list.
  expect([await get(`/v1/workspaces/${workspace}`, users.alice), await get(`/v1/workspaces/${workspace}`, users.alice)]).toEqual([
    200, 200,
  ]);
  expect(await get(`/v1/workspaces/${workspace}`, users.bob)).toBe(200);
  expect(await list('/v1/workspaces', users.dave)).toBe(200);
  // Three hours earlier: carol called workspaces-get (erin is a member who never called it).
  const earlier = createFunctionCallLog(
    createFunctionCallStore(kit.db),
    () => new Date(Date.now() - 3 * hour),
    (error) => {
      throw error;
    },
  );
  await earlier.note('workspaces-get', {
    via: 'jwt',
    userId: users.carol.id,
    sessionId: 'ses_x',
    platformRoles: [],
    workspace: { id: workspace, role: 'editor', permissions: new Set() },
  });
}, servicesHookTimeoutMs);
afterAll(async () => {
  await Promise.all(runtimes.map((r) => r.close()));
  await kit?.close();
});

const window = (fromHoursAgo: number, toHoursAgo: number) => ({
  from: new Date(Date.now() - fromHoursAgo * hour).toISOString(),
  to: new Date(Date.now() - toHoursAgo * hour).toISOString(),
});
const newBreach = async (extra: Record<string, unknown> = {}) =>
  (
    await kit.call(reportBreach, '/v1/admin/breaches', dpo, {
      method: 'POST',
      body: {
        awareAt: new Date().toISOString(),
        description: 'The workspace detail endpoint answered other tenants for a while.',
        dataClasses: ['pseudonymous'],
        ...extra,
      },
    })
  ).body!.id as string;
const assess = (id: string, body: Record<string, unknown> = {}) =>
  kit.call(blastRadius, `/v1/admin/breaches/${id}/blast-radius`, dpo, { method: 'POST', body });
const userIds = (reply: { body: Record<string, unknown> | null }) => (reply.body!.users as { userId: string }[]).map((u) => u.userId);
const sortedIds = (...people: TestUser[]) => people.map((p) => p.id).sort();

describe('the blast radius of a breach', () => {
  it('should list exactly the users who called the function in the window', async () => {
    const id = await newBreach({ functions: ['workspaces-get'], window: window(1, -0.05) });
    const reply = await assess(id);
    expect(reply.status).toBe(200);
    expect(userIds(reply)).toEqual(sortedIds(users.alice, users.bob));
    expect(reply.body).toMatchObject({ seq: 1, counts: { users: 2, workspaces: 1 }, workspaces: [{ workspaceId: workspace, users: 2 }] });

    const before = await assess(id, { window: window(3.5, 2) });
    expect(userIds(before)).toEqual(sortedIds(users.carol));
    expect(before.body).toMatchObject({ seq: 2 });

    expect(userIds(await assess(id, { window: window(10, 5) }))).toEqual([]);
    const kept = await kit.call(getBlastRadius, `/v1/admin/breaches/${id}/blast-radius`, dpo);
    expect(kept.body).toMatchObject({ seq: 3, users: [] });
  });

  it('should reach the callers of every function that uses a store involved', async () => {
    const id = await newBreach({ stores: ['workspaces'], window: window(1, -0.05) });
    const reply = await assess(id);
    expect(reply.status).toBe(200);
    const storeFunctions = reply.body!.storeFunctions as Record<string, string[]>;
    expect(storeFunctions['mongodb workspaces']).toEqual(expect.arrayContaining(['workspaces-get', 'workspaces-list']));
    expect(userIds(reply)).toEqual(sortedIds(users.alice, users.bob, users.dave));
  });

  it('should refuse a scope it cannot assess', async () => {
    const id = await newBreach();
    expect(outcome(await kit.call(getBlastRadius, `/v1/admin/breaches/${id}/blast-radius`, dpo))).toEqual({
      status: 404,
      code: 'BREACH_ASSESSMENT_NOT_FOUND',
    });
    expect(outcome(await assess(id))).toEqual({ status: 400, code: 'BREACH_SCOPE_REQUIRED' });
    expect(outcome(await assess(id, { functions: ['flows-nonexistent'], window: window(1, 0) }))).toEqual({
      status: 400,
      code: 'BREACH_SCOPE_UNKNOWN',
    });
    expect(outcome(await assess(id, { functions: ['workspaces-get'], window: window(0, 1) }))).toEqual({
      status: 400,
      code: 'BREACH_WINDOW_INVALID',
    });
  });

  it('should draft the notices from the newest blast radius', async () => {
    const id = await newBreach({ functions: ['workspaces-get'], window: window(1, -0.05) });
    await assess(id);
    const drafted = await kit.call(draftNotice, `/v1/admin/breaches/${id}/notices`, dpo, {
      method: 'POST',
      body: { audience: 'authority' },
    });
    expect(drafted.status).toBe(201);
    expect(drafted.body).toMatchObject({ assessmentSeq: 1 });
    expect((await kit.stored('platform')).filter((e) => e.target?.id === id).map((e) => e.action)).toEqual([
      'breach.reported',
      'breach.blast_radius_assessed',
      'breach.notice_drafted',
    ]);
  });
});
