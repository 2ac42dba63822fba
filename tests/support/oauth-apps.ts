import oauthCallback from '../../functions/identity/oauth-callback.ts';
import oauthStart from '../../functions/identity/oauth-start.ts';
import login from '../../functions/identity/login.ts';
import me from '../../functions/identity/me.ts';
import register from '../../functions/identity/register.ts';
import { migrate } from '../../scripts/db/migrate.ts';
import { startGitHubStandIn } from '../../scripts/services/oauth-stand-ins/github-stand-in.ts';
import { startOidcStandIn } from '../../scripts/services/oauth-stand-ins/oidc-stand-in.ts';
import { ensureServices } from '../../scripts/services/index.ts';
import { mongo } from '../../shared/infra/mongodb/mongo-resource.ts';
import type { HttpFunctionDefinition } from '../../shared/platform/definition/index.ts';
import { createHttpApp } from '../../shared/platform/http/create-app.ts';
import { createRuntime } from '../../shared/platform/runtime.ts';
import { testDatabase } from './auth-test-env.ts';

export const appRedirectUri = 'http://app.test/auth/callback';
const callbackBase = 'http://api.test';
const client = (provider: string) => ({
  clientId: `uxflow-test-${provider}`,
  clientSecret: `secret-${provider}`,
  redirectUris: [`${callbackBase}/v1/auth/oauth/${provider}/callback`],
});

/** The OAuth functions (and register, login, me) over the local MongoDB, with both provider stand-ins on loopback ports. */
export const startOAuthApps = async (name: string) => {
  const database = testDatabase(name);
  const services = await ensureServices({ only: ['mongodb', 'mail'] });
  await migrate(services.MONGODB_URI!, database);
  const [google, github] = await Promise.all([startOidcStandIn(client('google')), startGitHubStandIn(client('github'))]);
  const env = {
    ...services,
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
    MONGODB_DB: database,
    OAUTH_REDIRECT_URIS: `${appRedirectUri},http://localhost:5173/auth/callback`,
    OAUTH_CALLBACK_BASE_URL: callbackBase,
    GOOGLE_ISSUER: google.issuer,
    GOOGLE_CLIENT_ID: client('google').clientId,
    GOOGLE_CLIENT_SECRET: client('google').clientSecret,
    GITHUB_AUTHORIZE_URL: `${github.url}/login/oauth/authorize`,
    GITHUB_TOKEN_URL: `${github.url}/login/oauth/access_token`,
    GITHUB_API_URL: github.url,
    GITHUB_CLIENT_ID: client('github').clientId,
    GITHUB_CLIENT_SECRET: client('github').clientSecret,
  };
  const definitions = { oauthStart, oauthCallback, register, login, me } as unknown as Record<string, HttpFunctionDefinition>;
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const runtimes = Object.entries(definitions).map(([name, definition]) =>
    createRuntime({ ...definition, name: `identity-${kebab(name)}` }, env),
  );
  const apps = Object.fromEntries(Object.keys(definitions).map((name, i) => [name, createHttpApp(definitions[name]!, runtimes[i]!)]));
  const app = (name: 'oauthStart' | 'oauthCallback' | 'register' | 'login' | 'me') => apps[name]!;

  /** `GET /v1/auth/oauth/<provider>/start`; the 302's Location is the provider's authorization URL. */
  /** The binding cookie each started flow set, by state: the browser that started a flow brings it back. */
  const bindings = new Map<string, string>();
  const start = async (provider: string, redirectUri = appRedirectUri) => {
    const response = await app('oauthStart').request(`/v1/auth/oauth/${provider}/start?redirectUri=${encodeURIComponent(redirectUri)}`, {
      headers: { 'x-forwarded-for': '203.0.113.10' },
    });
    const state = new URL(response.headers.get('location') ?? 'http://x/').searchParams.get('state');
    const binding = /__Secure-uxf_oauth=([^;]+)/.exec(response.headers.getSetCookie().join('\n'))?.[1];
    if (state && binding) bindings.set(state, binding);
    return response;
  };

  /** Follows the provider's redirects (carrying its cookies) until it sends the browser to our callback; returns that path + query. */
  const authorize = async (authorizationUrl: string): Promise<string> => {
    const jar = new Map<string, string>();
    let url = authorizationUrl;
    for (let hop = 0; hop < 10; hop += 1) {
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const line of response.headers.getSetCookie()) {
        const [pair = ''] = line.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (!location) throw new Error(`the provider stopped at ${url} with ${response.status}: ${await response.text()}`);
      url = new URL(location, url).toString();
      if (url.startsWith(callbackBase)) return url.slice(callbackBase.length);
    }
    throw new Error('too many redirects at the provider');
  };

  const callback = async (pathAndQuery: string, headers: Record<string, string> = {}): Promise<Response> => {
    const binding = bindings.get(new URL(pathAndQuery, callbackBase).searchParams.get('state') ?? '');
    const cookie: Record<string, string> = binding ? { cookie: `__Secure-uxf_oauth=${binding}` } : {};
    return app('oauthCallback').request(pathAndQuery, { headers: { 'x-forwarded-for': '203.0.113.10', ...cookie, ...headers } });
  };

  /** start → provider → the callback path (not yet called). */
  const begin = async (provider: 'google' | 'github') => authorize((await start(provider)).headers.get('location')!);

  return {
    app,
    start,
    authorize,
    callback,
    begin,
    google,
    github,
    db: runtimes[0]!.use(mongo).db,
    close: async () => {
      await runtimes[0]!.use(mongo).db.dropDatabase();
      await Promise.all([...runtimes.map((runtime) => runtime.close()), google.close(), github.close()]);
    },
  };
};
