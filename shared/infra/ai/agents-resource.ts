import { classifyByRules, createOfflineAgents, type Agents, type RulesClassifier } from '../../ai/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';

/** The agents a function thinks with, the rules classifier, and what they can read. */
export interface AgentsChoice {
  agents: Agents;
  rules: RulesClassifier;
  /** `models` when a provider is configured, else `offline`. */
  kind: 'models' | 'offline';
  /** Whether sketches and screenshots can be read (`ai.image`). */
  readsImages: boolean;
}

/**
 * The agents: model agents when a provider is configured, else the offline planner (docs/ai.md).
 * One per instance: the offline planner keeps each plan for the build call that follows it.
 */
export const aiAgents = defineResource({
  name: 'ai-agents',
  config: defineConfig({ name: 'ai-agents', shape: {}, devDefaults: {} }),
  create: (): AgentsChoice => ({ agents: createOfflineAgents(), rules: classifyByRules, kind: 'offline', readsImages: false }),
});
