import { createFlowReadService } from '../flows/index.ts';
import type { AiQuality } from './agents.ts';
import { imageKindOf } from './image-request.ts';
import {
  holdCredits,
  recordJob,
  releaseHeld,
  requireClean,
  requirePermission,
  type AdmissionPorts,
  type Requester,
} from './job-admission.ts';
import { jobLifetimeMs } from './job-status.ts';
import type { AiJob } from './records.ts';
import { aiRequestErrors } from './request-errors.ts';

export interface ImageRequest {
  /** The upload's bytes (PNG or JPEG, at most 5 MB: checked here by its signature). */
  bytes: Uint8Array;
  /** What the user says about it (may be empty). */
  message: string;
  quality: AiQuality;
}

const mediaTypes = { png: 'image/png', jpeg: 'image/jpeg' } as const;

/**
 * Accepting a sketch or screenshot (`ai.image`): the bytes checked, the flow and `flows:update`,
 * then whether a model reads images at the quality asked (422 PROVIDER_REQUIRED otherwise: the
 * offline planner does not). The credits are held under the new job's id; the image is stored for
 * the job's lifetime only (`JobImageStore`), before the job so that the runner always finds it.
 * A failure on the way releases the credits and removes the image: nothing half-written.
 */
export const createImageRequestService = (ports: AdmissionPorts, deps: { readsImages: (quality: AiQuality) => boolean }) => ({
  /** @throws UNSUPPORTED_IMAGE_FORMAT (400); IMAGE_TOO_LARGE (413); FLOW_NOT_FOUND (404); PERMISSION_DENIED; MESSAGE_FLAGGED, PROVIDER_REQUIRED (422); the 402s of holdCredits. */
  readImage: async (who: Requester, flowId: string, request: ImageRequest): Promise<AiJob> => {
    const kind = imageKindOf(request.bytes);
    // The flow and the permissions first: a stranger learns nothing about what is configured.
    const { version } = await createFlowReadService(ports.flows).get(who.caller, flowId);
    await requirePermission(who.caller, version.workspaceId, 'ai:use');
    await requirePermission(who.caller, version.workspaceId, 'flows:update');
    requireClean(request.message);
    if (!deps.readsImages(request.quality)) throw aiRequestErrors.providerRequired('ai.image');
    const held = await holdCredits(ports, who, version.workspaceId, { operation: 'ai.image', quality: request.quality });
    const createdAt = ports.clock.now();
    try {
      await ports.images.insert({
        jobId: held.jobId,
        workspaceId: version.workspaceId,
        userId: who.caller.userId,
        mediaType: mediaTypes[kind],
        bytes: request.bytes,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + jobLifetimeMs),
      });
    } catch (error) {
      await releaseHeld(ports, who, held);
      throw error;
    }
    try {
      return await recordJob(ports, who, held, {
        version,
        operation: 'ai.image',
        quality: request.quality,
        kind: 'image',
        text: request.message,
        focusNodeIds: [],
        intentSource: 'endpoint',
        proposalId: null,
      });
    } catch (error) {
      // recordJob released the credits.
      await ports.images.remove(held.jobId).catch(() => undefined);
      throw error;
    }
  },
});
