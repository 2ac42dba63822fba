import type { Retrieval, RunnerPorts } from '../../ai/index.ts';
import { placeNewNodes } from '../../flows/index.ts';
import { createRetrievalService, type KnowledgePorts } from '../../knowledge/index.ts';
import { defineConfig } from '../../platform/config/fragment.ts';
import { defineResource } from '../../platform/resource.ts';
import { knowledgePorts } from '../knowledge/knowledge-resource.ts';
import { aiAgents } from './agents-resource.ts';
import { aiPorts } from './ai-ports-resource.ts';

/** Passages handed to the agents: enough to ground an answer, few enough to cite and keep prompts small. */
const passageCount = 5;
/** One agent call's limit; the job's own lifetime bounds all of them together. */
export const agentTimeoutMs = 120_000;

/**
 * Knowledge retrieval for jobs: the workspace's documents and the global base, screened. When the
 * knowledge cannot be reached the job goes on without passages (a question then finds no answer).
 */
export const createJobRetrieval = (ports: KnowledgePorts, onError: (error: unknown) => void): Retrieval => ({
  passages: async (workspaceId, question) => {
    try {
      const { hits } = await createRetrievalService(ports).search({
        workspaceId,
        question: question.slice(0, 2000),
        scope: 'both',
        k: passageCount,
      });
      return hits.map(({ chunk }) => ({ title: chunk.title, text: chunk.text, documentId: chunk.documentId, chunkId: chunk.id }));
    } catch (error) {
      onError(error);
      return [];
    }
  },
});

/** The job runner's ports: the AI ports, the agents, knowledge retrieval and the node placer. */
export const jobRunnerPorts = defineResource({
  name: 'ai-job-runner',
  config: defineConfig({ name: 'ai-job-runner', shape: {}, devDefaults: {} }),
  requires: [aiPorts, knowledgePorts, aiAgents],
  create: (_config, { use, log }): RunnerPorts => ({
    ...use(aiPorts),
    agents: use(aiAgents).agents,
    retrieval: createJobRetrieval(use(knowledgePorts), (error) =>
      log.warn({ err: error }, 'knowledge retrieval failed; the job goes on without'),
    ),
    place: (base, next) => placeNewNodes(base, next),
    agentTimeoutMs,
  }),
});
