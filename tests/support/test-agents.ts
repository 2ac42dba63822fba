import { DomainError } from '../../shared/kernel/index.ts';
import type { AgentContext, Agents, OperationError, ProposedOperation, ReviewFinding, SeenScreen } from '../../shared/ai/index.ts';
import type { FlowOperation } from '../../shared/flows/index.ts';

/** What a scripted architect builds: operations, or a function of the round (0, then each repair's errors). */
export type Script = FlowOperation[] | ((round: number, errors: readonly OperationError[], context: AgentContext) => FlowOperation[]);

const provenance = { model: 'test-model', promptId: 'test-prompt@1', usage: [] };

/**
 * An implementation of our own Agents port for tests: a planner with fixed steps, an architect
 * that returns scripted operations (each with a rationale), an answer citing the first passage.
 * Counts its calls, so a test can tell whether a job ran.
 */
export const scriptedAgents = (
  script: Script = [],
  options: { steps?: string[]; answer?: string | null; findings?: ReviewFinding[]; screens?: SeenScreen[] } = {},
) => {
  const calls = { classify: 0, answer: 0, plan: 0, build: 0, review: 0, readImage: 0 };
  const built: { round: number; errors: readonly OperationError[] }[] = [];
  const agents: Agents = {
    classify: async () => {
      calls.classify++;
      return { ...provenance, intent: 'ai.chat', reason: 'scripted' };
    },
    answer: async (context) => {
      calls.answer++;
      const answer =
        options.answer === undefined ? (context.passages.length > 0 ? 'It depends on the flow [1].' : 'No passages.') : options.answer;
      return { ...provenance, answer };
    },
    plan: async () => {
      calls.plan++;
      return { ...provenance, steps: options.steps ?? ['Carry out the request'] };
    },
    build: async (context) => {
      calls.build++;
      const round = context.attempt ? built.length : 0;
      const errors = context.attempt?.errors ?? [];
      built.push({ round, errors });
      const operations = typeof script === 'function' ? script(round, errors, context) : script;
      const proposed: ProposedOperation[] = operations.map((operation, index) => ({
        id: `op${index + 1}`,
        operation,
        rationale: `step ${index + 1}`,
      }));
      return { ...provenance, operations: proposed };
    },
    review: async () => {
      calls.review++;
      return { ...provenance, findings: options.findings ?? [], summary: 'Reviewed.' };
    },
    readImage: async () => {
      calls.readImage++;
      return { ...provenance, screens: options.screens ?? [{ title: 'Welcome', kind: 'screen', elements: [], leadsTo: [] }] };
    },
  };
  return { agents, calls, built };
};

const fail = (make: () => unknown) => async (): Promise<never> => {
  throw make();
};

/** Agents whose every call fails as a provider that is down does. */
export const downAgents = (): Agents => {
  const down = fail(() => new DomainError('unavailable', 'AI_UNAVAILABLE', { detail: 'provider down' }));
  return { classify: down, answer: down, plan: down, build: down, review: down, readImage: down };
};

/** Agents that never answer (and ignore the abort signal). */
export const silentAgents = (): Agents => {
  const never = () => new Promise<never>(() => undefined);
  return { classify: never, answer: never, plan: never, build: never, review: never, readImage: never };
};

/** Agents whose answers do not parse. */
export const garbledAgents = (): Agents => {
  const garbled = fail(() => new DomainError('invalid', 'AI_OUTPUT_INVALID', { detail: 'not JSON' }));
  return { classify: garbled, answer: garbled, plan: garbled, build: garbled, review: garbled, readImage: garbled };
};
