import { DomainError, isDomainError, type ErrorKind } from '../kernel/index.ts';
import type { JobError } from './records.ts';

const failure = (kind: ErrorKind, code: string, detail: string, extensions?: Record<string, unknown>) =>
  new DomainError(kind, code, { detail, ...(extensions ? { extensions } : {}) });

/** Why a job stops (the code and text of its `failed` entry). */
export const jobFailures = {
  expired: () => failure('unavailable', 'JOB_EXPIRED', 'The job waited too long to start; its credits were released.'),
  timeout: () => failure('unavailable', 'AI_TIMEOUT', 'The language model did not answer in time.'),
  unavailable: (detail: string) => failure('unavailable', 'AI_UNAVAILABLE', `The language model provider is not available: ${detail}`),
  invalidOutput: (detail: string) =>
    failure('unprocessable', 'AI_INVALID_OUTPUT', `The language model's answer could not be used: ${detail}`),
  noAnswer: () => failure('unprocessable', 'NO_ANSWER', 'Nothing in the knowledge answers this question.'),
  proposalInvalid: (errors: unknown[]) =>
    failure('unprocessable', 'PROPOSAL_INVALID', 'The proposal still broke the flow rules or the UX lint after two repairs.', { errors }),
  imageFlagged: (rules: string[]) =>
    failure('unprocessable', 'IMAGE_FLAGGED', 'Text in the image reads as instructions to a model; nothing was charged.', { rules }),
  imageGone: () => failure('not_found', 'IMAGE_NOT_FOUND', 'The image of the job is gone (it is kept only for the job’s lifetime).'),
  messageUnavailable: () =>
    failure('not_found', 'MESSAGE_UNAVAILABLE', 'The message of the job is unavailable: its author’s account was erased.'),
  proposalGone: () => failure('not_found', 'PROPOSAL_NOT_FOUND', 'The proposal to refine is gone.'),
};

/** The `failed` entry's error for anything a job throws; an unknown error says nothing of its insides. */
export const jobErrorOf = (error: unknown): JobError => {
  if (isDomainError(error)) {
    const details = Object.keys(error.extensions).length > 0 ? { details: error.extensions } : {};
    return { code: error.code, message: error.detail ?? error.code, ...details };
  }
  return { code: 'JOB_CRASHED', message: 'The job failed unexpectedly; its credits were released.' };
};
