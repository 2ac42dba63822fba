import { migrate } from '../db/migrate.ts';
import { run } from '../lib/run.ts';
import { ensureServices } from '../services/index.ts';
import { accessTokens } from '../../shared/infra/jose/access-tokens.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { startFunctionProcess } from './function-process.ts';
import { runLoad } from './closed-loop.ts';

/**
 * Identity under load, against the ops-health baseline in the same run, each function in its own
 * Functions Framework process (as in a Knative pod): GET /v1/health and an authenticated
 * GET /v1/me at 50 concurrent, logins at 10 concurrent (argon2id is meant to be slow), and token
 * verification in process. Ends with one JSON line. Options: `--requests N` (default 2000).
 */
const requestsIndex = process.argv.indexOf('--requests');
const total = requestsIndex > 0 ? Number(process.argv[requestsIndex + 1]) : 2000;
const database = 'uxflow_bench_auth';

const main = async () => {
  const services = await ensureServices({ log: () => {} });
  if (!process.argv.includes('--skip-build')) await run('npm', ['run', '-s', 'build']);
  // The limiters still run (their Redis round trip is part of the cost) but with figures a load
  // test from one user and one address cannot reach.
  const env = {
    ...services,
    APP_ENV: 'development',
    LOG_LEVEL: 'warn',
    MONGODB_DB: database,
    RATE_LIMIT_USER_PER_MINUTE: '1000000',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
  };
  const runtime = createRuntime({ name: 'bench', uses: [mongo, accessTokens] }, env);
  await runtime.use(mongo).db.dropDatabase();
  await migrate(services.MONGODB_URI!, database);

  const [health, register, login, me] = await Promise.all([
    startFunctionProcess({ name: 'ops-health', port: 8401, env, probePath: '/v1/health' }),
    startFunctionProcess({ name: 'identity-register', port: 8402, env, probePath: '/v1/health' }),
    startFunctionProcess({ name: 'identity-login', port: 8403, env, probePath: '/v1/health' }),
    startFunctionProcess({ name: 'identity-me', port: 8404, env, probePath: '/v1/health' }),
  ]);
  try {
    // One account per concurrent login: the lockout lets at most three checks of one account run at
    // once (an attempt is recorded before its password is checked), which is not what is measured.
    const accounts = Array.from({ length: 10 }, (_, n) => ({
      email: `bench-${Date.now()}-${n}@example.com`,
      password: 'a bench passphrase that is long',
    }));
    const registrations = [];
    for (const [n, credentials] of accounts.entries()) {
      const registered = await fetch(`${register.url}/v1/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.255.0.${n + 1}` },
        body: JSON.stringify({ ...credentials, name: 'Bench' }),
      });
      if (registered.status !== 201) throw new Error(`registering a bench user answered ${registered.status}: ${await registered.text()}`);
      registrations.push((await registered.json()) as { accessToken: string });
    }
    const { accessToken } = registrations[0]!;
    const get = (url: string, headers: Record<string, string> = {}) =>
      fetch(url, { headers }).then(async (r) => (await r.arrayBuffer(), r.status));
    // Warm every instance first: cold starts are another benchmark's business.
    await get(`${health.url}/v1/health`);
    await get(`${me.url}/v1/me`, { authorization: `Bearer ${accessToken}` });

    const baseline = await runLoad(() => get(`${health.url}/v1/health`), { total, concurrency: 50 });
    const meLoad = await runLoad(() => get(`${me.url}/v1/me`, { authorization: `Bearer ${accessToken}` }), { total, concurrency: 50 });
    const loginLoad = await runLoad(
      (i) =>
        fetch(`${login.url}/v1/auth/login`, {
          method: 'POST',
          // One client address per request: the per-IP limits are not what is measured here.
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
          body: JSON.stringify({ ...accounts[i % accounts.length], refreshTokenIn: 'body' }),
        }).then(async (r) => (await r.arrayBuffer(), r.status)),
      { total: Math.max(50, Math.round(total / 20)), concurrency: 10 },
    );
    const tokens = runtime.use(accessTokens);
    const verifications = 2000;
    const t0 = performance.now();
    for (let i = 0; i < verifications; i += 1) await tokens.verify(accessToken);
    const verifyPerSecond = Math.round(verifications / ((performance.now() - t0) / 1000));

    console.log(`health  p50 ${baseline.p50} ms  p99 ${baseline.p99} ms  ${baseline.rps}/s  errors ${baseline.errors}`);
    console.log(`me      p50 ${meLoad.p50} ms  p99 ${meLoad.p99} ms  ${meLoad.rps}/s  errors ${meLoad.errors}`);
    console.log(`login   p50 ${loginLoad.p50} ms  p99 ${loginLoad.p99} ms  ${loginLoad.rps}/s  errors ${loginLoad.errors}`);
    console.log(`verify  ${verifyPerSecond}/s in process`);
    console.log(
      JSON.stringify({
        bench: 'auth',
        concurrency: 50,
        health_p99_ms: baseline.p99,
        me_p99_ms: meLoad.p99,
        me_p99_ratio: Math.round((meLoad.p99 / baseline.p99) * 100) / 100,
        me_rps: meLoad.rps,
        health_rps: baseline.rps,
        login_p50_ms: loginLoad.p50,
        login_p99_ms: loginLoad.p99,
        login_rps: loginLoad.rps,
        verify_per_s: verifyPerSecond,
        errors: baseline.errors + meLoad.errors + loginLoad.errors,
      }),
    );
  } finally {
    await Promise.all([health, register, login, me].map((p) => p.stop()));
    await runtime.use(mongo).db.dropDatabase();
    await runtime.close();
  }
};

await main();
