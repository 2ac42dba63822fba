import { createMiddleware } from 'hono/factory';
import type { HttpFunctionDefinition } from '../../definition/define.ts';
import { clientIpOf } from '../../rate-limit/rules.ts';
import type { Runtime } from '../../runtime.ts';
import type { AppEnv } from '../env.ts';

/**
 * Enforces a definition's access decision. Public and signature-checked functions pass (the
 * signature is the handler's job: it needs the raw body). Otherwise the authenticator the
 * decision carries establishes the caller and checks the declared permission, against the
 * workspace named in the path when there is one.
 */
export const accessGuard = (definition: Pick<HttpFunctionDefinition, 'access' | 'route'>, runtime: Runtime) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { access } = definition;
    if (access.type === 'public' || access.type === 'signature') return next();
    const auth = await runtime.use(access.authenticator).authenticate({
      authorization: c.req.header('authorization'),
      method: c.req.method,
      // The route pattern, never the path: paths can carry tokens (`/v1/invitations/{token}/accept`).
      path: definition.route.path,
      ip: clientIpOf(c.req.header('x-forwarded-for')),
      workspaceId: c.req.param('workspaceId'),
      access,
    });
    c.set('auth', auth);
    c.set('log', c.var.log.child({ userId: auth.userId }));
    return next();
  });
