import type { FunctionMetadata, Resources, Scaling, Tier } from './metadata.ts';

/**
 * Fields a definition must decide itself (no default exists): description, cost tags, privacy
 * (and, for HTTP, access and the rate-limit class). The rest default by tier.
 */
export type MetadataInput = Pick<FunctionMetadata, 'description' | 'costTags' | 'privacy'> &
  Partial<Omit<FunctionMetadata, 'description' | 'costTags' | 'privacy'>>;

const scalingByTier: Record<Tier, Scaling> = {
  critical: { minScale: 0, maxScale: 20, concurrency: 50 },
  standard: { minScale: 0, maxScale: 10, concurrency: 50 },
  batch: { minScale: 0, maxScale: 2, concurrency: 1 },
};

const resourcesByTier: Record<Tier, Resources> = {
  critical: { requests: { cpu: '100m', memory: '192Mi' }, limits: { cpu: '1', memory: '256Mi' } },
  standard: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '1', memory: '256Mi' } },
  batch: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
};

const timeoutByTier: Record<Tier, number> = { critical: 10, standard: 30, batch: 300 };

export const withDefaults = (input: MetadataInput): FunctionMetadata => {
  const tier = input.costTags.tier;
  return {
    description: input.description,
    costTags: input.costTags,
    privacy: input.privacy,
    credits: input.credits ?? null,
    scaling: input.scaling ?? scalingByTier[tier],
    resources: input.resources ?? resourcesByTier[tier],
    spot: input.spot ?? 'preferred',
    timeoutSeconds: input.timeoutSeconds ?? timeoutByTier[tier],
  };
};
