import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// First: the identity functions' schemas extend zod before anything else loads it.
import { goodPassword, startIdentityApps, uniqueEmail } from '../../support/identity-apps.ts';
import securityEventsFunction from '../../../functions/privacy/audit-security-events.ts';
import type { AuditEntry } from '../../../shared/audit/index.ts';
import { auditLogCollection } from '../../../shared/infra/mongodb/audit-entry-store.ts';
import { createJwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { createApiKeyStore } from '../../../shared/infra/mongodb/api-key-store.ts';
import { createSecurityEventStore } from '../../../shared/infra/mongodb/security-event-store.ts';
import { apiKeyPrefix } from '../../../shared/identity/api-keys.ts';
import { newSecret } from '../../../shared/identity/secrets.ts';
import { newId } from '../../../shared/kernel/index.ts';
import { named } from '../../../shared/platform/definition/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { deliverEvent } from '../../support/deliver-event.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

const securityEvents = named(securityEventsFunction, 'functions/privacy/audit-security-events.ts');

let apps: Awaited<ReturnType<typeof startIdentityApps>>;
let consumer: Runtime;
beforeAll(async () => {
  apps = await startIdentityApps('it_audit_sessions');
  consumer = createRuntime(securityEvents, apps.env);
}, servicesHookTimeoutMs);
afterAll(async () => {
  await consumer?.close();
  await apps?.close();
});

/** What the publisher would put on the bus (the outbox), delivered to the audit consumer twice (a redelivery). */
const publishAll = async () => {
  const store = createSecurityEventStore(apps.db);
  // The kept traceparent travels as the event's trace extension, not in its data (as functions/security/publish-events.ts sends it).
  for (const { traceparent, ...data } of await store.unpublished(1000)) {
    const event = { type: 'com.uxflow.security.event.v1' as const, data, ...(traceparent ? { traceparent } : {}) };
    for (let n = 0; n < 2; n += 1) await deliverEvent(securityEvents, event, consumer);
    await store.markPublished(data.id, new Date());
  }
};
const entriesOf = (userId: string) =>
  apps.db.collection<AuditEntry>(auditLogCollection.name).find({ 'actor.userId': userId }).sort({ at: 1, seq: 1 }).toArray();
const login = (email: string) => apps.call('login', '/v1/auth/login', { body: { email, password: goodPassword, refreshTokenIn: 'body' } });

describe('sign-ins and ended sessions in the audit log', () => {
  it('should record each sign-in and each way a session ends, once each', async () => {
    const email = uniqueEmail('audit-sessions');
    const registered = await apps.call('register', '/v1/auth/register', {
      body: { email, password: goodPassword, name: 'Ada' },
    });
    expect(registered.status).toBe(201);
    const userId = ((await registered.json()) as { user: { id: string } }).user.id;

    const sessions = [];
    for (let n = 0; n < 4; n += 1) {
      const response = await login(email);
      expect(response.status).toBe(200);
      sessions.push((await response.json()) as { accessToken: string; refreshToken: string });
    }
    const [a, , c, d] = sessions as [(typeof sessions)[0], (typeof sessions)[0], (typeof sessions)[0], (typeof sessions)[0]];
    // Logout (twice: the second ends nothing more), a deleted session, a replayed refresh token, logout everywhere.
    for (let n = 0; n < 2; n += 1)
      expect((await apps.call('logout', '/v1/auth/logout', { body: { refreshToken: a.refreshToken } })).status).toBe(204);
    expect((await apps.call('refresh', '/v1/auth/refresh', { body: { refreshToken: c.refreshToken } })).status).toBe(200);
    // From another client: the grace for a racing refresh is its own client's only.
    const replayed = await apps.call('refresh', '/v1/auth/refresh', { body: { refreshToken: c.refreshToken }, ip: '198.51.100.99' });
    expect(replayed.status).toBe(401);
    const listed = await apps.call('listSessions', '/v1/me/sessions', {
      method: 'GET',
      headers: { authorization: `Bearer ${d.accessToken}` },
    });
    const ids = ((await listed.json()) as { items: { id: string; current: boolean }[] }).items;
    const currentId = ids.find((s) => s.current)!.id;
    const toDelete = ids.find((s) => !s.current)!.id;
    const deleted = await apps.call('deleteSession', `/v1/me/sessions/${toDelete}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${d.accessToken}` },
    });
    expect(deleted.status).toBe(204);
    expect((await apps.call('logoutAll', '/v1/auth/logout-all', { headers: { authorization: `Bearer ${d.accessToken}` } })).status).toBe(
      204,
    );

    await publishAll();
    const entries = await entriesOf(userId);
    const signIns = entries.filter((e) => e.action === 'auth.signed_in');
    expect(signIns.map((e) => e.details.reason)).toEqual(['registration', 'password', 'password', 'password', 'password']);
    expect(signIns.every((e) => e.outcome === 'success' && e.actor.type === 'user')).toBe(true);
    const ended = entries.filter((e) => e.action === 'auth.session_ended');
    const reasons = ended.map((e) => String(e.details.reason));
    // Five sessions, each ended once: whichever way ended it first is its entry.
    expect(new Set(ended.map((e) => e.details.sessionId)).size).toBe(ended.length);
    expect(ended).toHaveLength(5);
    expect(reasons.filter((r) => r === 'logout')).toHaveLength(1);
    expect(reasons).toContain('refresh_token_reused');
    expect(reasons).toContain('logout_all');
    expect(ended.find((e) => e.details.reason === 'logout_all' && e.details.sessionId === currentId)).toBeDefined();
    expect(ended.find((e) => e.details.reason === 'session_deleted' && e.details.sessionId === toDelete)).toBeDefined();
  });
});

describe("an API key's first use in the audit log", () => {
  it('should record the first use once, and later networks as new networks', async () => {
    const runtime = createRuntime({ name: 'audit-apikey-it', uses: [accessTokens] }, apps.env);
    const keys = createApiKeyStore(apps.db);
    const key = newSecret('uxf');
    const keyId = newId('apk');
    const userId = newId('usr');
    await keys.insert(
      {
        id: keyId,
        workspaceId: 'wsp_audit',
        name: 'ci',
        prefix: apiKeyPrefix(key),
        permissions: ['flows:read'],
        createdBy: userId,
        createdAt: new Date(),
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
      },
      key,
    );
    const authenticator = createJwtAuthenticator({
      tokens: runtime.use(accessTokens),
      findRole: async () => 'owner',
      apiKeys: keys,
      isSessionRevoked: async () => false,
      now: () => new Date(),
      securityEvents: createSecurityEventStore(apps.db),
    });
    for (const ip of ['192.0.2.10', '192.0.2.11', '198.51.100.7'])
      await authenticator.authenticate({
        authorization: `Bearer ${key}`,
        workspaceId: 'wsp_audit',
        access: { type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:read' },
        method: 'GET',
        path: '/v1/workspaces/{workspaceId}/flows',
        ip,
      });
    await runtime.close();

    await publishAll();
    const entries = (await entriesOf(userId)).filter((e) => e.target?.id === userId || e.actor.id === keyId);
    expect(entries.map((e) => [e.action, e.actor.type, e.actor.id])).toEqual([
      ['apikey.first_used', 'apiKey', keyId],
      ['apikey.used_from_new_network', 'apiKey', keyId],
    ]);
  });
});
