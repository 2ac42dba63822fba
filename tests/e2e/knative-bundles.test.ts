import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFunctionProcess } from '../../scripts/bench/function-process.ts';
import { migrate } from '../../scripts/db/migrate.ts';
import { run } from '../../scripts/lib/run.ts';
import { ensureServices } from '../../scripts/services/index.ts';

/**
 * The Knative bundles as a pod runs them: `dist/functions/<name>.cjs` under the Functions
 * Framework. These bundles answer with the light fetch classes (scripts/build/light-web.ts), so
 * this is where their headers, bodies, cookies and errors meet a real HTTP client.
 */
const database = `uxflow_kn_${randomUUID().slice(0, 8)}`;
const webhookSecret = 'whsec_uxflowtest_knative_bundles';
const origin = 'http://localhost:5173';
let mongoUri: string;
const stops: (() => Promise<void>)[] = [];
const urls = new Map<string, string>();

const start = async (name: string, port: number, env: Record<string, string>) => {
  const fn = await startFunctionProcess({ name, port, env, probePath: '/v1/knative-bundles-probe' });
  stops.push(fn.stop);
  urls.set(name, fn.url);
};
const url = (name: string, path: string) => `${urls.get(name)}${path}`;

beforeAll(async () => {
  const services = await ensureServices();
  if (process.env.UXFLOW_BUNDLES_BUILT !== '1') await run('npm', ['run', '-s', 'build']);
  mongoUri = services.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
  await migrate(mongoUri, database);
  const env = {
    ...services,
    APP_ENV: 'development',
    LOG_LEVEL: 'warn',
    MONGODB_DB: database,
    CORS_ORIGINS: origin,
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    BROKER_URL: 'http://127.0.0.1:9/',
  };
  await Promise.all([start('ops-health', 8411, env), start('identity-login', 8412, env), start('billing-stripe-webhook', 8413, env)]);
});

afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  const client = new MongoClient(mongoUri);
  await client.db(database).dropDatabase();
  await client.close();
});

describe('the Knative bundles under the Functions Framework', () => {
  it('should answer GET /v1/health with JSON, the security headers and a request id', async () => {
    const response = await fetch(url('ops-health', '/v1/health'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-request-id')).toMatch(/.+/);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  it('should answer a CORS preflight from an allowed origin with 204 and the allow headers', async () => {
    const response = await fetch(url('identity-login', '/v1/auth/login'), {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
    expect(await response.text()).toBe('');
  });

  it('should answer problem+json 400 naming the field when a JSON body is invalid', async () => {
    const response = await fetch(url('identity-login', '/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', password: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: expect.arrayContaining([expect.objectContaining({ path: 'email' })]),
    });
  });

  it('should answer 413 from the declared length when a body is larger than the limit', async () => {
    const response = await fetch(url('identity-login', '/v1/auth/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@example.com', password: 'x'.repeat(2_000_000) }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('should answer problem+json 431 when the request line and headers exceed 16 KB', async () => {
    const response = await fetch(url('ops-health', `/v1/health?padding=${'a'.repeat(20_000)}`));
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 431, code: 'REQUEST_HEADERS_TOO_LARGE' });
  });

  it('should answer problem+json 404 on a path that is not the route', async () => {
    const response = await fetch(url('ops-health', '/v1/elsewhere'));
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
  });

  it('should verify a Stripe signature over the exact bytes and store the event once', async () => {
    const event = {
      id: `evt_kn_${randomUUID().replaceAll('-', '')}`,
      object: 'event',
      type: 'customer.subscription.trial_will_end',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: { id: 'sub_kn', object: 'subscription', description: 'Prüfung — é' } },
    };
    // Odd spacing and non-ASCII: a body re-serialized on the way would no longer match the signature.
    const payload = `${JSON.stringify(event, null, 3)}\n`;
    const deliver = (signature: string) =>
      fetch(url('billing-stripe-webhook', '/v1/webhooks/stripe'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: payload,
      });
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    const first = await deliver(signature);
    const second = await deliver(signature);
    expect([first.status, second.status]).toEqual([200, 200]);
    const forged = await deliver(Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }));
    expect(forged.status).toBe(400);
    const client = new MongoClient(mongoUri);
    const stored = await client
      .db(database)
      .collection('stripe_events')
      .countDocuments({ _id: event.id as never });
    await client.close();
    expect(stored).toBe(1);
  });
});
