import { z } from '@hono/zod-openapi';

/** A TOTP code (6 digits) or a backup code (`xxxx-xxxx-xxxx-xxxx`); spaces and dashes are ignored. */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(6)
  .max(40)
  .openapi({ description: 'A 6-digit TOTP code or a backup code', example: '123456' });
