import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import getUsage from '../../../functions/billing/get-usage.ts';
import { addDays, dayOf } from '../../../shared/billing/usage-report.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { outcome, type Reply, type TestUser } from '../../support/workspace-kit.ts';
import { startLedgerEndpointsKit, type LedgerEndpointsKit } from '../../support/ledger-endpoints-kit.ts';
import { upgradeUrl } from '../../support/ledger-kit.ts';

let kit: LedgerEndpointsKit;

beforeAll(async () => {
  kit = await startLedgerEndpointsKit('it_billing_endpoints_ledger_usage');
}, servicesHookTimeoutMs);
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});
afterAll(async () => kit.close());

const usage = (workspaceId: string, as: TestUser, query: Record<string, string> = {}) =>
  kit.call(getUsage, `/v1/workspaces/${workspaceId}/usage?${new URLSearchParams(query).toString()}`, as);
const groupsOf = (reply: Reply) => (reply.body as { groups: { key: string; credits: number; count: number }[] }).groups;
const farFuture = new Date('2099-01-01T00:00:00Z');

/**
 * Each test spends on days of its own year: a roll-up marks a day finished for every workspace,
 * so tests must not share days.
 */
const spendings = async (year: number) => {
  const { workspaceId, owner, admin } = await kit.team(1000);
  await kit.spend(workspaceId, `${year}-05-01T09:00:00Z`, 'ai.chat', owner.id, 'a');
  await kit.spend(workspaceId, `${year}-05-01T23:59:00Z`, 'ai.generate', admin.id, 'b');
  await kit.spend(workspaceId, `${year}-05-02T00:00:30Z`, 'ai.plan', owner.id, 'c');
  await kit.spend(workspaceId, `${year}-05-03T12:00:00Z`, 'ai.generate', owner.id, 'd');
  // Reserved and released: not spent.
  const released = await kit.ledgerAt(new Date(`${year}-05-02T10:00:00Z`)).reserve({
    workspaceId,
    operation: 'ai.generate',
    idempotencyKey: 'released',
    actor: owner.id,
    plan: 'pro',
    upgradeUrl,
  });
  await kit.ledgerAt(new Date(`${year}-05-02T10:01:00Z`)).release(workspaceId, released.reservationId, owner.id);
  return { workspaceId, owner, admin };
};

