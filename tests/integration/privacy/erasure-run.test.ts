import { createHash, randomUUID } from 'node:crypto';
import { type TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import createFlow from '../../../functions/flows/create.ts';
import applyOperations from '../../../functions/flows/apply-operations.ts';
import enableTwoFactor from '../../../functions/identity/enable-two-factor.ts';
import forgotPassword from '../../../functions/identity/forgot-password.ts';
import login from '../../../functions/identity/login.ts';
import register from '../../../functions/identity/register.ts';
import setupTwoFactor from '../../../functions/identity/setup-two-factor.ts';
import erasureReceipt from '../../../functions/privacy/erasure-receipt.ts';
import executeErasures from '../../../functions/privacy/execute-erasures.ts';
import requestErasure from '../../../functions/privacy/request-erasure.ts';
import updateConsents from '../../../functions/privacy/update-consents.ts';
import createInvitation from '../../../functions/workspaces/create-invitation.ts';
import createWorkspace from '../../../functions/workspaces/create.ts';
import { loadDataMap } from '../../../scripts/privacy/data-map.ts';
import { canonicalJson } from '../../../shared/audit/index.ts';
import { chroma } from '../../../shared/infra/chroma/chroma-client.ts';
import { createExtractor } from '../../../shared/infra/knowledge/extractor.ts';
import { knowledgePorts } from '../../../shared/infra/knowledge/knowledge-resource.ts';
import { aiJobCollection, aiJobStepCollection, aiMessageCollection } from '../../../shared/infra/mongodb/ai-job-stores.ts';
import { aiProposalCollection } from '../../../shared/infra/mongodb/ai-proposal-stores.ts';
import { billingAccountCollection } from '../../../shared/infra/mongodb/billing-account-store.ts';
import { erasureRequestCollection } from '../../../shared/infra/mongodb/erasure-store.ts';
import { stripeEventCollection } from '../../../shared/infra/mongodb/stripe-event-store.ts';
import { oauthIdentityCollection } from '../../../shared/infra/oauth/oauth-identity-store.ts';
import { stripe } from '../../../shared/infra/stripe/stripe-client.ts';
import { redis } from '../../../shared/infra/upstash/redis-resource.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { createIngestionService, createUploadService } from '../../../shared/knowledge/index.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { createLedger } from '../../../shared/billing/index.ts';
import { ledgerPorts } from '../../../shared/infra/billing/ledger-resource.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { addScreen, etag } from '../../support/flow-kit.ts';
import { goodPassword } from '../../support/identity-apps.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { startWorkspaceKit, type TestUser, type WorkspaceKit } from '../../support/workspace-kit.ts';
import { useLogDestination } from '../../../shared/platform/logger.ts';

/*
 * The erasure, end to end: one person seeded through every feature, erased, then every store
 * scanned raw for anything that names them.
 */
let kit: WorkspaceKit;
let runtime: Runtime;
const prefix = `it-erasure-${randomUUID().slice(0, 8)}`;
/** Every line the functions of this file log, at every level: logs must carry no personal data. */
const logs: string[] = [];
beforeAll(async () => {
  useLogDestination({ write: (line: string) => void logs.push(line) });
  kit = await startWorkspaceKit('it_privacy_erasure_run', {
    services: ['chroma', 'embeddings', 'stripe'],
    env: { KNOWLEDGE_COLLECTION_PREFIX: prefix, LOG_LEVEL: 'debug' },
  });
  runtime = createRuntime({ name: 'erasure-it', uses: [knowledgePorts, ledgerPorts, stripe, redis, chroma] }, kit.env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  const client = await runtime.use(chroma).client();
  for (const { name } of await client.listCollections()) if (name.startsWith(prefix)) await client.deleteCollection({ name });
  await runtime.close();
  await kit.close();
  useLogDestination(undefined);
});

const ok = (reply: { status: number; text: string }, status: number) => {
  if (reply.status !== status) throw new Error(`expected ${status}, got ${reply.status}: ${reply.text}`);
};

/** Registers the person and uses every feature that stores something about them. */
const seedPerson = async (label: string) => {
  const tag = randomUUID().slice(0, 8);
  const email = `${label}-${tag}@example.com`;
  const name = `Wilhelmina Zeppelin ${tag}`;
  const nobody: TestUser = { id: 'usr_nobody', email: '', token: 'none' };
  const registered = await kit.call(register, '/v1/auth/register', nobody, {
    method: 'POST',
    body: { email, password: goodPassword, name, refreshTokenIn: 'body' },
  });
  ok(registered, 201);
  const me: TestUser = { id: (registered.body!.user as { id: string }).id, email, token: registered.body!.accessToken as string };

  // 2FA.
  const setup = await kit.call(setupTwoFactor, '/v1/auth/2fa/setup', me, { method: 'POST' });
  ok(setup, 200);
  const totp = URI.parse(setup.body!.otpauthUrl as string) as TOTP;
  ok(
    await kit.call(enableTwoFactor, '/v1/auth/2fa/enable', me, { method: 'POST', body: { code: totp.generate(), password: goodPassword } }),
    200,
  );
  // A failed sign-in (login attempts, security events) and a password reset mail (the outbox).
  await kit.call(login, '/v1/auth/login', nobody, {
    method: 'POST',
    body: { email, password: 'not the passphrase at all', refreshTokenIn: 'body' },
  });
  await kit.call(forgotPassword, '/v1/auth/password/forgot', nobody, { method: 'POST', body: { email } });
  // An OAuth link (the sign-in flow needs the provider stand-ins; the identity it stores is this).
  await oauthIdentityCollection.in(kit.db).insertOne({
    _id: `github:${tag}` as never,
    schemaVersion: 1,
    provider: 'github',
    providerUserId: tag,
    userId: me.id,
    email,
    linkedAt: new Date(),
  });

  // Workspaces: one of their own with a flow, versions and an invitation; a colleague's where they edit.
  const created = await kit.call(createWorkspace, '/v1/workspaces', me, { method: 'POST', body: { name: `${name}'s team` } });
  ok(created, 201);
  const own = created.body!.id as string;
  await kit.db.collection('workspaces').updateOne({ _id: own as never }, { $set: { plan: 'pro' } }); // seats for an invitation
  ok(
    await kit.call(createInvitation, `/v1/workspaces/${own}/invitations`, me, {
      method: 'POST',
      body: { email: `friend-${tag}@example.com`, role: 'editor' },
    }),
    201,
  );
  const flow = await kit.call(createFlow, `/v1/workspaces/${own}/flows`, me, {
    method: 'POST',
    body: { name: 'Checkout', description: `asked by ${email}` },
  });
  ok(flow, 201);
  ok(
    await kit.call(applyOperations, `/v1/flows/${flow.body!.id as string}/operations`, me, {
      method: 'POST',
      body: { operations: [addScreen('s1')] },
      headers: { 'if-match': etag(1) },
    }),
    200,
  );
  const colleague = await kit.user('colleague');
  const theirs = await kit.workspace({ owner: [colleague], editor: [me] });
  const another = await kit.workspace({ owner: [colleague] });
  ok(
    await kit.call(createInvitation, `/v1/workspaces/${another}/invitations`, colleague, {
      method: 'POST',
      body: { email, role: 'viewer' },
    }),
    201,
  );
  const sharedFlow = await kit.call(createFlow, `/v1/workspaces/${theirs}/flows`, me, {
    method: 'POST',
    body: { name: 'Shared onboarding' },
  });
  ok(sharedFlow, 201);

  // AI conversation, job, step and proposal (written as the AI runner writes them).
  const jobId = newId('job');
  await aiMessageCollection.in(kit.db).insertOne({
    _id: newId('msg'),
    schemaVersion: 1,
    userId: me.id,
    workspaceId: own,
    flowId: flow.body!.id,
    role: 'user',
    text: `Hi, I am ${name}, mail me at ${email}`,
    createdAt: new Date(),
  } as never);
  await aiJobCollection.in(kit.db).insertOne({
    _id: jobId,
    schemaVersion: 1,
    userId: me.id,
    workspaceId: own,
    operation: 'ai.plan',
    prompt: `plan for ${email}`,
    createdAt: new Date(),
  } as never);
  await aiJobStepCollection
    .in(kit.db)
    .insertOne({ _id: `${jobId}:1`, schemaVersion: 1, jobId, seq: 1, text: `thinking about ${name}` } as never);
  await aiProposalCollection.in(kit.db).insertOne({
    _id: newId('prp'),
    schemaVersion: 1,
    userId: me.id,
    workspaceId: own,
    summary: `for ${name}`,
    createdAt: new Date(),
  } as never);

  // A knowledge document in their workspace, chunked into Chroma.
  const ports = runtime.use(knowledgePorts);
  const ledger = createLedger(runtime.use(ledgerPorts));
  await ledger.grantPlanCredits(own, 20, `grant:${own}`, 'test', null);
  const upload = createUploadService({ ...ports, extractor: createExtractor(), events: { publish: async () => {} } });
  const document = await upload.upload({ userId: me.id, actor: me.id }, own, {
    title: 'Notes',
    format: 'markdown',
    content: `# Contact\n\nWrite to ${email} or ask ${name} about the onboarding checklist.`,
    source: null,
  });
  expect(await createIngestionService(ports).ingest(own, document.id)).toBe('ready');

  // Consents, and a Stripe customer with the events Stripe sent about it.
  ok(await kit.call(updateConsents, '/v1/me/consents', me, { method: 'PUT', body: { marketing: true, textVersion: '2025-06-01' } }), 200);
  const customer = await (await runtime.use(stripe).client()).customers.create({ email, name });
  await billingAccountCollection
    .in(kit.db)
    .insertOne({ _id: own, schemaVersion: 1, customerId: customer.id, createdAt: new Date() } as never);
  await stripeEventCollection.in(kit.db).insertOne({
    _id: `evt_${tag}` as never,
    schemaVersion: 1,
    type: 'customer.updated',
    created: new Date(),
    receivedAt: new Date(),
    event: JSON.stringify({ id: `evt_${tag}`, data: { object: { id: customer.id, email, name } } }),
    published: true,
  });
  return { me, email, name, tag, own, theirs, totpSecret: totp.secret.base32, customerId: customer.id };
};

/** Every place in `text` naming the person. */
const mentions = (text: string, needles: readonly string[]) => needles.filter((needle) => text.includes(needle));

const scanMongo = async (needles: readonly string[]) => {
  const found: string[] = [];
  for (const { name } of await kit.db.listCollections().toArray()) {
    for (const doc of await kit.db.collection(name).find({}).toArray()) {
      for (const hit of mentions(JSON.stringify(doc), needles)) found.push(`${name} ${String(doc._id)}: ${hit}`);
    }
  }
  return found;
};

const scanRedis = async (needles: readonly string[]) => {
  const client = runtime.use(redis);
  const found: string[] = [];
  let cursor: string | number = '0';
  do {
    const [next, keys]: [string | number, string[]] = await client.scan(cursor, { count: 1000 });
    for (const key of keys) {
      const value = (await client.type(key)) === 'string' ? JSON.stringify(await client.get(key)) : '';
      for (const hit of mentions(`${key} ${value}`, needles)) found.push(`${key}: ${hit}`);
    }
    cursor = next;
  } while (String(cursor) !== '0');
  return found;
};

const scanChroma = async (needles: readonly string[]) => {
  const client = await runtime.use(chroma).client();
  const found: string[] = [];
  for (const { name } of await client.listCollections()) {
    if (!name.startsWith(prefix)) continue; // the shared server holds other runs' collections
    const collection = await client.getCollection({ name });
    const all = await collection.get({ include: ['documents', 'metadatas'] as never });
    for (const hit of mentions(JSON.stringify(all), needles)) found.push(`${name}: ${hit}`);
  }
  return found;
};

const runErasures = () => fireCron(named(executeErasures, 'functions/privacy/execute-erasures.ts'), kit.env);
const backdate = (userId: string) =>
  erasureRequestCollection.in(kit.db).updateMany({ userId, kind: 'requested' }, { $set: { scheduledFor: new Date(Date.now() - 1000) } });

describe('executing an erasure', () => {
  it('should leave no trace of the person in any store, and hand a receipt listing every store of the data map', async () => {
    const seeded = await seedPerson('erased');
    const needles = [seeded.email, seeded.name, seeded.totpSecret];
    // Seeded for real: every store kind names the person before the erasure.
    expect((await scanMongo(needles)).length).toBeGreaterThan(5);
    // Chroma holds the document's chunks, sealed under the workspace's key: nothing in clear even before.
    expect(await scanChroma(needles)).toEqual([]);
    expect(await scanChroma(['uxf-sealed:'])).not.toEqual([]);

    const asked = await kit.call(requestErasure, '/v1/me/privacy/erasure', seeded.me, { method: 'POST' });
    expect(asked.status).toBe(202);
    const { id, token } = asked.body!.receipt as { id: string; token: string };
    const pending = await kit.call(erasureReceipt, `/v1/privacy/erasure-receipts/${id}?token=${token}`, seeded.me);
    expect([pending.status, pending.body!.code]).toEqual([409, 'ERASURE_RECEIPT_PENDING']);
    await runErasures(); // not due yet: the grace period runs
    expect(await kit.db.collection('users').countDocuments({ _id: seeded.me.id as never })).toBe(1);

    await backdate(seeded.me.id);
    await runErasures();

    expect(await scanMongo(needles)).toEqual([]);
    expect(await scanRedis(needles)).toEqual([]);
    expect(await scanChroma(needles)).toEqual([]);
    expect(await scanChroma(['uxf-sealed:'])).toEqual([]); // the deleted workspace's collection is gone
    // The functions logged (registration, sign-in, the erasure run…), never the person's address, name or secret.
    expect(logs.length).toBeGreaterThan(10);
    expect(logs.filter((line) => needles.some((needle) => line.includes(needle)))).toEqual([]);
    // The records kept (billing) stay, naming no one; the colleague's workspace and shared flow stay.
    expect(await billingAccountCollection.in(kit.db).countDocuments({ _id: seeded.own } as never)).toBe(1);
    expect(await kit.db.collection('flows').countDocuments({ workspaceId: seeded.theirs })).toBe(1);
    expect(await kit.db.collection('flows').countDocuments({ createdBy: seeded.me.id })).toBe(0);

    const read = await kit.call(erasureReceipt, `/v1/privacy/erasure-receipts/${id}?token=${token}`, seeded.me);
    expect(read.status).toBe(200);
    const receipt = read.body as { stores: { store: string; name: string; action: string; count: number }[]; hash: string };
    const listed = new Set(receipt.stores.map((s) => `${s.store} ${s.name}`));
    const missing = (await loadDataMap()).map(({ store }) => `${store.store} ${store.name}`).filter((name) => !listed.has(name));
    expect(missing).toEqual([]);
    expect(receipt.stores.find((s) => s.store === 'stripe')).toMatchObject({ action: 'deleted', count: 1 });
    expect(receipt.stores.find((s) => s.name === 'user_data_keys')).toMatchObject({ action: 'crypto-shredded', count: 1 });
    expect(receipt.stores.find((s) => s.name === 'user_data_key_wraps')).toMatchObject({ action: 'crypto-shredded', count: 0 });
    const { hash, ...body } = receipt;
    expect(createHash('sha256').update(canonicalJson(body)).digest('hex')).toBe(hash);
    // The audit log: the request by the person, the execution by the cron, ids and the receipt's hash only.
    const audited = await kit.db
      .collection<{ action: string; actor: { type: string; id: string | null }; outcome: string; details: Record<string, unknown> }>(
        'audit_log',
      )
      .find({ 'target.id': seeded.me.id, action: { $in: ['privacy.erasure_requested', 'privacy.subject_erased'] } })
      .toArray();
    expect(audited.map((e) => [e.action, e.actor.type, e.outcome]).sort()).toEqual([
      ['privacy.erasure_requested', 'user', 'success'],
      ['privacy.subject_erased', 'system', 'success'],
    ]);
    expect(audited.find((e) => e.action === 'privacy.subject_erased')!.details).toMatchObject({ receiptId: id, receiptHash: hash });

    // The receipt opens with its token only; running again changes nothing.
    const wrong = await kit.call(erasureReceipt, `/v1/privacy/erasure-receipts/${id}?token=${'x'.repeat(43)}`, seeded.me);
    expect([wrong.status, wrong.body!.code]).toEqual([404, 'ERASURE_RECEIPT_NOT_FOUND']);
    await runErasures();
    expect((await kit.call(erasureReceipt, `/v1/privacy/erasure-receipts/${id}?token=${token}`, seeded.me)).body!.hash).toBe(hash);
    expect(await kit.db.collection('audit_log').countDocuments({ action: 'privacy.subject_erased', 'target.id': seeded.me.id })).toBe(1);
  });
});
