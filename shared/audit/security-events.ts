import type { SecurityEventData, SecurityEventType } from '../security/index.ts';
import type { AuditAction } from './actions.ts';
import type { AcceptedRecord } from './append.ts';
import type { AuditActor, AuditDetails, AuditOutcome } from './entry.ts';

/** Each security event type and the audit action it becomes (total: a new type fails the typecheck here). */
export const securityEventActions: Readonly<Record<SecurityEventType, { action: AuditAction; outcome: AuditOutcome }>> = {
  login_failed: { action: 'auth.login_failed', outcome: 'failure' },
  login_locked: { action: 'auth.account_locked', outcome: 'denied' },
  refresh_token_reused: { action: 'auth.refresh_token_reused', outcome: 'denied' },
  csrf_failed: { action: 'auth.csrf_failed', outcome: 'denied' },
  permission_denied: { action: 'access.permission_denied', outcome: 'denied' },
  api_key_misuse: { action: 'apikey.misused', outcome: 'denied' },
  rate_limited: { action: 'access.rate_limited', outcome: 'denied' },
  password_reset: { action: 'auth.password_reset', outcome: 'success' },
  password_changed: { action: 'auth.password_changed', outcome: 'success' },
  totp_failed: { action: 'auth.totp_failed', outcome: 'failure' },
  two_factor_enabled: { action: 'auth.two_factor_enabled', outcome: 'success' },
  two_factor_disabled: { action: 'auth.two_factor_disabled', outcome: 'success' },
  oauth_failed: { action: 'auth.oauth_failed', outcome: 'failure' },
  webhook_signature_invalid: { action: 'access.webhook_signature_invalid', outcome: 'denied' },
  api_key_new_network: { action: 'apikey.used_from_new_network', outcome: 'success' },
  signed_in: { action: 'auth.signed_in', outcome: 'success' },
  session_ended: { action: 'auth.session_ended', outcome: 'success' },
  data_exported: { action: 'data.exported', outcome: 'success' },
};

/** A key's first network is its first use: that event is the key's `apikey.first_used` entry. */
const actionOf = (event: SecurityEventData): { action: AuditAction; outcome: AuditOutcome } =>
  event.type === 'api_key_new_network' && event.details?.knownNetworks === 0
    ? { action: 'apikey.first_used', outcome: 'success' }
    : securityEventActions[event.type];

/** The actor of a security event: the key when one was used, the account when known, else anonymous. */
const actorOf = (event: SecurityEventData): AuditActor => {
  const keyId = event.details?.keyId;
  if ((event.type === 'api_key_misuse' || event.type === 'api_key_new_network') && keyId)
    return { type: 'apiKey', id: keyId, userId: event.userId ?? null };
  if (event.userId) return { type: 'user', id: event.userId, userId: event.userId };
  return { type: 'anonymous', id: null, userId: null };
};

/**
 * A security event as an audit record, keyed by the event id (a redelivery records nothing more).
 * The address is personal (pseudonymised in the chain); the details are the event's allow-list
 * (codes, ids, route patterns), never secrets.
 */
export const securityEventRecord = (event: SecurityEventData): AcceptedRecord => {
  const { action, outcome } = actionOf(event);
  const details: AuditDetails = {
    securityEvent: event.id,
    ...(event.details ?? {}),
    // An aggregated refusal stands for `count` identical ones.
    ...(event.count === undefined ? {} : { count: event.count }),
  };
  return {
    key: event.id,
    at: new Date(event.at),
    action,
    outcome,
    actor: actorOf(event),
    target: event.userId ? { type: 'user', id: event.userId } : null,
    workspaceId: event.workspaceId ?? null,
    details,
    ...(event.ip ? { personal: { ip: event.ip }, subjectId: event.userId ?? null } : {}),
  };
};
