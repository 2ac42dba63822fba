import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, uniqueEmail } from '../../support/identity-apps.ts';
import { appRedirectUri, startOAuthApps } from '../../support/oauth-apps.ts';
import { servicesHookTimeoutMs } from '../../support/required-env.ts';

let apps: Awaited<ReturnType<typeof startOAuthApps>>;
beforeAll(async () => {
  apps = await startOAuthApps('it_identity_oauth_github');
}, servicesHookTimeoutMs);
afterAll(async () => apps.close());

let nextId = 5000;
const signInAs = (emails: { email: string; primary: boolean; verified: boolean }[]) => {
  const id = (nextId += 1);
  apps.github.signInAs({ id, login: `octo${id}`, name: null, emails });
  return id;
};
const asJson = { accept: 'application/json' };
type SignedIn = { user: { id: string; email: string; name: string }; accessToken: string; isNewUser: boolean };
const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe('identity-oauth (GitHub, OAuth 2.0 against the stand-in)', () => {
  it('should redirect to GitHub with state and an S256 challenge but no nonce', async () => {
    const url = new URL((await apps.start('github')).headers.get('location')!);
    expect(url.toString()).toMatch(new RegExp(`^${apps.github.url}/login/oauth/authorize\\?`));
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ scope: 'read:user user:email', code_challenge_method: 'S256' });
    expect(url.searchParams.has('nonce')).toBe(false);
  });

  it('should sign in as a new user with the primary verified e-mail when the GitHub account is new', async () => {
    const email = uniqueEmail('octo');
    const id = signInAs([
      { email: uniqueEmail('old'), primary: false, verified: true },
      { email, primary: true, verified: true },
    ]);
    const response = await apps.callback(await apps.begin('github'));
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(appRedirectUri);
    expect(Object.keys(cookiesOf(response)).sort()).toEqual(['__Secure-uxf_csrf', '__Secure-uxf_oauth', '__Secure-uxf_refresh']);
    const link = await apps.db.collection('oauth_identities').findOne({ provider: 'github', subject: String(id) });
    // Name and address are stored sealed under the user's data key (docs/privacy.md), and answered in clear.
    const stored = await apps.db.collection('users').findOne({ _id: link?.userId });
    expect(stored).toMatchObject({ email: { sealed: 'A256GCM' }, emailVerified: true, name: { sealed: 'A256GCM' } });
    expect(JSON.stringify(stored)).not.toContain(`octo${id}`);
    expect(JSON.stringify([stored, link])).not.toContain(email);
    const again = (await (await apps.callback(await apps.begin('github'), asJson)).json()) as SignedIn;
    expect(again).toMatchObject({ user: { id: link?.userId, email }, isNewUser: false });
    const me = await apps.app('me').request('/v1/me', { headers: { authorization: `Bearer ${again.accessToken}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: `octo${id}` });
  });

  it('should link to the user a Google sign-in created when the verified e-mails match', async () => {
    const email = uniqueEmail('both');
    apps.google.signInAs({ sub: `g-${nextId}`, email, emailVerified: true, name: 'Both' });
    const viaGoogle = (await (await apps.callback(await apps.begin('google'), asJson)).json()) as SignedIn;
    signInAs([{ email, primary: true, verified: true }]);
    const viaGitHub = (await (await apps.callback(await apps.begin('github'), asJson)).json()) as SignedIn;
    expect(viaGitHub).toMatchObject({ user: { id: viaGoogle.user.id }, isNewUser: false });
    expect(await apps.db.collection('oauth_identities').countDocuments({ userId: viaGoogle.user.id })).toBe(2);
  });

  it('should answer 403 OAUTH_EMAIL_UNVERIFIED when the primary e-mail is not verified', async () => {
    signInAs([{ email: uniqueEmail('unverified'), primary: true, verified: false }]);
    const response = await apps.callback(await apps.begin('github'));
    expect(response.status).toBe(403);
    expect(await codeOf(response)).toBe('OAUTH_EMAIL_UNVERIFIED');
  });

  it('should answer 400 OAUTH_CODE_REJECTED when the code was issued for another PKCE challenge', async () => {
    signInAs([{ email: uniqueEmail('pkce'), primary: true, verified: true }]);
    const [first, second] = [await apps.begin('github'), await apps.begin('github')];
    const code = new URL(first, 'http://x').searchParams.get('code')!;
    const response = await apps.callback(second.replace(/code=[^&]+/, `code=${code}`));
    expect(response.status).toBe(400);
    expect(await codeOf(response)).toBe('OAUTH_CODE_REJECTED');
  });

  it('should refuse a used state and an unknown one', async () => {
    signInAs([{ email: uniqueEmail('reuse'), primary: true, verified: true }]);
    const path = await apps.begin('github');
    const [a, b] = await Promise.all([apps.callback(path), apps.callback(path)]);
    expect([a.status, b.status].sort()).toEqual([302, 400]);
    expect(await codeOf(a.status === 400 ? a : b)).toBe('OAUTH_STATE_USED');
    const forged = await apps.callback(path.replace(/state=[^&]+/, 'state=st_nope'));
    expect(await codeOf(forged)).toBe('OAUTH_STATE_INVALID');
  });
});
