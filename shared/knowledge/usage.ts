import { isWithinLimit, type Plan, type PlanLimits } from '../workspaces/index.ts';
import { knowledgeErrors } from './errors.ts';
import type { UsageStore } from './ports.ts';

/**
 * One change of a workspace's knowledge usage, carrying the running totals. Entries are only ever
 * inserted: unique on (workspaceId, seq), so two uploads racing for the last free slot cannot both
 * win, and on (workspaceId, key), so a retried upload or delete counts once.
 */
export interface UsageEntry {
  workspaceId: string;
  seq: number;
  /** `add:<documentId>` or `remove:<documentId>`. */
  key: string;
  documentId: string;
  /** +1/−1 document and ± its characters. */
  documents: number;
  characters: number;
  /** Totals after this entry. */
  totalDocuments: number;
  totalCharacters: number;
  at: Date;
}

export interface UsagePorts {
  usage: UsageStore;
  clock: { now: () => Date };
  sleep: (ms: number) => Promise<void>;
}

const maxAttempts = 50;

/** Inserts the entry `build` makes from the latest; retries a lost race; a used key returns its entry. */
const append = async (
  ports: UsagePorts,
  workspaceId: string,
  key: string,
  build: (
    latest: UsageEntry | null,
  ) => Omit<UsageEntry, 'workspaceId' | 'seq' | 'key' | 'at' | 'totalDocuments' | 'totalCharacters'> | null,
): Promise<UsageEntry | null> => {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const earlier = await ports.usage.findByKey(workspaceId, key);
    if (earlier) return earlier;
    const latest = await ports.usage.latest(workspaceId);
    const change = build(latest);
    if (change === null) return null;
    const entry: UsageEntry = {
      ...change,
      workspaceId,
      key,
      seq: (latest?.seq ?? 0) + 1,
      totalDocuments: (latest?.totalDocuments ?? 0) + change.documents,
      totalCharacters: (latest?.totalCharacters ?? 0) + change.characters,
      at: ports.clock.now(),
    };
    const outcome = await ports.usage.append(entry);
    if (outcome === 'appended') return entry;
    await ports.sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
  }
  throw knowledgeErrors.busy();
};

/**
 * Counts a new document against the plan's knowledge limits. Idempotent per document.
 * @throws DOCUMENT_LIMIT_REACHED / CHARACTER_LIMIT_REACHED (402); KNOWLEDGE_BUSY (503).
 */
export const admitDocument = async (
  ports: UsagePorts,
  document: { workspaceId: string; id: string; characters: number },
  planned: { plan: Plan; limits: PlanLimits; upgradeUrl: string },
): Promise<void> => {
  const { limits, plan, upgradeUrl } = planned;
  await append(ports, document.workspaceId, `add:${document.id}`, (latest) => {
    const documents = latest?.totalDocuments ?? 0;
    const characters = latest?.totalCharacters ?? 0;
    if (!isWithinLimit(limits.knowledgeDocuments, documents)) {
      throw knowledgeErrors.limit('DOCUMENT_LIMIT_REACHED', {
        plan,
        limit: limits.knowledgeDocuments,
        current: documents,
        adding: 1,
        upgradeUrl,
      });
    }
    if (!isWithinLimit(limits.knowledgeCharacters, characters, document.characters)) {
      throw knowledgeErrors.limit('CHARACTER_LIMIT_REACHED', {
        plan,
        limit: limits.knowledgeCharacters,
        current: characters,
        adding: document.characters,
        upgradeUrl,
      });
    }
    return { documentId: document.id, documents: 1, characters: document.characters };
  });
};

/** Gives a document's share back (deleted, or refused later). Once per document; nothing when it was never counted. */
export const releaseDocument = async (ports: UsagePorts, workspaceId: string, documentId: string): Promise<void> => {
  const added = await ports.usage.findByKey(workspaceId, `add:${documentId}`);
  if (!added) return;
  await append(ports, workspaceId, `remove:${documentId}`, () => ({ documentId, documents: -1, characters: -added.characters }));
};

/** The workspace's current totals. */
export const usageOf = async (usage: UsageStore, workspaceId: string): Promise<{ documents: number; characters: number }> => {
  const latest = await usage.latest(workspaceId);
  return { documents: latest?.totalDocuments ?? 0, characters: latest?.totalCharacters ?? 0 };
};
