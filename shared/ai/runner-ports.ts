import type { Agents, Passage } from './agents.ts';
import type { NodePlacer } from './placement.ts';
import type { AiPorts } from './ports.ts';

/** Port: knowledge retrieval over the workspace's documents and the global base, already screened. */
export interface Retrieval {
  /** The best passages for a question; [] when the knowledge cannot be reached (the job goes on without). */
  passages: (workspaceId: string, question: string) => Promise<Passage[]>;
}

/** What the job runner needs on top of the AI ports. */
export type RunnerPorts = AiPorts & {
  agents: Agents;
  retrieval: Retrieval;
  /** Places new nodes (existing ones keep their positions). */
  place: NodePlacer;
  /** How long one agent call may take. */
  agentTimeoutMs: number;
};
