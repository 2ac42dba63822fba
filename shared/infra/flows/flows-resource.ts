import type { FlowsPorts } from '../../flows/index.ts';
import { newId } from '../../kernel/index.ts';
import { defineResource } from '../../platform/resource.ts';
import { effectivePlan, planLimits } from '../../workspaces/index.ts';
import { createFlowHeadStore } from '../mongodb/flow-head-store.ts';
import { createFlowSlotStore } from '../mongodb/flow-slot-store.ts';
import { createFlowSnapshotStore } from '../mongodb/flow-snapshot-store.ts';
import { createFlowTemplateStore } from '../mongodb/flow-template-store.ts';
import { createFlowVersionStore } from '../mongodb/flow-version-store.ts';
import { mongo } from '../mongodb/mongo-resource.ts';
import { createWorkspaceStore } from '../mongodb/workspace-store.ts';
import { upstashScripts } from '../upstash/upstash-scripts.ts';
import { webAppConfig } from '../web-app-config.ts';
import { createFlowCache } from './flow-cache.ts';

/**
 * The flow services' ports wired to MongoDB (versions, heads, slots, snapshots, templates) and the Redis
 * cache. Each function builds only the service it calls, so its bundle holds only that code
 * (the layout engine, the templates, the SVG drawing… stay out of the functions that never use them).
 */
export const flowPorts = defineResource({
  name: 'flow-ports',
  config: webAppConfig,
  requires: [mongo, upstashScripts],
  create: (config, { use }) => {
    const { db } = use(mongo);
    const workspaces = createWorkspaceStore(db);
    const ports: FlowsPorts = {
      versions: createFlowVersionStore(db),
      heads: createFlowHeadStore(db),
      slots: createFlowSlotStore(db),
      cache: createFlowCache(use(upstashScripts)),
      snapshots: createFlowSnapshotStore(db),
      templates: createFlowTemplateStore(db),
      // The plan is the workspace document's, which billing keeps in step with the subscription.
      plans: {
        limitsOf: async (workspaceId) => {
          const workspace = await workspaces.findActive(workspaceId);
          const plan = workspace ? effectivePlan(workspace, new Date()) : 'free';
          return { plan, limits: planLimits[plan] };
        },
      },
      clock: { now: () => new Date() },
      newId,
      appUrl: config.WEB_APP_URL,
    };
    return ports;
  },
});
