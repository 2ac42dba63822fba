import { DomainError } from '../kernel/index.ts';

export const auditErrors = {
  /** The chain stayed contended past the deadline: the caller retries (a request answers 503). */
  busy: () => new DomainError('unavailable', 'AUDIT_LOG_BUSY', { detail: 'The audit log is busy; try again.' }),
  /** A record that is not an entry (a bug in the caller, never outside input). */
  invalidRecord: (detail: string) => new DomainError('invalid', 'AUDIT_RECORD_INVALID', { detail }),
  /** The workspace audit log is an enterprise feature: 402 with the upgrade link, like the other plan limits. */
  planRequired: (plan: string, upgradeUrl: string) =>
    new DomainError('payment_required', 'AUDIT_LOG_PLAN_REQUIRED', {
      detail: 'The workspace audit log comes with the enterprise plan.',
      extensions: { plan, requiredPlan: 'enterprise', upgradeUrl },
    }),
  workspaceNotFound: () => new DomainError('not_found', 'WORKSPACE_NOT_FOUND', { detail: 'No such workspace.' }),
};
