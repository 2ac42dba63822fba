import { z } from 'zod';
import { idSchema } from '../kernel/index.ts';

/** What a security event can be about. New kinds are added here (and only here). */
export const securityEventTypes = [
  'login_failed',
  'login_locked',
  'refresh_token_reused',
  'csrf_failed',
  'permission_denied',
  'api_key_misuse',
  'rate_limited',
  'password_reset',
  'password_changed',
  'totp_failed',
  'two_factor_enabled',
  'two_factor_disabled',
  'oauth_failed',
  'webhook_signature_invalid',
  'api_key_new_network',
  'signed_in',
  'session_ended',
  'data_exported',
] as const;
export type SecurityEventType = (typeof securityEventTypes)[number];

const id = z.string().min(1).max(100);

/**
 * Context an event may carry. An allow-list on purpose: no member can hold a password, a token,
 * an API key or a cookie. `toSecurityEventData` drops any other member rather than store it.
 */
export const securityEventDetailsSchema = z
  .object({
    sessionId: id,
    /** Seconds until a lockout or rate limit ends. */
    retryAfter: z.number().int().min(0),
    permission: z.string().max(100),
    /** A stable code saying why (e.g. `INVALID_API_KEY`, `state_mismatch`). */
    reason: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
    /** The API key's id (`apk_…`), never the key. */
    keyId: id,
    method: z.string().max(10),
    path: z.string().max(300),
    /** The rate limit that was hit and its figure. */
    limit: z.string().max(100),
    max: z.number().int().min(0),
    functionName: z.string().max(63),
    /** The network an address belongs to (`/24` for IPv4, `/48` for IPv6). */
    network: z.string().max(64),
    /** How many other networks the API key had been used from before this one. */
    knownNetworks: z.number().int().min(0),
  })
  .partial()
  .strict();

/** The data of `com.uxflow.security.event.v1`, and what `security_events` stores. */
export const securityEventDataSchema = z
  .object({
    /** The event's own id (`sev_…`); the CloudEvent id too, so consumers can dedupe. */
    id: idSchema('sev'),
    type: z.enum(securityEventTypes),
    /** ISO-8601. */
    at: z.iso.datetime({ offset: true }),
    userId: id.optional(),
    workspaceId: id.optional(),
    ip: z.string().max(64).optional(),
    details: securityEventDetailsSchema.optional(),
    /**
     * Identical refusals aggregated into this one event (same type, address, reason and window):
     * how many there were, and when the window closed. Absent: a single occurrence.
     */
    count: z.number().int().min(1).optional(),
    windowEnd: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type SecurityEventData = z.infer<typeof securityEventDataSchema>;

/** A security event as recorded by domain code (the store assigns the id). */
export interface SecurityEvent {
  type: SecurityEventType;
  at: Date;
  userId?: string;
  workspaceId?: string;
  ip?: string;
  /** Only the members of `securityEventDetailsSchema` are kept; anything else is dropped. */
  details?: Record<string, string | number>;
  /**
   * A refusal a client can repeat at will (a bad API key, a denied permission): identical ones
   * (type, address, account, reason) within a window are stored as one event with a count.
   */
  aggregate?: true;
  /**
   * Makes recording idempotent: the stored event's id derives from it, so recording the same
   * fact again (a retried logout) stores nothing more.
   */
  key?: string;
}

/** The window identical aggregated refusals share. */
export const refusalAggregationSeconds = 60;

/** What makes refusals identical: the event stored for them is keyed by this within the window. */
export const refusalAggregationKey = (event: SecurityEvent): { key: string; windowEnd: Date } => {
  const windowMs = refusalAggregationSeconds * 1000;
  const slot = Math.floor(event.at.getTime() / windowMs);
  const reason = event.details?.reason ?? '';
  const key = [
    event.type,
    event.ip ?? '',
    event.userId ?? '',
    event.workspaceId ?? '',
    String(reason),
    String(event.details?.keyId ?? ''),
    slot,
  ].join('|');
  return { key, windowEnd: new Date((slot + 1) * windowMs) };
};

/**
 * The stored and published form of an event: the allowed detail members that pass their
 * checks, nothing else. Throws (zod) only for an unknown type or a malformed id, user or address.
 */
export const toSecurityEventData = (id: string, event: SecurityEvent): SecurityEventData => {
  const details: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event.details ?? {})) {
    const member = securityEventDetailsSchema.shape[key as keyof typeof securityEventDetailsSchema.shape];
    if (member?.safeParse(value).success) details[key] = value;
  }
  return securityEventDataSchema.parse({
    id,
    type: event.type,
    at: event.at.toISOString(),
    ...(event.userId === undefined ? {} : { userId: event.userId }),
    ...(event.workspaceId === undefined ? {} : { workspaceId: event.workspaceId }),
    ...(event.ip === undefined ? {} : { ip: event.ip }),
    ...(Object.keys(details).length > 0 ? { details } : {}),
  });
};

export interface SecurityEvents {
  /**
   * Appends an event. Never stores passwords, tokens, keys or cookies (the details are an
   * allow-list). Throws when the store refuses it or is unreachable.
   */
  record: (event: SecurityEvent) => Promise<void>;
}
