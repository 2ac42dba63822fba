import { publishDueJobs } from '../../ai/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { eventPublisher } from '../broker/broker-publisher.ts';
import { createAiJobImageStore } from '../mongodb/ai-image-store.ts';
import { createAiJobStore } from '../mongodb/ai-job-stores.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createJobEvents } from './job-events.ts';

/** The AI system service: the jobs outbox over `ai_jobs` and the broker, and the sweep of images whose job's lifetime is over. */
export const aiSystem = defineResource({
  name: 'ai-system',
  config: defineConfig({ name: 'ai-system', shape: {}, devDefaults: {} }),
  requires: [mongo, eventPublisher],
  create: (_config, { use }) => {
    const ports = { jobs: createAiJobStore(use(mongo).db), events: createJobEvents(use(eventPublisher)), clock: { now: () => new Date() } };
    const images = createAiJobImageStore(use(mongo).db);
    return {
      publishDueJobs: (limit: number) => publishDueJobs(ports, limit),
      sweepJobImages: async () => images.removeExpired(ports.clock.now()),
    };
  },
});
