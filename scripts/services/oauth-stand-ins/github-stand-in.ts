import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StandInClient } from './oidc-stand-in.ts';

export interface GitHubStandInUser {
  id: number;
  login: string;
  name: string | null;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

interface Grant {
  user: GitHubStandInUser;
  redirectUri: string;
  codeChallenge: string | null;
  expiresAt: number;
}

const secret = (prefix: string) => `${prefix}_${randomBytes(20).toString('hex')}`;
const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

const readBody = async (req: IncomingMessage): Promise<Record<string, string>> => {
  let raw = '';
  for await (const chunk of req) raw += String(chunk);
  if (req.headers['content-type']?.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, string>;
  return Object.fromEntries(new URLSearchParams(raw));
};

const send = (res: ServerResponse, status: number, body: unknown, asForm = false) => {
  const type = asForm ? 'application/x-www-form-urlencoded' : 'application/json';
  const text = asForm ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
  res.writeHead(status, { 'content-type': type }).end(text);
};

/**
 * GitHub's OAuth app endpoints as documented, on loopback: `GET /login/oauth/authorize` (signs in
 * as `signInAs`'s user at once and redirects back with a code), `POST /login/oauth/access_token`
 * (form or JSON; errors as 200 with `error`, like GitHub; PKCE S256 checked when a challenge came),
 * `GET /user` and `GET /user/emails` with the access token.
 */
export const startGitHubStandIn = async (client: StandInClient, options: { port?: number; host?: string } = {}) => {
  const host = options.host ?? '127.0.0.1';
  let current: GitHubStandInUser = {
    id: 1001,
    login: 'devuser',
    name: 'Dev User',
    emails: [{ email: 'dev.user@example.com', primary: true, verified: true }],
  };
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, GitHubStandInUser>();

  const authorize = (url: URL, res: ServerResponse) => {
    const redirectUri = url.searchParams.get('redirect_uri') ?? client.redirectUris[0]!;
    if (url.searchParams.get('client_id') !== client.clientId || !client.redirectUris.includes(redirectUri))
      return send(res, 400, { error: 'redirect_uri_mismatch' });
    const code = secret('ghc');
    codes.set(code, { user: current, redirectUri, codeChallenge: url.searchParams.get('code_challenge'), expiresAt: Date.now() + 600_000 });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', url.searchParams.get('state') ?? '');
    res.writeHead(302, { location: back.toString() }).end();
  };

  const exchange = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    const asForm = !req.headers.accept?.includes('application/json');
    const fail = (error: string) => send(res, 200, { error, error_description: error.replaceAll('_', ' ') }, asForm);
    if (body.client_id !== client.clientId || body.client_secret !== client.clientSecret) return fail('incorrect_client_credentials');
    const grant = codes.get(body.code ?? '');
    codes.delete(body.code ?? '');
    if (!grant || grant.expiresAt < Date.now()) return fail('bad_verification_code');
    if (body.redirect_uri !== undefined && body.redirect_uri !== grant.redirectUri) return fail('redirect_uri_mismatch');
    if (grant.codeChallenge !== null && s256(body.code_verifier ?? '') !== grant.codeChallenge) return fail('bad_verification_code');
    const token = secret('gho');
    tokens.set(token, grant.user);
    send(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' }, asForm);
  };

  const api = (req: IncomingMessage, res: ServerResponse, path: string) => {
    const user = tokens.get((req.headers.authorization ?? '').replace(/^(bearer|token) /i, ''));
    if (!user) return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    if (path === '/user/emails')
      return send(
        res,
        200,
        user.emails.map((entry) => ({ ...entry, visibility: entry.primary ? 'private' : null })),
      );
    send(res, 200, { login: user.login, id: user.id, type: 'User', name: user.name, email: null });
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    if (req.method === 'GET' && url.pathname === '/login/oauth/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/login/oauth/access_token')
      return void exchange(req, res).catch(() => send(res, 400, { error: 'bad_request' }));
    if (req.method === 'GET' && (url.pathname === '/user' || url.pathname === '/user/emails')) return api(req, res, url.pathname);
    send(res, 404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const base = `http://${host}:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    /** The account the next authorization signs in as. */
    signInAs: (user: GitHubStandInUser) => {
      current = user;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
