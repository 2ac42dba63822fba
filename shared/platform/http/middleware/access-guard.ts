import { createMiddleware } from 'hono/factory';
import { DomainError } from '../../../kernel/index.ts';
import type { Access } from '../../definition/metadata.ts';

/**
 * Enforces a definition's access decision. Public and signature-checked functions pass (the
 * signature is the handler's job: it needs the raw body). Token and API-key authentication
 * arrive with the identity domain; until then such functions answer 501 rather than run unguarded.
 */
export const accessGuard = (access: Access) =>
  createMiddleware(async (_c, next) => {
    if (access.type === 'public' || access.type === 'signature') return next();
    throw new DomainError('not_implemented', 'AUTHENTICATION_NOT_AVAILABLE', {
      detail: 'Authentication is not available yet; this endpoint cannot be served.',
    });
  });
