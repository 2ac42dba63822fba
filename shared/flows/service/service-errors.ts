import { DomainError, type ErrorKind } from '../../kernel/index.ts';
import type { FlowIssue } from '../issues.ts';
import type { Plan } from '../../workspaces/index.ts';

const fail = (kind: ErrorKind, code: string, detail: string, extensions?: Record<string, unknown>) =>
  new DomainError(kind, code, { detail, ...(extensions ? { extensions } : {}) });

/** Where a workspace's owners upgrade its plan (the 402 answers carry it). */
export const flowUpgradeUrl = (appUrl: string, workspaceId: string): string =>
  `${appUrl}/workspaces/${encodeURIComponent(workspaceId)}/billing/upgrade`;

export type FlowQuotaCode = 'FLOW_LIMIT_REACHED' | 'NODE_LIMIT_REACHED' | 'SNAPSHOT_LIMIT_REACHED';

const quotaText: Record<FlowQuotaCode, (plan: Plan, limit: number) => string> = {
  FLOW_LIMIT_REACHED: (plan, limit) => `The ${plan} plan allows ${limit} flow(s) per workspace.`,
  NODE_LIMIT_REACHED: (plan, limit) => `The ${plan} plan allows ${limit} nodes per flow.`,
  SNAPSHOT_LIMIT_REACHED: (plan, limit) => `The ${plan} plan keeps ${limit} versions per flow; named snapshots count against it.`,
};

export const flowServiceErrors = {
  notFound: () => fail('not_found', 'FLOW_NOT_FOUND', 'No such flow.'),
  versionNotFound: (versionNumber: number) =>
    fail('not_found', 'VERSION_NOT_FOUND', `Version ${versionNumber} does not exist or was pruned.`, { versionNumber }),
  templateNotFound: () => fail('not_found', 'TEMPLATE_NOT_FOUND', 'No such template.'),
  denied: (permission: string) => fail('forbidden', 'PERMISSION_DENIED', `Your role lacks ${permission}.`, { permission }),
  ifMatchRequired: () =>
    fail(
      'precondition_required',
      'IF_MATCH_REQUIRED',
      'Send the ETag you read as If-Match (e.g. If-Match: "v3"); writes without it are refused.',
    ),
  versionConflict: (currentVersion: number) =>
    fail('precondition', 'VERSION_CONFLICT', `The flow is at version ${currentVersion}; re-read it and apply your change again.`, {
      currentVersion,
      etag: `"v${currentVersion}"`,
    }),
  invalidDocument: (errors: FlowIssue[], warnings: FlowIssue[]) =>
    fail('unprocessable', 'FLOW_INVALID', `The resulting flow breaks ${errors.length} rule(s); nothing was changed.`, { errors, warnings }),
  notDeleted: () => fail('conflict', 'FLOW_NOT_DELETED', 'The flow is not deleted.'),
  snapshotNameTaken: (name: string) => fail('conflict', 'SNAPSHOT_NAME_TAKEN', `The flow already has a snapshot named "${name}".`),
  busy: () => fail('unavailable', 'FLOW_BUSY', 'The flow is being changed by others right now; try again.'),
  quota: (code: FlowQuotaCode, figures: { limit: number; current: number; plan: Plan; upgradeUrl: string }) =>
    fail('payment_required', code, quotaText[code](figures.plan, figures.limit), { ...figures }),
};
