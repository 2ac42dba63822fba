/**
 * How an action's entry is recorded. `must`: losing it is not acceptable (a change of who may do
 * what, a staff action, an export or erasure): recording throws, so the request or event fails
 * and is retried. `best`: high-volume refusals whose loss only thins the picture: a failure to
 * record is logged and the caller goes on.
 */
export type AuditDurability = 'must' | 'best';

/** The closed list of what the audit log records; an action not here cannot be recorded. */
export const auditActionCatalog = {
  // Sign-in and sessions (from the security events). A sign-in and the end of a session (logout,
  // logout everywhere, a deleted session, a password change or reset, a replayed refresh token)
  // are evidence of who held an account when: kept like a change of rights.
  'auth.signed_in': { category: 'sessions', durability: 'must' },
  'auth.session_ended': { category: 'sessions', durability: 'must' },
  'auth.login_failed': { category: 'authentication', durability: 'best' },
  'auth.account_locked': { category: 'authentication', durability: 'must' },
  'auth.totp_failed': { category: 'authentication', durability: 'best' },
  'auth.oauth_failed': { category: 'authentication', durability: 'best' },
  'auth.csrf_failed': { category: 'authentication', durability: 'best' },
  'auth.refresh_token_reused': { category: 'sessions', durability: 'must' },
  'auth.password_changed': { category: 'credentials', durability: 'must' },
  'auth.password_reset': { category: 'credentials', durability: 'must' },
  'auth.two_factor_enabled': { category: 'credentials', durability: 'must' },
  'auth.two_factor_disabled': { category: 'credentials', durability: 'must' },
  // Refusals (from the security events).
  'access.permission_denied': { category: 'access', durability: 'best' },
  'access.rate_limited': { category: 'access', durability: 'best' },
  'access.webhook_signature_invalid': { category: 'access', durability: 'best' },
  'apikey.misused': { category: 'api-keys', durability: 'best' },
  'apikey.used_from_new_network': { category: 'api-keys', durability: 'best' },
  // A key's first use (its first network): once per key, and the moment a leaked key would show.
  'apikey.first_used': { category: 'api-keys', durability: 'must' },
  // Data taken out (a flow, a personal export, a workspace's audit chain), from the security events.
  'data.exported': { category: 'privacy', durability: 'must' },
  // Workspace membership and roles (recorded by the workspace services).
  'member.role_changed': { category: 'membership', durability: 'must' },
  'member.removed': { category: 'membership', durability: 'must' },
  'member.left': { category: 'membership', durability: 'must' },
  'member.joined': { category: 'membership', durability: 'must' },
  'workspace.ownership_transferred': { category: 'membership', durability: 'must' },
  // API keys (recorded by the API-key service).
  'apikey.created': { category: 'api-keys', durability: 'must' },
  'apikey.revoked': { category: 'api-keys', durability: 'must' },
  'apikey.rotated': { category: 'api-keys', durability: 'must' },
  // Billing (recorded by the subscription sync).
  'billing.plan_changed': { category: 'billing', durability: 'must' },
  // Staff administration: platform roles (the staff CLI) and support impersonation.
  'staff.role_granted': { category: 'staff', durability: 'must' },
  'staff.role_revoked': { category: 'staff', durability: 'must' },
  'staff.impersonation_started': { category: 'staff', durability: 'must' },
  'staff.impersonation_ended': { category: 'staff', durability: 'must' },
  'staff.impersonation_request': { category: 'staff', durability: 'must' },
  'staff.impersonation_write_granted': { category: 'staff', durability: 'must' },
  // The audit log itself: who read, exported or checked it.
  'audit.listed': { category: 'staff', durability: 'must' },
  'audit.verified': { category: 'staff', durability: 'must' },
  'audit.exported': { category: 'privacy', durability: 'must' },
  // Security monitoring: staff reading alerts and incidents, and changing an incident.
  'security.alerts_listed': { category: 'staff', durability: 'must' },
  'security.incidents_listed': { category: 'staff', durability: 'must' },
  'security.incident_viewed': { category: 'staff', durability: 'must' },
  'security.incident_updated': { category: 'staff', durability: 'must' },
  // Privacy: an erasure carried out (its receipt written: the log keeps ids and hashes only).
  'privacy.subject_erased': { category: 'privacy', durability: 'must' },
  // Consent and erasure requests, by the person or by the DPO for them (the actor tells which).
  'privacy.consent_changed': { category: 'privacy', durability: 'must' },
  'privacy.erasure_requested': { category: 'privacy', durability: 'must' },
  'privacy.erasure_cancelled': { category: 'privacy', durability: 'must' },
  // The breach register (DPO and admins; the deadline alerts are the system's).
  'breach.reported': { category: 'staff', durability: 'must' },
  'breach.status_changed': { category: 'staff', durability: 'must' },
  'breach.blast_radius_assessed': { category: 'staff', durability: 'must' },
  'breach.notice_drafted': { category: 'staff', durability: 'must' },
  'breach.notice_edited': { category: 'staff', durability: 'must' },
  'breach.deadline_alert_raised': { category: 'privacy', durability: 'must' },
  // Staff reading the register (a blast radius names the people affected).
  'breach.listed': { category: 'staff', durability: 'must' },
  'breach.viewed': { category: 'staff', durability: 'must' },
  // Data-subject requests: exports, restrictions, and the DPO's handling of requests.
  'privacy.export_requested': { category: 'privacy', durability: 'must' },
  'privacy.export_downloaded': { category: 'privacy', durability: 'must' },
  'privacy.restriction_changed': { category: 'privacy', durability: 'must' },
  'privacy.requests_listed': { category: 'staff', durability: 'must' },
  'privacy.request_viewed': { category: 'staff', durability: 'must' },
  'privacy.request_created': { category: 'staff', durability: 'must' },
} as const satisfies Record<string, { category: string; durability: AuditDurability }>;

export type AuditAction = keyof typeof auditActionCatalog;
export const auditActions = Object.keys(auditActionCatalog) as [AuditAction, ...AuditAction[]];

export const durabilityOf = (action: AuditAction): AuditDurability => auditActionCatalog[action].durability;
