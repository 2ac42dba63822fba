import { z } from 'zod';
import { webUrlSchema } from '../../kernel/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';

const baseUrl = z
  .string()
  .url()
  .transform((url) => url.replace(/\/+$/, ''));

/** Loopback stand-ins started by `npm run services -- up` (scripts/services/oauth-stand-ins.ts). */
export const oauthStandInPorts = { google: 9400, github: 9401 } as const;

/** Sign-in with Google (OIDC) and GitHub (OAuth 2.0). Defaults are the real providers; development uses the stand-ins. */
export const oauthConfig = defineConfig({
  name: 'oauth',
  shape: {
    /** Comma-separated exact URLs a client may ask to be sent back to after sign-in. */
    OAUTH_REDIRECT_URIS: z
      .string()
      .transform((list) =>
        list
          .split(',')
          .map((uri) => uri.trim())
          .filter((uri) => uri.length > 0),
      )
      .pipe(z.array(webUrlSchema({ http: true })).min(1)),
    /** Our public API base URL: the providers call back to `<base>/v1/auth/oauth/<provider>/callback`. */
    OAUTH_CALLBACK_BASE_URL: baseUrl,
    /** The OIDC issuer; endpoints come from `<issuer>/.well-known/openid-configuration`. */
    GOOGLE_ISSUER: baseUrl.default('https://accounts.google.com'),
    GOOGLE_CLIENT_ID: z.string().min(1),
    GOOGLE_CLIENT_SECRET: z.string().min(1),
    GITHUB_AUTHORIZE_URL: z.string().url().default('https://github.com/login/oauth/authorize'),
    GITHUB_TOKEN_URL: z.string().url().default('https://github.com/login/oauth/access_token'),
    GITHUB_API_URL: baseUrl.default('https://api.github.com'),
    GITHUB_CLIENT_ID: z.string().min(1),
    GITHUB_CLIENT_SECRET: z.string().min(1),
  },
  devDefaults: {
    OAUTH_REDIRECT_URIS: 'http://localhost:5173/auth/callback',
    OAUTH_CALLBACK_BASE_URL: 'http://localhost:3000',
    GOOGLE_ISSUER: `http://127.0.0.1:${oauthStandInPorts.google}`,
    GOOGLE_CLIENT_ID: 'uxflow-dev',
    GOOGLE_CLIENT_SECRET: 'uxflow-dev-google-secret',
    GITHUB_AUTHORIZE_URL: `http://127.0.0.1:${oauthStandInPorts.github}/login/oauth/authorize`,
    GITHUB_TOKEN_URL: `http://127.0.0.1:${oauthStandInPorts.github}/login/oauth/access_token`,
    GITHUB_API_URL: `http://127.0.0.1:${oauthStandInPorts.github}`,
    GITHUB_CLIENT_ID: 'uxflow-dev-github',
    GITHUB_CLIENT_SECRET: 'uxflow-dev-github-secret',
  },
});

export type OAuthConfig = z.infer<z.ZodObject<typeof oauthConfig.shape>>;
