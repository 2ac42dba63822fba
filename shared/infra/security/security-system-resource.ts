import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { createSecuritySystemService } from '../../security/index.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createSecurityEventStore } from '../mongodb/security-event-store.ts';

/** The security system service over `security_events`. */
export const securitySystem = defineResource({
  name: 'security-system',
  config: defineConfig({ name: 'security-system', shape: {}, devDefaults: {} }),
  requires: [mongo],
  create: (_config, { use }) => {
    const store = createSecurityEventStore(use(mongo).db);
    return createSecuritySystemService({
      outbox: { unpublished: store.unpublished, markPublished: (event) => store.markPublished(event.id, new Date()) },
    });
  },
});
