import { oauthConfig, oauthStandInPorts } from '../../../shared/infra/oauth/oauth-config.ts';
import { isEntryModule } from '../paths.ts';
import { startGitHubStandIn } from './github-stand-in.ts';
import { startOidcStandIn } from './oidc-stand-in.ts';

/**
 * Both OAuth stand-ins on their development ports, with the clients `.env.example` configures
 * (read from the fragment's development values, so the two cannot drift apart).
 */
export const startOAuthStandIns = async (host = '127.0.0.1') => {
  const dev = oauthConfig.devDefaults as Record<string, string>;
  const callback = (provider: string) => [`${dev.OAUTH_CALLBACK_BASE_URL}/v1/auth/oauth/${provider}/callback`];
  const [google, github] = await Promise.all([
    startOidcStandIn(
      { clientId: dev.GOOGLE_CLIENT_ID!, clientSecret: dev.GOOGLE_CLIENT_SECRET!, redirectUris: callback('google') },
      { host, port: oauthStandInPorts.google },
    ),
    startGitHubStandIn(
      { clientId: dev.GITHUB_CLIENT_ID!, clientSecret: dev.GITHUB_CLIENT_SECRET!, redirectUris: callback('github') },
      { host, port: oauthStandInPorts.github },
    ),
  ]);
  return { close: () => Promise.all([google.close(), github.close()]) };
};

if (isEntryModule(import.meta.url)) {
  const standIns = await startOAuthStandIns();
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void standIns.close().finally(() => process.exit(0));
    });
  }
}
