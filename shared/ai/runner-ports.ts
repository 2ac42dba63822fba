import type { Agents, Passage } from './agents.ts';
import type { NodePlacer } from './placement.ts';
import type { AiPorts } from './ports.ts';

/** Port: knowledge retrieval over the workspace's documents and the global base, already screened. */
export interface Retrieval {
  /** The best passages for a question; [] when the knowledge cannot be reached (the job goes on without). */
  passages: (workspaceId: string, question: string) => Promise<Passage[]>;
}

/** The agents for one piece of work: their model calls are billed (FinOps) to that workspace and job. */
export type AgentsFor = (attribution: { workspaceId: string; jobId?: string }) => Agents;

/** What the job runner needs on top of the AI ports. */
export type RunnerPorts = AiPorts & {
  agents: AgentsFor;
  retrieval: Retrieval;
  /** Places new nodes (existing ones keep their positions). */
  place: NodePlacer;
  /** How long one agent call may take. */
  agentTimeoutMs: number;
};

/** The runner's ports for one job: its agents resolved. */
export type JobPorts = Omit<RunnerPorts, 'agents'> & { agents: Agents };
