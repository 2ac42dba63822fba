import type { DataStore } from '../../platform/privacy/data-map.ts';
import { breakerKeys } from '../ai/language-models-resource.ts';
import { auditSigningKeyCollection } from '../audit/audit-signing-keys.ts';
import { packPurchaseCollection } from '../billing/webhook-pack-purchase-store.ts';
import { globalKnowledgeCollection, workspaceKnowledgeCollections } from '../chroma/knowledge-collections.ts';
import { dataKeyWrapCollection } from '../crypto/data-key-wraps.ts';
import { dataKeyCollection } from '../crypto/data-keys.ts';
import { flowCacheKeys } from '../flows/flow-cache.ts';
import { signingKeyCollection } from '../jose/signing-key-store.ts';
import { embeddingCacheCollection } from '../knowledge/ai-embedder.ts';
import { aiJobCollection, aiJobStepCollection, aiMessageCollection } from '../mongodb/ai-job-stores.ts';
import { aiProposalCollection, aiProposalOutcomeCollection, aiProposalSlotCollection } from '../mongodb/ai-proposal-stores.ts';
import { apiKeyCollection, apiKeyLastUseCollection, apiKeyUseCollection } from '../mongodb/api-key-store.ts';
import { auditCheckpointCollection } from '../mongodb/audit-checkpoint-store.ts';
import { auditHeadCollection, auditLogCollection } from '../mongodb/audit-entry-store.ts';
import { auditPendingCollection, auditPersonalCollection } from '../mongodb/audit-side-stores.ts';
import { billingAccountCollection } from '../mongodb/billing-account-store.ts';
import { consentEntryCollection } from '../mongodb/consent-store.ts';
import { erasureRequestCollection } from '../mongodb/erasure-store.ts';
import {
  erasureLeaseCollection,
  erasureReceiptCollection,
  erasureRunCollection,
  erasureStepCollection,
} from '../mongodb/erasure-run-store.ts';
import { flowHeadCollection } from '../mongodb/flow-head-store.ts';
import { flowSlotCollection } from '../mongodb/flow-slot-store.ts';
import { flowSnapshotCollection } from '../mongodb/flow-snapshot-store.ts';
import { flowTemplateCollection } from '../mongodb/flow-template-store.ts';
import { flowVersionCollection } from '../mongodb/flow-version-store.ts';
import { heartbeatCollection } from '../mongodb/heartbeat-store.ts';
import {
  emailVerificationCollection,
  emailVerificationUseCollection,
  passwordResetCollection,
  passwordResetUseCollection,
} from '../mongodb/identity-misc-stores.ts';
import { invitationCollection } from '../mongodb/invitation-store.ts';
import { knowledgeDocumentCollection } from '../mongodb/knowledge-document-store.ts';
import { knowledgeContentCollection, knowledgeDeletionCollection, knowledgeUsageCollection } from '../mongodb/knowledge-stores.ts';
import {
  ledgerCollection,
  ledgerCutCollection,
  ledgerHeadCollection,
  ledgerReservationPointerCollection,
} from '../mongodb/ledger-entry-store.ts';
import { ledgerIntentCollection } from '../mongodb/ledger-intent-store.ts';
import { loginAttemptCollection } from '../mongodb/login-attempt-store.ts';
import { membershipCollection, workspaceTombstoneCollection } from '../mongodb/membership-store.ts';
import { modelCallCollection } from '../mongodb/model-call-store.ts';
import { passwordResetRequestCollection } from '../mongodb/password-reset-request-store.ts';
import { refreshTokenCollection } from '../mongodb/refresh-token-store.ts';
import { securityEventCollection } from '../mongodb/security-event-store.ts';
import { sessionCollection, sessionRevocationCollection } from '../mongodb/session-store.ts';
import { stripeEventCollection } from '../mongodb/stripe-event-store.ts';
import { subscriptionSnapshotCollection } from '../mongodb/subscription-snapshot-store.ts';
import {
  backupCodeCollection,
  backupCodeUseCollection,
  totpStepUseCollection,
  twoFactorCollection,
  twoFactorPendingCollection,
} from '../mongodb/two-factor-store.ts';
import { usageDailyCollection, usageRunCollection } from '../mongodb/usage-day-store.ts';
import { packWatchCollection } from '../mongodb/usage-pack-watch-store.ts';
import { userCollection } from '../mongodb/user-store.ts';
import { workspaceSlotCollection } from '../mongodb/workspace-slot-store.ts';
import { workspaceCollection } from '../mongodb/workspace-store.ts';
import { oauthIdentityCollection } from '../oauth/oauth-identity-store.ts';
import { oauthStateCollection, oauthStateUseCollection } from '../oauth/oauth-state-store.ts';
import { inactivityNoticeCollection } from './retention-accounts.ts';
import { planCacheKeys } from '../upstash/plan-cache.ts';
import { rateLimitKeys } from '../upstash/rate-limiter-resource.ts';
import { aiJobImageCollection } from '../mongodb/ai-image-store.ts';
import { apiKeyNetworkCollection, apiKeyRevocationCollection, apiKeyRotationCollection } from '../mongodb/api-key-store.ts';
import { breachAlertCollection, breachCollection, breachStatusCollection } from '../mongodb/breach-stores.ts';
import { breachAssessmentCollection, breachNoticeCollection } from '../mongodb/breach-investigation-stores.ts';
import { functionCallCollection } from '../mongodb/function-call-store.ts';
import { impersonationGrantCollection } from '../mongodb/staff-store.ts';
import { exportChunkCollection } from '../mongodb/export-file-store.ts';
import { exportJobCollection, exportResultCollection } from '../mongodb/export-store.ts';
import { restrictionEntryCollection } from '../mongodb/restriction-store.ts';
import { profileChangeCollection } from '../mongodb/profile-change-store.ts';
import { securityAlertCollection } from '../mongodb/security-alert-store.ts';
import { securityIncidentChangeCollection, securityIncidentCollection } from '../mongodb/security-incident-store.ts';
import { securitySignalCollection } from '../mongodb/security-signal-store.ts';

