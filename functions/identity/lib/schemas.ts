import { z } from '@hono/zod-openapi';
import { emailSchema, passwordMaxLength } from '../../../shared/identity/index.ts';

export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string(), emailVerified: z.boolean() }).openapi('User');
/** The caller's own account (`GET /v1/me`, `PATCH /v1/me`). */
export const meSchema = userSchema.extend({ createdAt: z.string().datetime() }).openapi('Me');

/** The e-mail as accepted: trimmed and lower-cased before it is checked. */
export const emailInputSchema = emailSchema.openapi({ type: 'string', format: 'email', example: 'ada@example.com' });
/** Length and commonness are the password policy's to judge (WEAK_PASSWORD); this only bounds the input. */
export const passwordInputSchema = z
  .string()
  .min(1)
  .max(passwordMaxLength * 4);

/** `cookie` (default): the refresh token in an httpOnly cookie; `body`: in the answer, for non-browser clients. */
export const refreshTokenInSchema = z.enum(['cookie', 'body']).default('cookie');

export const authResultSchema = z
  .object({
    user: userSchema,
    accessToken: z.string(),
    expiresIn: z.number().int().openapi({ description: 'Seconds until the access token expires' }),
    refreshToken: z.string().optional().openapi({ description: 'Only when `refreshTokenIn` is `body`' }),
  })
  .openapi('AuthResult');

/** The answer body of a login or registration, with the refresh token in it only when asked for. */
export const authBody = (
  result: { user: z.infer<typeof userSchema>; accessToken: string; expiresIn: number; refreshToken: string },
  refreshTokenIn: 'cookie' | 'body',
) => ({
  user: result.user,
  accessToken: result.accessToken,
  expiresIn: result.expiresIn,
  ...(refreshTokenIn === 'body' ? { refreshToken: result.refreshToken } : {}),
});

export const identityCostTags = { team: 'identity', costCenter: 'cc-identity', tier: 'critical' } as const;
