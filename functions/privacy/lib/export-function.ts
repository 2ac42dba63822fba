import { z } from '@hono/zod-openapi';
import { jwt } from '../../../shared/infra/auth/jwt-authenticator.ts';
import { auditLog } from '../../../shared/infra/audit/audit-log-resource.ts';
import { privacyExports } from '../../../shared/infra/privacy/exports-resource.ts';
import { rateLimited } from '../../../shared/infra/upstash/rate-limiter-resource.ts';
import { authenticated, type HttpPreset, type Privacy } from '../../../shared/platform/definition/index.ts';
import type { ExportView } from '../../../shared/privacy/index.ts';

/** Everything held about a person goes through an export: every category. */
export const exportPrivacy = {
  personalData: ['identity', 'contact', 'usage', 'content', 'billing', 'network', 'security'],
  purpose: 'give people a copy of everything held about them (the rights of access and to data portability)',
  legalBasis: 'legal-obligation',
} satisfies Privacy;

/** The caller's own exports, with a user token. */
export const exportFunction = {
  access: authenticated(jwt, 'self'),
  rateLimit: rateLimited.api,
  uses: [privacyExports, auditLog],
  costTags: { team: 'privacy', costCenter: 'cc-privacy', tier: 'standard' },
  privacy: exportPrivacy,
} satisfies HttpPreset;

export const exportViewSchema = z
  .object({
    id: z.string(),
    state: z.enum(['pending', 'ready', 'failed', 'expired']),
    requestedAt: z.string().datetime(),
    completedAt: z.string().datetime().nullable(),
    expiresAt: z
      .string()
      .datetime()
      .nullable()
      .openapi({ description: 'When the download link stops working (24 hours after it is built)' }),
    bytes: z.number().int().nullable(),
    downloadUrl: z
      .string()
      .nullable()
      .openapi({ description: 'Ready exports: a signed link (a path on this API) to the ZIP; no token needed, valid until expiresAt' }),
  })
  .openapi('PrivacyExport');

export const toExportBody = (view: ExportView): z.output<typeof exportViewSchema> => ({
  ...view,
  requestedAt: view.requestedAt.toISOString(),
  completedAt: view.completedAt?.toISOString() ?? null,
  expiresAt: view.expiresAt?.toISOString() ?? null,
});
