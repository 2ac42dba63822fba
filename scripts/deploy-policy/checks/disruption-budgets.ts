import { serviceLabel } from '../../gen/knative/cluster.ts';
import { minScaleOf, revisionTemplate } from '../pod-template.ts';
import { describeObject, isKnativeService, type PolicyCheck } from '../types.ts';

interface BudgetSpec {
  minAvailable?: number | string;
  selector?: { matchLabels?: Record<string, string> };
}

/** Every Service with a warm floor (min-scale ≥ 1) has a PodDisruptionBudget selecting its pods. */
export const disruptionBudgetsCheck: PolicyCheck = {
  name: 'disruption-budgets',
  description: 'every Service with min-scale ≥ 1 has a PodDisruptionBudget selecting its pods',
  run(objects) {
    const protectedServices = new Set(
      objects
        .filter((o) => o.kind === 'PodDisruptionBudget')
        .map((o) => o.spec as BudgetSpec)
        .filter((spec) => spec.minAvailable !== undefined && spec.minAvailable !== 0)
        .map((spec) => spec.selector?.matchLabels?.[serviceLabel]),
    );
    return objects
      .filter(isKnativeService)
      .filter((service) => minScaleOf(revisionTemplate(service)) >= 1 && !protectedServices.has(service.metadata?.name))
      .map((service) => ({
        check: this.name,
        object: describeObject(service),
        message: 'min-scale ≥ 1 but no PodDisruptionBudget selects its pods',
      }));
  },
};
