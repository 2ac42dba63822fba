import { PingSource } from '@kubernetes-models/knative/sources.knative.dev/v1/PingSource';
import type { CronFunctionDefinition } from '../../../shared/platform/definition/define.ts';
import { cronJobExtension } from '../../../shared/platform/events/catalog.ts';
import { cluster, serviceRef } from './cluster.ts';
import { assertDnsLabel } from './knative-admission.ts';
import { functionLabels } from './labels.ts';
import { validated } from './validated.ts';

/**
 * The schedule of a cron function, sunk straight into its Service. A PingSource always emits
 * `dev.knative.sources.ping`; the `job` extension tells the function the tick is its own. The tick
 * carries an explicit empty JSON body: the Functions Framework answers 500 to a POST with neither a
 * body nor a content type, which is what a PingSource without `data` sends.
 */
export const buildPingSource = (definition: CronFunctionDefinition): PingSource => {
  assertDnsLabel('PingSource', definition.name);
  return validated(
    new PingSource({
      metadata: { name: definition.name, namespace: cluster.namespace, labels: functionLabels(definition) },
      spec: {
        schedule: definition.schedule,
        timezone: 'UTC',
        contentType: 'application/json',
        data: '{}',
        ceOverrides: { extensions: { [cronJobExtension]: definition.name } },
        sink: { ref: serviceRef(definition.name) },
      },
    }),
    'PingSource',
  );
};
