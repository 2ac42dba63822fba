import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../../kernel/index.ts';
import type { AppEnv } from '../env.ts';

const tooLarge = (maxBytes: number) => new DomainError('too_large', 'PAYLOAD_TOO_LARGE', { detail: `The body exceeds ${maxBytes} bytes.` });

/**
 * Refuses a body larger than `maxBytes` with 413 `PAYLOAD_TOO_LARGE`. Both hosts hand the app a
 * body they have already received whole (and inflated: the Functions Framework undoes
 * Content-Encoding), so a declared Content-Length over the limit is refused at once and every other
 * body is measured from its bytes, which Hono keeps for validation and the handler. Unlike
 * `hono/body-limit`, it never trusts the header alone and never opens the body as a stream.
 */
export const bodyLimit = (maxBytes: number) =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const declared = c.req.header('content-length');
    if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > maxBytes) throw tooLarge(maxBytes);
    if ((await c.req.arrayBuffer()).byteLength > maxBytes) throw tooLarge(maxBytes);
    return next();
  });
