import { createOpsSystemService } from '../../ops/system-service.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createHeartbeatStore } from '../mongodb/heartbeat-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';

/** The ops system service over MongoDB (`ops_heartbeats`). */
export const opsSystem = defineResource({
  name: 'ops-system',
  config: defineConfig({ name: 'ops-system', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use }) => createOpsSystemService({ heartbeats: createHeartbeatStore(use(mongo).db) }),
});