/**
 * Every store of the data map, imported by value so that the erasure, which runs in a bundle that
 * cannot walk the source tree, covers each one and lists each one on the receipt.
 * `tests/unit/privacy/erasure-stores.test.ts` fails when a store of the data map is missing here:
 * a store added later must be added to this list (and so to every erasure).
 */
export const erasureStores: readonly DataStore[] = [
  breakerKeys,
  auditSigningKeyCollection,
  packPurchaseCollection,
  globalKnowledgeCollection,
  workspaceKnowledgeCollections,
  dataKeyCollection,
  dataKeyWrapCollection,
  flowCacheKeys,
  signingKeyCollection,
  embeddingCacheCollection,
  aiJobCollection,
  aiJobStepCollection,
  aiMessageCollection,
  aiProposalCollection,
  aiProposalOutcomeCollection,
  aiProposalSlotCollection,
  apiKeyCollection,
  apiKeyLastUseCollection,
  apiKeyUseCollection,
  auditCheckpointCollection,
  auditHeadCollection,
  auditLogCollection,
  auditPendingCollection,
  auditPersonalCollection,
  billingAccountCollection,
  consentEntryCollection,
  erasureRequestCollection,
  erasureLeaseCollection,
  erasureReceiptCollection,
  erasureRunCollection,
  erasureStepCollection,
  flowHeadCollection,
  flowSlotCollection,
  flowSnapshotCollection,
  flowTemplateCollection,
  flowVersionCollection,
  heartbeatCollection,
  emailVerificationCollection,
  emailVerificationUseCollection,
  passwordResetCollection,
  passwordResetUseCollection,
  invitationCollection,
  knowledgeDocumentCollection,
  knowledgeContentCollection,
  knowledgeDeletionCollection,
  knowledgeUsageCollection,
  ledgerCollection,
  ledgerCutCollection,
  ledgerHeadCollection,
  ledgerReservationPointerCollection,
  ledgerIntentCollection,
  loginAttemptCollection,
  membershipCollection,
  workspaceTombstoneCollection,
  modelCallCollection,
  passwordResetRequestCollection,
  refreshTokenCollection,
  securityEventCollection,
  sessionCollection,
  sessionRevocationCollection,
  stripeEventCollection,
  subscriptionSnapshotCollection,
  backupCodeCollection,
  backupCodeUseCollection,
  totpStepUseCollection,
  twoFactorCollection,
  twoFactorPendingCollection,
  usageDailyCollection,
  usageRunCollection,
  packWatchCollection,
  userCollection,
  workspaceSlotCollection,
  workspaceCollection,
  oauthIdentityCollection,
  oauthStateCollection,
  oauthStateUseCollection,
  inactivityNoticeCollection,
  planCacheKeys,
  rateLimitKeys,
  aiJobImageCollection,
  apiKeyNetworkCollection,
  apiKeyRotationCollection,
  apiKeyRevocationCollection,
  breachAlertCollection,
  breachCollection,
  breachStatusCollection,
  breachAssessmentCollection,
  breachNoticeCollection,
  functionCallCollection,
  impersonationGrantCollection,
  exportChunkCollection,
  exportJobCollection,
  exportResultCollection,
  restrictionEntryCollection,
  profileChangeCollection,
  securityAlertCollection,
  securityIncidentChangeCollection,
  securityIncidentCollection,
  securitySignalCollection,
];
