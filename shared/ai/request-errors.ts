import { DomainError, type ErrorKind } from '../kernel/index.ts';
import type { Plan } from '../workspaces/index.ts';

const fail = (kind: ErrorKind, code: string, detail: string, extensions?: Record<string, unknown>, cause?: unknown) =>
  new DomainError(kind, code, { detail, ...(extensions ? { extensions } : {}), ...(cause === undefined ? {} : { cause }) });

/** Every error the AI endpoints answer with; codes are stable, texts are for people. */
export const aiRequestErrors = {
  jobNotFound: () => fail('not_found', 'JOB_NOT_FOUND', 'No such job.'),
  proposalNotFound: () => fail('not_found', 'PROPOSAL_NOT_FOUND', 'No such proposal.'),
  messageFlagged: (rules: string[]) =>
    fail('unprocessable', 'MESSAGE_FLAGGED', 'The message reads as instructions to a model rather than a request about the flow.', {
      rules,
    }),
  proQualityNotInPlan: (figures: { plan: Plan; upgradeUrl: string }) =>
    fail(
      'payment_required',
      'PRO_QUALITY_NOT_IN_PLAN',
      `Pro quality needs the pro or enterprise plan (this workspace is on ${figures.plan}).`,
      {
        ...figures,
      },
    ),
  focusNotFound: (nodeIds: string[]) =>
    fail('unprocessable', 'FOCUS_NODES_NOT_FOUND', 'Some focused nodes are not in the flow.', { nodeIds }),
  noOpenProposal: () => fail('conflict', 'NO_OPEN_PROPOSAL', 'There is no open proposal on this flow to refine.'),
  proposalExpired: (expiresAt: Date) =>
    fail('conflict', 'PROPOSAL_EXPIRED', 'The proposal expired; ask again for a new one.', { expiresAt: expiresAt.toISOString() }),
  proposalSuperseded: () => fail('conflict', 'PROPOSAL_SUPERSEDED', 'A newer proposal replaced this one.'),
  proposalClosed: (state: 'applied' | 'discarded') => fail('conflict', 'PROPOSAL_CLOSED', `The proposal was ${state} already.`, { state }),
  idempotencyKeyReused: () =>
    fail('conflict', 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was sent before with another request; use a new key for new work.'),
  proposalApplying: () =>
    fail(
      'conflict',
      'PROPOSAL_APPLYING',
      'An apply of this proposal has not finished; apply it again with the same If-Match to finish it.',
    ),
  proposalStale: (errors: unknown[]) =>
    fail('conflict', 'PROPOSAL_STALE', 'The flow changed since the proposal and its operations no longer validate against it.', { errors }),
  unknownOperations: (operationIds: string[]) =>
    fail('unprocessable', 'UNKNOWN_OPERATIONS', 'Some operation ids are not in the proposal.', { operationIds }),
  selectionNotClosed: (missing: { operationId: string; needs: string[] }[]) =>
    fail('unprocessable', 'SELECTION_NOT_CLOSED', 'Some selected operations need operations that are not selected.', { missing }),
  providerRequired: (operation: string) =>
    fail('unprocessable', 'PROVIDER_REQUIRED', `${operation} needs a language model provider; none is configured.`, { operation }),
  unsupportedImage: () => fail('invalid', 'UNSUPPORTED_IMAGE_FORMAT', 'Send a PNG or JPEG image.'),
  imageTooLarge: (limit: number) => fail('too_large', 'IMAGE_TOO_LARGE', `An image may be at most ${limit} bytes.`, { limit }),
};
