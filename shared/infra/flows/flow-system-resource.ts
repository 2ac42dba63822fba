import { createFlowSystemService } from '../../flows/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createFlowRetentionStore } from '../mongodb/flow-retention-store.ts';
import { createFlowVersionStore } from '../mongodb/flow-version-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { flowPorts } from './flows-resource.ts';

/** The flow system service (crons, event consumers) over the flow services' ports, the version outbox and retention. */
export const flowSystem = defineResource({
  name: 'flow-system',
  config: defineConfig({ name: 'flow-system', shape: {}, devDefaults: {} }),
  requires: [flowPorts, mongo],
  create: (_config, { use }) => {
    const ports = use(flowPorts);
    const { db } = use(mongo);
    const versions = createFlowVersionStore(db);
    return createFlowSystemService({
      ...ports,
      outbox: {
        unpublished: versions.unpublished,
        markPublished: (version) => versions.markPublished(version.flowId, version.versionNumber, ports.clock.now()),
      },
      retention: createFlowRetentionStore(db),
    });
  },
});
