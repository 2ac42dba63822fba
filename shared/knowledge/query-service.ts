import { withCredits } from '../billing/index.ts';
import { knowledgeErrors } from './errors.ts';
import { extractiveAnswer } from './extractive-answer.ts';
import type { KnowledgePorts } from './ports.ts';
import { createRetrievalService, type SearchHit, type SearchRequest, type Screened } from './retrieval-service.ts';

/** Writes an answer grounded only in numbered passages, citing them as `[n]`. */
export interface AnswerWriter {
  /** `generated` for a language model, `extractive` for sentences taken from the passages. */
  mode: 'generated' | 'extractive';
  /** Null when the passages do not answer the question. */
  write: (question: string, passages: readonly { citation: number; title: string; text: string }[]) => Promise<string | null>;
}

/** The writer used when no language model is configured: the passages' own best sentences. */
export const extractiveWriter: AnswerWriter = {
  mode: 'extractive',
  write: async (question, passages) => extractiveAnswer(question, passages),
};

export interface QueryAnswer {
  answer: string | null;
  answerMode: AnswerWriter['mode'];
  citations: { citation: number; hit: SearchHit }[];
  screened: Screened[];
  /** Whether credits were charged (not when nothing was found to answer from). */
  charged: boolean;
}

/** Passages handed to the writer: the best few, enough to answer, few enough to cite. */
const maxPassages = 5;

/**
 * Answers a question from the retrieved chunks, citing each. The question is screened first: a
 * flagged one is refused (422) before any credit is touched. Retrieval is free; the answer costs
 * `knowledge.query`, reserved before writing, committed when written, released when writing fails
 * or nothing was found (no answer, no charge).
 * @throws QUESTION_FLAGGED (422); INSUFFICIENT_CREDITS (402); KNOWLEDGE_UNAVAILABLE (503).
 */
export const createQueryService = (ports: KnowledgePorts, writer: AnswerWriter) => ({
  query: async (request: SearchRequest, who: { actor: string; idempotencyKey: string }): Promise<QueryAnswer> => {
    const { hits, screened, questionFlagged } = await createRetrievalService(ports).search(request);
    if (questionFlagged) throw knowledgeErrors.questionFlagged(screened.find((item) => item.kind === 'question')?.rules ?? []);
    const citations = hits.slice(0, maxPassages).map((hit, index) => ({ citation: index + 1, hit }));
    const empty: QueryAnswer = { answer: null, answerMode: writer.mode, citations: [], screened, charged: false };
    if (citations.length === 0) return empty;
    const { plan } = await ports.plans.limitsOf(request.workspaceId);
    const request_ = {
      workspaceId: request.workspaceId,
      operation: 'knowledge.query' as const,
      idempotencyKey: who.idempotencyKey,
      actor: who.actor,
      plan,
      upgradeUrl: ports.upgradeUrl(request.workspaceId),
    };
    // Release when the writer finds nothing to say: throw inside the gate, catch outside.
    const nothing = new Error('no answer');
    try {
      const answer = await withCredits(ports.ledger, request_, {
        run: async () => {
          const written = await writer.write(
            request.question,
            citations.map(({ citation, hit }) => ({ citation, title: hit.chunk.title, text: hit.chunk.text })),
          );
          if (written === null) throw nothing;
          return written;
        },
        // A repeated key: write again (the answer is not stored); the credits were charged once.
        replay: async () =>
          (await writer.write(
            request.question,
            citations.map(({ citation, hit }) => ({ citation, title: hit.chunk.title, text: hit.chunk.text })),
          )) ?? '',
      });
      // Only the passages the answer cites are its citations.
      const cited = citations.filter(({ citation }) => answer.includes(`[${citation}]`));
      return { answer, answerMode: writer.mode, citations: cited, screened, charged: true };
    } catch (error) {
      if (error === nothing) return empty;
      throw error;
    }
  },
});
