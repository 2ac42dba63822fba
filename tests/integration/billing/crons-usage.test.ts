import { describe, expect, it } from 'vitest';
import grantFreeCreditsFunction from '../../../functions/billing/grant-free-credits.ts';
import rollUpUsageFunction from '../../../functions/billing/roll-up-usage.ts';
import { freeGrantKey, grantFreeCredits } from '../../../shared/billing/usage-free-credits.ts';
import { addDays, dayOf } from '../../../shared/billing/usage-report.ts';
import { createUsage } from '../../../shared/billing/usage-service.ts';
import { usagePorts } from '../../../shared/infra/billing/usage-resource.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { named, type CronFunctionDefinition, type Named } from '../../../shared/platform/definition/index.ts';
import { createRuntime } from '../../../shared/platform/runtime.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { problemOf, type LedgerKit, useLedgerKit } from '../../support/ledger-kit.ts';

let kit: LedgerKit;

useLedgerKit('billing_crons_usage', (started) => (kit = started));

const fire = (definition: Named<CronFunctionDefinition>) => fireCron(definition, kit.env);
const grantFreeCreditsCron = named(grantFreeCreditsFunction, 'functions/billing/grant-free-credits.ts');
const rollUpUsage = named(rollUpUsageFunction, 'functions/billing/roll-up-usage.ts');

const insertWorkspace = async (plan: string, fields: Record<string, unknown> = {}) => {
  const id = newId('wsp');
  await kit.db.collection('workspaces').insertOne({
    _id: id as never,
    schemaVersion: 1,
    name: 'w',
    ownerId: 'usr_x',
    personal: false,
    plan,
    trialEndsAt: null,
    createdAt: new Date(),
    ...fields,
  });
  return id;
};

describe('billing-grant-free-credits', () => {
  it('should grant 100 plan credits to free workspaces only, once in a month when it runs twice', async () => {
    const free = await insertWorkspace('free');
    const paid = await insertWorkspace('pro');
    const trial = await insertWorkspace('free', { trialEndsAt: new Date(Date.now() + 86_400_000) });
    const deleted = await insertWorkspace('free', { deletedAt: new Date() });
    await fire(grantFreeCreditsCron);
    await fire(grantFreeCreditsCron);
    expect(await kit.entriesOf(free)).toEqual([
      expect.objectContaining({ type: 'grant', amount: 100, idempotencyKey: freeGrantKey(new Date()), actor: 'cron:grant-free-credits' }),
    ]);
    for (const other of [paid, trial, deleted]) expect(await kit.entriesOf(other)).toEqual([]);
  });

  it('should reset the plan credits to 100 once more when a new calendar month begins', async () => {
    const workspaceId = await insertWorkspace('free');
    const march = new Date('2030-03-31T23:00:00Z');
    const april = new Date('2030-04-01T00:30:00Z');
    const ledger = kit.ledgerOf(undefined, { now: () => march });
    await grantFreeCredits(ledger, [workspaceId], march, 'cron:grant-free-credits');
    await ledger.reserve(kit.request(workspaceId, 'spent', 'ai.generate'));
    await grantFreeCredits(ledger, [workspaceId], march, 'cron:grant-free-credits');
    expect((await kit.ledger.balance(workspaceId)).balances.plan).toBe(90);
    await grantFreeCredits(kit.ledgerOf(undefined, { now: () => april }), [workspaceId], april, 'cron:grant-free-credits');
    const keys = (await kit.entriesOf(workspaceId)).filter((entry) => entry.type === 'grant').map((entry) => entry.idempotencyKey);
    expect(keys).toEqual(['free:2030-03', 'free:2030-04']);
    expect((await kit.ledger.balance(workspaceId)).balances.plan).toBe(100);
  });
});

describe('billing-roll-up-usage', () => {
  const usageDocs = (workspaceId: string) => kit.db.collection('usage_daily').find({ workspaceId }).sort({ day: 1 }).toArray();

  it('should write each workspace’s usage of yesterday by operation and user, the same documents on a second run', async () => {
    const yesterday = addDays(dayOf(new Date()), -1);
    const at = (time: string) => ({ now: () => new Date(`${yesterday}T${time}Z`) });
    const workspaceId = await kit.workspace(100);
    for (const [key, operation, actor] of [
      ['a', 'ai.chat', 'usr_a'],
      ['b', 'ai.plan', 'usr_b'],
      ['c', 'ai.plan', 'usr_a'],
    ] as const) {
      const reserved = await kit.ledgerOf(undefined, at('10:00:00')).reserve({ ...kit.request(workspaceId, key, operation), actor });
      await kit.ledgerOf(undefined, at('10:01:00')).commit(workspaceId, reserved.reservationId, actor);
    }
    await fire(rollUpUsage);
    const first = await usageDocs(workspaceId);
    expect(first).toEqual([
      expect.objectContaining({
        _id: `${workspaceId}:${yesterday}`,
        day: yesterday,
        credits: 7,
        count: 3,
        byOperation: expect.arrayContaining([
          { key: 'ai.chat', credits: 1, count: 1 },
          { key: 'ai.plan', credits: 6, count: 2 },
        ]),
        byUser: expect.arrayContaining([
          { key: 'usr_a', credits: 4, count: 2 },
          { key: 'usr_b', credits: 3, count: 1 },
        ]),
      }),
    ]);
    await fire(rollUpUsage);
    const strip = (docs: typeof first) => docs.map(({ computedAt: _c, ...doc }) => doc);
    expect(strip(await usageDocs(workspaceId))).toEqual(strip(first));
    expect(await kit.db.collection('usage_daily_runs').findOne({ _id: yesterday as never })).not.toBeNull();
  });

  it('should refuse to roll up a day that has not ended yet', async () => {
    const runtime = createRuntime({ name: 'usage-it', uses: [usagePorts] }, kit.env);
    try {
      const usage = createUsage(runtime.use(usagePorts));
      expect(await problemOf(usage.rollUp(dayOf(new Date())))).toMatchObject({ status: 412, code: 'USAGE_DAY_NOT_ENDED' });
    } finally {
      await runtime.close();
    }
  });
});
