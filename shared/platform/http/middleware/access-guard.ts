import { createMiddleware } from 'hono/factory';
import type { HttpFunctionDefinition } from '../../definition/define.ts';
import { clientIpOf } from '../../rate-limit/rules.ts';
import type { Runtime } from '../../runtime.ts';
import type { AppEnv } from '../env.ts';
import { withinRefusalLimit } from './refusal-limit.ts';

/**
 * Enforces a definition's access decision. Public and signature-checked functions pass (the
 * signature is the handler's job: it needs the raw body). Otherwise, unless the client address
 * has used up its refused authentications (429, see refusal-limit.ts), the authenticator the
 * decision carries establishes the caller and checks the declared permission, against the
 * workspace named in the path when there is one.
 */
export const accessGuard = (definition: Pick<HttpFunctionDefinition, 'access' | 'route'>, runtime: Runtime) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { access } = definition;
    if (access.type === 'public' || access.type === 'signature') return next();
    const ip = clientIpOf(c.req.header('x-forwarded-for'));
    const auth = await withinRefusalLimit(c, runtime.use(access.limiter), { ip, functionName: runtime.name }, () =>
      runtime.use(access.authenticator).authenticate({
        authorization: c.req.header('authorization'),
        method: c.req.method,
        // The route pattern, never the path: paths can carry tokens (`/v1/invitations/{token}/accept`).
        path: definition.route.path,
        ip,
        workspaceId: c.req.param('workspaceId'),
        access,
      }),
    );
    if (auth instanceof Response) return auth;
    c.set('auth', auth);
    c.set('log', c.var.log.child({ userId: auth.userId }));
    return next();
  });
