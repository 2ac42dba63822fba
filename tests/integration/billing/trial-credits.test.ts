import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import getBilling from '../../../functions/billing/get.ts';
import { goodPassword, startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import type { TestUser } from '../../support/workspace-kit.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWebhookKit, type WebhookKit } from '../../support/webhook-kit.ts';

let kit: WebhookKit;
let apps: Awaited<ReturnType<typeof startIdentityApps>>;
let owner: TestUser;
beforeAll(async () => {
  kit = await startWebhookKit('trial_credits');
  apps = await startIdentityApps('it_billing_trial_register');
  owner = await kit.user('owner');
}, servicesHookTimeoutMs);
afterAll(async () => {
  await Promise.all([kit.close(), apps.close()]);
});
afterEach(async () => {
  expect((await kit.reconcile()).problems).toEqual([]);
});

const hour = 3600_000;
/** A trial started an hour ago (the cron repairs trials of the last day). */
const freshTrialEnd = () => new Date(Date.now() + 14 * 24 * hour - hour);
const entriesIn = (db: WebhookKit['db'], workspaceId: string) =>
  db.collection('credit_ledger').find({ workspaceId }).sort({ seq: 1 }).toArray();
const grantsOf = async (workspaceId: string) =>
  (await entriesIn(kit.db, workspaceId)).map((e): unknown[] => [e.type, e.amount, e.balances.plan, e.idempotencyKey]);
const billingOf = async (workspaceId: string) => (await kit.call(getBilling, `/v1/workspaces/${workspaceId}/billing`, owner)).body;

describe('the card-less pro trial’s credits', () => {
  it('should grant 500 trial credits (not the pro month’s 5,000) to the workspace a new account gets', async () => {
    const response = await apps.call('register', '/v1/auth/register', {
      body: { email: uniqueEmail('trial'), password: goodPassword, name: 'Ada' },
    });
    expect(response.status).toBe(201);
    const { user } = (await response.json()) as { user: { id: string } };
    const workspace = await apps.db.collection('workspaces').findOne({ ownerId: user.id });
    const entries = await entriesIn(apps.db, String(workspace!._id));
    expect(entries.map((e): unknown[] => [e.type, e.amount, e.balances.total, e.idempotencyKey])).toEqual([['grant', 500, 500, 'trial']]);
  });

  it('should grant a trial started without them its 500 credits once, through the hourly trial cron', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'pro', trialEndsAt: freshTrialEnd() });
    await kit.expireTrials();
    await kit.expireTrials();
    expect(await grantsOf(workspaceId)).toEqual([['grant', 500, 500, 'trial']]);
    expect(await billingOf(workspaceId)).toMatchObject({ plan: 'pro', status: 'trialing', credits: { plan: 500, total: 500 } });
  });

  it('should drop an ended trial without a payment method to free with the free month’s 100 credits, once', async () => {
    const workspaceId = await kit.workspace({ owner: [owner] }, { plan: 'pro', trialEndsAt: freshTrialEnd() });
    await kit.expireTrials();
    await kit.db.collection('workspaces').updateOne({ _id: workspaceId as never }, { $set: { trialEndsAt: new Date(Date.now() - hour) } });
    await kit.expireTrials();
    await kit.grantFreeCredits();
    await kit.expireTrials();
    const month = new Date().toISOString().slice(0, 7);
    expect(await grantsOf(workspaceId)).toEqual([
      ['grant', 500, 500, 'trial'],
      ['grant', -400, 100, `free:${month}`],
    ]);
    expect(await kit.db.collection('workspaces').findOne({ _id: workspaceId as never })).toMatchObject({ plan: 'free', trialEndsAt: null });
    expect(await billingOf(workspaceId)).toMatchObject({ plan: 'free', status: 'free', credits: { plan: 100, total: 100 } });
  });
});
