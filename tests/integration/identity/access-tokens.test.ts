import { decodeProtectedHeader, importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokens, accessTokens } from '../../../shared/infra/jose/access-tokens.ts';
import { signingKeyCollection } from '../../../shared/infra/jose/signing-key-store.ts';
import { signingKeys } from '../../../shared/infra/jose/signing-keys-resource.ts';
import { mongo } from '../../../shared/infra/mongodb/mongo-resource.ts';
import { isDomainError } from '../../../shared/kernel/index.ts';
import { createRuntime, type Runtime } from '../../../shared/platform/runtime.ts';
import { ensureServices } from '../../../scripts/services/index.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { authTestEnv } from '../../support/auth-test-env.ts';

let runtime: Runtime;
const claims = { userId: 'usr_1', sessionId: 'ses_1', platformRoles: [] };
const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'accepted',
    (e: unknown) => (isDomainError(e) ? e.code : String(e)),
  );

beforeAll(async () => {
  const env = await ensureServices({ only: ['mongodb'] });
  runtime = createRuntime({ name: 'identity-it', uses: [accessTokens, signingKeys] }, authTestEnv(env, 'it_access_tokens'));
  await runtime.use(mongo).db.dropDatabase();
}, servicesHookTimeoutMs);
afterAll(async () => {
  await runtime.use(mongo).db.dropDatabase();
  await runtime.close();
});

describe('access tokens', () => {
  it('should verify a token it issued and return its claims', async () => {
    const { token, expiresIn } = await runtime.use(accessTokens).issue({ ...claims, platformRoles: ['support'] });
    expect(expiresIn).toBe(900);
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'at+jwt', kid: expect.stringMatching(/^es256-/) });
    await expect(runtime.use(accessTokens).verify(token)).resolves.toEqual({ ...claims, platformRoles: ['support'] });
  });

  it('should refuse a token whose payload was altered', async () => {
    const { token } = await runtime.use(accessTokens).issue(claims);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'usr_admin' })).toString(
      'base64url',
    );
    expect(await codeOf(runtime.use(accessTokens).verify(`${header}.${forged}.${signature}`))).toBe('INVALID_TOKEN');
  });

  it('should refuse alg none and a symmetric token made with the public key', async () => {
    const { token } = await runtime.use(accessTokens).issue(claims);
    const [, payload] = token.split('.') as [string, string];
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt', kid: decodeProtectedHeader(token).kid })).toString('base64url')}.${payload}.`;
    expect(await codeOf(runtime.use(accessTokens).verify(none))).toBe('INVALID_TOKEN');
    const [jwk] = await runtime.use(signingKeys).store.publicKeys(new Date());
    const hs256 = await new SignJWT({ sid: 'ses_1' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt', kid: jwk!.kid! })
      .setSubject('usr_1')
      .setIssuer('http://127.0.0.1:3000')
      .setAudience('uxflow-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(jwk)));
    expect(await codeOf(runtime.use(accessTokens).verify(hs256))).toBe('INVALID_TOKEN');
  });

  it('should refuse a token for another audience or issuer when the key is ours', async () => {
    const { store, schedule } = runtime.use(signingKeys);
    const foreign = createAccessTokens(store, schedule, { issuer: 'http://127.0.0.1:3000', audience: 'another-api' });
    expect(await codeOf(runtime.use(accessTokens).verify((await foreign.issue(claims)).token))).toBe('INVALID_TOKEN');
    const otherIssuer = createAccessTokens(store, schedule, { issuer: 'https://evil.example', audience: 'uxflow-api' });
    expect(await codeOf(runtime.use(accessTokens).verify((await otherIssuer.issue(claims)).token))).toBe('INVALID_TOKEN');
  });

  it('should refuse an expired token and one with an unknown key id', async () => {
    const { store, schedule } = runtime.use(signingKeys);
    const key = await store.ensure(schedule.periodOf(new Date()), new Date());
    const sign = (kid: string, exp: number) =>
      importJWK(key.privateJwk, 'ES256').then((privateKey) =>
        new SignJWT({ sid: 'ses_1', roles: [] })
          .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
          .setSubject('usr_1')
          .setIssuer('http://127.0.0.1:3000')
          .setAudience('uxflow-api')
          .setIssuedAt(exp - 900)
          .setExpirationTime(exp)
          .sign(privateKey),
      );
    expect(await codeOf(runtime.use(accessTokens).verify(await sign(key.kid, Math.floor(Date.now() / 1000) - 60)))).toBe('INVALID_TOKEN');
    expect(await codeOf(runtime.use(accessTokens).verify(await sign('es256-unknown', Math.floor(Date.now() / 1000) + 600)))).toBe(
      'INVALID_TOKEN',
    );
  });

  it('should store private keys sealed, never as plain JWK', async () => {
    const docs = await runtime.use(mongo).db.collection(signingKeyCollection.name).find().toArray();
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) {
      expect(doc.privateJwk).toEqual({ iv: expect.any(String), tag: expect.any(String), ciphertext: expect.any(String) });
      expect(doc.publicJwk).not.toHaveProperty('d');
    }
  });

  it('should create exactly one key when ten instances create the same period at once', async () => {
    const { store, schedule } = runtime.use(signingKeys);
    const period = schedule.periodOf(new Date()) + 5;
    const created = await Promise.all(Array.from({ length: 10 }, () => store.ensure(period, new Date())));
    expect(new Set(created.map((k) => JSON.stringify(k.publicJwk))).size).toBe(1);
    expect(await runtime.use(mongo).db.collection(signingKeyCollection.name).countDocuments({ period })).toBe(1);
  });
});
