import { Container, type IContainer } from 'kubernetes-models/v1/Container';
import type { NamedFunction } from '../../../shared/platform/definition/identity.ts';
import { loaderFile } from '../../build/function-command.ts';
import { eventPublisher } from '../../../shared/infra/broker/broker-publisher.ts';
import { cluster } from './cluster.ts';
import { livenessProbe, readinessProbe } from './probes.ts';
import { secretFileEnvironment, secretFileMounts } from './secret-files.ts';
import { toPlain } from './to-plain.ts';
import { validated } from './validated.ts';

const usesBroker = (definition: NamedFunction) => definition.uses.some((resource) => resource === eventPublisher);

/** What the Functions Framework needs to find the function in the image, plus the broker's address. */
export const functionEnvironment = (definition: NamedFunction) => [
  { name: 'APP_ENV', value: 'production' },
  ...(usesBroker(definition) ? [{ name: 'BROKER_URL', value: cluster.brokerUrl }] : []),
  { name: 'FUNCTION_SIGNATURE_TYPE', value: definition.kind === 'http' ? 'http' : 'cloudevent' },
  { name: 'FUNCTION_SOURCE', value: loaderFile(definition.name) },
  { name: 'FUNCTION_TARGET', value: definition.name },
];

/** No privilege, no writable root, no Linux capabilities: the image needs none of them. */
export const hardenedSecurityContext = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: 'RuntimeDefault' },
} as const;

/**
 * The one container of a function's revision: shared image, hardened, sized by the definition,
 * probed over TCP. Validated against the core Container schema as well, which is stricter than
 * the Knative CRD's (that one leaves the pod spec open).
 */
export const functionContainer = (definition: NamedFunction): IContainer =>
  toPlain<IContainer>(
    validated(
      new Container({
        name: cluster.containerName,
        image: cluster.image,
        ports: [{ name: 'http1', containerPort: cluster.containerPort }],
        // Only here: the OpenFaaS stack shares functionEnvironment but mounts no runtime Secret.
        // After the common ones: the overlays patch `env/0` (APP_ENV) by position.
        env: [...functionEnvironment(definition), ...secretFileEnvironment(definition)],
        envFrom: [{ secretRef: { name: cluster.runtimeSecret } }],
        // The secrets that rotate without a redeploy are read from files as well (secret-files.ts).
        ...(secretFileMounts(definition).length > 0 ? { volumeMounts: secretFileMounts(definition) } : {}),
        resources: {
          requests: { cpu: definition.resources.requests.cpu, memory: definition.resources.requests.memory },
          limits: { cpu: definition.resources.limits.cpu, memory: definition.resources.limits.memory },
        },
        readinessProbe: readinessProbe(),
        livenessProbe: livenessProbe(),
        securityContext: { ...hardenedSecurityContext, capabilities: { drop: [...hardenedSecurityContext.capabilities.drop] } },
      }),
      `Container of ${definition.name}`,
    ),
  );
