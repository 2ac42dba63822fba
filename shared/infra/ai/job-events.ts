import { jobRequestedEventType, type JobEvents } from '../../ai/index.ts';
import type { EventPublisher } from '../../platform/events/publisher.ts';

/** `job.requested` through the broker; the id given makes a re-publication recognisable. */
export const createJobEvents = (publisher: EventPublisher): JobEvents => ({
  publish: async (job, eventId) => {
    await publisher.publish({
      type: jobRequestedEventType,
      subject: job.id,
      id: eventId,
      data: { workspaceId: job.workspaceId, flowId: job.flowId, jobId: job.id },
      traceparent: job.traceparent,
    });
  },
});
