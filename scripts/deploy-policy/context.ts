import type { NamedFunction } from '../../shared/platform/definition/identity.ts';
import { isHttpFunction } from '../gen/function-kinds.ts';
import { deadLetterService } from '../gen/knative/dead-letters.ts';
import type { PolicyContext, Workload } from './types.ts';

/** What the policy checks compare a build with, from the definitions and the platform's own Services. */
export const policyContext = (definitions: readonly NamedFunction[], environment: PolicyContext['environment']): PolicyContext => {
  const workloads: Workload[] = [
    ...definitions.map((d) => ({ name: d.name, tier: d.costTags.tier, spot: d.spot, minScale: d.scaling.minScale })),
    { ...deadLetterService, minScale: 0 },
  ];
  return {
    environment,
    workloads: new Map(workloads.map((w) => [w.name, w])),
    routes: definitions
      .filter(isHttpFunction)
      .map((d) => ({ service: d.name, method: d.route.method, path: d.route.path, access: d.access.type })),
  };
};
