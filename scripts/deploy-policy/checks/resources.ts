import { revisionTemplate } from '../pod-template.ts';
import { describeObject, isKnativeService, type PolicyCheck } from '../types.ts';

const quantities = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory'] as const;

/** No container without CPU and memory requests and limits (FinOps and the namespace quota need both). */
export const resourcesCheck: PolicyCheck = {
  name: 'resources',
  description: 'no container without CPU and memory requests and limits',
  run(objects) {
    return objects.filter(isKnativeService).flatMap((service) =>
      revisionTemplate(service).containers.flatMap((container) =>
        quantities
          .filter((quantity) => {
            const [kind, resource] = quantity.split('.') as ['requests' | 'limits', 'cpu' | 'memory'];
            return !container.resources?.[kind]?.[resource];
          })
          .map((quantity) => ({
            check: this.name,
            object: describeObject(service),
            message: `container ${container.name} has no ${quantity}`,
          })),
      ),
    );
  },
};
