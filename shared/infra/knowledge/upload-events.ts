import { documentUploadedEventType, type UploadEvents } from '../../knowledge/index.ts';
import type { EventPublisher } from '../../platform/events/publisher.ts';

/** The upload event through the broker; the id given makes a re-publication recognisable. */
export const createUploadEvents = (publisher: EventPublisher): UploadEvents => ({
  publish: async (document, eventId) => {
    await publisher.publish({
      type: documentUploadedEventType,
      subject: document.id,
      id: eventId,
      data: { workspaceId: document.workspaceId, documentId: document.id },
      traceparent: document.traceparent,
    });
  },
});
