import { expectedPlacement } from '../placement-of.ts';
import { minScaleOf, revisionTemplate } from '../pod-template.ts';
import { describeObject, isKnativeService, type PolicyCheck, type Violation } from '../types.ts';

/**
 * min-scale is 0 unless the function is tier critical (by its definition, or in production by
 * the reviewed scaling file); where an environment keeps critical floors, a critical function's
 * min-scale is at least the floor.
 */
export const minScaleCheck: PolicyCheck = {
  name: 'min-scale',
  description: 'min-scale 0 unless tier critical (and the floor for critical functions where the environment keeps one)',
  run(objects, context) {
    return objects.filter(isKnativeService).flatMap((service): Violation[] => {
      const workload = context.workloads.get(service.metadata?.name ?? '');
      if (!workload) return [];
      const actual = minScaleOf(revisionTemplate(service));
      const placement = expectedPlacement(context, workload);
      const expected = placement.minScale;
      const tier = placement.tier ?? workload.tier;
      const isAllowed = tier === 'critical' ? actual >= expected : actual === 0;
      if (isAllowed) return [];
      const rule = tier === 'critical' ? `at least ${expected}` : '0 (tier is not critical)';
      return [{ check: this.name, object: describeObject(service), message: `min-scale is ${actual}, must be ${rule}` }];
    });
  },
};
