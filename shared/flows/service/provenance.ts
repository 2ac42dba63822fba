import { z } from 'zod';
import type { FlowOperation } from '../operation-schema.ts';
import { operationTargets } from '../operation-targets.ts';
import type { FlowCaller } from './ports.ts';

/** Why one operation of a proposal is there, with the ids it names (what blame matches elements against). */
const rationaleSchema = z.object({ index: z.number().int().min(0), ids: z.array(z.string()), text: z.string() });
export type OperationRationale = z.infer<typeof rationaleSchema>;

/**
 * Who or what made a version. `userId` is always the person behind it (an API key's creator, the
 * member who applied a proposal), the same as the version's `authorId`.
 */
export const versionProvenanceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), userId: z.string() }),
  z.object({ kind: z.literal('apiKey'), userId: z.string(), keyId: z.string() }),
  z.object({
    kind: z.literal('proposal'),
    userId: z.string(),
    proposalId: z.string(),
    model: z.string(),
    promptId: z.string(),
    /** The conversation message the proposal answers. */
    messageId: z.string(),
    /** The operations that came with a rationale, in batch order. */
    rationales: z.array(rationaleSchema),
  }),
]);
export type VersionProvenance = z.infer<typeof versionProvenanceSchema>;
export type ProvenanceKind = VersionProvenance['kind'];
export const provenanceKinds = ['user', 'apiKey', 'proposal'] as const satisfies readonly ProvenanceKind[];

/** What the AI job runner says about a batch it applies on a user's behalf. */
export interface ProposalVia {
  kind: 'proposal';
  proposalId: string;
  model: string;
  promptId: string;
  messageId: string;
  /** The operation's index in the batch → its one-line rationale. Indexes outside the batch are ignored. */
  rationales?: Record<number, string>;
}

/** Rationales are one line: whitespace is folded and long ones cut, so a model cannot bloat every version. */
export const maxRationaleLength = 300;
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim().slice(0, maxRationaleLength);

const rationalesOf = (operations: readonly FlowOperation[], given: Record<number, string> = {}): OperationRationale[] =>
  operations.flatMap((op, index) => {
    const text = Object.hasOwn(given, index) ? oneLine(given[index] ?? '') : '';
    return text === '' ? [] : [{ index, ids: operationTargets(op), text }];
  });

/**
 * The author fields of a version made by `caller`: the user, or the API key they came with, or the
 * proposal `via` names (which takes precedence: the key or session only carried the apply).
 */
export const madeBy = (
  caller: FlowCaller,
  via?: { proposal: ProposalVia; operations: readonly FlowOperation[] },
): { authorId: string; provenance: VersionProvenance } => {
  const userId = caller.userId;
  if (via) {
    const { proposalId, model, promptId, messageId, rationales } = via.proposal;
    return {
      authorId: userId,
      provenance: {
        kind: 'proposal',
        userId,
        proposalId,
        model,
        promptId,
        messageId,
        rationales: rationalesOf(via.operations, rationales),
      },
    };
  }
  if (caller.apiKeyId) return { authorId: userId, provenance: { kind: 'apiKey', userId, keyId: caller.apiKeyId } };
  return { authorId: userId, provenance: { kind: 'user', userId } };
};

/**
 * The provenance of a stored version. Versions written before provenance was recorded have none:
 * they read as made by their author, which is what they were then (no key or proposal could write).
 */
export const readProvenance = (stored: unknown, authorId: string): VersionProvenance =>
  stored === undefined || stored === null ? { kind: 'user', userId: authorId } : versionProvenanceSchema.parse(stored);

/** The first rationale of the batch that names `id`, or null (blame: why the element looks as it does). */
export const rationaleFor = (provenance: VersionProvenance, id: string): string | null =>
  provenance.kind === 'proposal' ? (provenance.rationales.find((found) => found.ids.includes(id))?.text ?? null) : null;
