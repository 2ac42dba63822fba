import { emailIndex } from '../crypto/blind-index.ts';
import { fieldSealer } from '../crypto/field-sealer.ts';
import { createOAuthLogin, createSessionService, type OAuthLogin } from '../../identity/index.ts';
import { createLedger } from '../../billing/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { ledgerPorts } from '../billing/ledger-resource.ts';
import { withTrialCredits } from '../billing/trial-credits-at-signup.ts';
import { accessTokens } from '../jose/access-tokens.ts';
import { createPersonalWorkspaceStore, createSecurityEventStore } from '../mongodb/identity-misc-stores.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { twoFactorStore } from '../mongodb/two-factor-store.ts';
import { createRefreshTokenStore } from '../mongodb/refresh-token-store.ts';
import { createSessionStore } from '../mongodb/session-store.ts';
import { createUserStore } from '../mongodb/user-store.ts';
import { createGitHubClient } from './github-client.ts';
import { createGoogleClient } from './google-client.ts';
import { oauthConfig } from './oauth-config.ts';
import { createOAuthIdentityStore } from './oauth-identity-store.ts';
import { createOAuthStateStore } from './oauth-state-store.ts';

/** Sign-in with Google and GitHub, wired to MongoDB, the access-token signer and the providers from config. */
export const oauthLogin = defineResource({
  name: 'oauth-login',
  config: oauthConfig,
  recipient: {
    name: 'Google, GitHub',
    role: 'sign-in identity providers (independent controllers: they receive the sign-in request)',
    transfer: 'USA, at the person’s own choice of provider',
  },
  requires: [mongo, fieldSealer, emailIndex, ledgerPorts, accessTokens, twoFactorStore],
  create: (config, { use, log }): OAuthLogin => {
    const { db } = use(mongo);
    const clock = { now: () => new Date() };
    const securityEvents = createSecurityEventStore(db);
    const sessions = createSessionService({
      sessions: createSessionStore(db),
      refreshTokens: createRefreshTokenStore(db),
      accessTokens: use(accessTokens),
      securityEvents,
      clock,
    });
    return createOAuthLogin({
      states: createOAuthStateStore(db),
      identities: createOAuthIdentityStore(db, use(fieldSealer)),
      users: createUserStore(db, use(fieldSealer), use(emailIndex)),
      workspaces: withTrialCredits(createPersonalWorkspaceStore(db), createLedger(use(ledgerPorts)), log),
      sessions,
      hasSecondFactor: async (userId) => (await use(twoFactorStore).findActive(userId)) !== null,
      securityEvents,
      clock,
      redirectUris: config.OAUTH_REDIRECT_URIS,
      callbackBaseUrl: config.OAUTH_CALLBACK_BASE_URL,
      providers: {
        google: createGoogleClient({
          issuer: config.GOOGLE_ISSUER,
          clientId: config.GOOGLE_CLIENT_ID,
          clientSecret: config.GOOGLE_CLIENT_SECRET,
        }),
        github: createGitHubClient({
          authorizeUrl: config.GITHUB_AUTHORIZE_URL,
          tokenUrl: config.GITHUB_TOKEN_URL,
          apiUrl: config.GITHUB_API_URL,
          clientId: config.GITHUB_CLIENT_ID,
          clientSecret: config.GITHUB_CLIENT_SECRET,
        }),
      },
    });
  },
});
