import { createRoute, z } from '@hono/zod-openapi';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { blastRadiusSchema, breachParams, scopeFields, toRadiusBody, toWindow, windowSchema } from './lib/breach-schemas.ts';
import { staffActorId } from './lib/breach-staff.ts';

const body = z
  .object({ functions: scopeFields.functions.optional(), stores: scopeFields.stores.optional(), window: windowSchema.optional() })
  .openapi('BreachScope', { description: 'What to assess; each member left out is taken from the breach as reported' });

const route = createRoute({
  method: 'post',
  path: '/v1/admin/breaches/{breachId}/blast-radius',
  tags: ['privacy'],
  summary: 'Compute (and keep) who a breach affects (DPO)',
  request: { params: breachParams, body: { required: false, content: { 'application/json': { schema: body } } } },
  responses: {
    200: json('The affected users and workspaces, from the deployment graph and the request log', blastRadiusSchema),
    400: problem('VALIDATION_FAILED, BREACH_SCOPE_REQUIRED, BREACH_SCOPE_UNKNOWN or BREACH_WINDOW_INVALID'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
    404: problem('BREACH_NOT_FOUND'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description:
    'Computes a breach’s blast radius: the functions that reach the stores involved (deployment graph), then the users and workspaces that called them in the window (request log); kept and audited.',
  route,
  // A long window over a busy function reads many records: the batch budget.
  timeoutSeconds: 300,
  handler: async (c) => {
    const asked = c.req.valid('json') ?? {};
    const { seq, radius } = await c.var.use(breachRegister).investigation.assess(staffActorId(c.var.auth), c.req.valid('param').breachId, {
      ...(asked.functions ? { functions: asked.functions } : {}),
      ...(asked.stores ? { stores: asked.stores } : {}),
      ...(asked.window ? { window: toWindow(asked.window) } : {}),
    });
    c.header('cache-control', 'no-store');
    return c.json(toRadiusBody(seq, radius), 200);
  },
});
