import type { Context } from 'hono';
import { emailSchema } from '../../../shared/identity/index.ts';
import type { AppEnv } from '../../../shared/platform/http/env.ts';

/**
 * The per-account rate-limit key of a request whose JSON body names an e-mail: the address as
 * accounts store it (trimmed, lower-cased). Hono caches the parsed body, so validation reads it
 * again for free; a body that is not JSON or has no valid e-mail gives no key (per-IP limits only).
 */
export const emailRateLimitKey = async (c: Context<AppEnv>): Promise<string | null> => {
  const body = (await c.req.json().catch(() => null)) as { email?: unknown } | null;
  const email = emailSchema.safeParse(body?.email);
  return email.success ? email.data : null;
};
