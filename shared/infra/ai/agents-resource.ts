import {
  classifyByRules,
  createModelAgents,
  createOfflineAgents,
  type Agents,
  type AgentsFor,
  type AiQuality,
  type LanguageModels,
  type ModelAgent,
  type RulesClassifier,
} from '../../ai/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { languageModels } from './language-models-resource.ts';

/** The agents a function thinks with, the rules classifier, and what they can read. */
export interface AgentsChoice {
  /** The agents for one piece of work (their model calls are billed to its workspace and job). */
  agents: AgentsFor;
  rules: RulesClassifier;
  /** `models` when a provider is configured for any agent, else `offline`. */
  kind: 'models' | 'offline';
  /** Whether sketches and screenshots can be read (`ai.image`) at a quality: a model is configured for the `reader` agent. */
  readsImages: (quality: AiQuality) => boolean;
}

/**
 * Per method, the model agent when a model is configured for that agent and the call's quality,
 * else the offline planner's: with no provider at all every call is offline, and a deployment may
 * configure, say, only the answerer.
 */
export const combinedAgents = (models: LanguageModels, offline: Agents, model: Agents): Agents => {
  const on = (agent: ModelAgent, quality: Parameters<LanguageModels['isConfigured']>[1]) => models.isConfigured(agent, quality);
  return {
    classify: (context) => (on('classifier', context.quality) ? model : offline).classify(context),
    answer: (context) => (on('answerer', context.quality) ? model : offline).answer(context),
    plan: (context) => (on('planner', context.quality) ? model : offline).plan(context),
    build: (context) => (on('architect', context.quality) ? model : offline).build(context),
    review: (context) => (on('reviewer', context.quality) ? model : offline).review(context),
    readImage: (context) => (on('reader', context.quality) ? model : offline).readImage(context),
  };
};

const agentNames = ['classifier', 'answerer', 'planner', 'architect', 'reviewer', 'reader'] as const satisfies readonly ModelAgent[];

/**
 * The agents (docs/ai.md): model agents where a provider is configured, the offline planner
 * elsewhere. One offline planner per instance: it keeps each plan for the build call that follows.
 */
export const aiAgents = defineResource({
  name: 'ai-agents',
  config: defineConfig({ name: 'ai-agents', shape: {}, devDefaults: {} }),
  requires: [languageModels],
  create: (_config, { use }): AgentsChoice => {
    const models = use(languageModels);
    const offline = createOfflineAgents();
    const anyModel = agentNames.some((agent) => models.isConfigured(agent, 'standard') || models.isConfigured(agent, 'pro'));
    return {
      agents: (attribution) => (anyModel ? combinedAgents(models, offline, createModelAgents(models, attribution)) : offline),
      rules: classifyByRules,
      kind: anyModel ? 'models' : 'offline',
      readsImages: (quality) => models.isConfigured('reader', quality),
    };
  },
});
