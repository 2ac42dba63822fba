import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface StandInUser {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export interface StandInClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
}

/**
 * oidc-provider (a certified OpenID Provider) on loopback as Google's stand-in: one confidential
 * client (client_secret_post, PKCE required), e-mail claims in the ID token as Google puts them,
 * and an interaction that signs in as `signInAs`'s user and consents at once — so a script can
 * drive the whole authorization with redirects and cookies only.
 */
export const startOidcStandIn = async (client: StandInClient, options: { port?: number; host?: string } = {}) => {
  const host = options.host ?? '127.0.0.1';
  const users = new Map<string, StandInUser>();
  let current: StandInUser = { sub: 'google-dev-user', email: 'dev.user@example.com', emailVerified: true, name: 'Dev User' };
  users.set(current.sub, current);
  // Created once the port (and so the issuer) is known.
  const ready: { provider?: Provider } = {};

  const interact = async (req: IncomingMessage, res: ServerResponse, oidc: Provider) => {
    const details = await oidc.interactionDetails(req, res);
    const grant = new oidc.Grant({ accountId: current.sub, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await oidc.interactionFinished(
      req,
      res,
      { login: { accountId: current.sub }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  };
  const server = createServer((req, res) => {
    const { provider } = ready;
    if (!provider) return void res.writeHead(503).end();
    if (req.url?.startsWith('/interaction/'))
      return void interact(req, res, provider).catch(() => {
        if (!res.headersSent) res.writeHead(400).end('interaction failed');
      });
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;
  ready.provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: client.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    conformIdTokenClaims: false,
    findAccount: (_ctx: unknown, id: string) => {
      const user = users.get(id);
      return user && { accountId: id, claims: () => ({ sub: id, email: user.email, email_verified: user.emailVerified, name: user.name }) };
    },
    features: { devInteractions: { enabled: false } },
    ttl: { AuthorizationCode: 60, Interaction: 600, Grant: 600, Session: 3600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ['uxflow-oidc-stand-in'] },
  });

  return {
    issuer,
    /** The account the next authorization signs in as. */
    signInAs: (user: StandInUser) => {
      current = user;
      users.set(user.sub, user);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
