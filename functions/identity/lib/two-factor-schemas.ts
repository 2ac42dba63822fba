import { z } from '@hono/zod-openapi';
import { passwordInputSchema } from './schemas.ts';

/** A TOTP code (6 digits) or a backup code (`xxxx-xxxx-xxxx-xxxx`); spaces and dashes are ignored. */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(6)
  .max(40)
  .openapi({ description: 'A 6-digit TOTP code or a backup code', example: '123456' });

/** Turning 2FA on or off: the code, and the account's password (accounts without one: a recent sign-in instead). */
export const twoFactorChangeSchema = z.object({
  code: secondFactorCodeSchema,
  password: passwordInputSchema.optional().openapi({ description: 'The account password; required unless the account has none' }),
});
