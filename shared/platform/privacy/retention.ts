/**
 * The retention rules, by data class (docs/privacy.md). Each store names one; the record of
 * processing prints the period. FerretDB has no TTL indexes, so cron functions enforce them,
 * in production too (one code path everywhere); `enforcedBy` names the function that removes the
 * data, null where none does yet (docs/privacy.md).
 */
export const retentionRules = {
  account: {
    period: 'while the account exists; inactive free accounts after 2 years of inactivity, a notice, then erasure',
    enforcedBy: 'privacy-retention-inactive-accounts, then privacy-execute-erasures',
  },
  workspace: {
    period: 'while the workspace exists; deleted with it (30 days after its deletion)',
    enforcedBy: 'privacy-retention-deleted-workspaces',
  },
  'sessions-and-tokens': { period: '30 days after expiry', enforcedBy: 'privacy-retention-sessions-and-tokens' },
  'short-lived': {
    period: 'until it expires (minutes to days), then removed with the expired tokens',
    enforcedBy: 'privacy-retention-sessions-and-tokens',
  },
  'ai-conversations': { period: '365 days after last activity', enforcedBy: 'privacy-retention-ai-conversations' },
  'deleted-flows': { period: 'while the flow exists; 30 days after its deletion', enforcedBy: 'privacy-retention-deleted-flows' },
  'security-records': { period: '90 days', enforcedBy: 'privacy-retention-security-records' },
  'billing-records': {
    period: '10 years, unlinked from personal data after erasure',
    enforcedBy: 'privacy-execute-erasures (unlinking) and privacy-retention-billing-records',
  },
  'audit-log': {
    period: '7 years; personal data in it pseudonymised after erasure',
    enforcedBy: 'privacy-execute-erasures and privacy-retention-audit-pseudonymisation; the 7-year end privacy-retention-audit-log',
  },
  'erased-accounts': {
    period: '30-day grace after the request, then hard delete and key destruction',
    enforcedBy: 'privacy-execute-erasures',
  },
  cache: { period: 'expires on its own (a TTL of at most a day); never the only copy', enforcedBy: 'a TTL on every key' },
  operational: { period: 'no personal data: kept while useful', enforcedBy: null },
} as const satisfies Record<string, { period: string; enforcedBy: string | null }>;

export type RetentionRule = keyof typeof retentionRules;