describe('GET /v1/workspaces/{workspaceId}/usage', () => {
  it('should sum committed credits by operation, most first, when grouped by operation', async () => {
    const { workspaceId, owner } = await spendings(2010);
    const reply = await usage(workspaceId, owner, { from: '2010-05-01', to: '2010-05-03' });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ from: '2010-05-01', to: '2010-05-03', groupBy: 'operation', credits: 24, count: 4 });
    expect(groupsOf(reply)).toEqual([
      { key: 'ai.generate', credits: 20, count: 2 },
      { key: 'ai.plan', credits: 3, count: 1 },
      { key: 'ai.chat', credits: 1, count: 1 },
    ]);
  });

  it('should list every day of the range in order, zeros included, when grouped by day', async () => {
    const { workspaceId, owner } = await spendings(2011);
    const reply = await usage(workspaceId, owner, { from: '2011-04-30', to: '2011-05-04', groupBy: 'day' });
    expect(groupsOf(reply)).toEqual([
      { key: '2011-04-30', credits: 0, count: 0 },
      { key: '2011-05-01', credits: 11, count: 2 },
      { key: '2011-05-02', credits: 3, count: 1 },
      { key: '2011-05-03', credits: 10, count: 1 },
      { key: '2011-05-04', credits: 0, count: 0 },
    ]);
  });

  it('should sum by the user who reserved when grouped by user', async () => {
    const { workspaceId, owner, admin } = await spendings(2012);
    const reply = await usage(workspaceId, admin, { from: '2012-05-01', to: '2012-05-03', groupBy: 'user' });
    expect(groupsOf(reply)).toEqual([
      { key: owner.id, credits: 14, count: 3 },
      { key: admin.id, credits: 10, count: 1 },
    ]);
  });

  it('should count only the days of the range, both ends included, by the commit’s UTC day', async () => {
    const { workspaceId, owner } = await spendings(2013);
    expect((await usage(workspaceId, owner, { from: '2013-05-02', to: '2013-05-02' })).body).toMatchObject({ credits: 3, count: 1 });
    expect((await usage(workspaceId, owner, { from: '2013-05-02', to: '2013-05-03' })).body).toMatchObject({ credits: 13, count: 2 });
    expect((await usage(workspaceId, owner, { from: '2013-05-04', to: '2013-06-04' })).body).toMatchObject({ credits: 0, groups: [] });
  });

  it('should answer the same from the daily roll-ups as from the entries when the days were rolled up', async () => {
    const { workspaceId, owner } = await spendings(2014);
    const queries = ['operation', 'day', 'user'].map((groupBy) => ({ from: '2014-04-30', to: '2014-05-03', groupBy }));
    const live = await Promise.all(queries.map(async (query) => (await usage(workspaceId, owner, query)).body));
    expect(live[0]).toMatchObject({ days: { rolledUp: 0, live: 4 } });
    for (const day of ['2014-05-01', '2014-05-02']) await kit.usageAt(farFuture).rollUp(day);
    const mixed = await Promise.all(queries.map(async (query) => (await usage(workspaceId, owner, query)).body));
    expect(mixed[0]).toMatchObject({ days: { rolledUp: 2, live: 2 } });
    const strip = (body: Record<string, unknown> | null) => ({ ...body, days: null });
    expect(mixed.map(strip)).toEqual(live.map(strip));
  });

  it('should default to the last 30 days grouped by operation when no range is given', async () => {
    const { workspaceId, owner } = await kit.team(100);
    const now = new Date();
    await kit.spend(workspaceId, now.toISOString(), 'ai.chat', owner.id, 'today');
    await kit.spend(workspaceId, new Date(now.getTime() - 29 * 86_400_000).toISOString(), 'ai.plan', owner.id, 'in');
    await kit.spend(workspaceId, new Date(now.getTime() - 31 * 86_400_000).toISOString(), 'ai.generate', owner.id, 'out');
    const reply = await usage(workspaceId, owner);
    const today = dayOf(new Date());
    expect(reply.body).toMatchObject({ from: addDays(today, -29), to: today, groupBy: 'operation', credits: 4, count: 2 });
  });

  it.each([
    [{ from: '2020-05-02', to: '2020-05-01' }, 'INVALID_USAGE_RANGE'],
    [{ from: '2020-01-01', to: '2021-01-01' }, 'INVALID_USAGE_RANGE'],
    [{ from: '2021-02-29', to: '2021-03-01' }, 'INVALID_USAGE_RANGE'],
    [{ from: '2021-13-01' }, 'INVALID_USAGE_RANGE'],
    [{ from: '2021-03-01T00:00:00Z' }, 'VALIDATION_FAILED'],
    [{ groupBy: 'month' }, 'VALIDATION_FAILED'],
  ])('should answer 400 when the query is %o', async (query, code) => {
    const { workspaceId, owner } = await kit.team(0);
    const reply = await usage(workspaceId, owner, query);
    expect(reply.status).toBe(400);
    if (code === 'INVALID_USAGE_RANGE') expect(outcome(reply)).toEqual({ status: 400, code });
  });

  it('should accept a range of exactly 366 days', async () => {
    const { workspaceId, owner } = await kit.team(0);
    const reply = await usage(workspaceId, owner, { from: '2020-01-01', to: '2020-12-31', groupBy: 'day' });
    expect(reply.status).toBe(200);
    expect(groupsOf(reply)).toHaveLength(366);
  });

  it('should let owners and admins read and refuse editors and viewers (403) and strangers (404)', async () => {
    const { workspaceId, owner, admin, editor, viewer } = await kit.team(0);
    const stranger = await kit.user('stranger');
    const statuses = await Promise.all([owner, admin, editor, viewer, stranger].map(async (as) => (await usage(workspaceId, as)).status));
    expect(statuses).toEqual([200, 200, 403, 403, 404]);
  });
});
