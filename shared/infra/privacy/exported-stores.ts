import type { CollectionDeclaration } from '../mongodb/collection.ts';
import { aiJobCollection, aiJobStepCollection, aiMessageCollection } from '../mongodb/ai-job-stores.ts';
import { aiProposalCollection, aiProposalOutcomeCollection } from '../mongodb/ai-proposal-stores.ts';
import { apiKeyCollection } from '../mongodb/api-key-store.ts';
import { apiKeyNetworkCollection } from '../mongodb/api-key-store.ts';
import { breachCollection, breachStatusCollection } from '../mongodb/breach-stores.ts';
import { breachNoticeCollection } from '../mongodb/breach-investigation-stores.ts';
import { functionCallCollection } from '../mongodb/function-call-store.ts';
import { securityAlertCollection } from '../mongodb/security-alert-store.ts';
import { securityIncidentChangeCollection, securityIncidentCollection } from '../mongodb/security-incident-store.ts';
import { securitySignalCollection } from '../mongodb/security-signal-store.ts';
import { inactivityNoticeCollection } from './retention-accounts.ts';
import { auditLogCollection } from '../mongodb/audit-entry-store.ts';
import { auditPersonalCollection } from '../mongodb/audit-side-stores.ts';
import { billingAccountCollection } from '../mongodb/billing-account-store.ts';
import { consentEntryCollection } from '../mongodb/consent-store.ts';
import { erasureRequestCollection } from '../mongodb/erasure-store.ts';
import { exportJobCollection, exportResultCollection } from '../mongodb/export-store.ts';
import { flowHeadCollection } from '../mongodb/flow-head-store.ts';
import { flowSnapshotCollection } from '../mongodb/flow-snapshot-store.ts';
import { flowTemplateCollection } from '../mongodb/flow-template-store.ts';
import { flowVersionCollection } from '../mongodb/flow-version-store.ts';
import { invitationCollection } from '../mongodb/invitation-store.ts';
import { knowledgeDocumentCollection } from '../mongodb/knowledge-document-store.ts';
import { knowledgeContentCollection } from '../mongodb/knowledge-stores.ts';
import { ledgerCollection } from '../mongodb/ledger-entry-store.ts';
import { loginAttemptCollection } from '../mongodb/login-attempt-store.ts';
import { membershipCollection } from '../mongodb/membership-store.ts';
import { restrictionEntryCollection } from '../mongodb/restriction-store.ts';
import { securityEventCollection } from '../mongodb/security-event-store.ts';
import { sessionCollection } from '../mongodb/session-store.ts';
import { subscriptionSnapshotCollection } from '../mongodb/subscription-snapshot-store.ts';
import { twoFactorCollection } from '../mongodb/two-factor-store.ts';
import { usageDailyCollection } from '../mongodb/usage-day-store.ts';
import { profileChangeCollection } from '../mongodb/profile-change-store.ts';
import { userCollection } from '../mongodb/user-store.ts';
import { workspaceCollection } from '../mongodb/workspace-store.ts';
import { packPurchaseCollection } from '../billing/webhook-pack-purchase-store.ts';
import { oauthIdentityCollection } from '../oauth/oauth-identity-store.ts';

/**
 * Every store whose data-map declaration says `export: 'records'`: the access export reads each
 * (a function bundle cannot discover modules, so the list is written out;
 * tests/unit/privacy/export-coverage.test.ts fails when a declared exporter is missing here).
 */
export const exportedStores: readonly CollectionDeclaration[] = [
  userCollection,
  oauthIdentityCollection,
  twoFactorCollection,
  sessionCollection,
  loginAttemptCollection,
  securityEventCollection,
  profileChangeCollection,
  consentEntryCollection,
  restrictionEntryCollection,
  erasureRequestCollection,
  exportJobCollection,
  exportResultCollection,
  workspaceCollection,
  membershipCollection,
  invitationCollection,
  apiKeyCollection,
  flowHeadCollection,
  flowVersionCollection,
  flowSnapshotCollection,
  flowTemplateCollection,
  aiJobCollection,
  aiJobStepCollection,
  aiMessageCollection,
  aiProposalCollection,
  aiProposalOutcomeCollection,
  knowledgeDocumentCollection,
  knowledgeContentCollection,
  billingAccountCollection,
  subscriptionSnapshotCollection,
  packPurchaseCollection,
  ledgerCollection,
  usageDailyCollection,
  auditLogCollection,
  auditPersonalCollection,
  apiKeyNetworkCollection,
  breachCollection,
  breachStatusCollection,
  breachNoticeCollection,
  functionCallCollection,
  securityAlertCollection,
  securityIncidentChangeCollection,
  securityIncidentCollection,
  securitySignalCollection,
  inactivityNoticeCollection,
];
