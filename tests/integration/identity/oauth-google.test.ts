import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, goodPassword, uniqueEmail } from '../../support/identity-apps.ts';
import { appRedirectUri, startOAuthApps } from '../../support/oauth-apps.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';
import { createDataKeys } from '../../../shared/infra/crypto/data-keys.ts';
import { createFieldSealer } from '../../../shared/infra/crypto/field-sealer.ts';
import { createLocalKms } from '../../../shared/infra/kms/local-kms.ts';
import { keyringOf } from '../../../shared/infra/crypto/keyring.ts';
import { createTwoFactorStore } from '../../../shared/infra/mongodb/two-factor-store.ts';

let apps: Awaited<ReturnType<typeof startOAuthApps>>;
beforeAll(async () => {
  apps = await startOAuthApps('it_identity_oauth_google');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

const signInAs = (email: string, emailVerified = true) => {
  const sub = `g-${Math.random().toString(36).slice(2)}`;
  apps.google.signInAs({ sub, email, emailVerified, name: 'Grace Hopper' });
  return sub;
};
const asJson = { accept: 'application/json' };
type SignedIn = { user: { id: string; email: string; emailVerified: boolean }; accessToken: string; isNewUser: boolean };
const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe('identity-oauth (Google, OIDC against oidc-provider)', () => {
  it('should redirect to the provider with state, S256 challenge, nonce and the OIDC scope', async () => {
    const response = await apps.start('google');
    expect(response.status).toBe(302);
    const url = new URL(response.headers.get('location')!);
    expect(url.origin).toBe(apps.google.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      redirect_uri: 'http://api.test/v1/auth/oauth/google/callback',
      state: expect.stringMatching(/^st_/),
      nonce: expect.stringMatching(/^n_/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    });
    const stored = await apps.db.collection('oauth_states').findOne({});
    expect(stored?._id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(url.searchParams.get('nonce'));
  });

  it('should answer 400 REDIRECT_URI_NOT_ALLOWED when the redirectUri is not on the allow-list', async () => {
    const response = await apps.start('google', 'https://evil.example/cb');
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('REDIRECT_URI_NOT_ALLOWED');
  });

  it('should create a verified user with a workspace and sign in with cookies when the account is new', async () => {
    const email = uniqueEmail('grace');
    const sub = signInAs(email);
    const response = await apps.callback(await apps.begin('google'));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(appRedirectUri);
    expect(Object.keys(cookiesOf(response)).sort()).toEqual(['__Secure-uxf_csrf', '__Secure-uxf_oauth', '__Secure-uxf_refresh']);
    const user = await apps.db.collection('users').findOne({ email });
    expect(user).toMatchObject({ emailVerified: true, passwordHash: '' });
    expect(await apps.db.collection('workspaces').findOne({ ownerId: user!._id })).toMatchObject({ personal: true, plan: 'pro' });
    expect(await apps.db.collection('oauth_identities').findOne({ provider: 'google', subject: sub })).toMatchObject({ userId: user!._id });
  });

  it('should answer JSON with an access token that /v1/me accepts when the client asks for JSON', async () => {
    const email = uniqueEmail('json');
    signInAs(email);
    const response = await apps.callback(await apps.begin('google'), asJson);
    expect(response.status).toBe(200);
    const body = (await response.json()) as SignedIn;
    expect(body).toMatchObject({ user: { email, emailVerified: true }, isNewUser: true, redirectUri: appRedirectUri });
    const me = await apps.app('me').request('/v1/me', { headers: { authorization: `Bearer ${body.accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: body.user.id, email });
    const again = (await (await apps.callback(await apps.begin('google'), asJson)).json()) as SignedIn;
    expect(again).toMatchObject({ user: { id: body.user.id }, isNewUser: false });
  });

  it('should link the provider account to the user with the same verified e-mail', async () => {
    const email = uniqueEmail('linked');
    const registered = await apps.app('register').request('/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.11' },
      body: JSON.stringify({ email, password: goodPassword, name: 'Ada' }),
    });
    const { user } = (await registered.json()) as SignedIn;
    const sub = signInAs(email.toUpperCase());
    const body = (await (await apps.callback(await apps.begin('google'), asJson)).json()) as SignedIn;
    expect(body.user).toMatchObject({ id: user.id, emailVerified: true });
    expect(await apps.db.collection('oauth_identities').findOne({ subject: sub })).toMatchObject({ userId: user.id });
    // The address was never proven by whoever set that password: it no longer signs in.
    const login = await apps.app('login').request('/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.12' },
      body: JSON.stringify({ email, password: goodPassword }),
    });
    expect(login.status).toBe(401);
  });

  it('should refuse with 403 TWO_FACTOR_REQUIRED when the account has 2FA on, so a provider cannot bypass it', async () => {
    const email = uniqueEmail('twofactor');
    signInAs(email);
    expect((await apps.callback(await apps.begin('google'))).status).toBe(302);
    const user = await apps.db.collection<{ _id: string }>('users').findOne({ email });
    // The apps' own key file (the default): the secret is sealed under the person's data key.
    const sealer = createFieldSealer(createDataKeys(apps.db, createLocalKms(path.resolve('.data/kms/local-kek.json'))));
    const store = createTwoFactorStore(apps.db, keyringOf('ZGV2ZWxvcG1lbnQtb25seS1rZXktZW5jcnlwdGlvbjE='), sealer);
    const enrollment = { enrollmentId: 'tfe_matrix', secret: 'JBSWY3DPEHPK3PXP', createdAt: new Date() };
    await store.savePending(user!._id, enrollment);
    await store.activate(user!._id, enrollment, ['ABCD-EFGH']);
    signInAs(email);
    const response = await apps.callback(await apps.begin('google'), asJson);
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('TWO_FACTOR_REQUIRED');
  });

  it('should answer 403 OAUTH_EMAIL_UNVERIFIED when the provider has not verified the e-mail', async () => {
    signInAs(uniqueEmail('unverified'), false);
    const response = await apps.callback(await apps.begin('google'));
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('OAUTH_EMAIL_UNVERIFIED');
  });
});

describe('identity-oauth state and PKCE (Google)', () => {
  it('should refuse a callback brought by another browser (no binding cookie) so a replayed URL cannot sign a victim in', async () => {
    signInAs(uniqueEmail('csrf'));
    const path = await apps.begin('google');
    const replayed = await apps.app('oauthCallback').request(path, { headers: { 'x-forwarded-for': '203.0.113.99' } });
    expect(replayed.status).toBe(400);
    expect(await codeOf(replayed)).toBe('OAUTH_STATE_INVALID');
    const forged = await apps.callback(path, { cookie: '__Secure-uxf_oauth=ob_forged' });
    expect(forged.status).toBe(400);
  });

  it('should let exactly one of concurrent callbacks with one state succeed', async () => {
    signInAs(uniqueEmail('race'));
    const path = await apps.begin('google');
    const responses = await Promise.all(Array.from({ length: 8 }, () => apps.callback(path, asJson)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 400, 400, 400, 400, 400, 400, 400]);
    const refused = responses.filter((response) => response.status === 400);
    expect(new Set(await Promise.all(refused.map(codeOf)))).toEqual(new Set(['OAUTH_STATE_USED']));
    const late = await apps.callback(path);
    expect(await codeOf(late)).toBe('OAUTH_STATE_USED');
    expect(
      await apps.db.collection('security_events').countDocuments({ type: 'oauth_failed', 'details.reason': 'STATE_REUSED' }),
    ).toBeGreaterThanOrEqual(8);
  });

  it.each([
    ['unknown', (path: string) => path.replace(/state=[^&]+/, 'state=st_forged')],
    ['issued for GitHub', (path: string) => path.replace('/google/', '/github/')],
  ])('should answer 400 OAUTH_STATE_INVALID when the state is %s', async (_label, tamper) => {
    signInAs(uniqueEmail('forged'));
    const response = await apps.callback(tamper(await apps.begin('google')));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('OAUTH_STATE_INVALID');
  });

  it('should answer 400 OAUTH_STATE_EXPIRED when the sign-in took more than ten minutes', async () => {
    signInAs(uniqueEmail('slow'));
    const path = await apps.begin('google');
    await apps.db.collection('oauth_states').updateMany({}, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const response = await apps.callback(path);
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('OAUTH_STATE_EXPIRED');
  });

  it('should answer 400 OAUTH_CODE_REJECTED when the code was issued for another PKCE challenge', async () => {
    signInAs(uniqueEmail('pkce'));
    const [first, second] = [await apps.begin('google'), await apps.begin('google')];
    const code = new URL(first, 'http://x').searchParams.get('code')!;
    const injected = second.replace(/code=[^&]+/, `code=${encodeURIComponent(code)}`);
    const response = await apps.callback(injected);
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('OAUTH_CODE_REJECTED');
    expect(await apps.db.collection('security_events').findOne({ 'details.reason': 'OAUTH_CODE_REJECTED' })).not.toBeNull();
  });

  it('should answer 400 OAUTH_PROVIDER_ERROR when the provider sends an error instead of a code', async () => {
    const response = await apps.callback('/v1/auth/oauth/google/callback?state=st_x&error=access_denied');
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('OAUTH_PROVIDER_ERROR');
  });
});
