import type { Context } from 'hono';
import { z } from 'zod';
import { creditOperations, platformRoles, workspacePermissions } from '../../kernel/index.ts';
import { eventTypes } from '../events/catalog.ts';
import type { Authenticator } from '../http/auth-context.ts';
import type { AppEnv } from '../http/env.ts';
import type { RateLimiter } from '../rate-limit/rate-limiter.ts';
import type { ResourceRef } from '../resource.ts';
import {
  credentials,
  legalBases,
  limitedRateLimitClasses,
  personalDataCategories,
  spotPreferences,
  tiers,
  unlimitedRateLimitClasses,
} from './metadata.ts';

/*
 * The one description of a function's metadata: the runtime check of every definition and,
 * through `z.output`, the types in metadata.ts. Build-time only (zod builds these at import):
 * function bundles import the types, never this module.
 */

/** A Kubernetes label value: ≤ 63 characters, alphanumeric at both ends. */
const labelValue = z.string().regex(/^[a-z0-9]([-a-z0-9_.]{0,61}[a-z0-9])?$/, 'must be a lowercase Kubernetes label value');
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Mi|Gi|Ki)?$/, 'must be a Kubernetes quantity such as 100m or 256Mi');
const cronField = String.raw`(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*`;
const cronExpression = new RegExp(`^${cronField}( ${cronField}){4}$`);

/**
 * Error params for a field that must be present. (`.optional().refine(v => v !== undefined)`
 * does not do this in zod 4: an absent optional key is skipped, refinements and all.)
 */
const required = (what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${what} is required` : undefined),
});

const isResource = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { name?: unknown }).name === 'string' &&
  typeof (value as { create?: unknown }).create === 'function';
const resource = <T>(what: string) => z.custom<ResourceRef<T>>(isResource, `${what} must be a resource (defineResource)`);

/** Who may call an HTTP function; built with the helpers in access.ts, never by hand. */
export const accessSchema = z.discriminatedUnion(
  'type',
  [
    /** Anyone; the reason is reviewed like a permission would be. */
    z.object({ type: z.literal('public'), reason: z.string().min(3) }),
    /** A workspace permission (checked against `{workspaceId}` when the route has one) or `self`, the caller's own account. */
    z
      .object({
        type: z.literal('authenticated'),
        authenticator: resource<Authenticator>('the authenticator'),
        limiter: resource<RateLimiter>('the limiter of refused authentications'),
        credentials: z.tuple([z.enum(credentials)], z.enum(credentials)).readonly(),
        permission: z.enum([...workspacePermissions, 'self']),
      })
      .refine((access) => access.permission !== 'self' || !access.credentials.includes('apiKey'), {
        // An API key acts inside one workspace; the authenticator refuses it on `self` routes anyway.
        message: 'a `self` endpoint takes user tokens only (an API key acts in one workspace): use jwt, not jwtOrApiKey',
        path: ['credentials'],
      }),
    /** Staff endpoints: a platform role (admins pass every role check). */
    z.object({
      type: z.literal('platform'),
      authenticator: resource<Authenticator>('the authenticator'),
      limiter: resource<RateLimiter>('the limiter of refused authentications'),
      role: z.union([z.enum(platformRoles), z.tuple([z.enum(platformRoles)], z.enum(platformRoles)).readonly()]),
    }),
    /** The handler verifies a signature over the raw body (a webhook). */
    z.object({ type: z.literal('signature'), scheme: z.literal('stripe') }),
  ],
  required('an access decision'),
);

/** How an HTTP function's requests are counted; a limited class carries the limiter that enforces it. */
export const rateLimitSchema = z.discriminatedUnion(
  'class',
  [
    z.object({ class: z.enum(unlimitedRateLimitClasses) }),
    z.object({
      class: z.enum(limitedRateLimitClasses),
      limiter: resource<RateLimiter>('the rate limiter'),
      /**
       * Derives a per-account key from the request (e.g. the normalised e-mail of the body; Hono
       * caches the parsed body, so validation can still read it). Null: none.
       */
      accountKey: z.custom<(this: void, c: Context<AppEnv>) => Promise<string | null>>((v) => typeof v === 'function').optional(),
      /**
       * For a route that names a resource rather than its workspace (`/v1/flows/{flowId}/…`): the
       * workspace to count the request against (by its plan), when the caller is a member of it.
       * Null (or absent): the authenticated workspace, else per user.
       */
      workspaceKey: z.custom<(this: void, c: Context<AppEnv>) => Promise<string | null>>((v) => typeof v === 'function').optional(),
    }),
  ],
  required('a rate-limit class'),
);

/** GDPR annotations: no personal data, or the categories with a purpose and a legal basis. */
export const privacySchema = z.union(
  [
    z.object({ personalData: z.literal('none') }),
    z.object({
      personalData: z.tuple([z.enum(personalDataCategories)], z.enum(personalDataCategories)).readonly(),
      purpose: z.string().min(3),
      legalBasis: z.enum(legalBases),
    }),
  ],
  required('a privacy annotation'),
);

/** Labels FinOps reads per function (the domain label comes from the file's folder). */
export const costTagsSchema = z.object({ team: labelValue, costCenter: labelValue, tier: z.enum(tiers) }, 'cost tags are required');

export const scalingSchema = z
  .object({
    /** 0 = scale to zero when idle. */
    minScale: z.number().int().min(0),
    maxScale: z.number().int().min(1),
    /** Knative soft concurrency target per instance. */
    concurrency: z.number().int().min(1),
  })
  .refine((s) => s.minScale <= s.maxScale, 'minScale must not exceed maxScale');

/** Kubernetes quantities, e.g. `cpu: "100m"`, `memory: "256Mi"`. */
export const resourcesSchema = z.object({
  requests: z.object({ cpu: quantity, memory: quantity }),
  limits: z.object({ cpu: quantity, memory: quantity }),
});

const derivedFromPath = (field: string) =>
  z.undefined({ error: `${field} is derived from the file path (functions/<domain>/<file>.ts): remove it from the definition` }).optional();

/** What every kind of function states (after defaults). */
export const metadataSchema = z.object({
  name: derivedFromPath('the name'),
  domain: derivedFromPath('the domain'),
  description: z.string().min(3),
  credits: z.enum(creditOperations).nullable(),
  scaling: scalingSchema,
  resources: resourcesSchema,
  spot: z.enum(spotPreferences),
  costTags: costTagsSchema,
  privacy: privacySchema,
  /** Seconds before the platform cancels an invocation. */
  timeoutSeconds: z.number().int().min(1).max(900),
  uses: z.array(resource('each entry of uses')).readonly(),
  handler: z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'a handler function is required'),
});

/** The runtime check of a definition, for what the types cannot catch (or a cast bypassed). */
export const definitionSchema = z.discriminatedUnion('kind', [
  metadataSchema.extend({
    kind: z.literal('http'),
    access: accessSchema,
    rateLimit: rateLimitSchema,
    maxBodyBytes: z.number().int().positive().optional(),
    route: z.object({
      method: z.enum(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']),
      path: z.string().regex(/^\/[-a-zA-Z0-9_./{}+*]*$/, 'must be an absolute path'),
    }),
  }),
  metadataSchema.extend({ kind: z.literal('event'), events: z.array(z.enum(eventTypes)).min(1) }),
  metadataSchema.extend({ kind: z.literal('cron'), schedule: z.string().regex(cronExpression, 'must be a five-field cron expression') }),
]);
