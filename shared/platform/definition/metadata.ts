import type { z } from 'zod';
import type {
  accessSchema,
  costTagsSchema,
  metadataSchema,
  privacySchema,
  rateLimitSchema,
  resourcesSchema,
  scalingSchema,
} from './metadata-schema.ts';

// The vocabularies: plain arrays, so a function bundle can use them without building a schema.
export const domains = ['identity', 'workspaces', 'flows', 'ai', 'knowledge', 'billing', 'privacy', 'security', 'ops'] as const;
export type Domain = (typeof domains)[number];

export const tiers = ['critical', 'standard', 'batch'] as const;
export type Tier = (typeof tiers)[number];

export const spotPreferences = ['preferred', 'required', 'never'] as const;
export type SpotPreference = (typeof spotPreferences)[number];

/** Classes whose requests the limiter counts (public per IP, auth per IP and account, api/ai per workspace by plan). */
export const limitedRateLimitClasses = ['public', 'auth', 'api', 'ai'] as const;
/** Classes nothing counts: `none`, and `webhook` (the sender retries; the signature is the gate). */
export const unlimitedRateLimitClasses = ['none', 'webhook'] as const;
export const rateLimitClasses = [...unlimitedRateLimitClasses, ...limitedRateLimitClasses] as const;
export type RateLimitClass = (typeof rateLimitClasses)[number];
export type LimitedRateLimitClass = (typeof limitedRateLimitClasses)[number];

/** How a caller proves who they are: a user's access token, or a workspace API key. */
export const credentials = ['jwt', 'apiKey'] as const;
export type Credential = (typeof credentials)[number];

export const legalBases = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'] as const;
export type LegalBasis = (typeof legalBases)[number];

export const personalDataCategories = ['identity', 'contact', 'credentials', 'usage', 'content', 'billing', 'network', 'security'] as const;
export type PersonalDataCategory = (typeof personalDataCategories)[number];

// The shapes, derived from their one description in metadata-schema.ts.

/** Labels FinOps reads per function. */
export type CostTags = z.output<typeof costTagsSchema>;

/**
 * Who may call an HTTP function. There is no default: every definition makes the decision with
 * `publicAccess(reason)`, `authenticated(scheme, permission)`, `platform(scheme, role)` or
 * `signature(scheme)` (access.ts); the guarded kinds carry the authenticator that enforces them.
 */
export type Access = z.output<typeof accessSchema>;

/** How an HTTP function's requests are counted; the limited classes carry their limiter. */
export type RateLimit = z.output<typeof rateLimitSchema>;

/** GDPR annotations: which personal-data categories a function processes, why, and on what legal basis. */
export type Privacy = z.output<typeof privacySchema>;

export type Scaling = z.output<typeof scalingSchema>;
export type Resources = z.output<typeof resourcesSchema>;

/** Metadata shared by every kind of function (name and domain come from its file: see identity.ts). */
export type FunctionMetadata = Omit<z.output<typeof metadataSchema>, 'name' | 'domain' | 'uses' | 'handler'>;
