import { opsSystem } from '../../shared/infra/ops/ops-system-resource.ts';
import { defineEventFunction } from '../../shared/platform/definition/index.ts';

export default defineEventFunction({
  description: 'Stores each heartbeat event once (deduplicated on the event id).',
  events: ['com.uxflow.ops.heartbeat.v1'],
  uses: [opsSystem],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'batch' },
  privacy: { personalData: 'none' },
  handler: async (event, { use, log }) => {
    const stored = await use(opsSystem).recordHeartbeat(event.id, event.data);
    log.info({ eventId: event.id, isDuplicate: !stored }, 'heartbeat recorded');
  },
});
