import type { FunctionDefinition } from '../../../shared/platform/definition/define.ts';
import { eventPublisher } from '../../../shared/infra/broker/broker-publisher.ts';
import { cluster } from './cluster.ts';

const usesBroker = (definition: FunctionDefinition) => definition.uses.some((resource) => resource === eventPublisher);

/** What the Functions Framework needs to find the function in the image, plus the broker's address. */
const environment = (definition: FunctionDefinition) => [
  { name: 'APP_ENV', value: 'production' },
  ...(usesBroker(definition) ? [{ name: 'BROKER_URL', value: cluster.brokerUrl }] : []),
  { name: 'FUNCTION_SIGNATURE_TYPE', value: definition.kind === 'http' ? 'http' : 'cloudevent' },
  { name: 'FUNCTION_SOURCE', value: `dist/functions/${definition.name}.js` },
  { name: 'FUNCTION_TARGET', value: definition.name },
];

/** The one container of a function's revision: shared image, hardened, sized by the definition. */
export const functionContainer = (definition: FunctionDefinition) => ({
  name: cluster.containerName,
  image: cluster.image,
  env: environment(definition),
  envFrom: [{ secretRef: { name: cluster.runtimeSecret } }],
  resources: {
    requests: { cpu: definition.resources.requests.cpu, memory: definition.resources.requests.memory },
    limits: { cpu: definition.resources.limits.cpu, memory: definition.resources.limits.memory },
  },
  securityContext: {
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  },
});
