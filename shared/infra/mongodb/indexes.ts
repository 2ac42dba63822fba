import type { CreateIndexesOptions, IndexSpecification } from 'mongodb';

export interface IndexDefinition {
  collection: string;
  keys: IndexSpecification;
  options: CreateIndexesOptions & { name: string };
}

/**
 * Every index the code relies on, created by `npm run db:migrate` (never at cold start). Unique
 * indexes are the project's concurrency primitive: an insert that breaks one is the conflict.
 * Fields in unique indexes are always present (FerretDB lets documents missing them coexist).
 */
export const indexes: readonly IndexDefinition[] = [
  { collection: 'signing_keys', keys: { createdAt: -1 }, options: { name: 'signing_keys_created' } },
  { collection: 'users', keys: { email: 1 }, options: { name: 'users_email_unique', unique: true } },
  { collection: 'workspace_members', keys: { userId: 1 }, options: { name: 'workspace_members_user' } },
  { collection: 'workspace_members', keys: { workspaceId: 1 }, options: { name: 'workspace_members_workspace' } },
  { collection: 'workspaces', keys: { ownerId: 1 }, options: { name: 'workspaces_owner' } },
  // The workspace limit: a place is claimed by inserting `_id` = `<ownerId>:<number>:<generation>`; listed by owner.
  { collection: 'workspace_slots', keys: { ownerId: 1 }, options: { name: 'workspace_slots_owner' } },
  // Single use of an invitation rests on the membership `_id`; the token hash is unique so a lookup finds one.
  { collection: 'workspace_invitations', keys: { tokenHash: 1 }, options: { name: 'workspace_invitations_token_unique', unique: true } },
  { collection: 'workspace_invitations', keys: { workspaceId: 1 }, options: { name: 'workspace_invitations_workspace' } },
  { collection: 'sessions', keys: { userId: 1 }, options: { name: 'sessions_user' } },
  // The rotation commit point: token n + 1 of a family can be inserted once.
  { collection: 'refresh_tokens', keys: { familyId: 1, seq: 1 }, options: { name: 'refresh_tokens_family_seq_unique', unique: true } },
  // Claiming attempt n of an account is an insert unique on `_id` (`<email>#<n>`); the lockout reads
  // an account's newest attempts by number and an address's failures by time.
  { collection: 'login_attempts', keys: { email: 1, seq: -1 }, options: { name: 'login_attempts_email_seq' } },
  { collection: 'login_attempts', keys: { ip: 1, outcome: 1, at: -1 }, options: { name: 'login_attempts_ip_outcome_at' } },
  { collection: 'email_verifications', keys: { userId: 1 }, options: { name: 'email_verifications_user' } },
  // Single use of mailed tokens, backup codes and TOTP steps is an insert unique on `_id` (no extra index).
  { collection: 'password_resets', keys: { userId: 1 }, options: { name: 'password_resets_user' } },
  // The password-reset outbox: the delivery cron reads the oldest queued requests.
  { collection: 'password_reset_requests', keys: { requestedAt: 1 }, options: { name: 'password_reset_requests_requested' } },
  { collection: 'security_events', keys: { userId: 1 }, options: { name: 'security_events_user' } },
  // The outbox: the publisher cron reads the unpublished events by equality.
  { collection: 'security_events', keys: { published: 1 }, options: { name: 'security_events_published' } },
  { collection: 'api_keys', keys: { hash: 1 }, options: { name: 'api_keys_hash_unique', unique: true } },
  { collection: 'api_keys', keys: { workspaceId: 1 }, options: { name: 'api_keys_workspace' } },
  { collection: 'api_key_uses', keys: { keyId: 1 }, options: { name: 'api_key_uses_key' } },
  // OAuth: one link per provider account; single use of a state is an insert unique on `oauth_states_used._id`.
  {
    collection: 'oauth_identities',
    keys: { provider: 1, subject: 1 },
    options: { name: 'oauth_identities_provider_subject_unique', unique: true },
  },
  { collection: 'oauth_identities', keys: { userId: 1 }, options: { name: 'oauth_identities_user' } },
  // Flows: a write commits by inserting version n + 1; the duplicate key is the 412.
  {
    collection: 'flow_versions',
    keys: { flowId: 1, versionNumber: 1 },
    options: { name: 'flow_versions_flow_version_unique', unique: true },
  },
  { collection: 'flow_versions', keys: { flowId: 1 }, options: { name: 'flow_versions_flow' } },
  // The flow events outbox: the publisher cron reads the unpublished versions by equality.
  { collection: 'flow_versions', keys: { published: 1 }, options: { name: 'flow_versions_published' } },
  { collection: 'flows', keys: { workspaceId: 1 }, options: { name: 'flows_workspace' } },
  { collection: 'flow_snapshots', keys: { flowId: 1 }, options: { name: 'flow_snapshots_flow' } },
  { collection: 'flow_templates', keys: { workspaceId: 1 }, options: { name: 'flow_templates_workspace' } },
  // The template list pages a workspace's templates newest first (a sorted scan on FerretDB, this on MongoDB).
  {
    collection: 'flow_templates',
    keys: { workspaceId: 1, createdAt: -1, _id: -1 },
    options: { name: 'flow_templates_workspace_created' },
  },
  // The credit ledger: an entry commits by its insert, unique on the workspace's number; a repeated
  // idempotency key is the same insert failing on the second index (both fields always present).
  { collection: 'credit_ledger', keys: { workspaceId: 1, seq: 1 }, options: { name: 'credit_ledger_workspace_seq_unique', unique: true } },
  {
    collection: 'credit_ledger',
    keys: { workspaceId: 1, idempotencyKey: 1 },
    options: { name: 'credit_ledger_workspace_key_unique', unique: true },
  },
  { collection: 'credit_ledger', keys: { reservationId: 1 }, options: { name: 'credit_ledger_reservation' } },
  // The release cron reads the due reservations (a range: it scans on FerretDB, uses this on MongoDB).
  { collection: 'credit_reservation_intents', keys: { expiresAt: 1 }, options: { name: 'credit_reservation_intents_expires' } },
  { collection: 'billing_accounts', keys: { customerId: 1 }, options: { name: 'billing_accounts_customer_unique', unique: true } },
  { collection: 'subscription_snapshots', keys: { workspaceId: 1 }, options: { name: 'subscription_snapshots_workspace' } },
  // The Stripe event outbox (`_id` = event id stores each once): the publisher cron reads the unpublished by equality.
  { collection: 'stripe_events', keys: { published: 1 }, options: { name: 'stripe_events_published' } },
  // The grace cron reads failed-payment snapshots by status.
  { collection: 'subscription_snapshots', keys: { stripeStatus: 1 }, options: { name: 'subscription_snapshots_status' } },
  // The trial cron reads workspaces by trial end (a range: it scans on FerretDB).
  { collection: 'workspaces', keys: { trialEndsAt: 1 }, options: { name: 'workspaces_trial_ends' } },
  // Usage: a workspace's commits in a range of days, and one day's commits of every workspace for the
  // roll-up (ranges: indexes on MongoDB, bounded scans on FerretDB). `usage_daily` is read by `_id`.
  { collection: 'credit_ledger', keys: { workspaceId: 1, type: 1, at: 1 }, options: { name: 'credit_ledger_workspace_type_at' } },
  { collection: 'credit_ledger', keys: { type: 1, at: 1 }, options: { name: 'credit_ledger_type_at' } },
  // Knowledge: documents listed per workspace, newest first; the upload outbox reads by publishedAt and status.
  {
    collection: 'knowledge_documents',
    keys: { workspaceId: 1, createdAt: -1 },
    options: { name: 'knowledge_documents_workspace_created' },
  },
  { collection: 'knowledge_documents', keys: { publishedAt: 1 }, options: { name: 'knowledge_documents_published' } },
  { collection: 'knowledge_documents', keys: { status: 1 }, options: { name: 'knowledge_documents_status' } },
  // The usage ledger (plan limits): an entry commits by its `_id` (`<workspaceId>:<seq>`); a repeated change breaks this one.
  {
    collection: 'knowledge_usage',
    keys: { workspaceId: 1, key: 1 },
    options: { name: 'knowledge_usage_workspace_key_unique', unique: true },
  },
  { collection: 'knowledge_usage', keys: { workspaceId: 1, seq: -1 }, options: { name: 'knowledge_usage_workspace_seq' } },
];
