import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jwksFunction from '../../../functions/identity/jwks.ts';
import rotateFunction from '../../../functions/identity/rotate-signing-keys.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { signingKeys } from '../../../shared/infra/jose/signing-keys-resource.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createHttpApp } from '../../../shared/platform/http/create-app.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';

const jwks = named(jwksFunction, 'functions/identity/jwks.ts');
const rotate = named(rotateFunction, 'functions/identity/rotate-signing-keys.ts');
let runtime: Runtime;
let env: Record<string, string>;

beforeAll(async () => {
  env = authTestEnv(await ensureServices({ only: ['mongodb'] }), 'it_jwks');
  runtime = createRuntime(rotate, env);
  await runtime.use(mongo).db.dropDatabase();
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

const fetchJwks = async () => {
  const app = createHttpApp(jwks, createRuntime(jwks, env));
  const response = await app.request('/.well-known/jwks.json');
  return { response, body: (await response.json()) as { keys: { kid: string; d?: string }[] } };
};

describe('signing-key rotation and the JWKS endpoint', () => {
  it('should publish the current and the next key after the rotation job ran, without private parts', async () => {
    const now = new Date();
    await fireCron(rotate, runtime, { time: now.toISOString() });
    const { schedule } = runtime.use(signingKeys);
    const period = schedule.periodOf(now);
    const { response, body } = await fetchJwks();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('public');
    expect(body.keys.map((k) => k.kid)).toEqual([schedule.kidOf(period + 1), schedule.kidOf(period)]);
    expect(body.keys.every((k) => k.d === undefined)).toBe(true);
  });

  it('should keep the previous key until its tokens expired and then drop it from the set', async () => {
    const { schedule, store } = runtime.use(signingKeys);
    const period = schedule.periodOf(new Date());
    await store.ensure(period - 1, new Date());
    const justAfterRotation = new Date(schedule.startOf(period).getTime() + 60_000);
    const later = new Date(schedule.verifiesUntil(period - 1).getTime() + 1);
    expect((await store.publicKeys(justAfterRotation)).map((k) => k.kid)).toContain(schedule.kidOf(period - 1));
    expect((await store.publicKeys(later)).map((k) => k.kid)).not.toContain(schedule.kidOf(period - 1));
  });

  it('should delete keys that stopped verifying long ago when the job runs', async () => {
    const { schedule, store } = runtime.use(signingKeys);
    const ancient = schedule.periodOf(new Date()) - 10;
    await store.ensure(ancient, new Date());
    await fireCron(rotate, runtime);
    expect(await runtime.use(mongo).db.collection('signing_keys').countDocuments({ period: ancient })).toBe(0);
  });
});
