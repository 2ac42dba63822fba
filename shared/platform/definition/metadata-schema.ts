import { z } from 'zod';
import { creditOperations, platformRoles, workspacePermissions } from '../../kernel/index.ts';
import { eventTypes } from '../events/catalog.ts';
import { domains, legalBases, personalDataCategories, rateLimitClasses, spotPreferences, tiers } from './metadata.ts';

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

const accessSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('public'), reason: z.string().min(3) }),
    z.object({
      type: z.literal('authenticated'),
      credentials: z.array(z.enum(['jwt', 'apiKey'])).min(1),
      permission: z.enum([...workspacePermissions, 'self']),
    }),
    z.object({ type: z.literal('platform'), role: z.enum(platformRoles) }),
    z.object({ type: z.literal('signature'), scheme: z.literal('stripe') }),
  ],
  required('an access decision'),
);

const privacySchema = z.union(
  [
    z.object({ personalData: z.literal('none') }),
    z.object({
      personalData: z.array(z.enum(personalDataCategories)).min(1),
      purpose: z.string().min(3),
      legalBasis: z.enum(legalBases),
    }),
  ],
  required('a privacy annotation'),
);

const metadataSchema = z.object({
  name: z.string().regex(/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be a DNS label (a Knative Service name)'),
  domain: z.enum(domains),
  description: z.string().min(3),
  rateLimit: z.enum(rateLimitClasses),
  credits: z.enum(creditOperations).nullable(),
  scaling: z
    .object({ minScale: z.number().int().min(0), maxScale: z.number().int().min(1), concurrency: z.number().int().min(1) })
    .refine((s) => s.minScale <= s.maxScale, 'minScale must not exceed maxScale'),
  resources: z.object({
    requests: z.object({ cpu: quantity, memory: quantity }),
    limits: z.object({ cpu: quantity, memory: quantity }),
  }),
  spot: z.enum(spotPreferences),
  costTags: z.object({ team: labelValue, costCenter: labelValue, tier: z.enum(tiers) }, 'cost tags are required'),
  privacy: privacySchema,
  timeoutSeconds: z.number().int().min(1).max(900),
  uses: z.array(z.object({ name: z.string() })),
  handler: z.custom<(...args: never[]) => unknown>((value) => typeof value === 'function', 'a handler function is required'),
});

/** The runtime check of a definition, for what the types cannot catch (or a cast bypassed). */
export const definitionSchema = z.discriminatedUnion('kind', [
  metadataSchema
    .extend({
      kind: z.literal('http'),
      access: accessSchema,
      authenticator: z.object({ name: z.string() }).optional(),
      route: z.object({
        method: z.enum(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']),
        path: z.string().regex(/^\/[-a-zA-Z0-9_./{}+*]*$/, 'must be an absolute path'),
      }),
    })
    .refine((d) => d.access.type === 'public' || d.access.type === 'signature' || d.authenticator !== undefined, {
      message: 'an authenticator is required for authenticated or platform access',
      path: ['authenticator'],
    }),
  metadataSchema.extend({ kind: z.literal('event'), events: z.array(z.enum(eventTypes)).min(1) }),
  metadataSchema.extend({ kind: z.literal('cron'), schedule: z.string().regex(cronExpression, 'must be a five-field cron expression') }),
]);
