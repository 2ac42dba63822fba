import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import publishSecurityEventsFunction from '../../../functions/security/publish-events.ts';
import { jwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { membershipCollection, membershipId } from '../../../shared/infra/mongodb/membership-store.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createSecurityEventStore, securityEventCollection } from '../../../shared/infra/mongodb/security-event-store.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';
import { fireCron } from '../../support/fire-cron.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

/** A real HTTP server standing in for the broker ingress. */
let broker: Server;
let brokerUrl: string;
const received: IncomingHttpHeaders[] = [];
let env: Record<string, string>;
let runtime: Runtime;
const database = `it_security_events_${randomUUID().slice(0, 8)}`;

const events = () => runtime.use(mongo).db.collection(securityEventCollection.name);
const publishSecurityEvents = named(publishSecurityEventsFunction, 'functions/security/publish-events.ts');
const runPublisher = (url: string) => fireCron(publishSecurityEvents, { ...env, BROKER_URL: url });

beforeAll(async () => {
  env = authTestEnv(await ensureServices({ only: ['mongodb'] }), database);
  broker = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push(req.headers);
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => broker.listen(0, '127.0.0.1', resolve));
  brokerUrl = `http://127.0.0.1:${(broker.address() as AddressInfo).port}/`;
  runtime = createRuntime({ name: 'security-it', uses: [jwtAuthenticator, accessTokens] }, { ...env, BROKER_URL: brokerUrl });
  await runtime.use(mongo).db.dropDatabase();
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
  await new Promise((resolve) => broker.close(resolve));
});

describe('security events: stored, then published from the outbox', () => {
  it('should keep the event unpublished when the broker is down, then publish it once when it is back', async () => {
    const store = createSecurityEventStore(runtime.use(mongo).db);
    await store.record({ type: 'login_failed', at: new Date(), ip: '203.0.113.5', details: { reason: 'WRONG', password: 'x' } });
    const [stored] = await events().find({ type: 'login_failed' }).toArray();
    expect(stored).toMatchObject({ published: false, ip: '203.0.113.5', details: { reason: 'WRONG' } });
    expect(JSON.stringify(stored)).not.toContain('password');

    await expect(runPublisher('http://127.0.0.1:9/')).rejects.toMatchObject({ code: 'BROKER_UNREACHABLE' });
    expect(await events().countDocuments({ published: false })).toBe(1);

    await runPublisher(brokerUrl);
    expect(received.map((h) => [h['ce-type'], h['ce-id'], h['ce-subject']])).toEqual([
      ['com.uxflow.security.event.v1', stored!._id, stored!._id],
    ]);
    expect(await events().countDocuments({ published: true })).toBe(1);
    await runPublisher(brokerUrl);
    expect(received).toHaveLength(1);
  });

  it('should record api_key_misuse when an API key is not valid, without the key', async () => {
    const key = `uxf_${randomUUID()}`;
    const refused = runtime.use(jwtAuthenticator).authenticate({
      authorization: `Bearer ${key}`,
      method: 'GET',
      path: '/v1/workspaces/wsp_a/flows',
      ip: '203.0.113.6',
      workspaceId: 'wsp_a',
      access: { type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:read' },
    });
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_API_KEY' });
    const found = await events().find({ type: 'api_key_misuse' }).toArray();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      ip: '203.0.113.6',
      workspaceId: 'wsp_a',
      details: { reason: 'INVALID_API_KEY', permission: 'flows:read' },
    });
    expect(JSON.stringify(found)).not.toContain(key);
  });

  it('should record permission_denied when a member lacks the permission', async () => {
    await runtime
      .use(mongo)
      .db.collection(membershipCollection.name)
      .insertOne({
        _id: membershipId('wsp_b', 'usr_viewer') as never,
        schemaVersion: 1,
        workspaceId: 'wsp_b',
        userId: 'usr_viewer',
        role: 'viewer',
        joinedAt: new Date(),
      });
    const { token } = await runtime.use(accessTokens).issue({ userId: 'usr_viewer', sessionId: 'ses_viewer', platformRoles: [] });
    const refused = runtime.use(jwtAuthenticator).authenticate({
      authorization: `Bearer ${token}`,
      method: 'DELETE',
      path: '/v1/workspaces/wsp_b',
      workspaceId: 'wsp_b',
      access: { type: 'authenticated', credentials: ['jwt'], permission: 'workspace:delete' },
    });
    await expect(refused).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await events().findOne({ type: 'permission_denied' })).toMatchObject({
      userId: 'usr_viewer',
      workspaceId: 'wsp_b',
      details: { reason: 'PERMISSION_DENIED', permission: 'workspace:delete', method: 'DELETE' },
    });
  });
});
