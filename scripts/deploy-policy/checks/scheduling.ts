import { expectedPlacement, spotPlacementOf } from '../placement-of.ts';
import { revisionTemplate } from '../pod-template.ts';
import { describeObject, isKnativeService, type PolicyCheck, type Violation } from '../types.ts';

/**
 * Each Service's node placement matches its definition's `spot` field and tier: in the base,
 * the `spot` field as written; in an environment with critical floors, critical functions on
 * on-demand nodes only. A Service no definition (or platform service) accounts for is a violation.
 */
export const schedulingCheck: PolicyCheck = {
  name: 'scheduling',
  description: "scheduling matches each function's spot field and tier",
  run(objects, context) {
    return objects.filter(isKnativeService).flatMap((service): Violation[] => {
      const object = describeObject(service);
      const workload = context.workloads.get(service.metadata?.name ?? '');
      if (!workload) return [{ check: this.name, object, message: 'no function definition or platform service has this name' }];
      const expected = expectedPlacement(context, workload).spot;
      const actual = spotPlacementOf(revisionTemplate(service));
      if (actual === expected) return [];
      return [
        {
          check: this.name,
          object,
          message: `scheduled as ${actual ?? 'an inconsistent mix'}, expected spot: ${expected} (tier ${expectedPlacement(context, workload).tier ?? workload.tier})`,
        },
      ];
    });
  },
};
