import { randomUUID } from 'node:crypto';
import { generateCookie } from 'hono/cookie';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFleet, type Fleet } from '../../scripts/dev/fleet.ts';
import { migrate } from '../../scripts/db/migrate.ts';
import { run } from '../../scripts/lib/run.ts';
import { ensureServices } from '../../scripts/services/index.ts';

/**
 * The session cookies through the fleet `npm run dev` starts (on ports of its own): each Set-Cookie
 * line must arrive exactly as the identity functions write it, attributes included, or a browser
 * refuses the `__Secure-` cookies (no Secure) and scripts could read the refresh token (no HttpOnly).
 */
const database = `uxflow_e2e_cookies_${randomUUID().slice(0, 8)}`;
const mongoUri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017';
let fleet: Fleet;

beforeAll(async () => {
  const env = await ensureServices();
  if (process.env.UXFLOW_BUNDLES_BUILT !== '1') await run('npm', ['run', '-s', 'build']);
  await migrate(env.MONGODB_URI ?? mongoUri, database);
  fleet = await startFleet({ httpPort: 3300, brokerPort: 8388, env: { ...env, MONGODB_DB: database }, log: () => {} });
});

afterAll(async () => {
  await fleet?.stop();
  const mongo = new MongoClient(mongoUri);
  await mongo.db(database).dropDatabase();
  await mongo.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${fleet.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.77', ...headers },
    body: JSON.stringify(body),
  });

/** The Set-Cookie lines of an answer by cookie name, and the line `hono/cookie` writes for the same value and lifetime. */
const cookieLines = (response: Response) => {
  const lines = response.headers.getSetCookie();
  const byName = new Map(lines.map((line) => [line.slice(0, line.indexOf('=')), line]));
  const parts = (name: string) => {
    const line = byName.get(name) ?? '';
    const value = line.slice(name.length + 1).split(';')[0]!;
    const maxAge = Number(/; Max-Age=(\d+)/.exec(line)?.[1]);
    return { line, value, maxAge };
  };
  return { count: lines.length, refresh: parts('__Secure-uxf_refresh'), csrf: parts('__Secure-uxf_csrf') };
};

const expectSessionCookies = (response: Response) => {
  const { count, refresh, csrf } = cookieLines(response);
  expect(count).toBe(2);
  expect(refresh.maxAge).toBeGreaterThan(0);
  expect(refresh.line).toBe(
    generateCookie('__Secure-uxf_refresh', refresh.value, {
      maxAge: refresh.maxAge,
      path: '/v1/auth',
      httpOnly: true,
      secure: true,
      sameSite: 'Strict',
    }),
  );
  expect(csrf.line).toBe(
    generateCookie('__Secure-uxf_csrf', csrf.value, { maxAge: csrf.maxAge, path: '/', secure: true, sameSite: 'Strict' }),
  );
  expect(refresh.line).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
  expect(csrf.line).not.toContain('HttpOnly');
  return { refresh: refresh.value, csrf: csrf.value };
};

describe('session cookies through the local fleet', () => {
  const email = `e2e-cookies-${randomUUID()}@example.com`;
  const password = `e2e cookie passphrase ${randomUUID()}`;
  let session = { refresh: '', csrf: '' };

  it('should send both Set-Cookie lines of the login answer with every attribute', async () => {
    expect((await post('/v1/auth/register', { email, password, name: 'Cookies', refreshTokenIn: 'body' })).status).toBe(201);
    const login = await post('/v1/auth/login', { email, password });
    expect(login.status).toBe(200);
    session = expectSessionCookies(login);
  });

  it('should send both Set-Cookie lines of the refresh answer with every attribute', async () => {
    const refreshed = await post(
      '/v1/auth/refresh',
      {},
      { cookie: `__Secure-uxf_refresh=${session.refresh}; __Secure-uxf_csrf=${session.csrf}`, 'x-csrf-token': session.csrf },
    );
    expect(refreshed.status).toBe(200);
    const next = expectSessionCookies(refreshed);
    expect(next.refresh).not.toBe(session.refresh);
  });
});
