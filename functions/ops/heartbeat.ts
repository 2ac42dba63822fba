import { eventPublisher } from '../../shared/infra/broker/broker-publisher.ts';
import { defineCronFunction } from '../../shared/platform/definition/index.ts';

export default defineCronFunction({
  description: 'Every five minutes, publishes a heartbeat event: proof that schedules and the broker deliver.',
  schedule: '*/5 * * * *',
  uses: [eventPublisher],
  costTags: { team: 'platform', costCenter: 'cc-platform', tier: 'batch' },
  privacy: { personalData: 'none' },
  handler: async (tick, { use, log }) => {
    // The tick id doubles as the event id: a retried tick publishes the same event, which consumers dedupe.
    const { id } = await use(eventPublisher).publish({
      id: `heartbeat-${tick.id}`,
      type: 'com.uxflow.ops.heartbeat.v1',
      subject: tick.job,
      data: { job: tick.job, firedAt: new Date(tick.time).toISOString(), tickId: tick.id },
    });
    log.info({ eventId: id }, 'heartbeat published');
  },
});
