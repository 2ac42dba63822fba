import type { CreditOperation, PlatformRole, WorkspacePermission } from '../../kernel/index.ts';

export const domains = ['identity', 'workspaces', 'flows', 'ai', 'knowledge', 'billing', 'privacy', 'security', 'ops'] as const;
export type Domain = (typeof domains)[number];

export const tiers = ['critical', 'standard', 'batch'] as const;
export type Tier = (typeof tiers)[number];

export const spotPreferences = ['preferred', 'required', 'never'] as const;
export type SpotPreference = (typeof spotPreferences)[number];

export const rateLimitClasses = ['none', 'public', 'auth', 'api', 'ai', 'webhook'] as const;
export type RateLimitClass = (typeof rateLimitClasses)[number];

export const legalBases = ['consent', 'contract', 'legal-obligation', 'vital-interests', 'public-task', 'legitimate-interests'] as const;
export type LegalBasis = (typeof legalBases)[number];

export const personalDataCategories = ['identity', 'contact', 'credentials', 'usage', 'content', 'billing', 'network', 'security'] as const;
export type PersonalDataCategory = (typeof personalDataCategories)[number];

/** Labels FinOps reads per function. `domain` is copied from the definition. */
export interface CostTags {
  team: string;
  costCenter: string;
  tier: Tier;
}

/**
 * Who may call an HTTP function. There is no default: every definition makes the decision.
 * `public` must say why; authenticated access names the permission it checks (or `self` for
 * the caller's own account, or a platform role for staff endpoints).
 */
export type Access =
  | { type: 'public'; reason: string }
  | { type: 'authenticated'; credentials: readonly ('jwt' | 'apiKey')[]; permission: WorkspacePermission | 'self' }
  | { type: 'platform'; role: PlatformRole }
  | { type: 'signature'; scheme: 'stripe' };

/** GDPR annotations: which personal-data categories a function processes, why, and on what legal basis. */
export type Privacy =
  | { personalData: 'none' }
  | {
      personalData: readonly [PersonalDataCategory, ...PersonalDataCategory[]];
      purpose: string;
      legalBasis: LegalBasis;
    };

export interface Scaling {
  /** 0 = scale to zero when idle. */
  minScale: number;
  maxScale: number;
  /** Knative soft concurrency target per instance. */
  concurrency: number;
}

/** Kubernetes quantities, e.g. `cpu: "100m"`, `memory: "256Mi"`. */
export interface Resources {
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
}

/** Metadata shared by every kind of function. */
export interface FunctionMetadata {
  /** Unique; equals the Knative Service name: `<domain>-<file name>`. */
  name: string;
  domain: Domain;
  description: string;
  rateLimit: RateLimitClass;
  credits: CreditOperation | null;
  scaling: Scaling;
  resources: Resources;
  spot: SpotPreference;
  costTags: CostTags;
  privacy: Privacy;
  /** Seconds before the platform cancels an invocation. */
  timeoutSeconds: number;
}
