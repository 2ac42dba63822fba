import type { Observation } from './observation.ts';
import type { DetectionSettings } from './settings.ts';

export const severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

/** What an alert is about: an address, an account, an API key. */
export const subjectKinds = ['ip', 'user', 'apiKey'] as const;
export type SubjectKind = (typeof subjectKinds)[number];

export interface Subject {
  kind: SubjectKind;
  id: string;
}

/** What one observation contributes to a rule: its subject, a weight, and what is counted distinct. */
export interface Signal {
  subject: Subject;
  weight: number;
  /** For rules that count distinct values (accounts per address): the value, else null. */
  distinct: string | null;
}

/** A signal as the store keeps it for the window. */
export interface StoredSignal extends Signal {
  at: Date;
}

export interface DetectionRule {
  name: string;
  title: string;
  severity: Severity;
  /** `sum`: the weights add up; `distinct`: the distinct values count. */
  measure: 'sum' | 'distinct';
  threshold: (s: DetectionSettings) => number;
  windowMinutes: (s: DetectionSettings) => number;
  /** This rule's signal from an observation, or null when it does not concern the rule. */
  signal: (o: Observation) => Signal | null;
}

const byIp = (o: Observation, distinct: string | null = null): Signal | null =>
  o.ip ? { subject: { kind: 'ip', id: o.ip }, weight: o.count, distinct } : null;
const byUser = (o: Observation): Signal | null =>
  o.userId ? { subject: { kind: 'user', id: o.userId }, weight: o.count, distinct: null } : null;

