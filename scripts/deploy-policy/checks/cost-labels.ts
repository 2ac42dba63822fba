import { revisionTemplate } from '../pod-template.ts';
import { describeObject, isKnativeService, type PolicyCheck, type Violation } from '../types.ts';

const baseLabels = ['team', 'cost-center', 'service'] as const;

/**
 * Every Service carries the cost labels with non-empty values on its own metadata (they reach
 * Routes) and on its revision template (they reach pods): `team`, `cost-center`, `service`
 * (equal to the Service's name), and `env` once an overlay has set it.
 */
export const costLabelsCheck: PolicyCheck = {
  name: 'cost-labels',
  description: 'every Service carries team, cost-center, env and service labels with non-empty values, on metadata and template',
  run(objects, context) {
    const required = context.environment === 'base' ? baseLabels : [...baseLabels, 'env'];
    return objects.filter(isKnativeService).flatMap((service) => {
      const places = { metadata: service.metadata?.labels ?? {}, template: revisionTemplate(service).labels };
      const violations: Violation[] = [];
      for (const [place, labels] of Object.entries(places)) {
        for (const label of required) {
          if (!labels[label]?.trim())
            violations.push({ check: this.name, object: describeObject(service), message: `${place} label ${label} is missing or empty` });
        }
        if (labels.service && labels.service !== service.metadata?.name) {
          violations.push({
            check: this.name,
            object: describeObject(service),
            message: `${place} label service is ${labels.service}, not the Service's name`,
          });
        }
      }
      return violations;
    });
  },
};
