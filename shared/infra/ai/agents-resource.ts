import { DomainError } from '../../kernel/index.ts';
import type { Agents, RulesClassifier } from '../../ai/index.ts';
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

const notYet = async (): Promise<never> => {
  throw new DomainError('unavailable', 'AI_UNAVAILABLE', { detail: 'No planner is available.' });
};

/** Stand-in until the offline planner is wired: every agent call fails as a provider that is down would. */
const unavailableAgents: Agents = { classify: notYet, answer: notYet, plan: notYet, build: notYet, review: notYet };

/** The agents: model agents when a provider is configured, else the offline planner (docs/ai.md). */
export const aiAgents = defineResource({
  name: 'ai-agents',
  config: defineConfig({ name: 'ai-agents', shape: {}, devDefaults: {} }),
  create: (): AgentsChoice => ({ agents: unavailableAgents, rules: () => null, kind: 'offline', readsImages: false }),
});
