import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../../kernel/index.ts';
import type { AppEnv } from '../env.ts';

const tooLarge = (maxBytes: number) => new DomainError('too_large', 'PAYLOAD_TOO_LARGE', { detail: `The body exceeds ${maxBytes} bytes.` });

/**
 * Refuses a body larger than `maxBytes` with 413 `PAYLOAD_TOO_LARGE`. Both hosts hand the app a
 * body they have already received whole, so a declared Content-Length is checked first and
 * anything else (chunked) is measured from the bytes, which Hono keeps for validation and the
 * handler. Unlike `hono/body-limit`, it never opens the request as a stream.
 */
export const bodyLimit = (maxBytes: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    const trusted = declared !== undefined && /^\d+$/.test(declared) && c.req.header('transfer-encoding') === undefined;
    const size = trusted ? Number(declared) : (await c.req.arrayBuffer()).byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    return next();
  });