/** The rules, each a small pure function of one observation; the thresholds are configuration. */
export const detectionRules = [
  {
    name: 'failed_login_ip',
    title: 'Burst of failed sign-ins from one address',
    severity: 'medium',
    measure: 'sum',
    threshold: (s) => s.SECURITY_FAILED_LOGIN_IP_MAX,
    windowMinutes: (s) => s.SECURITY_FAILED_LOGIN_IP_WINDOW_MINUTES,
    signal: (o) => (o.kind === 'login_failed' ? byIp(o) : null),
  },
  {
    name: 'failed_login_account',
    title: 'Burst of failed sign-ins against one account',
    severity: 'medium',
    measure: 'sum',
    threshold: (s) => s.SECURITY_FAILED_LOGIN_ACCOUNT_MAX,
    windowMinutes: (s) => s.SECURITY_FAILED_LOGIN_ACCOUNT_WINDOW_MINUTES,
    signal: (o) => (o.kind === 'login_failed' || o.kind === 'totp_failed' ? byUser(o) : null),
  },
  {
    name: 'credential_stuffing',
    title: 'Many accounts failing to sign in from one address',
    severity: 'high',
    measure: 'distinct',
    threshold: (s) => s.SECURITY_STUFFING_ACCOUNTS_MAX,
    windowMinutes: (s) => s.SECURITY_STUFFING_WINDOW_MINUTES,
    // Only known accounts can be told apart (a failure for an unknown e-mail carries no account).
    signal: (o) => (o.kind === 'login_failed' && o.userId ? byIp(o, o.userId) : null),
  },
  {
    name: 'refresh_token_reuse',
    title: 'A refresh token was replayed (the session was revoked)',
    severity: 'high',
    measure: 'sum',
    threshold: (s) => s.SECURITY_REFRESH_REUSE_MAX,
    windowMinutes: (s) => s.SECURITY_REFRESH_REUSE_WINDOW_MINUTES,
    signal: (o) => (o.kind === 'refresh_token_reused' ? byUser(o) : null),
  },
  {
    name: 'webhook_signature_failures',
    title: 'Webhook deliveries with invalid signatures',
    severity: 'medium',
    measure: 'sum',
    threshold: (s) => s.SECURITY_WEBHOOK_SIGNATURE_MAX,
    windowMinutes: (s) => s.SECURITY_WEBHOOK_SIGNATURE_WINDOW_MINUTES,
    signal: (o) =>
      o.kind === 'webhook_signature_invalid'
        ? (byIp(o) ?? { subject: { kind: 'ip', id: 'unknown' }, weight: o.count, distinct: null })
        : null,
  },
  {
    name: 'permission_denied_burst',
    title: 'Burst of refused requests (permission denied, API key refused)',
    severity: 'medium',
    measure: 'sum',
    threshold: (s) => s.SECURITY_PERMISSION_DENIED_MAX,
    windowMinutes: (s) => s.SECURITY_PERMISSION_DENIED_WINDOW_MINUTES,
    // The account when known (it follows the caller across addresses), else the address.
    signal: (o) => (o.kind === 'permission_denied' || o.kind === 'api_key_misuse' ? (byUser(o) ?? byIp(o)) : null),
  },
  {
    name: 'rate_limit_abuse',
    title: 'One address keeps reaching rate limits',
    severity: 'low',
    measure: 'sum',
    threshold: (s) => s.SECURITY_RATE_LIMIT_MAX,
    windowMinutes: (s) => s.SECURITY_RATE_LIMIT_WINDOW_MINUTES,
    signal: (o) => (o.kind === 'rate_limited' || o.kind === 'login_locked' ? byIp(o) : null),
  },
  {
    name: 'api_key_new_network',
    title: 'An API key was used from a new network',
    severity: 'medium',
    measure: 'sum',
    threshold: (s) => s.SECURITY_API_KEY_NEW_NETWORK_MAX,
    windowMinutes: (s) => s.SECURITY_API_KEY_NEW_NETWORK_WINDOW_MINUTES,
    // The key's very first network is where it was meant to be used: only later ones count.
    signal: (o) => {
      const keyId = o.details.keyId;
      const known = o.details.knownNetworks;
      if (o.kind !== 'api_key_new_network' || typeof keyId !== 'string' || typeof known !== 'number' || known < 1) return null;
      return { subject: { kind: 'apiKey', id: keyId }, weight: 1, distinct: null };
    },
  },
  {
    name: 'impossible_travel',
    title: 'One account signed in from two countries too close in time to have travelled',
    severity: 'medium',
    measure: 'distinct',
    threshold: (s) => s.SECURITY_TRAVEL_COUNTRIES_MAX,
    windowMinutes: (s) => s.SECURITY_TRAVEL_WINDOW_MINUTES,
    // The sign-in's country, looked up offline when the event is observed (withCountry).
    signal: (o) =>
      o.kind === 'signed_in' && o.userId && typeof o.details.country === 'string'
        ? { subject: { kind: 'user', id: o.userId }, weight: 1, distinct: o.details.country }
        : null,
  },
  {
    name: 'mass_deletion',
    title: 'One account deleted many flows',
    severity: 'high',
    measure: 'sum',
    threshold: (s) => s.SECURITY_MASS_DELETION_MAX,
    windowMinutes: (s) => s.SECURITY_MASS_DELETION_WINDOW_MINUTES,
    signal: (o) => (o.kind === 'flow_deleted' ? byUser(o) : null),
  },
  {
    name: 'mass_export',
    title: 'One account exported a lot of data',
    severity: 'high',
    measure: 'sum',
    threshold: (s) => s.SECURITY_MASS_EXPORT_MAX,
    windowMinutes: (s) => s.SECURITY_MASS_EXPORT_WINDOW_MINUTES,
    signal: (o) => (o.kind === 'data_exported' ? (byUser(o) ?? byIp(o)) : null),
  },
] as const satisfies readonly DetectionRule[];

export type RuleName = (typeof detectionRules)[number]['name'];
export const ruleNames = detectionRules.map((r) => r.name) as [RuleName, ...RuleName[]];
export const ruleNamed = (name: RuleName): DetectionRule => detectionRules.find((r) => r.name === name)!;
