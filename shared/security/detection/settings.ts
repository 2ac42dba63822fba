import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).max(100_000).default(fallback);
const minutes = (fallback: number) => z.coerce.number().int().min(1).max(10_080).default(fallback);

/**
 * The detection thresholds (environment variables, each with a production default). A rule fires
 * when its count within its window reaches its threshold; the window slides (every event looks back
 * over the window that ends at its own time).
 */
export const detectionSettingsShape = {
  /** Failed sign-ins from one address. */
  SECURITY_FAILED_LOGIN_IP_MAX: count(20),
  SECURITY_FAILED_LOGIN_IP_WINDOW_MINUTES: minutes(10),
  /** Failed sign-ins (password or second factor) against one account. */
  SECURITY_FAILED_LOGIN_ACCOUNT_MAX: count(10),
  SECURITY_FAILED_LOGIN_ACCOUNT_WINDOW_MINUTES: minutes(15),
  /** Distinct accounts failing to sign in from one address. */
  SECURITY_STUFFING_ACCOUNTS_MAX: count(5),
  SECURITY_STUFFING_WINDOW_MINUTES: minutes(10),
  /**
   * Reused refresh tokens of one account. One reuse is contained already (the session is revoked)
   * and a client racing its own refresh causes it now and then; a second within the day means a
   * token family of that account keeps being replayed.
   */
  SECURITY_REFRESH_REUSE_MAX: count(2),
  SECURITY_REFRESH_REUSE_WINDOW_MINUTES: minutes(1440),
  /** Webhook deliveries with a bad signature from one address. */
  SECURITY_WEBHOOK_SIGNATURE_MAX: count(5),
  SECURITY_WEBHOOK_SIGNATURE_WINDOW_MINUTES: minutes(10),
  /** Permission denials and API-key refusals of one caller (account, else address). */
  SECURITY_PERMISSION_DENIED_MAX: count(30),
  SECURITY_PERMISSION_DENIED_WINDOW_MINUTES: minutes(10),
  /** Rate limits reached by one address (each is recorded once per limit window). */
  SECURITY_RATE_LIMIT_MAX: count(10),
  SECURITY_RATE_LIMIT_WINDOW_MINUTES: minutes(60),
  /** An API key used from a network (/24, /48) it was not used from before, after its first: 1 fires on the first. */
  SECURITY_API_KEY_NEW_NETWORK_MAX: count(1),
  SECURITY_API_KEY_NEW_NETWORK_WINDOW_MINUTES: minutes(60),
  /**
   * Distinct countries one account signs in from within the window (2: a second country). Country
   * level only: a sign-in across a nearby border, or through a VPN, looks the same as travel.
   */
  SECURITY_TRAVEL_COUNTRIES_MAX: count(2),
  SECURITY_TRAVEL_WINDOW_MINUTES: minutes(60),
  /** Flows deleted by one account. */
  SECURITY_MASS_DELETION_MAX: count(25),
  SECURITY_MASS_DELETION_WINDOW_MINUTES: minutes(10),
  /**
   * Exports by one account (flows, personal-data exports, audit-chain pages), API keys included:
   * an honest member exports a few flows in a sitting; a script draining a workspace exports all.
   */
  SECURITY_MASS_EXPORT_MAX: count(40),
  SECURITY_MASS_EXPORT_WINDOW_MINUTES: minutes(10),
  /** Alerts of the same rule and subject within this period join one incident. */
  SECURITY_INCIDENT_GROUP_MINUTES: minutes(1440),
};

export const detectionSettingsSchema = z.object(detectionSettingsShape);
export type DetectionSettings = z.infer<typeof detectionSettingsSchema>;

/** The defaults, for tests and for callers without an environment. */
export const defaultDetectionSettings: DetectionSettings = detectionSettingsSchema.parse({});
