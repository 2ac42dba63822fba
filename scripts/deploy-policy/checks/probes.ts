import { revisionTemplate } from '../pod-template.ts';
import { describeObject, isKnativeService, type PolicyCheck } from '../types.ts';

/** Every container of every Service has a readiness and a liveness probe. */
export const probesCheck: PolicyCheck = {
  name: 'probes',
  description: 'every Service container has a readiness and a liveness probe',
  run(objects) {
    return objects.filter(isKnativeService).flatMap((service) =>
      revisionTemplate(service).containers.flatMap((container) =>
        (['readinessProbe', 'livenessProbe'] as const)
          .filter((probe) => container[probe] === undefined)
          .map((probe) => ({
            check: this.name,
            object: describeObject(service),
            message: `container ${container.name} has no ${probe}`,
          })),
      ),
    );
  },
};
