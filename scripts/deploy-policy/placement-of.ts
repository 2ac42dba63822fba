import type { SpotPreference } from '../../shared/platform/definition/metadata.ts';
import { placementIn, type Placement } from '../gen/knative/overlays/placement.ts';
import { reviewedScalingFor } from '../gen/knative/overlays/reviewed-scaling.ts';
import type { RevisionTemplate } from './pod-template.ts';
import type { PolicyContext, Workload } from './types.ts';

const spotLabel = 'cloud.google.com/gke-spot';

interface Expression {
  key?: string;
  operator?: string;
  values?: string[];
}

const expressionsOf = (terms: readonly { matchExpressions?: Expression[] }[] | undefined) =>
  (terms ?? []).flatMap((t) => t.matchExpressions ?? []);
const isOnSpot = (e: Expression) => e.key === spotLabel && e.operator === 'In' && (e.values ?? []).includes('true');
const isOffSpot = (e: Expression) => e.key === spotLabel && e.operator === 'DoesNotExist';

/**
 * Reads a revision template's spot placement back from its scheduling fields: `never` is a
 * required affinity away from spot nodes and no spot toleration; `required` a required affinity
 * to them plus the toleration; `preferred` a preferred affinity plus the toleration. Anything
 * else is `null` (inconsistent: e.g. a preference for spot without the toleration to land there).
 */
export const spotPlacementOf = (template: RevisionTemplate): SpotPreference | null => {
  const node = template.affinity?.nodeAffinity;
  const required = expressionsOf(node?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms);
  const preferred = expressionsOf((node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => p.preference));
  const tolerates = (template.tolerations ?? []).some((t) => t.key === spotLabel && t.effect === 'NoSchedule');
  if (required.some(isOffSpot) && !tolerates && !preferred.some(isOnSpot)) return 'never';
  if (required.some(isOnSpot) && tolerates) return 'required';
  if (required.length === 0 && preferred.some(isOnSpot) && tolerates) return 'preferred';
  return null;
};

/** Where the definitions (and in production the reviewed scaling file) say a workload runs in the environment being checked. */
export const expectedPlacement = (context: PolicyContext, workload: Workload): Placement =>
  context.environment === 'base'
    ? { minScale: workload.minScale, spot: workload.spot, tier: workload.tier }
    : placementIn(context.environment, workload, reviewedScalingFor(context.environment.name, workload.name));
