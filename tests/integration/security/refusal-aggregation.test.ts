import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJwtAuthenticator } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { createApiKeyStore } from '../../../shared/infra/mongodb/api-key-store.ts';
import { newSecret } from '../../../shared/identity/secrets.ts';
import { apiKeyPrefix } from '../../../shared/identity/api-keys.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { createSecurityEventStore, securityEventCollection } from '../../../shared/infra/mongodb/security-event-store.ts';
import type { AuthenticationRequest } from '../../../shared/platform/http/auth-context.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let runtime: Runtime;
let lookups = 0;
const database = `it_refusal_aggregation_${randomUUID().slice(0, 8)}`;

const events = () => runtime.use(mongo).db.collection(securityEventCollection.name);
const authenticator = () => {
  const db = runtime.use(mongo).db;
  const keys = createApiKeyStore(db);
  return createJwtAuthenticator({
    tokens: runtime.use(accessTokens),
    findRole: async () => 'owner',
    apiKeys: {
      findByKey: async (key) => {
        lookups += 1;
        return keys.findByKey(key);
      },
      recordUse: keys.recordUse,
      recordNetwork: keys.recordNetwork,
    },
    isSessionRevoked: async () => false,
    now: () => new Date(),
    securityEvents: createSecurityEventStore(db),
  });
};
const request = (authorization: string, ip: string): AuthenticationRequest => ({
  authorization,
  workspaceId: 'wsp_a',
  access: { type: 'authenticated', credentials: ['jwt', 'apiKey'], permission: 'flows:read' },
  method: 'GET',
  path: '/v1/workspaces/{workspaceId}/flows',
  ip,
});
const refuse = (authorization: string, ip: string) =>
  authenticator()
    .authenticate(request(authorization, ip))
    .then(
      () => 'authenticated',
      (error: { code: string }) => error.code,
    );

beforeAll(async () => {
  runtime = createRuntime(
    { name: 'refusal-it', uses: [mongo, accessTokens] },
    authTestEnv(await ensureServices({ only: ['mongodb'] }), database),
  );
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

describe('repeated identical refusals', () => {
  it('should refuse a malformed key without a lookup, and store a loop of it as one event with a count', async () => {
    // Within one aggregation minute, so that the loop is one window.
    while (Date.now() % 60_000 > 50_000) await new Promise((resolve) => setTimeout(resolve, 1000));
    for (let i = 0; i < 50; i += 1) expect(await refuse('Bearer uxf_x', '198.51.100.5')).toBe('INVALID_API_KEY');
    expect(lookups).toBe(0);
    const stored = await events().find({ ip: '198.51.100.5' }).toArray();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ type: 'api_key_misuse', count: 50, published: false, details: { reason: 'INVALID_API_KEY' } });
  });

  it('should keep refusals of another address or reason apart', async () => {
    while (Date.now() % 60_000 > 50_000) await new Promise((resolve) => setTimeout(resolve, 1000));
    const wellFormedUnknown = `Bearer uxf_${'a'.repeat(43)}`;
    for (let i = 0; i < 3; i += 1) await refuse(wellFormedUnknown, '198.51.100.6');
    await refuse('Bearer uxf_x', '198.51.100.7');
    expect(lookups).toBe(3);
    const stored = await events()
      .find({ ip: { $in: ['198.51.100.6', '198.51.100.7'] } })
      .toArray();
    expect(stored.map((e) => [String(e.ip), Number(e.count)]).sort()).toEqual([
      ['198.51.100.6', 3],
      ['198.51.100.7', 1],
    ]);
  });

  it('should store one event for a concurrent burst (the unique id decides), published only once its window closed', async () => {
    while (Date.now() % 60_000 > 50_000) await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all(Array.from({ length: 20 }, () => refuse('Bearer uxf_y', '198.51.100.8')));
    const stored = await events().find({ ip: '198.51.100.8' }).toArray();
    expect(stored).toHaveLength(1);
    // MongoDB counts each increment; FerretDB may lose concurrent ones (docs/security.md).
    expect(stored[0]!.count).toBeGreaterThanOrEqual(1);

    const store = createSecurityEventStore(runtime.use(mongo).db);
    expect((await store.unpublished(100)).map((e) => e.id)).not.toContain(String(stored[0]!._id));
    await events().updateOne({ _id: stored[0]!._id }, { $set: { publishAfter: new Date(Date.now() - 1000) } });
    const due = (await store.unpublished(100)).find((e) => e.id === String(stored[0]!._id));
    expect(due).toMatchObject({ type: 'api_key_misuse', ip: '198.51.100.8', windowEnd: expect.any(String) });
    expect(due!.count).toBe(stored[0]!.count);
  });
});

describe('an API key used from a new network', () => {
  it('should record api_key_new_network per new network, with the number of networks known before', async () => {
    const key = newSecret('uxf');
    await createApiKeyStore(runtime.use(mongo).db).insert(
      {
        id: 'apk_networks',
        workspaceId: 'wsp_a',
        name: 'ci',
        prefix: apiKeyPrefix(key),
        permissions: ['flows:read'],
        createdBy: 'usr_owner',
        createdAt: new Date(),
        expiresAt: null,
        revokedAt: null,
        lastUsedAt: null,
      },
      key,
    );
    for (const ip of ['192.0.2.10', '192.0.2.11', '192.0.2.10', '2001:db8:1:2::7', '2001:db8:1:ffff::8']) {
      expect(await refuse(`Bearer ${key}`, ip)).toBe('authenticated');
    }
    const found = await events().find({ type: 'api_key_new_network' }).sort({ at: 1 }).toArray();
    expect(found.map((e) => [String(e.details.network), Number(e.details.knownNetworks)])).toEqual([
      ['192.0.2.0/24', 0],
      ['2001:db8:1::/48', 1],
    ]);
  });
});
