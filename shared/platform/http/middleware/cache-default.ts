import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';

/**
 * Every response that does not say how it may be cached gets `Cache-Control: no-store`: API
 * answers carry workspace data, and a CDN or proxy must never keep one by default. The public
 * endpoints meant for a CDN (plans, templates, JWKS) set their own header; an error answer is
 * always `no-store`.
 */
export const cacheDefault = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    // A failed request is never cacheable, whatever its handler had set before it threw.
    if (c.error !== undefined || !c.res.headers.has('cache-control')) c.header('cache-control', 'no-store');
  });
