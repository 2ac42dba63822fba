import type { FlowVersion } from '../flows/index.ts';
import type { AgentContext, ImageReadResult, PlanResult } from './agents.ts';
import type { AgentCalls } from './agent-calls.ts';
import { jobFailures } from './job-failure.ts';
import { isEmptyFlow } from './offline/index.ts';
import { buildProposal } from './proposal-builder.ts';
import type { AiJob, JobResult } from './records.ts';
import type { JobPorts } from './runner-ports.ts';
import { sketchSteps } from './sketch.ts';
import type { StepWriter } from './step-writer.ts';

/** What the architect is asked when the user sent the image without a word. */
const defaultMessage = 'Draw the flow the sketch shows.';

/**
 * An `ai.image` job after retrieval: the reader lists the screens the image shows, the image is
 * removed (read once; nothing keeps it after), the screens become the plan's steps (screened like
 * any user text), and the architect builds them into a proposal validated like any other — a whole
 * journey on an empty flow, an edit otherwise. A reader that sees no flow asks back.
 * @throws IMAGE_NOT_FOUND (the job outlived its image); IMAGE_FLAGGED; the errors of buildProposal.
 */
export const readSketch = async (
  ports: JobPorts,
  job: AiJob,
  work: { version: FlowVersion; context: AgentContext; calls: AgentCalls; steps: StepWriter },
): Promise<JobResult> => {
  const { version, calls, steps } = work;
  const context = { ...work.context, message: work.context.message.trim() || defaultMessage };
  const image = await ports.images.find(job.id);
  if (!image) throw jobFailures.imageGone();
  let seen: ImageReadResult;
  try {
    seen = await calls.call((signal) =>
      ports.agents.readImage({ ...context, signal, image: { mediaType: image.mediaType, bytes: image.bytes } }),
    );
  } finally {
    await ports.images.remove(job.id);
  }
  if (seen.clarifyingQuestion !== undefined) {
    await steps.step('reading', { clarifying: true });
    return { kind: 'answer', answer: seen.clarifyingQuestion, citations: [], clarifying: true };
  }
  const plan: PlanResult = { model: seen.model, promptId: seen.promptId, usage: [], steps: sketchSteps(seen.screens) };
  await steps.step('reading', { screens: seen.screens.map((screen) => screen.title) });
  return buildProposal(ports, job, {
    version,
    context,
    previous: null,
    calls,
    steps,
    plan,
    mode: isEmptyFlow(version.document) ? 'generate' : 'edit',
  });
};
