import { existsSync } from 'node:fs';
import Stripe from 'stripe';
import { migrate } from '../db/migrate.ts';
import { run } from '../lib/run.ts';
import { fromRoot } from '../lib/paths.ts';
import { ensureServices } from '../services/index.ts';
import { reconcileLedger } from '../billing-reconcile.ts';
import { createLedger } from '../../shared/billing/index.ts';
import { ledgerPorts } from '../../shared/infra/billing/ledger-resource.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { newId } from '../../shared/kernel/index.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { startFunctionProcess } from './function-process.ts';
import { runLoad } from './closed-loop.ts';

/**
 * Billing under load against the ops-health baseline of the same run, at 50 concurrent:
 * - reserve+commit pairs through the ledger service in this process (there is no HTTP endpoint for
 *   them: AI and knowledge functions call the ledger in process), on the local MongoDB-compatible
 *   server — `spread`: each worker its own workspace; `hot`: all 50 on one workspace (every pair
 *   races for the same sequence numbers);
 * - Stripe webhook ingest: signed distinct events POSTed to `billing-stripe-webhook` in its own
 *   Functions Framework process (verify + store once), when that function exists.
 * GET /v1/health runs in its own process on the same host. Ends with one JSON line.
 * Options: `--requests N` (default 500: the spread and webhook runs; the hot run does a tenth, at least 50), `--skip-build`.
 */
const requestsIndex = process.argv.indexOf('--requests');
const total = requestsIndex > 0 ? Number(process.argv[requestsIndex + 1]) : 500;
const concurrency = 50;
const database = 'uxflow_bench_billing';
const webhookSecret = 'whsec_uxflowbench_signing_secret';
const hasWebhook = existsSync(fromRoot('functions/billing/stripe-webhook.ts'));

const main = async () => {
  const services = await ensureServices({ log: () => {} });
  if (!process.argv.includes('--skip-build')) await run('npm', ['run', '-s', 'build']);
  const env = { ...services, APP_ENV: 'development', LOG_LEVEL: 'warn', MONGODB_DB: database, STRIPE_WEBHOOK_SECRET: webhookSecret };
  const runtime = createRuntime({ name: 'bench-billing', uses: [mongo, ledgerPorts] }, env);
  const db = runtime.use(mongo).db;
  await db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);
  const ledger = createLedger(runtime.use(ledgerPorts));

  const processes = [startFunctionProcess({ name: 'ops-health', port: 8411, env, probePath: '/v1/health' })];
  if (hasWebhook) processes.push(startFunctionProcess({ name: 'billing-stripe-webhook', port: 8412, env, probePath: '/v1/health' }));
  const [health, webhook] = await Promise.all(processes);
  try {
    const get = (url: string) => fetch(url).then(async (r) => (await r.arrayBuffer(), r.status));
    await get(`${health!.url}/v1/health`);
    const baseline = await runLoad(() => get(`${health!.url}/v1/health`), { total, concurrency });

    const pair = async (workspaceId: string, i: number) => {
      const request = {
        workspaceId,
        operation: 'ai.chat' as const,
        idempotencyKey: `bench-${i}`,
        actor: 'usr_bench',
        plan: 'pro' as const,
      };
      const { reservationId } = await ledger.reserve({ ...request, upgradeUrl: 'https://app.uxflow.test/billing' });
      await ledger.commit(workspaceId, reservationId, 'usr_bench');
      return 200;
    };
    const grant = async (workspaceId: string) => ledger.grantPlanCredits(workspaceId, total, `bench-grant-${workspaceId}`, 'bench', null);
    const spreadIds = Array.from({ length: concurrency }, () => newId('wsp'));
    await Promise.all(spreadIds.map(grant));
    const spread = await runLoad((i) => pair(spreadIds[i % concurrency]!, i), { total, concurrency });
    const hotId = newId('wsp');
    await grant(hotId);
    const hotTotal = Math.max(concurrency, Math.round(total / 10));
    const hot = await runLoad((i) => pair(hotId, i), { total: hotTotal, concurrency });
    const { problems } = await reconcileLedger(db);

    let ingest: Awaited<ReturnType<typeof runLoad>> | null = null;
    if (webhook) {
      const post = (i: number) => {
        const payload = JSON.stringify({
          id: `evt_bench_${i}_${Date.now()}`,
          object: 'event',
          type: 'customer.updated',
          created: Math.floor(Date.now() / 1000),
          livemode: false,
          data: { object: { id: 'cus_bench', object: 'customer' } },
        });
        const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
        return fetch(`${webhook.url}/v1/webhooks/stripe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature },
          body: payload,
        }).then(async (r) => (await r.arrayBuffer(), r.status));
      };
      await post(-1);
      ingest = await runLoad(post, { total, concurrency });
    }

    const ratio = (rps: number) => Math.round((rps / baseline.rps) * 1000) / 1000;
    console.log(`health          p50 ${baseline.p50} ms  p99 ${baseline.p99} ms  ${baseline.rps}/s  errors ${baseline.errors}`);
    console.log(`reserve+commit  spread p50 ${spread.p50} ms  p99 ${spread.p99} ms  ${spread.rps}/s  errors ${spread.errors}`);
    console.log(`reserve+commit  hot    p50 ${hot.p50} ms  p99 ${hot.p99} ms  ${hot.rps}/s  errors ${hot.errors}`);
    if (ingest) console.log(`webhook         p50 ${ingest.p50} ms  p99 ${ingest.p99} ms  ${ingest.rps}/s  errors ${ingest.errors}`);
    else console.log('webhook         not measured: functions/billing/stripe-webhook.ts does not exist');
    console.log(
      JSON.stringify({
        bench: 'billing',
        concurrency,
        reserve_commit_via: 'ledger service in process',
        health_rps: baseline.rps,
        health_p99_ms: baseline.p99,
        reserve_commit_per_s: spread.rps,
        reserve_commit_p99_ms: spread.p99,
        reserve_commit_ratio: ratio(spread.rps),
        reserve_commit_hot_per_s: hot.rps,
        reserve_commit_hot_p99_ms: hot.p99,
        reserve_commit_hot_ratio: ratio(hot.rps),
        webhook_per_s: ingest?.rps ?? null,
        webhook_p99_ms: ingest?.p99 ?? null,
        webhook_ratio: ingest ? ratio(ingest.rps) : null,
        reconcile_problems: problems.length,
        errors: baseline.errors + spread.errors + hot.errors + (ingest?.errors ?? 0),
      }),
    );
  } finally {
    await Promise.all([health, webhook].flatMap((p) => (p ? [p.stop()] : [])));
    await db.dropDatabase();
    await runtime.close();
  }
};

await main();
