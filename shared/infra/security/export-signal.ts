import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { clientIpOf } from '../../platform/rate-limit/rules.ts';
import { securityEvents } from '../mongodb/security-events-resource.ts';

/** What was exported: the `reason` of the `data_exported` security event. */
export type ExportKind = 'flow_export' | 'privacy_export' | 'audit_export';

/**
 * Records that the caller took data out (the `mass_export` rule counts these per account). Best
 * effort, like the other request-pipeline events: a store failure is logged, the download goes on.
 * The function must list `securityEvents` in its `uses`.
 */
export const recordExport = async (c: Context<AppEnv>, kind: ExportKind, workspaceId?: string): Promise<void> => {
  const auth = c.var.auth;
  await c.var.use(securityEvents).record({
    type: 'data_exported',
    at: new Date(),
    userId: auth.userId,
    ...(workspaceId ? { workspaceId } : {}),
    ip: clientIpOf(c.req.header('x-forwarded-for')),
    details: { reason: kind, ...(auth.via === 'apiKey' ? { keyId: auth.sessionId } : {}) },
  });
};
