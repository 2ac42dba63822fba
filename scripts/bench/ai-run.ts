import { findBuiltInTemplate, type FlowDocument, type LayoutEngine } from '../../shared/flows/index.ts';
import type { AgentContext, Agents, ProposedOperation } from '../../shared/ai/index.ts';
import { createOfflineAgents } from '../../shared/ai/offline/index.ts';
import { layoutHierarchical } from '../../shared/infra/layout/dagre-layout.ts';
import { layoutForce } from '../../shared/infra/layout/force-layout.ts';
import { editFailures } from './ai-edit-check.ts';
import {
  checkProposal,
  type EditCase,
  type Journey,
  readEdits,
  readJourneys,
  referenceAlignment,
  round,
  screenRecall,
} from './ai-figures.ts';

/*
 * One run of the AI fixtures through the agents' port (plan, then build, as the job runner calls
 * them), scored by ai-figures.ts: shared by `npm run bench:ai` and the unit test of its targets.
 */

export const layout: LayoutEngine = { hierarchical: layoutHierarchical, force: layoutForce };

/** The flow `POST /v1/workspaces/{id}/ai/flows` starts from: a start joined to an end. */
export const blankFlow = (): FlowDocument => ({
  metadata: { schemaVersion: '2.0', flowName: 'New journey', version: '1.0.0', tags: [], personas: [] },
  nodes: [
    { id: 'start', type: 'start', title: 'Start', position: { x: 0, y: 0 } },
    { id: 'end', type: 'end', title: 'End', position: { x: 0, y: 200 } },
  ],
  edges: [{ id: 'start-end', source: 'start', target: 'end', trigger: 'onLoad' }],
  frames: [],
});

const context = (flow: FlowDocument, message: string, focus: readonly string[], id: string): AgentContext => ({
  message,
  messageId: id,
  flow,
  focusNodeIds: focus,
  passages: [],
  quality: 'standard',
});

/** One proposal through the agents' port, timed: plan, then build (or the clarifying question). */
export const propose = async (
  agents: Agents,
  flow: FlowDocument,
  message: string,
  mode: 'edit' | 'generate',
  focus: readonly string[] = [],
): Promise<{ ms: number } & ({ question: string } | { operations: ProposedOperation[]; steps: string[] })> => {
  const started = performance.now();
  const base = context(flow, message, focus, `msg_${Math.random().toString(36).slice(2)}`);
  const plan = await agents.plan({ ...base, mode });
  if (plan.clarifyingQuestion !== undefined) return { ms: performance.now() - started, question: plan.clarifyingQuestion };
  const built = await agents.build({ ...base, steps: plan.steps });
  return { ms: performance.now() - started, operations: built.operations, steps: plan.steps };
};

export const benchJourneys = async (agents: Agents, journeys: readonly Journey[], place?: LayoutEngine) =>
  Promise.all(
    journeys.map(async (journey) => {
      const result = await propose(agents, blankFlow(), journey.description, 'generate');
      const heldOut = journey.heldOut === true;
      if ('question' in result)
        return {
          id: journey.id,
          heldOut,
          ms: result.ms,
          valid: false,
          warnings: [],
          recall: 0,
          missed: journey.expectedScreens,
          alignment: null,
          problems: [result.question],
        };
      const checked = checkProposal(blankFlow(), result.operations, place);
      const doc = checked.document ?? blankFlow();
      const { recall, missed } = screenRecall(journey, doc);
      const alignment = journey.reference ? referenceAlignment(journey.reference, doc) : null;
      return {
        id: journey.id,
        heldOut,
        ms: result.ms,
        valid: checked.problems.length === 0,
        warnings: checked.newWarnings,
        recall,
        missed,
        alignment,
        problems: checked.problems,
      };
    }),
  );

export const benchEdits = async (agents: Agents, edits: readonly EditCase[], place?: LayoutEngine) =>
  Promise.all(
    edits.map(async (edit) => {
      const base = findBuiltInTemplate(edit.template)?.document;
      if (base === undefined) throw new Error(`${edit.id}: no template ${edit.template}`);
      const result = await propose(agents, base, edit.instruction, 'edit', edit.focus ?? []);
      const heldOut = edit.heldOut === true;
      if ('question' in result)
        return {
          id: edit.id,
          heldOut,
          ms: result.ms,
          valid: true,
          warnings: [],
          failures: editFailures(base, edit.expect, { question: result.question }),
          problems: [],
        };
      const checked = checkProposal(base, result.operations, place);
      const failures = checked.document ? editFailures(base, edit.expect, { document: checked.document }) : ['did not apply'];
      return {
        id: edit.id,
        heldOut,
        ms: result.ms,
        valid: checked.problems.length === 0,
        warnings: checked.newWarnings,
        failures,
        problems: checked.problems,
      };
    }),
  );

const share = (flags: readonly boolean[]) => round(flags.filter(Boolean).length / Math.max(1, flags.length));
const mean = (values: readonly number[]) => round(values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length));

/** The figures of one run (the unit test asserts the targets on the same figures, without the layout pass). */
export const aiFigures = async (agents: Agents = createOfflineAgents(), options: { layout?: boolean } = {}) => {
  const place = options.layout === false ? undefined : layout;
  const journeys = await benchJourneys(agents, readJourneys(), place);
  const edits = await benchEdits(agents, readEdits(), place);
  const aligned = journeys.flatMap((found) => (found.alignment ? [found.alignment] : []));
  return {
    journeys,
    edits,
    figures: {
      journeys: journeys.length,
      reference_flows: aligned.length,
      edits: edits.length,
      valid_share: share([...journeys, ...edits].map((found) => found.valid)),
      without_new_warnings_share: share([...journeys, ...edits].map((found) => found.warnings.length === 0)),
      screen_recall: mean(journeys.map((found) => found.recall)),
      edits_exact: share(edits.map((found) => found.failures.length === 0)),
      // The held-out cases were written after the planner was tuned on the others: the figure for text it has not seen.
      held_out_journeys: journeys.filter((found) => found.heldOut).length,
      held_out_screen_recall: mean(journeys.filter((found) => found.heldOut).map((found) => found.recall)),
      held_out_edits: edits.filter((found) => found.heldOut).length,
      held_out_edits_exact: share(edits.filter((found) => found.heldOut).map((found) => found.failures.length === 0)),
      reference_node_alignment: mean(aligned.map((found) => found.nodes)),
      reference_path_alignment: mean(aligned.map((found) => found.paths)),
      reference_alignment: mean(aligned.map((found) => found.alignment)),
    },
  };
};
