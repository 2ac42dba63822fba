import { z } from '@hono/zod-openapi';
import { oauthProviders } from '../../../shared/identity/index.ts';
import { userSchema } from './schemas.ts';
import type { Privacy } from '../../../shared/platform/definition/index.ts';

export const providerParamsSchema = z.object({
  provider: z.enum(oauthProviders).openapi({ param: { name: 'provider', in: 'path' }, example: 'google' }),
});

export const oauthSignedInSchema = z
  .object({
    user: userSchema,
    accessToken: z.string(),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
    refreshToken: z.string().openapi({ description: 'Given only in this JSON answer; the browser answer sets cookies instead' }),
    redirectUri: z.string().url(),
    isNewUser: z.boolean(),
  })
  .openapi('OAuthSignedIn');

export const oauthPrivacy = {
  personalData: ['identity', 'contact', 'credentials', 'network'],
  purpose: 'sign the user in with an external identity provider and link it to the account',
  legalBasis: 'contract',
} satisfies Privacy;
