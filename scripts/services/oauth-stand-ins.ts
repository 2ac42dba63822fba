import { join } from 'node:path';
import { oauthStandInPorts } from '../../shared/infra/oauth/oauth-config.ts';
import { requirePackage } from './install.ts';
import { repoRoot } from './paths.ts';
import { httpProbe } from './probe.ts';
import { spawnDetached } from './process.ts';
import type { Service } from './service.ts';

const host = '127.0.0.1';

/**
 * The sign-in providers on loopback: oidc-provider as Google (OIDC) and a GitHub stand-in. Their
 * variables are the oauth fragment's development values; setting GOOGLE_ISSUER uses a real provider.
 */
export const oauthStandIns: Service = {
  name: 'oauth',
  description: 'OAuth stand-ins: oidc-provider as Google, a GitHub OAuth/REST stand-in (Node)',
  address: `http://${host}:${oauthStandInPorts.google} (OIDC), http://${host}:${oauthStandInPorts.github} (GitHub)`,
  overrideVar: 'GOOGLE_ISSUER',
  env: {},
  probe: async () =>
    (await httpProbe(`http://${host}:${oauthStandInPorts.google}/.well-known/openid-configuration`)) &&
    httpProbe(`http://${host}:${oauthStandInPorts.github}/user`, {}, (status) => status === 401),
  install: async () => {
    requirePackage('oauth', 'oidc-provider');
  },
  start: () =>
    spawnDetached({
      name: 'oauth',
      command: process.execPath,
      args: [join(repoRoot, 'scripts', 'services', 'oauth-stand-ins', 'server.ts')],
      env: { ...process.env },
    }),
  startTimeoutMs: 20_000,
};
