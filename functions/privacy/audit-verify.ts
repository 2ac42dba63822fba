import { createRoute } from '@hono/zod-openapi';
import { auditKeys } from '../../shared/infra/audit/audit-keys-resource.ts';
import { auditReader } from '../../shared/infra/audit/audit-resources.ts';
import { defineHttpFunction } from '../../shared/platform/definition/index.ts';
import { json, problem } from '../../shared/platform/http/schemas.ts';
import { auditStaffFunction } from './lib/audit-function.ts';
import { staffActor, verifyReportSchema } from './lib/audit-schemas.ts';

const route = createRoute({
  method: 'get',
  path: '/v1/admin/audit/verify',
  tags: ['privacy'],
  summary: 'Verify every audit chain and its signed checkpoints (staff)',
  responses: {
    200: json('Whether every chain verifies, the first entry that does not, and the public keys used', verifyReportSchema),
    403: problem('PERMISSION_DENIED: the platform role support, dpo or admin is needed'),
  },
});

export default defineHttpFunction({
  ...auditStaffFunction,
  uses: [auditReader, auditKeys],
  description:
    'Recomputes every audit chain from its first entry and checks each signed checkpoint with the published keys; names the first entry that does not verify.',
  route,
  // A long chain takes a while to hash: give it the batch budget.
  timeoutSeconds: 300,
  handler: async (c) => {
    const report = await c.var.use(auditReader).verifyAll(staffActor(c.var.auth));
    return c.json({ ...report, keys: await c.var.use(auditKeys).publicKeys() }, 200);
  },
});
