import { createRoute, z } from '@hono/zod-openapi';
import { staffActorId } from './lib/breach-staff.ts';
import { breachRegister } from '../../shared/infra/privacy/breach-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, jsonBody, problem } from '../../shared/platform/http/schemas.ts';
import { breachFunction } from './lib/breach-function.ts';
import { breachSchema, dataClassesSchema, scopeFields, toBreachBody, toWindow, windowSchema } from './lib/breach-schemas.ts';

const body = z
  .object({
    awareAt: z.iso.datetime({ offset: true }).openapi({ description: 'When the organisation became aware: the 72 hours run from here' }),
    description: z.string().trim().min(10).max(4000),
    dataClasses: dataClassesSchema,
    functions: scopeFields.functions.default([]),
    stores: scopeFields.stores.default([]),
    window: windowSchema.optional(),
    status: z.enum(['suspected', 'confirmed']).default('suspected'),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .openapi('BreachReport');

const route = createRoute({
  method: 'post',
  path: '/v1/admin/breaches',
  tags: ['privacy'],
  summary: 'Register a personal-data breach (DPO)',
  request: { body: jsonBody(body) },
  responses: {
    201: json('The breach, with its authority deadline', breachSchema),
    400: problem('VALIDATION_FAILED, BREACH_AWARENESS_IN_FUTURE or BREACH_WINDOW_INVALID'),
    403: problem('PERMISSION_DENIED: the platform role dpo or admin is needed'),
  },
});

export default defineHttpFunction({
  ...breachFunction,
  description: 'Registers a breach (awareness time, description, data classes, the functions, stores and window involved); audited.',
  route,
  handler: async (c) => {
    const input = c.req.valid('json');
    const breach = await c.var.use(breachRegister).register.report(staffActorId(c.var.auth), {
      awareAt: new Date(input.awareAt),
      description: input.description,
      dataClasses: input.dataClasses,
      functions: input.functions,
      stores: input.stores,
      window: input.window ? toWindow(input.window) : null,
      status: input.status,
      note: input.note ?? null,
    });
    return c.json(toBreachBody(breach), 201);
  },
});
